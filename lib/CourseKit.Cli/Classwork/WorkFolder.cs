namespace CourseKit.Cli.Classwork;

/// <summary>The fresh temp folders that assign and grade run the engine in.</summary>
internal static class WorkFolder
{
    /// <summary>A new, empty folder under the system temp folder, named <paramref name="prefix"/>…</summary>
    public static string Create(string prefix) => Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>Deletes the folder; a killed engine may still hold a file a moment, and a leftover temp folder is harmless.</summary>
    public static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the system's temp cleanup.
        }
    }
}
