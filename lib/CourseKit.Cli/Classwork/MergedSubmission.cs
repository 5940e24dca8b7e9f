namespace CourseKit.Cli.Classwork;

/// <summary>
/// The notebook that grading runs for one student: the source's locked and test cells (hidden tests included), the
/// student's seed, the student's answers and scratch cells. Built by <see cref="SubmissionMerge"/>.
/// </summary>
/// <param name="Notebook">The notebook to run.</param>
/// <param name="Origins">For each cell of <paramref name="Notebook"/>: the source cell it stands for (null for a student's own cell).</param>
/// <param name="Notes">What was repaired: deleted or edited cells restored, reordering undone, duplicates dropped.</param>
/// <param name="Error">A problem that stops grading (an ambiguous answer); null when the notebook can run.</param>
internal sealed record MergedSubmission(
    Ipynb Notebook, IReadOnlyList<ClassworkCell?> Origins, IReadOnlyList<string> Notes, string? Error)
{
    /// <summary>The 0-based index in <see cref="Notebook"/> of the cell standing for this source cell, or -1.</summary>
    public int IndexOf(ClassworkCell cell)
    {
        for (var i = 0; i < Origins.Count; i++)
        {
            if (ReferenceEquals(Origins[i], cell))
            {
                return i;
            }
        }
        return -1;
    }
}
