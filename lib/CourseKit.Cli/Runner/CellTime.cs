namespace CourseKit.Cli.Runner;

/// <summary>One code cell's line in summary.json: its number, how it ended and its time (null when it did not run).</summary>
public sealed record CellTime(int Cell, string Status, double? Seconds);
