using CourseKit.Cli.Runner;

namespace CourseKit.Cli;

/// <summary>`coursekit run`: setup, then the notebooks on warm workers, then pages, index and summary.</summary>
internal static class RunCommand
{
    public static async Task<int> ExecuteAsync(
        RunCommandOptions options, string currentDirectory, TextWriter stdout, CancellationToken cancellationToken, bool terminal = false)
    {
        // The repository is needed only for what defaults to it: setup, the notebooks folder, the output folder.
        var root = RepoLocator.Find(currentDirectory);
        if (root is null && (!options.NoSetup || options.Inputs.Count == 0 || options.OutDir is null))
        {
            stdout.WriteLine($"error: {RepoLocator.NotFoundMessage(currentDirectory)}");
            return 1;
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
        string worker;
        try
        {
            worker = root is null ? NotebookWorker.LocatePublished() : NotebookWorker.PathIn(root);
            if (!File.Exists(worker))
            {
                throw new FileNotFoundException($"the notebook worker is not published (looked for {worker}). Run `coursekit setup` in the repository root.");
            }
        }
        catch (FileNotFoundException e)
        {
            stdout.WriteLine($"error: {e.Message}");
            return 1;
        }

        var outDir = Path.GetFullPath(options.OutDir ?? Path.Combine(root!, "artifacts", "notebooks"), currentDirectory);
        PlotlyJs.WriteTo(outDir);
        // The repository `setup` ran in; without one, the repository this tool was built in.
        var mathRoot = root ?? RepoLocator.Find(AppContext.BaseDirectory);
        var math = mathRoot is null ? null : MathAssets.Find(mathRoot);
        if (math is null)
        {
            stdout.WriteLine("⚠ the pages will show formulas as TeX source: the math renderer is not set up " +
                             "(`coursekit setup` fetches it from the npm registry)");
        }
        var jobs = Math.Min(options.Jobs, notebooks.Count);
        stdout.WriteLine($"Running {RunSummary.Notebooks(notebooks.Count)} into {outDir} ({(jobs == 1 ? "one at a time" : $"{jobs} at a time")})");

        var limits = new RunLimits(options.Timeout, options.CellTimeout);
        var results = new (NotebookRunResult Result, string? Html)[notebooks.Count];
        var progress = new RunProgress(stdout, notebooks.Count, terminal);
        await using (var pool = await WorkerPool.CreateAsync(new WorkerStart(worker, Path.GetDirectoryName(notebooks[0])!), jobs, cancellationToken))
        {
            var next = -1;
            async Task Work()
            {
                for (var i = Interlocked.Increment(ref next); i < notebooks.Count; i = Interlocked.Increment(ref next))
                {
                    var index = i + 1;
                    var result = await NotebookRunner.RunAsync(
                        notebooks[i], outDir, limits, pool, cell => progress.Cell(index, cell), cancellationToken);
                    var html = result.Notebook is { } executed
                        ? NotebookHtmlExporter.Export(executed, Path.Combine(outDir, result.Name + ".html"), math)
                        : null;
                    results[i] = (result, html);
                    progress.Finished(index, ResultLine(result));
                }
            }
            await Task.WhenAll(Enumerable.Range(0, jobs).Select(_ => Task.Run(Work, CancellationToken.None)));
        }
        progress.Done();

        var summary = new RunSummary();
        foreach (var (result, html) in results)
        {
            summary.Add(result, html);
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
