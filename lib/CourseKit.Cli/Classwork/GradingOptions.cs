namespace CourseKit.Cli.Classwork;

/// <summary>The limits each submission is graded under.</summary>
/// <param name="Timeout">Wall time for the student's notebook, and again for the checks (--timeout).</param>
/// <param name="MemoryMegabytes">Memory for each of the two sandboxes, tmpfs included (--memory).</param>
/// <param name="MaxSubmissionBytes">The largest submission file read (--max-size).</param>
internal sealed record GradingOptions(TimeSpan Timeout, int MemoryMegabytes, long MaxSubmissionBytes);
