namespace CourseKit.Cli.Apps;

/// <summary>
/// `coursekit export NOTEBOOK... --to app --out DIR [--check]`: one file-based app per notebook. With --check nothing is
/// written: the command fails, naming each app that is missing or differs from what the notebooks give now.
/// </summary>
internal static class ExportAppCommand
{
    public static int Execute(ExportAppOptions options, string currentDirectory, TextWriter stdout)
    {
        if (RepoLocator.Find(currentDirectory) is not { } root)
        {
            stdout.WriteLine($"error: {RepoLocator.NotFoundMessage(currentDirectory)}");
            return 1;
        }
        var outFolder = Path.GetFullPath(options.OutDir, currentDirectory);
        var stale = new List<string>();
        foreach (var input in options.Notebooks.Select(n => Path.GetFullPath(n, currentDirectory)))
        {
            string app;
            try
            {
                app = NotebookApp.Write(Ipynb.Load(input), input, outFolder, root);
            }
            catch (Exception e) when (e is IpynbFormatException or FormatException or IOException)
            {
                stdout.WriteLine($"error: {e.Message}");
                return 1;
            }
            var path = Path.Combine(outFolder, Path.GetFileNameWithoutExtension(input) + ".cs");
            if (options.Check)
            {
                if (!File.Exists(path) || File.ReadAllText(path) != app)
                {
                    stale.Add(path);
                }
                continue;
            }
            Directory.CreateDirectory(outFolder);
            File.WriteAllText(path, app);
            stdout.WriteLine($"{Path.GetRelativePath(currentDirectory, input)} → {Path.GetRelativePath(currentDirectory, path)}");
        }
        if (stale.Count > 0)
        {
            stdout.WriteLine($"error: {stale.Count} app(s) do not match their notebooks: {string.Join(", ", stale.Select(Path.GetFileName))}. " +
                             "Export them again: coursekit export notebooks/*.ipynb --to app --out notebooks/apps");
            return 1;
        }
        if (options.Check)
        {
            stdout.WriteLine($"{options.Notebooks.Count} app(s) match their notebooks");
        }
        return 0;
    }
}
