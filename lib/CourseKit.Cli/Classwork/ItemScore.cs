namespace CourseKit.Cli.Classwork;

/// <summary>The score of one graded cell for one student.</summary>
/// <param name="Id">The test cell's id.</param>
/// <param name="Points">Points earned.</param>
/// <param name="MaxPoints">Points possible.</param>
/// <param name="Message">Why points were lost: the check's exception message, or why it did not run; null when full marks.</param>
public sealed record ItemScore(string Id, double Points, double MaxPoints, string? Message);
