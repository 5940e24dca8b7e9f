namespace CourseKit.Tests;

/// <summary>Finds files in the repository's data/ folder from the test output folder.</summary>
internal static class RepoData
{
    public static string File(params string[] parts) => Path.Combine([Root, "data", .. parts]);

    /// <summary>The repository's root folder (where CourseKit.sln is).</summary>
    public static string Root
    {
        get
        {
            string? dir = AppContext.BaseDirectory;
            while (dir is not null && !System.IO.File.Exists(Path.Combine(dir, "CourseKit.sln"))) dir = Path.GetDirectoryName(dir);
            Assert.NotNull(dir);
            return dir!;
        }
    }
}
