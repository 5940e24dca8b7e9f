namespace CourseKit.Cli;

/// <summary>`coursekit run`: setup, then each notebook in its own engine process, then pages, index and summary.</summary>
internal static class RunCommand
{
    public static async Task<int> ExecuteAsync(
        RunCommandOptions options, string currentDirectory, TextWriter stdout, CancellationToken cancellationToken)
    {
        // The repository is needed only for what defaults to it: setup, the notebooks folder, the output folder.
        string? root = null;
        if (!options.NoSetup || options.Inputs.Count == 0 || options.OutDir is null)
        {
            root = RepoLocator.Find(currentDirectory);
            if (root is null)
            {
                stdout.WriteLine($"error: {RepoLocator.NotFoundMessage(currentDirectory)}");
                return 1;
            }
        }
        if (!options.NoSetup && !await KitSetup.RunAsync(root!, stdout, cancellationToken))
        {
            stdout.WriteLine("error: setup failed; no notebook was run");
            return 1;
        }

        var inputs = options.Inputs.Count > 0 ? options.Inputs : [Path.Combine(root!, "notebooks")];
        var notebooks = NotebookInputs.Resolve(inputs, currentDirectory);
        if (notebooks.Count == 0)
        {
            stdout.WriteLine($"error: no notebooks found in {string.Join(", ", inputs)}");
            return 1;
        }
        if (NotebookInputs.DuplicateName(notebooks) is { } duplicate)
        {
            stdout.WriteLine($"error: two notebooks are named '{duplicate}' and would overwrite each other's output; run them into different --out folders");
            return 1;
        }
        try
        {
            DotnetRepl.Locate();
        }
        catch (FileNotFoundException e)
        {
            stdout.WriteLine($"error: {e.Message}");
            return 1;
        }

        var outDir = Path.GetFullPath(options.OutDir ?? Path.Combine(root!, "artifacts", "notebooks"), currentDirectory);
        PlotlyJs.WriteTo(outDir);
        stdout.WriteLine($"Running {RunSummary.Notebooks(notebooks.Count)} into {outDir}");

        var summary = new RunSummary();
        foreach (var notebook in notebooks)
        {
            var result = await NotebookRunner.RunAsync(notebook, outDir, options.Timeout, cancellationToken);
            var html = result.Notebook is { } executed
                ? NotebookHtmlExporter.Export(executed, Path.Combine(outDir, result.Name + ".html"))
                : null;
            summary.Add(result, html);
            stdout.WriteLine(ResultLine(result));
        }

        stdout.WriteLine();
        summary.WriteTable(stdout);
        stdout.WriteLine();
        File.WriteAllText(Path.Combine(outDir, "summary.json"), summary.ToJson() + "\n");
        File.WriteAllText(Path.Combine(outDir, "index.html"), IndexPage.Render(summary));
        stdout.WriteLine(summary.Verdict);
        stdout.WriteLine($"Pages: {Path.Combine(outDir, "index.html")}");
        return summary.Failed == 0 ? 0 : 1;
    }

    /// <summary>"✓ name  4.2 s" or "✗ name  3.1 s  cell 3: first line of the error (+1 more)".</summary>
    internal static string ResultLine(NotebookRunResult result)
    {
        var line = $"{(result.Passed ? "✓" : "✗")} {result.Name}  {RunSummary.Seconds(result.Seconds)} s";
        if (result.FirstError is { } error)
        {
            line += $"  {(result.Status == NotebookStatus.Invalid ? "invalid: " : "")}{error.Headline}";
            if (result.Errors.Count > 1)
            {
                line += $" (+{result.Errors.Count - 1} more)";
            }
        }
        return line;
    }
}
