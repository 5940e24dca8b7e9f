namespace CourseKit.Cli.Classwork;

/// <summary>Writes a file so that a reader sees the old content or the new, never half of it (a run killed mid-write included).</summary>
public static class AtomicFile
{
    /// <summary>Writes a temp file in the same folder, then moves it over <paramref name="path"/> (a rename on one file system).</summary>
    public static void WriteAllText(string path, string text)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }
}
