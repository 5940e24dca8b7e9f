using System.Globalization;
using CourseKit.Cli.Runner;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// `coursekit grade`: grades every submission in a folder against the source, one sandboxed engine per student,
/// saving the gradebook after each one; a re-run skips students whose submission has not changed.
/// </summary>
internal static class GradeCommand
{
    /// <summary>Runs the command; <paramref name="terminal"/> draws the progress bar in place.</summary>
    public static async Task<int> ExecuteAsync(
        GradeCommandOptions options, string currentDirectory, TextWriter stdout, CancellationToken cancellationToken, bool terminal = false)
    {
        ClassworkSource source;
        IReadOnlyList<string>? roster = null;
        var submissions = Path.GetFullPath(options.Submissions, currentDirectory);
        try
        {
            source = ClassworkSource.Load(Path.GetFullPath(options.Source, currentDirectory));
            source.EnsureKitExists();
            if (options.Roster is { } rosterPath)
            {
                roster = Roster.Load(Path.GetFullPath(rosterPath, currentDirectory));
            }
            if (!Directory.Exists(submissions))
            {
                throw new ClassworkException(submissions, ["the submissions folder does not exist"]);
            }
            NotebookWorker.LocatePublished();
        }
        catch (Exception e) when (e is ClassworkException or FileNotFoundException)
        {
            stdout.WriteLine($"error: {e.Message}");
            return 1;
        }

        var outFolder = options.OutDir is { } o
            ? Path.GetFullPath(o, currentDirectory)
            : ClassworkFolders.Graded(ClassworkFolders.DefaultRoot(source, currentDirectory));
        if (IsInside(outFolder, submissions) || IsInside(submissions, outFolder))
        {
            stdout.WriteLine($"error: the output folder {outFolder} and the submissions folder {submissions} must not contain each other");
            return 1;
        }
        var sandbox = options.NoSandbox ? Sandbox.None("--no-sandbox was given") : Sandbox.Detect();
        if (!options.NoSandbox && sandbox.UnavailableReason is { } reason)
        {
            stdout.WriteLine($"error: grading runs students' code, and there is no sandbox to run it in: {reason}. " +
                             "Install bubblewrap, or give --no-sandbox to grade without one (a submission can then read and write your files).");
            return 1;
        }
        if (options.NoSandbox)
        {
            stdout.WriteLine("warning: --no-sandbox: submissions run WITHOUT a sandbox and can read and write your files; the gradebook records \"sandbox\": \"none\"");
        }
        Directory.CreateDirectory(outFolder);

        var gradebook = new Gradebook(source, SubmissionGrader.Sha256(source.Path, Ipynb.MaxBytes) ?? "", sandbox.Name);
        var earlier = gradebook.LoadEarlier(outFolder, out var resumeNote);
        if (resumeNote is not null)
        {
            stdout.WriteLine($"note: {resumeNote}");
        }
        var found = Submission.Find(submissions, source.Name, roster);
        if (options.Shard is var (shard, shards))
        {
            found = found.Where(s => Shard.Of(s.Student, shards) == shard).ToList();
        }
        var reused = 0;
        var todo = new List<Submission>();
        foreach (var submission in found)
        {
            var previous = earlier.FirstOrDefault(e => e.Student == submission.Student);
            var sha = submission.Path is null ? null : SubmissionGrader.Sha256(submission.Path, options.MaxSubmissionBytes);
            // Same file (or still nothing from a roster student): the earlier entry stands, unless grading it failed.
            if (previous is not null && previous.Sha256 == sha && previous.Status != "error")
            {
                gradebook.Set(previous);
                reused++;
            }
            else
            {
                todo.Add(submission);
            }
        }
        var jobs = Math.Max(1, Math.Min(options.Jobs, todo.Count));
        stdout.WriteLine($"Grading {source.Name}" + (options.Shard is var (k, n) ? $" (shard {k} of {n})" : "") +
                         $": {todo.Count} submission(s) to grade" +
                         (reused > 0 ? $", {reused} unchanged since the last run (kept)" : "") +
                         $"; time limit {options.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s, memory limit {options.MemoryMegabytes} MB, " +
                         $"{jobs} at a time, sandbox: {sandbox.Name}");
        gradebook.Save(outFolder);

        var grader = new SubmissionGrader(source, new GradingOptions(options.Timeout, options.MemoryMegabytes, options.MaxSubmissionBytes),
            outFolder, roster?.ToHashSet(StringComparer.Ordinal));
        var progress = new ProgressBar(stdout, todo.Count, terminal);
        var saveLock = new Lock();
        var next = -1;
        var done = 0;
        async Task Work(int index)
        {
            await using var slot = await GradingSlot.CreateAsync(index, sandbox, source.KitReferences.Select(Path.GetDirectoryName).OfType<string>().Distinct().ToList(),
                options.MemoryMegabytes, cancellationToken);
            for (var i = Interlocked.Increment(ref next); i < todo.Count; i = Interlocked.Increment(ref next))
            {
                progress.Starting(Volatile.Read(ref done), TerminalText.Safe(todo[i].Student));
                var entry = await grader.GradeAsync(todo[i], submissions, slot, cancellationToken);
                lock (saveLock)
                {
                    gradebook.Set(entry);
                    gradebook.Save(outFolder);
                    progress.Finished(++done, TerminalText.Safe(entry.Student), Summary(entry));
                }
            }
        }
        if (todo.Count > 0)
        {
            await Task.WhenAll(Enumerable.Range(0, jobs).Select(j => Task.Run(() => Work(j), CancellationToken.None)));
        }

        stdout.WriteLine();
        foreach (var entry in gradebook.Entries)
        {
            stdout.WriteLine($"{TerminalText.Safe(entry.Student),-20} {Summary(entry)}");
        }
        stdout.WriteLine($"Gradebook: {Path.Combine(outFolder, Gradebook.CsvName)} and {Gradebook.JsonName}");
        stdout.WriteLine($"Feedback:  {Path.Combine(outFolder, "feedback")}/<student>.html");
        return 0;
    }

    /// <summary>"3 / 5" or "0 / 5 (timed out: time limit 20 s exceeded…)".</summary>
    private static string Summary(GradebookEntry entry)
    {
        var score = $"{entry.Total.ToString("0.###", CultureInfo.InvariantCulture)} / {entry.MaxPoints.ToString("0.###", CultureInfo.InvariantCulture)}";
        return entry.Errors.Count == 0 ? score : $"{score} ({entry.Status}: {TerminalText.Safe(entry.Errors[0])})";
    }

    private static bool IsInside(string path, string folder)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative == "." || (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }
}
