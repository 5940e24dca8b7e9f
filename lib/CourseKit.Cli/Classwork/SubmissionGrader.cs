using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CourseKit.Cli.Runner;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// Grades one submission in two processes that never meet. The student's notebook, rebuilt around the source, runs in
/// a sandboxed worker of its own without its check cells; after each cell its answers are read out as data. Then the
/// checker, another sandboxed worker that never loads a line of the student's, runs the teacher's set-up, the
/// student's seed, the data and every check with its hidden tests, with the answers set from that data. A student's
/// code can change nothing but its answers; a notebook that stops keeps the answers it had. Every failure of the
/// submission, and any failure of grading it, ends in a gradebook entry that says what happened.
/// </summary>
internal sealed partial class SubmissionGrader
{
    /// <summary>Worker output kept in the per-student log.</summary>
    private const long MaxLogChars = 1_000_000;

    /// <summary>Output kept per cell while grading (the feedback shows less; see <see cref="OutputCap"/>).</summary>
    private const long MaxCellOutputChars = 1_000_000;

    private readonly ClassworkSource _source;
    private readonly GradingOptions _options;
    private readonly string _outFolder;
    private readonly IReadOnlySet<string>? _roster;
    private readonly IReadOnlyList<AnswerDeclaration> _answers;
    private readonly IReadOnlyList<FunctionAnswer> _functions;

    /// <param name="source">The assignment.</param>
    /// <param name="options">Limits.</param>
    /// <param name="outFolder">The grading output folder (executed/ and feedback/ go below it).</param>
    /// <param name="roster">The class list the assignment was made for (each student has their own seed), or null (everyone has the source's).</param>
    public SubmissionGrader(ClassworkSource source, GradingOptions options, string outFolder, IReadOnlySet<string>? roster)
    {
        _source = source;
        _options = options;
        _outFolder = outFolder;
        _roster = roster;
        _answers = source.Answers;
        _functions = source.Cells.SelectMany(FunctionAnswer.Of).ToList();
    }

    /// <summary>The SHA-256 of a file's bytes, as the gradebook records it; null when it cannot be read safely.</summary>
    public static string? Sha256(string path, long maxBytes) =>
        SubmissionFile.ReadBytes(path, maxBytes).Bytes is { } bytes ? Convert.ToHexStringLower(SHA256.HashData(bytes)) : null;

    /// <summary>Grades <paramref name="submission"/> with the workers of <paramref name="slot"/>; only cancellation throws.</summary>
    public async Task<GradebookEntry> GradeAsync(Submission submission, string submissionsFolder, GradingSlot slot, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return await GradeOrExplainAsync(submission, submissionsFolder, slot, clock, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong with this student stays this student's entry; everyone else is still graded.
            var error = $"error: grading stopped with {e.GetType().Name}: {e.Message}";
            return new GradebookEntry(submission.Student, null, null, null, "error",
                _source.Tests.Select(t => new ItemScore(t.Id!, 0, t.Points, error)).ToList(), [error], [], clock.Elapsed.TotalSeconds);
        }
    }

    private async Task<GradebookEntry> GradeOrExplainAsync(
        Submission submission, string submissionsFolder, GradingSlot slot, Stopwatch clock, CancellationToken cancellationToken)
    {
        if (Roster.Problem(submission.Student) is { } badId)
        {
            // No feedback page: an id that is no student id is no safe file name either.
            var named = TerminalText.Safe(submission.Path is null ? submission.Student : Path.GetRelativePath(submissionsFolder, submission.Path));
            var why = submission.Student.Length > Roster.MaxIdLength || submission.Student.Any(char.IsControl)
                ? $"the name {badId}"
                : "use the student id (letters, digits, '.', '_', '-') as the file or folder name";
            var badSha = submission.Path is null ? null : Sha256(submission.Path, _options.MaxSubmissionBytes);
            return new GradebookEntry(submission.Student, submission.Path is null ? null : named, badSha, null, "not graded",
                _source.Tests.Select(t => new ItemScore(t.Id!, 0, t.Points, "not graded")).ToList(),
                [$"'{named}' does not name a student: {why}"], [], clock.Elapsed.TotalSeconds);
        }
        var seed = _source.SeedFor(_roster is null ? null : submission.Student);
        // A misspelt file name would draw other numbers than the student had: say so.
        var identityNotes = _roster is null || _roster.Contains(submission.Student) || !_source.IsParametric
            ? new List<string>()
            : [$"'{submission.Student}' is not on the roster; graded with the numbers of seed {seed}"];
        var file = submission.Path is null ? null : Path.GetRelativePath(submissionsFolder, submission.Path);
        byte[]? bytes = null;
        string? readProblem = null;
        if (submission.Path is not null)
        {
            (bytes, readProblem) = SubmissionFile.ReadBytes(submission.Path, _options.MaxSubmissionBytes);
        }
        var sha = bytes is null ? null : Convert.ToHexStringLower(SHA256.HashData(bytes));

        GradebookEntry NotGraded(string status, string error, IReadOnlyList<string>? notes = null) =>
            new(submission.Student, file, sha, seed, status,
                _source.Tests.Select(t => new ItemScore(t.Id!, 0, t.Points, error)).ToList(), [error],
                [.. identityNotes, .. notes ?? []], clock.Elapsed.TotalSeconds);

        if (submission.Path is null)
        {
            return WriteFeedback(NotGraded("missing", "no submission"), null, []);
        }
        if (submission.Problem is { } problem)
        {
            return WriteFeedback(NotGraded("not graded", problem), null, []);
        }
        if (readProblem is not null)
        {
            return WriteFeedback(NotGraded("not graded", $"{file} {readProblem}"), null, []);
        }
        Ipynb notebook;
        try
        {
            notebook = Ipynb.Parse(new System.Text.UTF8Encoding(false).GetString(bytes!));
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
            identityNotes.Add($"this notebook was released to '{TerminalText.Safe(releasedTo)}'");
        }
        var merged = SubmissionMerge.Merge(_source, notebook, seed);
        if (merged.Error is { } mergeError)
        {
            return WriteFeedback(NotGraded("not graded", $"{file}: {mergeError}", merged.Notes), null, []);
        }

        var own = WorkFolder.Create("coursekit-graded-");
        try
        {
            // 0. The inputs that function answers are called on, from the teacher's cells with the student's seed.
            var inputs = new FunctionInputs(_functions);
            if (_functions.Count > 0)
            {
                var preamble = Path.Combine(own, "inputs.ipynb");
                CheckerNotebook.Preamble(_source, seed).Save(preamble);
                await NotebookRunner.RunAsync(preamble, Path.Combine(own, "inputs"), Limits, slot.Checkers, null, cancellationToken,
                    workingFolder: slot.CheckerFolder, hooks: inputs);
            }
            // 1. The student's notebook, without its checks; the answers are read out after every cell, and function
            // answers are called on those inputs at the end.
            var snapshots = new AnswerSnapshots(_answers, merged.Origins, _functions, inputs.Arguments);
            var student = await RunStudentAsync(merged, snapshots, slot, own, submission.Student, cancellationToken);
            var (status, stopError) = Outcome(student);
            // 2. The checks, in the checker, with the answers as they were at each check's place.
            string? stoppedNote = stopError is null ? null : $"the notebook stopped: {stopError}";
            var checks = await RunChecksAsync(merged, snapshots, stoppedNote, seed, slot, own, submission.Student, cancellationToken);
            if (checks.Error is not null)
            {
                // The checker runs only the teacher's code: when it fails, try once more with a fresh one.
                checks = await RunChecksAsync(merged, snapshots, stoppedNote, seed, slot, own, submission.Student, cancellationToken);
            }

            var notes = identityNotes.Concat(merged.Notes).ToList();
            var errors = new List<string>();
            if (stopError is not null)
            {
                errors.Add(stopError);
            }
            var executed = Combine(student.Notebook!, merged, checks);
            notes.AddRange(OutputCap.Apply(executed).Select(c => $"the output of cell {c.Cell} was cut by {c.Cut} characters"));
            if (status == "graded" && executed.FindErrors().Any(e => e.Message.Contains("OutOfMemoryException", StringComparison.Ordinal)))
            {
                errors.Add($"memory limit {_options.MemoryMegabytes} MB reached (OutOfMemoryException)");
            }
            notes.AddRange(checks.Hooks.Missing.Select(m => $"answer {m.Key} {m.Value}"));
            Directory.CreateDirectory(Path.Combine(_outFolder, "executed"));
            executed.Save(Path.Combine(_outFolder, "executed", submission.Student + ".ipynb"));
            var entry = new GradebookEntry(submission.Student, file, sha, seed, checks.Error is null ? status : "error",
                Score(checks), checks.Error is null ? errors : [.. errors, checks.Error], notes, clock.Elapsed.TotalSeconds);
            return WriteFeedback(entry, executed, merged.Origins);
        }
        finally
        {
            slot.ClearStudentFolder();
            WorkFolder.TryDelete(own);
        }
    }

    // The student's notebook in a fresh sandboxed worker; the notebook file stays in the grader's own folder.
    private async Task<NotebookRunResult> RunStudentAsync(
        MergedSubmission merged, AnswerSnapshots snapshots, GradingSlot slot, string own, string student, CancellationToken cancellationToken)
    {
        var path = Path.Combine(own, "submission.ipynb");
        merged.Notebook.Save(path);
        await using var pool = await slot.TakeStudentWorkerAsync(cancellationToken);
        var result = await NotebookRunner.RunAsync(path, Path.Combine(own, "student"), Limits, pool, null, cancellationToken,
            workingFolder: slot.StudentFolder, hooks: snapshots);
        CopyLog(result, student + ".log");
        return result;
    }

    private sealed record CheckRun(Ipynb? Notebook, IReadOnlyList<CheckerCell> Cells, CheckerHooks Hooks, string? Error)
    {
        public int IndexOf(ClassworkCell test) => Cells.ToList().FindIndex(c => ReferenceEquals(c.Origin, test) && c.Function is null);
    }

    // The teacher's checks in the slot's checker: never a line of the student's, only their answers as data.
    private async Task<CheckRun> RunChecksAsync(
        MergedSubmission merged, AnswerSnapshots snapshots, string? stopped, int? seed, GradingSlot slot, string own, string student,
        CancellationToken cancellationToken)
    {
        var (notebook, cells) = CheckerNotebook.Build(_source, seed);
        var path = Path.Combine(own, "checks.ipynb");
        notebook.Save(path);
        // An answer cell's answers are as the cell left them; a check sees them as they were just before it.
        var hooks = new CheckerHooks(cells, _answers,
            origin => snapshots.At(merged.IndexOf(origin) + (origin.Kind == ClassworkCellKind.Solution ? 1 : 0), stopped),
            function => snapshots.Function(function, stopped));
        var result = await NotebookRunner.RunAsync(path, Path.Combine(own, "checks"), Limits, slot.Checkers, null, cancellationToken,
            workingFolder: slot.CheckerFolder, hooks: hooks);
        CopyLog(result, student + ".checks.log");
        var stop = result.Cells.FirstOrDefault(c => c.Status is "timed out" or "memory limit" or "stopped");
        var error = result.Status == NotebookStatus.Invalid || result.Notebook is null
            ? $"error: the checks could not run: {result.FirstError?.Message}"
            : stop is not null
                ? $"error: the checks stopped in cell {stop.Cell} ({stop.Status}): {FirstError(result.Notebook, stop.Cell)}"
                : result.Errors.FirstOrDefault(e => e.EName == "WorkerFailure") is { } failure
                    ? $"error: the checker did not start: {failure.Message}"
                    : null;
        return new CheckRun(result.Notebook, cells, hooks, error);
    }

    private RunLimits Limits => new(_options.Timeout, MaxCellOutputChars: MaxCellOutputChars, MaxLogChars: MaxLogChars,
        MemoryMegabytes: _options.MemoryMegabytes);

    // The gradebook status and error of the student's run: graded, or how it stopped (the answers it had still count).
    private (string Status, string? Error) Outcome(NotebookRunResult result)
    {
        if (result.Notebook is null)
        {
            return ("not graded", result.FirstError?.Message ?? "the notebook could not be run");
        }
        var stop = result.Cells.FirstOrDefault(c => c.Status is "timed out" or "memory limit" or "stopped");
        if (stop is null)
        {
            return result.Errors.FirstOrDefault(e => e.EName == "WorkerFailure") is { } failure
                ? ("error", $"error: the student's worker did not start: {failure.Message}")
                : ("graded", null);
        }
        var where = $"in cell {stop.Cell}; checks get the answers the notebook had before it";
        var error = FirstError(result.Notebook, stop.Cell);
        return stop.Status switch
        {
            "timed out" => ("timed out", $"time limit {_options.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s exceeded {where}"),
            "memory limit" => ("memory limit", $"memory limit {_options.MemoryMegabytes} MB exceeded {where}"),
            _ when error.Contains("OutOfMemoryException", StringComparison.Ordinal) || error.Contains("Out of memory", StringComparison.Ordinal)
                => ("memory limit", $"memory limit {_options.MemoryMegabytes} MB exceeded: the worker ran out of memory and stopped {where}"),
            _ => ("stopped early", $"the notebook stopped its worker ({FirstLine(error)}) {where}"),
        };
    }

    // A test scores its points when it ran in the checker without an error; a partial-credit test scores what it printed.
    private List<ItemScore> Score(CheckRun checks)
    {
        var items = new List<ItemScore>();
        foreach (var test in _source.Tests)
        {
            var index = checks.IndexOf(test);
            var cell = checks.Notebook is null || index < 0 ? null : checks.Notebook.Cells[index];
            var status = cell?.Metadata["coursekit"]?["status"]?.GetValue<string>();
            var error = cell?.Outputs.FirstOrDefault(o => o.OutputType == "error");
            if (cell is null || status is "not run" or "timed out" or "memory limit" or "stopped")
            {
                items.Add(new ItemScore(test.Id!, 0, test.Points, checks.Error ?? "the checks did not reach this one"));
            }
            else if (error is not null)
            {
                var message = new NotebookError(null, error.EName, error.EValue).FirstLine;
                if (error.EName == "CompilationError" && checks.Hooks.Missing.Count > 0)
                {
                    message = "could not run: " + checks.Hooks.MissingText(checks.Hooks.Missing.Keys);
                }
                items.Add(new ItemScore(test.Id!, 0, test.Points, message));
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

    // The teacher's copy: the student's run, with each check cell as the checker ran it (hidden tests included).
    private static Ipynb Combine(Ipynb student, MergedSubmission merged, CheckRun checks)
    {
        var combined = Ipynb.Parse(student.ToJson());
        var cells = combined.Cells;
        for (var i = 0; i < merged.Origins.Count; i++)
        {
            if (merged.Origins[i] is not { Kind: ClassworkCellKind.Test } test || checks.Notebook is null)
            {
                continue;
            }
            var checkerCell = checks.Notebook.Cells[checks.IndexOf(test)];
            cells[i].Json["outputs"] = checkerCell.Json["outputs"]?.DeepClone() ?? new JsonArray();
            cells[i].Json["execution_count"] = null;
            cells[i].Metadata["coursekit"] = checkerCell.Metadata["coursekit"]?.DeepClone();
        }
        return combined;
    }

    private static string FirstError(Ipynb notebook, int cell) =>
        notebook.Cells[cell - 1].Outputs.LastOrDefault(o => o.OutputType == "error")?.EValue ?? "";

    private static string FirstLine(string text) => new NotebookError(null, "", text).FirstLine;

    private void CopyLog(NotebookRunResult result, string name)
    {
        if (result.LogPath is { } log && File.Exists(log))
        {
            Directory.CreateDirectory(Path.Combine(_outFolder, "executed"));
            File.Copy(log, Path.Combine(_outFolder, "executed", name), overwrite: true);
        }
    }

    private GradebookEntry WriteFeedback(GradebookEntry entry, Ipynb? graded, IReadOnlyList<ClassworkCell?> origins)
    {
        var folder = Path.Combine(_outFolder, "feedback");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, entry.Student + ".html"), FeedbackPage.Render(_source, entry, graded, origins));
        return entry;
    }
}
