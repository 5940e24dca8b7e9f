namespace CourseKit.Cli;

/// <summary>Finds the repository root: the nearest folder, walking up, that holds CourseKit.sln or .config/dotnet-tools.json.</summary>
internal static class RepoLocator
{
    public static string? Find(string startDirectory)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(startDirectory)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CourseKit.sln"))
                || File.Exists(Path.Combine(dir.FullName, ".config", "dotnet-tools.json")))
            {
                return dir.FullName;
            }
        }
        return null;
    }

    public static string NotFoundMessage(string startDirectory) =>
        $"not inside the CourseKit repository (no CourseKit.sln or .config/dotnet-tools.json at or above {startDirectory})";
}
