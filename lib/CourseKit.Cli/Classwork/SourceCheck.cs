using System.Diagnostics;
using System.Globalization;
using CourseKit.Cli.Runner;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// Runs the teacher's source, solutions and hidden tests included, once for every student's numbers, in one engine
/// process: the cells are repeated per seed (C# script lets a later cell declare a name again). A teacher must not
/// release an assignment whose own solution fails a check for some student's numbers. The outputs of the solution and
/// data cells, per student, are the answer key.
/// </summary>
internal static class SourceCheck
{
    /// <summary>What one student's run of the source printed, by cell id (stdout of each non-test cell with an id).</summary>
    public sealed record StudentAnswers(string? Student, int? Seed, IReadOnlyDictionary<string, string> Outputs);

    /// <summary>The check's outcome: every failing cell as "student (seed): cell: message", and the answers when it passed.</summary>
    public sealed record Result(IReadOnlyList<string> Failures, IReadOnlyList<StudentAnswers> Answers, double Seconds)
    {
        /// <summary>True when the source ran clean for every student.</summary>
        public bool Passed => Failures.Count == 0;
    }

    /// <summary>Runs the source for each student (null: the source's own seed) in <paramref name="workFolder"/>.</summary>
    public static async Task<Result> RunAsync(
        ClassworkSource source, IReadOnlyList<string?> students, string workFolder, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var notebook = Ipynb.CreateCSharp();
        var origin = new List<(int Student, ClassworkCell Cell)>();
        for (var s = 0; s < students.Count; s++)
        {
            foreach (var cell in source.Cells.Where(c => c.CellType == "code"))
            {
                notebook.AddCodeCell(cell.GradingSource(source.SeedFor(students[s]), source.Folder));
                origin.Add((s, cell));
            }
        }
        Directory.CreateDirectory(workFolder);
        var path = Path.Combine(workFolder, source.Name + "-check.ipynb");
        notebook.Save(path);
        var run = await NotebookRunner.RunAsync(path, Path.Combine(workFolder, "out"), timeout, cancellationToken);

        string Who(int s) => (students[s] is { } id ? $"student {id}" : "the source") +
                             (source.SeedFor(students[s]) is { } seed ? $" (seed {seed})" : "");
        var failures = run.Errors.Select(e => e.Cell is { } n && n <= origin.Count
                ? $"{Who(origin[n - 1].Student)}: {origin[n - 1].Cell.Label}: {e.FirstLine}"
                : $"{e.FirstLine} (engine log: {run.LogPath})")
            .ToList();
        // A partial-credit check that runs clean may still report less than full points: for the teacher's own
        // solution that is a broken check too.
        for (var n = 0; run.Notebook is { } done && n < origin.Count; n++)
        {
            var (student, cell) = origin[n];
            if (cell.PartialCredit && PartialCredit.Earned(done.Cells[n].StreamText("stdout"), cell.Points) is { } earned && earned < cell.Points)
            {
                failures.Add($"{Who(student)}: {cell.Label}: the teacher's solution earns only {earned.ToString(CultureInfo.InvariantCulture)} of {cell.Points.ToString(CultureInfo.InvariantCulture)} points");
            }
        }
        var answers = new List<StudentAnswers>();
        if (run.Notebook is { } executed)
        {
            for (var s = 0; s < students.Count; s++)
            {
                var outputs = new SortedDictionary<string, string>(StringComparer.Ordinal);
                for (var n = 0; n < origin.Count; n++)
                {
                    var (student, cell) = origin[n];
                    if (student == s && cell.Id is { } id && cell.Kind != ClassworkCellKind.Test
                        && executed.Cells[n].StreamText("stdout") is { Length: > 0 } text)
                    {
                        outputs[id] = text;
                    }
                }
                answers.Add(new StudentAnswers(students[s], source.SeedFor(students[s]), outputs));
            }
        }
        return new Result(failures, answers, clock.Elapsed.TotalSeconds);
    }
}
