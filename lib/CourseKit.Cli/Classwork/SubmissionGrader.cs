using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// Grades one submission: reads it, rebuilds it around the source, runs it in its own sandboxed engine under a time
/// and a memory limit, scores each test cell, and writes the executed notebook and the feedback page. Every failure
/// of the submission ends in a gradebook entry that says what happened; nothing here throws for a bad submission.
/// </summary>
internal sealed class SubmissionGrader
{
    /// <summary>Engine output kept in the per-student log.</summary>
    private const long MaxLogChars = 1_000_000;

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

    // Runs the merged notebook between two guard cells. The first deletes the notebook file before any student code
    // runs (it holds the hidden tests and the second guard's nonce); the second prints the nonce. An executed notebook
    // without the nonce did not come from a run that finished: the student's code stopped the engine (and may have
    // written a notebook of its own in its place).
    private async Task<(Ipynb? Executed, string? Error, string Status)> RunAsync(
        string student, MergedSubmission merged, string work, CancellationToken cancellationToken)
    {
        // A fixed name: the student id comes from a file name and must not reach code or a command line.
        var path = Path.Combine(work, "submission.ipynb");
        var nonce = Guid.NewGuid().ToString("N");
        var run = Ipynb.Parse(merged.Notebook.ToJson());
        var cells = (JsonArray)run.Json["cells"]!;
        var first = Ipynb.CreateCSharp().AddCodeCell($"System.IO.File.Delete(@\"{path}\");").Json;
        var last = Ipynb.CreateCSharp().AddCodeCell($"Console.WriteLine(\"coursekit finished {nonce}\");").Json;
        cells.Insert(0, first.DeepClone());
        cells.Add(last.DeepClone());
        run.Save(path);

        var memoryBytes = _memoryMegabytes * 1024L * 1024L;
        var environment = new Dictionary<string, string>
        {
            // The managed heap stops at three quarters of the limit with an OutOfMemoryException in the guilty cell;
            // the polled limit on resident memory catches the rest (native memory, the engine itself).
            ["DOTNET_GCHeapHardLimit"] = "0x" + (memoryBytes * 3 / 4).ToString("x", CultureInfo.InvariantCulture),
        };
        var limits = new ChildLimits(_timeout, memoryBytes, MaxLogChars, environment,
            _sandbox.Wrapper(ReadOnlyFolders(), work, environment));
        var result = await NotebookRunner.RunAsync(path, Path.Combine(work, "out"), limits, cancellationToken);
        if (result.LogPath is { } log && File.Exists(log))
        {
            Directory.CreateDirectory(Path.Combine(_outFolder, "executed"));
            File.Copy(log, Path.Combine(_outFolder, "executed", student + ".log"), overwrite: true);
        }

        switch (result.Status)
        {
            case NotebookStatus.TimedOut:
                return (null, $"time limit {_timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s exceeded; no check ran to the end", "timed out");
            case NotebookStatus.MemoryExceeded:
                return (null, $"memory limit {_memoryMegabytes} MB exceeded; the engine was stopped", "memory limit");
        }
        var executed = result.Notebook;
        var finished = executed is not null && executed.Cells.Count == cells.Count
                       && executed.Cells[^1].StreamText("stdout").Contains($"coursekit finished {nonce}", StringComparison.Ordinal);
        if (!finished && result.LogPath is { } engineLog && File.Exists(engineLog)
            && File.ReadAllText(engineLog) is var logText
            && (logText.Contains("OutOfMemoryException", StringComparison.Ordinal) || logText.Contains("Out of memory", StringComparison.Ordinal)))
        {
            // Under the heap limit an allocation on one of the engine's own threads can fail too, and that ends the process.
            return (null, $"memory limit {_memoryMegabytes} MB exceeded; the engine ran out of memory and stopped", "memory limit");
        }
        if (!finished)
        {
            return (null, $"the notebook stopped the engine before it finished (Environment.Exit or a crash; exit code {result.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}); no check counts", "stopped early");
        }
        var outputs = (JsonArray)executed!.Json["cells"]!;
        outputs.RemoveAt(outputs.Count - 1);
        outputs.RemoveAt(0);
        return (executed, null, "graded");
    }

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

    // What the engine needs to read: the .NET install, the NuGet packages (dotnet-repl and its dependencies), the kit.
    private IEnumerable<string> ReadOnlyFolders()
    {
        var host = DotnetHost.Path;
        if (Path.IsPathRooted(host))
        {
            var real = File.ResolveLinkTarget(host, returnFinalTarget: true)?.FullName ?? host;
            yield return Path.GetDirectoryName(real)!;
        }
        yield return DotnetRepl.PackagesFolder(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
        foreach (var dll in _source.KitReferences)
        {
            yield return Path.GetDirectoryName(dll)!;
        }
    }
}
