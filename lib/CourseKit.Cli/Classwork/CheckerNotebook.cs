namespace CourseKit.Cli.Classwork;

/// <summary>
/// What the checker runs for one student: the source's locked code cells (set-up, the student's seed, data), its test
/// cells with their hidden tests, and in place of each answer cell a cell that stands for its answers, which the
/// checker sets from the student's data (see <see cref="CheckerHooks"/>). No line of it comes from the student.
/// </summary>
internal static class CheckerNotebook
{
    /// <summary>The notebook, and for each of its cells the source cell it stands for.</summary>
    public static (Ipynb Notebook, IReadOnlyList<ClassworkCell> Origins) Build(ClassworkSource source, int? seed)
    {
        var notebook = Ipynb.CreateCSharp();
        var origins = new List<ClassworkCell>();
        foreach (var cell in source.Cells.Where(c => c.CellType == "code" && c.Id is not null))
        {
            var code = cell.Kind == ClassworkCellKind.Solution
                ? $"// the answers of '{cell.Id}', set from the student's notebook: " +
                  string.Join(", ", AnswerDeclaration.Of(cell).Select(a => $"{a.Type} {a.Name}"))
                : cell.GradingSource(seed, source.Folder);
            notebook.AddCodeCell(code);
            origins.Add(cell);
        }
        return (notebook, origins);
    }
}
