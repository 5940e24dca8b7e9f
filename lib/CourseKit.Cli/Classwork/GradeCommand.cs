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
        Directory.CreateDirectory(outFolder);
        var sandbox = Sandbox.Detect();
        if (sandbox.UnavailableReason is { } reason)
        {
            stdout.WriteLine($"warning: submissions run WITHOUT a sandbox ({reason}): a submission can read and write your files; the gradebook records \"sandbox\": \"none\"");
        }

        var gradebook = new Gradebook(source, SubmissionGrader.Sha256(source.Path), sandbox.Name);
        var earlier = gradebook.LoadEarlier(outFolder, out var resumeNote);
        if (resumeNote is not null)
        {
            stdout.WriteLine($"note: {resumeNote}");
        }
        var found = Submission.Find(submissions, source.Name, roster);
        var reused = 0;
        var todo = new List<Submission>();
        foreach (var submission in found)
        {
            var previous = earlier.FirstOrDefault(e => e.Student == submission.Student);
            var sha = submission.Path is null ? null : SubmissionGrader.Sha256(submission.Path);
            // Same file (or still nothing from a roster student): the earlier entry stands.
            if (previous is not null && previous.Sha256 == sha)
            {
                gradebook.Set(previous);
                reused++;
            }
            else
            {
                todo.Add(submission);
            }
        }
        stdout.WriteLine($"Grading {source.Name}: {todo.Count} submission(s) to grade" +
                         (reused > 0 ? $", {reused} unchanged since the last run (kept)" : "") +
                         $"; time limit {options.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s, memory limit {options.MemoryMegabytes} MB, sandbox: {sandbox.Name}");
        gradebook.Save(outFolder);

        var grader = new SubmissionGrader(source, sandbox, options.Timeout, options.MemoryMegabytes, outFolder,
            roster?.ToHashSet(StringComparer.Ordinal));
        var progress = new ProgressBar(stdout, todo.Count, terminal);
        for (var i = 0; i < todo.Count; i++)
        {
            progress.Starting(i, todo[i].Student);
            var entry = await grader.GradeAsync(todo[i], submissions, cancellationToken);
            gradebook.Set(entry);
            gradebook.Save(outFolder);
            progress.Finished(i + 1, entry.Student, Summary(entry));
        }

        stdout.WriteLine();
        foreach (var entry in gradebook.Entries)
        {
            stdout.WriteLine($"{entry.Student,-20} {Summary(entry)}");
        }
        stdout.WriteLine($"Gradebook: {Path.Combine(outFolder, Gradebook.CsvName)} and {Gradebook.JsonName}");
        stdout.WriteLine($"Feedback:  {Path.Combine(outFolder, "feedback")}/<student>.html");
        return 0;
    }

    /// <summary>"3 / 5" or "0 / 5 (timed out: time limit 20 s exceeded…)".</summary>
    private static string Summary(GradebookEntry entry)
    {
        var score = $"{entry.Total.ToString("0.###", CultureInfo.InvariantCulture)} / {entry.MaxPoints.ToString("0.###", CultureInfo.InvariantCulture)}";
        return entry.Errors.Count == 0 ? score : $"{score} ({entry.Status}: {entry.Errors[0]})";
    }

    private static bool IsInside(string path, string folder)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative == "." || (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }
}
