namespace CourseKit.Cli.Classwork;

/// <summary>
/// Rebuilds a submission around the source, as nbgrader's autograder does, so that no edit of the student's can change
/// a check: the cells with an id come in the source's order; locked, test and parameters cells come from the source
/// (hidden tests back in, the student's seed written in) whatever the student sent, deleted or edited; solution cells
/// come from the student (the unanswered stub when deleted); the student's own cells follow the cell they followed.
/// Two cells with the same solution id are an error: which answer counts would be a guess.
/// </summary>
internal static class SubmissionMerge
{
    /// <summary>Merges <paramref name="submission"/> with <paramref name="source"/> for a student with <paramref name="seed"/>.</summary>
    public static MergedSubmission Merge(ClassworkSource source, Ipynb submission, int? seed)
    {
        var notes = new List<string>();
        var byId = source.Cells.Where(c => c.Id is not null).ToDictionary(c => c.Id!);
        var answers = new Dictionary<string, IpynbCell>();
        var seen = new Dictionary<string, int>();
        var extras = new Dictionary<string, List<IpynbCell>> { [""] = [] };
        var order = new List<string>();
        var anchor = "";
        foreach (var cell in submission.Cells)
        {
            var id = NbgraderCell.Read(cell)?.GradeId;
            if (id is null || !byId.TryGetValue(id, out var origin))
            {
                extras.TryAdd(anchor, []);
                extras[anchor].Add(cell);
                continue;
            }
            if (seen.TryGetValue(id, out var first))
            {
                if (origin.Kind == ClassworkCellKind.Solution)
                {
                    var error = $"duplicate cell id '{id}' (cells {first} and {cell.Number}): two answers to one question; keep one and resubmit";
                    return new MergedSubmission(Ipynb.CreateCSharp(), [], notes, error);
                }
                notes.Add($"cell {cell.Number} is a second copy of '{id}'; ignored");
                continue;
            }
            seen[id] = cell.Number;
            order.Add(id);
            anchor = id;
            if (origin.Kind == ClassworkCellKind.Solution)
            {
                answers[id] = cell;
            }
            else if (origin.IsRestored && Edited(origin, cell, seed))
            {
                notes.Add($"{origin.Label} was edited; restored from the source");
            }
        }
        var sourceOrder = source.Cells.Where(c => c.Id is not null && seen.ContainsKey(c.Id)).Select(c => c.Id!).ToList();
        if (!order.SequenceEqual(sourceOrder))
        {
            notes.Add("cells were moved; graded in the source's order");
        }

        var merged = Ipynb.CreateCSharp();
        var origins = new List<ClassworkCell?>();
        void AddStudentCells(string after)
        {
            foreach (var extra in extras.GetValueOrDefault(after) ?? [])
            {
                Add(merged, extra.CellType, StudentCode(extra, source));
                origins.Add(null);
            }
        }
        AddStudentCells("");
        foreach (var cell in source.Cells.Where(c => c.Id is not null))
        {
            string text;
            if (cell.Kind == ClassworkCellKind.Solution)
            {
                if (answers.TryGetValue(cell.Id!, out var answer))
                {
                    text = StudentCode(answer, source);
                }
                else
                {
                    notes.Add($"{cell.Label} was deleted; graded as unanswered");
                    text = cell.StudentSource(seed);
                }
            }
            else
            {
                if (cell.IsRestored && !seen.ContainsKey(cell.Id!))
                {
                    notes.Add($"{cell.Label} was deleted; restored from the source");
                }
                text = cell.GradingSource(seed, source.Folder);
            }
            Add(merged, cell.CellType, text);
            origins.Add(cell);
            AddStudentCells(cell.Id!);
        }
        return new MergedSubmission(merged, origins, notes, null);
    }

    // The student's copy differs from what was released to them (checksums of the normalized text, as nbgrader compares).
    private static bool Edited(ClassworkCell origin, IpynbCell cell, int? seed) =>
        CellChecksum.NormalizeSource(cell.Source) != CellChecksum.NormalizeSource(origin.StudentSource(seed));

    // A student's cell runs from the temp folder, so kit references are made absolute like the source's.
    private static string StudentCode(IpynbCell cell, ClassworkSource source) =>
        cell.CellType == "code" ? KitReference.MakeAbsolute(cell.Source, source.Folder) : cell.Source;

    private static void Add(Ipynb notebook, string cellType, string text)
    {
        if (cellType == "code")
        {
            notebook.AddCodeCell(text);
        }
        else
        {
            notebook.AddMarkdownCell(text);
        }
    }
}
