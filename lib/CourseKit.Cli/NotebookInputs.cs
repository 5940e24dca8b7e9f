namespace CourseKit.Cli;

/// <summary>Turns the command line's files and folders into the ordered list of notebooks to run.</summary>
internal static class NotebookInputs
{
    /// <summary>
    /// Files are kept as given (a missing one is reported by the runner as invalid); a folder contributes its
    /// top-level *.ipynb sorted by name, so numbered lessons run in order.
    /// </summary>
    public static IReadOnlyList<string> Resolve(IEnumerable<string> inputs, string currentDirectory)
    {
        var notebooks = new List<string>();
        foreach (var input in inputs)
        {
            var full = Path.GetFullPath(input, currentDirectory);
            if (Directory.Exists(full))
            {
                notebooks.AddRange(Directory.GetFiles(full, "*.ipynb", SearchOption.TopDirectoryOnly)
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                notebooks.Add(full);
            }
        }
        return notebooks;
    }

    /// <summary>The first file name shared by two inputs (their outputs would overwrite each other), or null.</summary>
    public static string? DuplicateName(IReadOnlyList<string> notebooks) =>
        notebooks.GroupBy(Path.GetFileNameWithoutExtension, StringComparer.Ordinal)
            .FirstOrDefault(g => g.Count() > 1)?.Key;
}
