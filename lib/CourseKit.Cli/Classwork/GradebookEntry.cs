namespace CourseKit.Cli.Classwork;

/// <summary>One student's line in the gradebook.</summary>
/// <param name="Student">The student id (from the file or folder name).</param>
/// <param name="File">The submission file, relative to the submissions folder; null when the student submitted nothing.</param>
/// <param name="Sha256">The submission file's SHA-256: a re-run skips the student while it is unchanged.</param>
/// <param name="Seed">The seed the student's numbers were drawn from; null when the assignment is not parametric.</param>
/// <param name="Status">"graded", "not graded" (the submission could not be run), "timed out", "memory limit", "stopped early" or "missing".</param>
/// <param name="Items">Each test cell's score, in the source's order.</param>
/// <param name="Errors">What went wrong with the submission as a whole, for the teacher and the student.</param>
/// <param name="Notes">What grading repaired (restored cells, undone moves, truncated output).</param>
/// <param name="Seconds">Wall time of grading this student.</param>
public sealed record GradebookEntry(
    string Student,
    string? File,
    string? Sha256,
    int? Seed,
    string Status,
    IReadOnlyList<ItemScore> Items,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> Notes,
    double Seconds)
{
    /// <summary>Points earned over all items.</summary>
    public double Total => Items.Sum(i => i.Points);

    /// <summary>Points possible over all items.</summary>
    public double MaxPoints => Items.Sum(i => i.MaxPoints);
}
