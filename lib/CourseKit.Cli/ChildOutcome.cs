namespace CourseKit.Cli;

/// <summary>How a child process ended.</summary>
/// <param name="ExitCode">The exit code, or null when the process was killed for running too long.</param>
/// <param name="TimedOut">True when the time limit ran out and the process tree was killed.</param>
/// <param name="Elapsed">Wall time from start to exit (or kill).</param>
internal sealed record ChildOutcome(int? ExitCode, bool TimedOut, TimeSpan Elapsed);
