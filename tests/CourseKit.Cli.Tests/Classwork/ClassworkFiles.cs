using CourseKit.Cli.Classwork;

namespace CourseKit.Cli.Tests.Classwork;

/// <summary>The shipped classwork sources, and small helpers to make student submissions from them.</summary>
internal static class ClassworkFiles
{
    public static readonly string[] ShippedNames =
        ["01-unit-output", "02-xor-weights", "03-rnn-pos", "04-lstm-step", "05-gru-step", "06-adam-step"];

    /// <summary>The answer lines a correct student writes in 01-unit-output.</summary>
    public const string UnitOutputAnswer = "z = i[0] * w[0] + i[1] * w[1] + i[2] * w[2] + b;\no = 1 / (1 + Math.Exp(-z));";

    public static string RepoRoot =>
        RepoLocator.Find(AppContext.BaseDirectory) ?? throw new InvalidOperationException("the tests must run inside the repository");

    public static string Shipped(string name) => Path.Combine(RepoRoot, "notebooks", "classwork", name + ".ipynb");

    public static ClassworkSource UnitOutput() => ClassworkSource.Load(Shipped("01-unit-output"));

    /// <summary>A student's notebook with every "throw new NotImplementedException();" replaced by <paramref name="answer"/>.</summary>
    public static Ipynb Answered(ClassworkSource source, string student, string answer)
    {
        var notebook = source.StudentNotebook(student);
        foreach (var cell in notebook.Cells)
        {
            cell.Source = cell.Source.Replace(RegionMarkers.NotImplemented, answer);
        }
        return notebook;
    }

    /// <summary>`grade`'s sandbox option: none where bwrap can start, else --no-sandbox (the sandbox facts are then skipped).</summary>
    public static string[] SandboxOption => Sandbox.Detect().IsIsolated ? [] : ["--no-sandbox"];

    /// <summary>Marks a cell with nbgrader's metadata.</summary>
    public static void Mark(IpynbCell cell, string id, bool grade = false, bool solution = false, bool locked = false, double? points = null) =>
        new NbgraderCell(id, grade, solution, locked, points, null).WriteTo(cell);

    /// <summary>The cell with this nbgrader id.</summary>
    public static IpynbCell CellWithId(Ipynb notebook, string id) =>
        notebook.Cells.Single(c => NbgraderCell.Read(c)?.GradeId == id);

    /// <summary>Removes the cell at <paramref name="index"/>, or moves it to <paramref name="moveTo"/>, or copies it after itself.</summary>
    public static void RemoveCell(Ipynb notebook, int index) => ((System.Text.Json.Nodes.JsonArray)notebook.Json["cells"]!).RemoveAt(index);

    public static void MoveCell(Ipynb notebook, int from, int to)
    {
        var cells = (System.Text.Json.Nodes.JsonArray)notebook.Json["cells"]!;
        var cell = cells[from]!;
        cells.RemoveAt(from);
        cells.Insert(to, cell);
    }

    public static void DuplicateCell(Ipynb notebook, int index)
    {
        var cells = (System.Text.Json.Nodes.JsonArray)notebook.Json["cells"]!;
        cells.Insert(index + 1, cells[index]!.DeepClone());
    }

    public static int IndexOfId(Ipynb notebook, string id) => CellWithId(notebook, id).Index;
}
