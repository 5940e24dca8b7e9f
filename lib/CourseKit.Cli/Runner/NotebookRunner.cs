using System.Diagnostics;
using System.Globalization;
using CourseKit.Worker;

namespace CourseKit.Cli.Runner;

/// <summary>
/// Runs one notebook in a notebook worker, one cell at a time, and writes NAME.ipynb (executed) and NAME.log (the
/// worker's standard error and the runner's notes) into the output folder. Every cell keeps the outputs it produced,
/// whatever happens later: a time limit, a crash or <c>Environment.Exit</c> in cell 9 leaves cells 1 to 8 intact,
/// marks cell 9 with what stopped it and the cells after it as not run. Problems with the notebook are reported in
/// the result, never thrown.
/// </summary>
public static class NotebookRunner
{
    /// <summary>
    /// Runs <paramref name="notebookPath"/> in a worker of its own, working directory = the notebook's folder
    /// (relative <c>#r</c> paths resolve against it), under a time limit for the whole notebook.
    /// </summary>
    /// <exception cref="FileNotFoundException">The worker is not published (run <c>coursekit setup</c>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired; the worker was killed.</exception>
    public static Task<NotebookRunResult> RunAsync(
        string notebookPath, string outDir, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        RunAsync(notebookPath, outDir, new RunLimits(timeout), cancellationToken);

    /// <summary>As <see cref="RunAsync(string, string, TimeSpan, CancellationToken)"/>, with a time limit per cell too.</summary>
    public static async Task<NotebookRunResult> RunAsync(
        string notebookPath, string outDir, RunLimits limits, CancellationToken cancellationToken = default)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!;
        await using var pool = await WorkerPool.CreateAsync(new WorkerStart(NotebookWorker.Locate(), folder), warm: 0, cancellationToken);
        return await RunAsync(notebookPath, outDir, limits, pool, null, cancellationToken);
    }

    /// <summary>
    /// Runs a notebook in a worker from <paramref name="pool"/>, reporting each cell as it starts. The worker runs in
    /// <paramref name="workingFolder"/>, by default the notebook's own folder.
    /// </summary>
    internal static async Task<NotebookRunResult> RunAsync(
        string notebookPath,
        string outDir,
        RunLimits limits,
        WorkerPool pool,
        Action<CellProgress>? progress,
        CancellationToken cancellationToken,
        string? workingFolder = null,
        ICellHooks? hooks = null)
    {
        var clock = Stopwatch.StartNew();
        var input = Path.GetFullPath(notebookPath);
        var name = Path.GetFileNameWithoutExtension(input);
        var outFolder = Path.GetFullPath(outDir);
        var executedPath = Path.Combine(outFolder, name + ".ipynb");
        var logPath = Path.Combine(outFolder, name + ".log");

        Ipynb notebook;
        try
        {
            notebook = Ipynb.Load(input);
        }
        catch (IpynbFormatException e)
        {
            return NotebookRunResult.Invalid(name, input, clock.Elapsed.TotalSeconds, e.Message);
        }
        if (string.Equals(input, executedPath, StringComparison.Ordinal))
        {
            return NotebookRunResult.Invalid(name, input, clock.Elapsed.TotalSeconds,
                $"{input}: the executed notebook would overwrite it; choose another output folder");
        }

        Directory.CreateDirectory(outFolder);
        // A stale executed notebook from an earlier run must not pass for this run's result.
        File.Delete(executedPath);
        var executed = new ExecutedNotebook(notebook, limits.MaxCellOutputChars);
        RunEnd end;
        await using (var log = new StreamWriter(logPath, append: false) { AutoFlush = true })
        {
            var capped = TextWriter.Synchronized(new CappedWriter(log, limits.MaxLogChars));
            capped.WriteLine($"# {input}");
            end = await RunCellsAsync(notebook, executed, workingFolder ?? Path.GetDirectoryName(input)!, limits, pool, capped,
                cell => progress?.Invoke(new CellProgress(name, cell.Index, cell.Count, cell.Number)), hooks, cancellationToken);
            capped.WriteLine($"# {end.Note} after {Seconds(clock.Elapsed.TotalSeconds)} s");
        }
        executed.Notebook.Save(executedPath);

        var errors = executed.Notebook.FindErrors();
        if (end.StartError is { } startError)
        {
            errors = [new NotebookError(null, "WorkerFailure", startError), .. errors];
        }
        var status = end.Stop switch
        {
            CellStatus.TimedOut => NotebookStatus.TimedOut,
            CellStatus.MemoryLimit => NotebookStatus.MemoryExceeded,
            _ when errors.Count > 0 => NotebookStatus.Failed,
            _ => NotebookStatus.Passed,
        };
        return new NotebookRunResult(name, input, status, clock.Elapsed.TotalSeconds, errors, executedPath, logPath,
            executed.Notebook, executed.Times());
    }

    // The cell loop: returns what ended the run (null Stop: it ran to the end).
    private static async Task<RunEnd> RunCellsAsync(
        Ipynb notebook,
        ExecutedNotebook executed,
        string folder,
        RunLimits limits,
        WorkerPool pool,
        TextWriter log,
        Action<(int Index, int Count, int Number)> progress,
        ICellHooks? hooks,
        CancellationToken cancellationToken)
    {
        var codeCells = notebook.Cells.Where(c => c.CellType == "code").ToList();
        var deadline = limits.Notebook is { } total ? Stopwatch.GetTimestamp() + (long)(total.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        var (worker, startError) = await pool.AcquireAsync(folder, cancellationToken);
        if (worker is null)
        {
            log.WriteLine($"# {startError}");
            return new RunEnd(CellStatus.Stopped, "the worker did not start", startError);
        }
        worker.LogTo(log);
        log.WriteLine($"# worker process {worker.Id}, ready after {Seconds(worker.Started.Elapsed.TotalSeconds)} s");
        var stop = (CellStatus?)null;
        var note = "finished";
        try
        {
            for (var i = 0; i < codeCells.Count; i++)
            {
                var cell = codeCells[i];
                progress((i + 1, codeCells.Count, cell.Number));
                if (string.IsNullOrWhiteSpace(cell.Source))
                {
                    executed.Finish(cell.Number, CellStatus.Ok, 0);
                    continue;
                }
                if (CellSupport.Problem(cell.Language, cell.Source) is { } problem)
                {
                    executed.Fail(cell.Number, CellStatus.Error, "UnsupportedCell", problem, 0);
                    continue;
                }
                if (hooks is not null && await hooks.BeforeAsync(cell, worker, cancellationToken) is { } skipped)
                {
                    if (skipped.ErrorName is { } errorName)
                    {
                        executed.Fail(cell.Number, skipped.Status, errorName, skipped.Message ?? "", 0);
                    }
                    else
                    {
                        executed.Finish(cell.Number, skipped.Status, 0);
                    }
                    if (worker.HasExited)
                    {
                        (stop, note) = (CellStatus.Stopped, $"the worker stopped before cell {cell.Number}");
                        break;
                    }
                    continue;
                }
                var (status, message) = await RunCellAsync(worker, executed, cell.Number, cell.Source, limits, deadline, cancellationToken);
                if (status is CellStatus.Ok or CellStatus.Error)
                {
                    if (hooks is not null)
                    {
                        await hooks.AfterAsync(cell, worker, cancellationToken);
                    }
                    continue;
                }
                stop = status;
                note = $"stopped at cell {cell.Number}";
                log.WriteLine(status switch
                {
                    CellStatus.TimedOut => $"# killed: timed out in cell {cell.Number}: {message}",
                    CellStatus.MemoryLimit => $"# killed: over the memory limit of {limits.MemoryMegabytes} MB in cell {cell.Number}",
                    _ => $"# cell {cell.Number}: {message}",
                });
                break;
            }
        }
        catch (OperationCanceledException)
        {
            worker.Kill("the run was cancelled");
            log.WriteLine("# killed: the run was cancelled");
            await pool.ReturnAsync(worker, reusable: false);
            throw;
        }
        if (stop is null && hooks is not null)
        {
            await hooks.FinishedAsync(worker, cancellationToken);
        }
        await pool.ReturnAsync(worker, reusable: stop is null && !worker.HasExited);
        return new RunEnd(stop, note, null);
    }

    // Sends one cell and collects its events until it is done, a limit is hit or the worker stops.
    private static async Task<(CellStatus Status, string? Message)> RunCellAsync(
        WorkerProcess worker, ExecutedNotebook executed, int number, string code, RunLimits limits, long deadline,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        executed.Start(number);
        var cellLimit = limits.Cell ?? Timeout.InfiniteTimeSpan;
        var sent = await worker.SendRunAsync(number, code);
        while (sent)
        {
            var notebookLeft = deadline == long.MaxValue
                ? Timeout.InfiniteTimeSpan
                : TimeSpan.FromSeconds(Math.Max(0, (deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency));
            var cellLeft = cellLimit == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : cellLimit - started.Elapsed;
            var (wait, which) = Shorter(cellLeft, notebookLeft);
            WorkerEvent? e;
            using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                if (wait != Timeout.InfiniteTimeSpan)
                {
                    limit.CancelAfter(wait < TimeSpan.Zero ? TimeSpan.Zero : wait);
                }
                try
                {
                    e = await worker.ReadAsync(limit.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    worker.Kill($"cell {number} hit the {which} time limit");
                    var message = which == "cell"
                        ? $"this cell ran longer than the time limit per cell, {Seconds(cellLimit.TotalSeconds)} s (--cell-timeout); the worker was stopped"
                        : $"the notebook ran longer than its time limit, {Seconds(limits.Notebook!.Value.TotalSeconds)} s (--timeout); the worker was stopped in this cell";
                    executed.Fail(number, CellStatus.TimedOut, "Timeout", message, started.Elapsed.TotalSeconds);
                    return (CellStatus.TimedOut, message);
                }
            }
            if (e is null)
            {
                break;
            }
            if (e.Cell != number)
            {
                continue;   // only the running cell's events count
            }
            switch (e.Kind)
            {
                case WorkerProtocol.Output:
                    executed.Add(number, e.Output!, e.DisplayId);
                    break;
                case WorkerProtocol.Update:
                    executed.Update(number, e.DisplayId!, e.Output!);
                    break;
                case WorkerProtocol.Done:
                    executed.Finish(number, e.Ok ? CellStatus.Ok : CellStatus.Error, e.Seconds);
                    return (e.Ok ? CellStatus.Ok : CellStatus.Error, null);
            }
        }
        // The worker stopped while this cell ran.
        var (status, reason) = await WhyStoppedAsync(worker, limits);
        executed.Fail(number, status, status == CellStatus.MemoryLimit ? "MemoryLimit" : "WorkerStopped", reason, started.Elapsed.TotalSeconds);
        return (status, reason.Split('\n')[0]);
    }

    // What a worker that stopped in the middle of a cell tells about it: the memory limit, a broken protocol, or
    // its exit code and the runtime's last words (a stack overflow or an unhandled exception end with SIGABRT).
    private static async Task<(CellStatus, string)> WhyStoppedAsync(WorkerProcess worker, RunLimits limits)
    {
        var exit = await worker.WaitForExitAsync();
        if (worker.MemoryExceeded)
        {
            return (CellStatus.MemoryLimit,
                $"the notebook went over its memory limit of {limits.MemoryMegabytes?.ToString(CultureInfo.InvariantCulture) ?? "?"} MB; the worker was stopped in this cell");
        }
        if (worker.ProtocolError is { } protocol)
        {
            return (CellStatus.Stopped, $"the notebook worker sent something that is not the runner's protocol ({protocol}) and was stopped");
        }
        var crash = worker.CrashReport;
        var what = exit switch
        {
            134 when crash?.StartsWith("Stack overflow", StringComparison.Ordinal) == true => "crashed with a stack overflow",
            134 when crash?.StartsWith("Unhandled exception", StringComparison.Ordinal) == true
                => $"crashed: {crash} (an exception on another thread ends the process)",
            134 when crash is not null => $"crashed: {crash}",
            134 => "crashed (SIGABRT)",
            137 => "was killed (SIGKILL)",
            null => "stopped",
            _ => $"exited with code {exit} (Environment.Exit, or a crash)",
        };
        return (CellStatus.Stopped, $"the kernel process {what} while this cell ran; later cells did not run" + worker.StandardErrorSummary());
    }

    private static (TimeSpan Wait, string Which) Shorter(TimeSpan cellLeft, TimeSpan notebookLeft)
    {
        if (cellLeft == Timeout.InfiniteTimeSpan)
        {
            return (notebookLeft, "notebook");
        }
        if (notebookLeft == Timeout.InfiniteTimeSpan || cellLeft <= notebookLeft)
        {
            return (cellLeft, "cell");
        }
        return (notebookLeft, "notebook");
    }

    private static string Seconds(double seconds) => seconds.ToString("0.#", CultureInfo.InvariantCulture);

    private sealed record RunEnd(CellStatus? Stop, string Note, string? StartError);
}
