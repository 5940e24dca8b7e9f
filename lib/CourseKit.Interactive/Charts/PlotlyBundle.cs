namespace CourseKit.Interactive.Charts;

/// <summary>The plotly.js that Plotly.NET carries as a resource: what pages, reports and notebook sessions draw charts with, offline.</summary>
public static class PlotlyBundle
{
    // Static initializers run in order: the name first, the version from it.
    private static string ResourceName { get; } =
        typeof(Plotly.NET.Trace).Assembly.GetManifestResourceNames()
            .Single(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal));

    /// <summary>Its version, for example "2.28.0".</summary>
    public static string Version { get; } = ResourceName["Plotly.NET.plotly-".Length..^".min.js".Length];

    /// <summary>The script itself.</summary>
    public static string Text()
    {
        using var stream = typeof(Plotly.NET.Trace).Assembly.GetManifestResourceStream(ResourceName)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
