namespace CourseKit.Interactive;

/// <summary>Placeholder while the kit is assembled.</summary>
public static class Kit
{
    /// <summary>Loads the kit into a notebook.</summary>
    public static void Setup() { }
}
