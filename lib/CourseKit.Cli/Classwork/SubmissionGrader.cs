using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CourseKit.Cli.Runner;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// Grades one submission: reads it, rebuilds it around the source, runs it in its own sandboxed engine under a time
/// and a memory limit, scores each test cell, and writes the executed notebook and the feedback page. Every failure
/// of the submission ends in a gradebook entry that says what happened; nothing here throws for a bad submission.
/// </summary>
internal sealed partial class SubmissionGrader
{
    /// <summary>Engine output kept in the per-student log.</summary>
    private const long MaxLogChars = 1_000_000;

    /// <summary>Output kept per cell while grading (the feedback shows less; see <see cref="OutputCap"/>).</summary>
    private const long MaxCellOutputChars = 1_000_000;

    private readonly ClassworkSource _source;
    private readonly Sandbox _sandbox;
    private readonly TimeSpan _timeout;
    private readonly int _memoryMegabytes;
    private readonly string _outFolder;
    private readonly IReadOnlySet<string>? _roster;

    /// <param name="source">The assignment.</param>
    /// <param name="sandbox">Where submissions run.</param>
    /// <param name="timeout">Time limit per submission, engine start included.</param>
    /// <param name="memoryMegabytes">Memory limit per submission.</param>
    /// <param name="outFolder">The grading output folder (executed/ and feedback/ go below it).</param>
    /// <param name="roster">The class list the assignment was made for (each student has their own seed), or null (everyone has the source's).</param>
    public SubmissionGrader(ClassworkSource source, Sandbox sandbox, TimeSpan timeout, int memoryMegabytes, string outFolder, IReadOnlySet<string>? roster)
    {
        _source = source;
        _sandbox = sandbox;
        _timeout = timeout;
        _memoryMegabytes = memoryMegabytes;
        _outFolder = outFolder;
        _roster = roster;
    }

    /// <summary>The SHA-256 of a file's bytes, as the gradebook records it.</summary>
    public static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>Grades <paramref name="submission"/>; only cancellation throws.</summary>
    public async Task<GradebookEntry> GradeAsync(Submission submission, string submissionsFolder, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var seed = _source.SeedFor(_roster is null ? null : submission.Student);
        // A misspelt file name would draw other numbers than the student had: say so.
        var identityNotes = _roster is null || _roster.Contains(submission.Student) || !_source.IsParametric
            ? new List<string>()
            : [$"'{submission.Student}' is not on the roster; graded with the numbers of seed {seed}"];
        var file = submission.Path is null ? null : Path.GetRelativePath(submissionsFolder, submission.Path);
        var sha = submission.Path is null ? null : Sha256(submission.Path);

        GradebookEntry NotGraded(string status, string error, IReadOnlyList<string>? notes = null) =>
            new(submission.Student, file, sha, seed, status,
                _source.Tests.Select(t => new ItemScore(t.Id!, 0, t.Points, error)).ToList(), [error],
                [.. identityNotes, .. notes ?? []], clock.Elapsed.TotalSeconds);

        if (submission.Path is null)
        {
            return WriteFeedback(NotGraded("missing", "no submission"), null, []);
        }
        if (!Roster.IsValidId(submission.Student))
        {
            return new GradebookEntry(submission.Student, file, sha, seed, "not graded",
                _source.Tests.Select(t => new ItemScore(t.Id!, 0, t.Points, "not graded")).ToList(),
                [$"'{file}' does not name a student: use the student id (letters, digits, '.', '_', '-') as the file or folder name"],
                [], clock.Elapsed.TotalSeconds);
        }
        if (submission.Problem is { } problem)
        {
            return WriteFeedback(NotGraded("not graded", problem), null, []);
        }
        Ipynb notebook;
        try
        {
            notebook = Ipynb.Parse(await File.ReadAllTextAsync(submission.Path, cancellationToken));
        }
        catch (IpynbFormatException e)
        {
            var what = e.Message.StartsWith("malformed JSON", StringComparison.Ordinal) ? "not valid JSON" : "not a notebook";
            return WriteFeedback(NotGraded("not graded", $"{what}: {file}: {e.Message}"), null, []);
        }
        if (ClassworkSource.KernelOf(notebook) is var kernel && kernel != ClassworkSource.KernelName)
        {
            return WriteFeedback(NotGraded("not graded", $"kernel is {kernel ?? "not set"}, expected {ClassworkSource.KernelName}: {file}"), null, []);
        }
        // Assign writes whom a notebook was made for: another name here means a copied notebook (or a renamed file).
        if (notebook.Metadata["coursekit"] is JsonObject info && JsonText.String(info, "student") is { } releasedTo && releasedTo != submission.Student)
        {
            identityNotes.Add($"this notebook was released to '{releasedTo}'");
        }
        var merged = SubmissionMerge.Merge(_source, notebook, seed);
        if (merged.Error is { } mergeError)
        {
            return WriteFeedback(NotGraded("not graded", $"{file}: {mergeError}", merged.Notes), null, []);
        }

        var work = WorkFolder.Create("coursekit-grade-");
        try
        {
            var (executed, runError, status) = await RunAsync(submission.Student, merged, work, cancellationToken);
            var notes = identityNotes.Concat(merged.Notes).ToList();
            var errors = new List<string>();
            if (runError is not null)
            {
                errors.Add(runError);
            }
            if (executed is not null)
            {
                notes.AddRange(OutputCap.Apply(executed).Select(c => $"the output of cell {c.Cell} was cut by {c.Cut} characters"));
                if (executed.FindErrors().Any(e => e.Message.Contains("OutOfMemoryException", StringComparison.Ordinal)))
                {
                    errors.Add($"memory limit {_memoryMegabytes} MB reached (OutOfMemoryException)");
                }
                Directory.CreateDirectory(Path.Combine(_outFolder, "executed"));
                executed.Save(Path.Combine(_outFolder, "executed", submission.Student + ".ipynb"));
            }
            var items = Score(merged, executed, runError);
            var entry = new GradebookEntry(submission.Student, file, sha, seed, status, items, errors, notes, clock.Elapsed.TotalSeconds);
            return WriteFeedback(entry, executed ?? merged.Notebook, merged.Origins);
        }
        finally
        {
            WorkFolder.TryDelete(work);
        }
    }

    // Runs the merged notebook in a sandboxed worker of its own. The notebook file stays in a folder of the grader's;
    // the worker sees only its cells, one at a time, and runs in the work folder. A run that did not reach its last
    // cell (a time-out, the memory limit, Environment.Exit, a crash) counts no check.
    private async Task<(Ipynb? Executed, string? Error, string Status)> RunAsync(
        string student, MergedSubmission merged, string work, CancellationToken cancellationToken)
    {
        var own = WorkFolder.Create("coursekit-graded-");
        try
        {
            // A fixed name: the student id comes from a file name and must not reach code or a command line.
            var path = Path.Combine(own, "submission.ipynb");
            merged.Notebook.Save(path);
            var memoryBytes = _memoryMegabytes * 1024L * 1024L;
            var environment = new Dictionary<string, string>
            {
                // The managed heap stops at three quarters of the limit with an OutOfMemoryException in the guilty
                // cell; the polled limit on resident memory catches the rest (native memory, the worker itself).
                ["DOTNET_GCHeapHardLimit"] = "0x" + (memoryBytes * 3 / 4).ToString("x", CultureInfo.InvariantCulture),
            };
            var worker = NotebookWorker.Locate();
            var start = new WorkerStart(worker, work, environment,
                _sandbox.Wrapper(ReadOnlyFolders(worker), work, environment), memoryBytes);
            await using var pool = await WorkerPool.CreateAsync(start, warm: 0, cancellationToken);
            var limits = new RunLimits(_timeout, MaxCellOutputChars: MaxCellOutputChars, MaxLogChars: MaxLogChars, MemoryMegabytes: _memoryMegabytes);
            var result = await NotebookRunner.RunAsync(path, Path.Combine(own, "out"), limits, pool, null, cancellationToken, workingFolder: work);
            if (result.LogPath is { } log && File.Exists(log))
            {
                Directory.CreateDirectory(Path.Combine(_outFolder, "executed"));
                File.Copy(log, Path.Combine(_outFolder, "executed", student + ".log"), overwrite: true);
            }
            return Outcome(result);
        }
        finally
        {
            WorkFolder.TryDelete(own);
        }
    }

    private (Ipynb? Executed, string? Error, string Status) Outcome(NotebookRunResult result)
    {
        var stoppedIn = result.Cells.FirstOrDefault(c => c.Status is "timed out" or "memory limit" or "stopped");
        switch (result.Status)
        {
            case NotebookStatus.Invalid:
                return (null, result.FirstError?.Message ?? "not a notebook", "not graded");
            case NotebookStatus.TimedOut:
                return (null, $"time limit {_timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s exceeded; no check ran to the end", "timed out");
            case NotebookStatus.MemoryExceeded:
                return (null, $"memory limit {_memoryMegabytes} MB exceeded; the engine was stopped", "memory limit");
        }
        if (stoppedIn is null && result.Errors.FirstOrDefault(e => e.EName == "WorkerFailure") is { } failure)
        {
            return (null, failure.Message, "not graded");
        }
        if (stoppedIn is null)
        {
            return (result.Notebook, null, "graded");
        }
        var error = result.Notebook!.Cells[stoppedIn.Cell - 1].Outputs.LastOrDefault(o => o.OutputType == "error")?.EValue ?? "";
        if (error.Contains("OutOfMemoryException", StringComparison.Ordinal) || error.Contains("Out of memory", StringComparison.Ordinal))
        {
            // Under the heap limit an allocation on one of the worker's own threads can fail too, and that ends the process.
            return (null, $"memory limit {_memoryMegabytes} MB exceeded; the engine ran out of memory and stopped", "memory limit");
        }
        var exitCode = ExitCode().Match(error) is { Success: true } m ? m.Groups[1].Value : "none";
        return (null, $"the notebook stopped the engine before it finished (Environment.Exit or a crash; exit code {exitCode}); no check counts", "stopped early");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"exited with code (-?\d+)")]
    private static partial System.Text.RegularExpressions.Regex ExitCode();

    // A test scores its points when it ran without an error output; a partial-credit test scores what it printed.
    private List<ItemScore> Score(MergedSubmission merged, Ipynb? executed, string? runError)
    {
        var items = new List<ItemScore>();
        foreach (var test in _source.Tests)
        {
            var index = merged.IndexOf(test);
            if (executed is null || index < 0)
            {
                items.Add(new ItemScore(test.Id!, 0, test.Points, runError ?? "not run"));
                continue;
            }
            var cell = executed.Cells[index];
            var error = cell.Outputs.FirstOrDefault(o => o.OutputType == "error");
            if (error is not null)
            {
                items.Add(new ItemScore(test.Id!, 0, test.Points, new NotebookError(null, error.EName, error.EValue).FirstLine));
            }
            else if (test.PartialCredit && PartialCredit.Earned(cell.StreamText("stdout"), test.Points) is { } points)
            {
                items.Add(new ItemScore(test.Id!, points, test.Points,
                    points < test.Points ? $"partial credit: {NbgraderCell.PointsText(points)} of {test.Points.ToString(CultureInfo.InvariantCulture)}" : null));
            }
            else
            {
                items.Add(new ItemScore(test.Id!, test.Points, test.Points, null));
            }
        }
        return items;
    }

    private GradebookEntry WriteFeedback(GradebookEntry entry, Ipynb? graded, IReadOnlyList<ClassworkCell?> origins)
    {
        var folder = Path.Combine(_outFolder, "feedback");
        Directory.CreateDirectory(folder);
        PlotlyJs.WriteTo(folder);
        File.WriteAllText(Path.Combine(folder, entry.Student + ".html"), FeedbackPage.Render(_source, entry, graded, origins));
        return entry;
    }

    // What the worker needs to read: the .NET install, the published worker, the kit.
    private IEnumerable<string> ReadOnlyFolders(string worker)
    {
        var host = DotnetHost.Path;
        if (Path.IsPathRooted(host))
        {
            var real = File.ResolveLinkTarget(host, returnFinalTarget: true)?.FullName ?? host;
            yield return Path.GetDirectoryName(real)!;
        }
        yield return Path.GetDirectoryName(worker)!;
        foreach (var dll in _source.KitReferences)
        {
            yield return Path.GetDirectoryName(dll)!;
        }
    }
}
