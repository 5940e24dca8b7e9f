using CourseKit.Cli.Runner;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// `coursekit assign`: checks the source (structure, then a run of the teacher's solution and every test for every
/// student's numbers) and only then writes the student notebooks and the teacher's answer key.
/// </summary>
internal static class AssignCommand
{
    /// <summary>Runs the command; returns 0 when the assignment was released, 1 when the source or roster is refused.</summary>
    public static async Task<int> ExecuteAsync(
        AssignCommandOptions options, string currentDirectory, TextWriter stdout, CancellationToken cancellationToken)
    {
        ClassworkSource source;
        IReadOnlyList<string>? roster = null;
        try
        {
            source = ClassworkSource.Load(Path.GetFullPath(options.Source, currentDirectory));
            source.EnsureKitExists();
            if (options.Roster is { } rosterPath)
            {
                roster = Roster.Load(Path.GetFullPath(rosterPath, currentDirectory));
            }
            NotebookWorker.LocatePublished();
        }
        catch (Exception e) when (e is ClassworkException or FileNotFoundException)
        {
            stdout.WriteLine($"error: {e.Message}");
            return 1;
        }

        var root = options.OutDir is { } o ? Path.GetFullPath(o, currentDirectory) : ClassworkFolders.DefaultRoot(source, currentDirectory);
        var students = roster is null ? [null] : roster.Cast<string?>().ToList();
        // The source's own numbers are always checked too (seed 0 of a shipped classwork is the slide's example).
        var checkedFor = roster is null || !source.IsParametric ? [null] : new List<string?> { null }.Concat(students).ToList();
        stdout.WriteLine($"Checking {source.Name}: the teacher's solution and every test, " +
                         (checkedFor.Count == 1 ? "with the source's numbers" : $"with the source's numbers and those of each of {roster!.Count} students"));
        var work = WorkFolder.Create("coursekit-assign-");
        SourceCheck.Result check;
        try
        {
            check = await SourceCheck.RunAsync(source, checkedFor, work, options.Timeout, cancellationToken);
        }
        finally
        {
            WorkFolder.TryDelete(work);
        }
        if (!check.Passed)
        {
            stdout.WriteLine($"✗ the source does not pass its own tests ({RunSummary.Seconds(check.Seconds)} s); nothing was released:");
            foreach (var failure in check.Failures)
            {
                stdout.WriteLine($"  {failure}");
            }
            return 1;
        }
        stdout.WriteLine($"✓ every test passes ({RunSummary.Seconds(check.Seconds)} s)");

        var release = ClassworkFolders.Release(root);
        foreach (var student in students)
        {
            var folder = student is null ? release : Path.Combine(release, student);
            Directory.CreateDirectory(folder);
            source.StudentNotebook(student).Save(Path.Combine(folder, source.Name + ".ipynb"));
        }
        var key = Path.Combine(ClassworkFolders.Teacher(root), "answer-key.json");
        AtomicFile.WriteAllText(key, AnswerKey.ToJson(source, check.Answers));

        stdout.WriteLine(roster is null
            ? $"Student notebook: {Path.Combine(release, source.Name + ".ipynb")}"
            : $"Student notebooks: {release}/<student>/{source.Name}.ipynb ({roster.Count})");
        stdout.WriteLine($"Answer key (teacher only): {key}");
        if (roster is not null && !source.IsParametric)
        {
            stdout.WriteLine("note: the source has no parameters cell, so every student has the same numbers");
        }
        return 0;
    }
}
