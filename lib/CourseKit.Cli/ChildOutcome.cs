namespace CourseKit.Cli;

/// <summary>How a child process ended.</summary>
/// <param name="ExitCode">The exit code, or null when the process was killed for running too long or using too much memory.</param>
/// <param name="TimedOut">True when the time limit ran out and the process tree was killed.</param>
/// <param name="Elapsed">Wall time from start to exit (or kill).</param>
/// <param name="MemoryExceeded">True when the process tree went over its memory limit and was killed.</param>
/// <param name="PeakMemoryBytes">The largest resident memory of the process tree that polling saw (0 when not polled).</param>
/// <param name="DroppedOutputChars">Output characters beyond the output cap, counted but not copied.</param>
internal sealed record ChildOutcome(
    int? ExitCode, bool TimedOut, TimeSpan Elapsed, bool MemoryExceeded = false, long PeakMemoryBytes = 0, long DroppedOutputChars = 0);
