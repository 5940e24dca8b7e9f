namespace CourseKit.Cli.Classwork;

/// <summary>
/// What the checker runs for one student: the source's locked code cells (set-up, the student's seed, data), its test
/// cells with their hidden tests, and in place of each answer cell a cell that stands for its answers (which the
/// checker sets from the student's data, see <see cref="CheckerHooks"/>) followed by one cell per function answer,
/// the function as the table of the student's results. No line of it comes from the student.
/// </summary>
internal static class CheckerNotebook
{
    /// <summary>The notebook, and what each of its cells stands for.</summary>
    public static (Ipynb Notebook, IReadOnlyList<CheckerCell> Cells) Build(ClassworkSource source, int? seed)
    {
        var notebook = Ipynb.CreateCSharp();
        var cells = new List<CheckerCell>();
        foreach (var cell in source.Cells.Where(c => c.CellType == "code" && c.Id is not null))
        {
            if (cell.Kind != ClassworkCellKind.Solution)
            {
                notebook.AddCodeCell(cell.GradingSource(seed, source.Folder));
                cells.Add(new CheckerCell(cell, null));
                continue;
            }
            notebook.AddCodeCell($"// the answers of '{cell.Id}', set from the student's notebook: " +
                                 string.Join(", ", AnswerDeclaration.Of(cell).Select(a => $"{a.Type} {a.Name}")));
            cells.Add(new CheckerCell(cell, null));
            foreach (var function in FunctionAnswer.Of(cell))
            {
                notebook.AddCodeCell(function.TableCode());
                cells.Add(new CheckerCell(cell, function));
            }
        }
        return (notebook, cells);
    }

    /// <summary>The locked code cells before the first answer cell: what computes the inputs of function answers.</summary>
    public static Ipynb Preamble(ClassworkSource source, int? seed)
    {
        var notebook = Ipynb.CreateCSharp();
        foreach (var cell in source.Cells.Where(c => c.CellType == "code" && c.Id is not null).TakeWhile(c => c.Kind != ClassworkCellKind.Solution))
        {
            if (cell.Kind != ClassworkCellKind.Test)
            {
                notebook.AddCodeCell(cell.GradingSource(seed, source.Folder));
            }
        }
        return notebook;
    }
}

/// <summary>One cell of the checker's notebook: the source cell it stands for and, for a function's table, the function.</summary>
internal sealed record CheckerCell(ClassworkCell Origin, FunctionAnswer? Function);
