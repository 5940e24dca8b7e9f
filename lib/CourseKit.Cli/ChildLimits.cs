namespace CourseKit.Cli;

/// <summary>What a child process may use, and how it is started: the limits grading puts on a student's notebook.</summary>
/// <param name="Timeout">Wall-time limit; the process tree is killed when it runs out. Null: no limit.</param>
/// <param name="MemoryBytes">Resident-memory limit for the whole process tree, polled; the tree is killed over it. Null: no limit.</param>
/// <param name="MaxOutputChars">Output copied to the writer at most; the rest is counted and dropped. Null: no cap.</param>
/// <param name="Environment">Extra environment variables for the child.</param>
/// <param name="Wrapper">Rewrites the command before it starts (a sandbox that runs it inside itself). Null: run as is.</param>
internal sealed record ChildLimits(
    TimeSpan? Timeout,
    long? MemoryBytes = null,
    long? MaxOutputChars = null,
    IReadOnlyDictionary<string, string>? Environment = null,
    Func<ChildCommand, ChildCommand>? Wrapper = null);

/// <summary>A command line: the program, its arguments and its working folder.</summary>
internal sealed record ChildCommand(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory);
