using System.Text.Json.Nodes;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// A teacher's classwork notebook, read and checked: the one file that both the student versions and the grading
/// notebooks are made from. <see cref="Load"/> refuses a source with any structural problem and lists them all.
/// </summary>
public sealed class ClassworkSource
{
    /// <summary>The kernelspec every classwork notebook must use.</summary>
    public const string KernelName = ".net-csharp";

    private ClassworkSource(string path, Ipynb notebook, IReadOnlyList<ClassworkCell> cells)
    {
        Path = path;
        Notebook = notebook;
        Cells = cells;
        Name = System.IO.Path.GetFileNameWithoutExtension(path);
        Folder = System.IO.Path.GetDirectoryName(path)!;
        Salt = notebook.Metadata["coursekit"] is JsonObject options && JsonText.String(options, "salt") is { } salt ? salt : Name;
        DefaultSeed = cells.FirstOrDefault(c => c.Kind == ClassworkCellKind.Parameters) is { } p ? StudentSeed.Read(p.Source) : null;
    }

    /// <summary>The source notebook's full path.</summary>
    public string Path { get; }

    /// <summary>The assignment's name: the file name without ".ipynb".</summary>
    public string Name { get; }

    /// <summary>The folder of the source notebook; relative <c>#r</c> paths resolve against it.</summary>
    public string Folder { get; }

    /// <summary>The source notebook as loaded.</summary>
    public Ipynb Notebook { get; }

    /// <summary>Every cell, in order.</summary>
    public IReadOnlyList<ClassworkCell> Cells { get; }

    /// <summary>The salt of per-student seeds: <c>metadata.coursekit.salt</c>, else the assignment's name.</summary>
    public string Salt { get; }

    /// <summary>The seed in the source's parameters cell, or null when the assignment is not parametric.</summary>
    public int? DefaultSeed { get; }

    /// <summary>True when the assignment has a parameters cell: each student on a roster gets their own numbers.</summary>
    public bool IsParametric => DefaultSeed is not null;

    /// <summary>The graded cells (tests), in order.</summary>
    public IEnumerable<ClassworkCell> Tests => Cells.Where(c => c.Kind == ClassworkCellKind.Test);

    /// <summary>Every answer the answer cells ask for, in order: what grading reads out of a student's notebook.</summary>
    public IReadOnlyList<AnswerDeclaration> Answers => Cells.SelectMany(AnswerDeclaration.Of).ToList();

    /// <summary>The total of the tests' points.</summary>
    public double MaxPoints => Tests.Sum(t => t.Points);

    /// <summary>The seed of a student: derived from the id on a roster, the source's own seed otherwise (or when not parametric).</summary>
    public int? SeedFor(string? studentId) =>
        IsParametric && studentId is not null ? StudentSeed.For(Salt, studentId) : DefaultSeed;

    /// <summary>The kernelspec name of a notebook, or null when it has none.</summary>
    public static string? KernelOf(Ipynb notebook) =>
        notebook.Metadata["kernelspec"] is JsonObject spec ? JsonText.String(spec, "name") : null;

    /// <summary>Reads and checks a source notebook.</summary>
    /// <exception cref="ClassworkException">The file is not a usable classwork source; every problem is listed.</exception>
    public static ClassworkSource Load(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        Ipynb notebook;
        try
        {
            notebook = Ipynb.Load(full);
        }
        catch (IpynbFormatException e)
        {
            // Ipynb names the file too; the exception's header already does.
            var prefix = full + ": ";
            throw new ClassworkException(full, [e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message]);
        }
        var cells = notebook.Cells.Select(ClassworkCell.From).ToList();
        var problems = Problems(notebook, cells);
        if (problems.Count > 0)
        {
            throw new ClassworkException(full, problems);
        }
        return new ClassworkSource(full, notebook, cells);
    }

    /// <summary>
    /// The student's notebook: solutions replaced, hidden tests removed, outputs cleared, the seed written in, the
    /// checksum of every nbgrader cell recorded, the salt removed from the metadata.
    /// </summary>
    public Ipynb StudentNotebook(string? studentId)
    {
        var seed = SeedFor(studentId);
        var copy = Ipynb.Parse(Notebook.ToJson());
        foreach (var (cell, source) in copy.Cells.Zip(Cells))
        {
            cell.Source = source.StudentSource(seed);
            if (source.Meta is { } meta)
            {
                (meta with { Checksum = source.StudentChecksum(seed) }).WriteTo(cell);
            }
            if (cell.CellType == "code")
            {
                cell.Json["outputs"] = new JsonArray();
                cell.Json["execution_count"] = null;
            }
        }
        var info = new JsonObject { ["assignment"] = Name };
        if (studentId is not null)
        {
            info["student"] = studentId;
        }
        copy.Metadata["coursekit"] = info;
        return copy;
    }

    /// <summary>The libraries the source loads with <c>#r</c>, resolved against its folder.</summary>
    public IReadOnlyList<string> KitReferences =>
        Cells.Where(c => c.CellType == "code").SelectMany(c => KitReference.Paths(c.Source, Folder)).Distinct().ToList();

    /// <summary>Throws when a library the source loads is not there (the kit is not published), before any engine starts.</summary>
    /// <exception cref="ClassworkException">Some <c>#r</c> file is missing.</exception>
    public void EnsureKitExists()
    {
        var missing = KitReferences.Where(dll => !File.Exists(dll))
            .Select(dll => $"#r references {dll}, which does not exist; run `coursekit setup` to publish the kit").ToList();
        if (missing.Count > 0)
        {
            throw new ClassworkException(Path, missing);
        }
    }

    private static List<string> Problems(Ipynb notebook, List<ClassworkCell> cells)
    {
        var problems = new List<string>();
        if (KernelOf(notebook) is var kernel && kernel != KernelName)
        {
            problems.Add($"the kernel is {kernel ?? "not set"}, expected {KernelName}");
        }
        foreach (var group in cells.Where(c => c.Id is not null).GroupBy(c => c.Id).Where(g => g.Count() > 1))
        {
            problems.Add($"id '{group.Key}' is used by more than one cell: {string.Join(", ", group.Select(c => c.Number))}");
        }
        foreach (var cell in cells)
        {
            problems.AddRange(CellProblems(cell).Select(p => $"{cell.Label}: {p}"));
        }
        if (cells.Count(c => c.Kind == ClassworkCellKind.Parameters) > 1)
        {
            problems.Add("more than one parameters cell; keep one cell with 'var seed = N;'");
        }
        problems.AddRange(AnswerDeclaration.Problems(cells));
        if (!cells.Any(c => c.Kind == ClassworkCellKind.Test))
        {
            problems.Add("no graded cells: mark at least one test cell with nbgrader grade=true, locked=true and points");
        }
        return problems;
    }

    private static IEnumerable<string> CellProblems(ClassworkCell cell)
    {
        foreach (var marker in RegionMarkers.Problems(cell.Source))
        {
            yield return marker;
        }
        var hasSolution = RegionMarkers.Contains(cell.Source, RegionMarkers.Kind.Solution);
        var hasHidden = RegionMarkers.Contains(cell.Source, RegionMarkers.Kind.HiddenTests);
        if (hasSolution && cell.Kind != ClassworkCellKind.Solution)
        {
            yield return "has // BEGIN SOLUTION but is not a solution cell (nbgrader solution=true)";
        }
        if (hasHidden && cell.Kind != ClassworkCellKind.Test)
        {
            yield return "has // BEGIN HIDDEN TESTS but is not a test cell (nbgrader grade=true, locked=true)";
        }
        if (cell.Meta is not { } meta)
        {
            if (cell.IsParameters)
            {
                yield return "is marked as the parameters cell but has no nbgrader metadata; make it a locked cell with an id";
            }
            yield break;
        }
        if (string.IsNullOrWhiteSpace(meta.GradeId))
        {
            yield return "has nbgrader metadata but no grade_id";
        }
        if (meta is { Grade: true, Solution: true })
        {
            yield return "is graded and a solution (nbgrader's manually graded answer); coursekit grades automatically: split it into a solution cell and a test cell";
        }
        if (cell.Kind == ClassworkCellKind.Test)
        {
            if (meta.Points is not { } points || points <= 0 || !double.IsFinite(points))
            {
                yield return "is graded but has no positive 'points'";
            }
            if (!meta.Locked)
            {
                yield return "is a test cell but not locked; set locked=true so grading restores it";
            }
            if (cell.CellType != "code")
            {
                yield return "is graded but is not a code cell";
            }
        }
        if (cell.Kind == ClassworkCellKind.Solution && cell.CellType == "code" && !RegionMarkers.Contains(cell.Source, RegionMarkers.Kind.Solution))
        {
            yield return "is a solution cell without a // BEGIN SOLUTION region: the student version would give the answer away";
        }
        if (cell.IsParameters && (StudentSeed.Read(cell.Source) is null || !meta.Locked))
        {
            yield return "the parameters cell must be locked and hold exactly one line 'var seed = N;'";
        }
    }
}
