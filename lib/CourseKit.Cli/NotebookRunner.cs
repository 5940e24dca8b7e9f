using System.Diagnostics;
using System.Globalization;

namespace CourseKit.Cli;

/// <summary>Runs one notebook headless with the real engine (dotnet-repl), one process per notebook.</summary>
public static class NotebookRunner
{
    /// <summary>
    /// Executes <paramref name="notebookPath"/> with dotnet-repl, working directory = the notebook's folder (relative
    /// `#r` paths resolve against it), and writes NAME.ipynb (executed) and NAME.log (engine output) into <paramref name="outDir"/>.
    /// A malformed input, a failing cell or a time-out is reported in the result, never thrown.
    /// </summary>
    /// <exception cref="FileNotFoundException">dotnet-repl is not restored.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired; the engine was killed.</exception>
    public static Task<NotebookRunResult> RunAsync(
        string notebookPath,
        string outDir,
        TimeSpan timeout,
        CancellationToken cancellationToken = default) =>
        RunAsync(notebookPath, outDir, new ChildLimits(timeout), cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(string, string, TimeSpan, CancellationToken)"/>, under <paramref name="limits"/>:
    /// grading adds a memory limit, an output cap and a sandbox around the engine.
    /// </summary>
    internal static async Task<NotebookRunResult> RunAsync(
        string notebookPath,
        string outDir,
        ChildLimits limits,
        CancellationToken cancellationToken)
    {
        var timeout = limits.Timeout ?? Timeout.InfiniteTimeSpan;
        var clock = Stopwatch.StartNew();
        var input = Path.GetFullPath(notebookPath);
        var name = Path.GetFileNameWithoutExtension(input);
        var outFolder = Path.GetFullPath(outDir);
        var executed = Path.Combine(outFolder, name + ".ipynb");
        var log = Path.Combine(outFolder, name + ".log");

        NotebookRunResult Invalid(string problem) =>
            new(name, input, NotebookStatus.Invalid, clock.Elapsed.TotalSeconds,
                [new NotebookError(null, "InvalidNotebook", problem)], null, null, null, null);

        if (!File.Exists(input))
        {
            return Invalid($"{input}: file not found");
        }
        if (string.Equals(input, executed, StringComparison.Ordinal))
        {
            return Invalid($"{input}: the executed notebook would overwrite it; choose another output folder");
        }
        try
        {
            Ipynb.Load(input);
        }
        catch (IpynbFormatException e)
        {
            return Invalid(e.Message);
        }

        var repl = DotnetRepl.Locate();
        Directory.CreateDirectory(outFolder);
        // A stale executed notebook from an earlier run must not pass for this run's result.
        File.Delete(executed);

        var arguments = new[] { repl, "--run", input, "--exit-after-run", "--output-path", executed };
        ChildOutcome outcome;
        await using (var logWriter = new StreamWriter(log, append: false) { AutoFlush = true })
        {
            await logWriter.WriteLineAsync($"# cwd: {Path.GetDirectoryName(input)}");
            await logWriter.WriteLineAsync($"# {DotnetHost.Path} {string.Join(' ', arguments)}");
            if (limits.Wrapper is { } wrap)
            {
                await logWriter.WriteLineAsync($"# inside: {wrap(new ChildCommand(DotnetHost.Path, arguments, Path.GetDirectoryName(input)!)).FileName} (sandbox)");
            }
            try
            {
                outcome = await ChildProcess.RunAsync(
                    new ChildCommand(DotnetHost.Path, arguments, Path.GetDirectoryName(input)!), logWriter, limits, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await logWriter.WriteLineAsync("# killed: the run was cancelled");
                throw;
            }
            await logWriter.WriteLineAsync(outcome.TimedOut ? $"# killed: timed out after {FormatSeconds(timeout)} s"
                : outcome.MemoryExceeded ? $"# killed: over the memory limit of {limits.MemoryBytes / (1024 * 1024)} MB"
                : $"# exit code {outcome.ExitCode} after {outcome.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
            if (outcome.PeakMemoryBytes > 0)
            {
                await logWriter.WriteLineAsync($"# peak resident memory {outcome.PeakMemoryBytes / (1024 * 1024)} MB");
            }
        }

        NotebookRunResult Result(NotebookStatus status, IReadOnlyList<NotebookError> errors, Ipynb? notebook) =>
            new(name, input, status, clock.Elapsed.TotalSeconds, errors,
                notebook is null ? null : executed, log, notebook, outcome.ExitCode);

        if (outcome.TimedOut)
        {
            // The engine writes the executed notebook only at the end, so a killed run leaves none.
            return Result(NotebookStatus.TimedOut,
                [new NotebookError(null, "Timeout", $"timed out after {FormatSeconds(timeout)} s")], null);
        }
        if (outcome.MemoryExceeded)
        {
            return Result(NotebookStatus.MemoryExceeded,
                [new NotebookError(null, "MemoryLimit", $"memory limit {limits.MemoryBytes / (1024 * 1024)} MB exceeded")], null);
        }
        if (!File.Exists(executed))
        {
            return Result(NotebookStatus.Failed,
                [EngineError($"dotnet-repl exited with code {outcome.ExitCode} without writing {executed}; see {log}")], null);
        }

        Ipynb notebook;
        try
        {
            notebook = Ipynb.Load(executed);
        }
        catch (IpynbFormatException e)
        {
            return Result(NotebookStatus.Failed, [EngineError($"dotnet-repl wrote an unreadable notebook: {e.Message}")], null);
        }

        // dotnet-repl exits 2 on a failing cell but prints nothing useful: the error outputs are the real report.
        var errors = notebook.FindErrors();
        if (errors.Count == 0 && outcome.ExitCode != 0)
        {
            errors = [EngineError($"dotnet-repl exited with code {outcome.ExitCode} but no cell shows an error; see {log}")];
        }
        return Result(errors.Count == 0 ? NotebookStatus.Passed : NotebookStatus.Failed, errors, notebook);
    }

    private static NotebookError EngineError(string message) => new(null, "EngineFailure", message);

    private static string FormatSeconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}
