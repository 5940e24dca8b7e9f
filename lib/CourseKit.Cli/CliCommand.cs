namespace CourseKit.Cli;

/// <summary>What the command line asked for.</summary>
internal abstract record CliCommand;

/// <summary>`coursekit help` (or no arguments, or --help).</summary>
internal sealed record HelpCommand : CliCommand;

/// <summary>`coursekit setup`.</summary>
internal sealed record SetupCommand : CliCommand;

/// <summary>`coursekit run`; an empty <paramref name="Inputs"/> means the repository's notebooks/ folder.</summary>
internal sealed record RunCommandOptions(IReadOnlyList<string> Inputs, string? OutDir, TimeSpan Timeout, bool NoSetup) : CliCommand;

/// <summary>Arguments that make no sense; <paramref name="Message"/> says why.</summary>
internal sealed record UsageError(string Message) : CliCommand;

/// <summary>`coursekit assign SOURCE [--roster FILE] [--out DIR] [--timeout SECONDS]`.</summary>
internal sealed record AssignCommandOptions(string Source, string? Roster, string? OutDir, TimeSpan Timeout) : CliCommand;

/// <summary>`coursekit grade SOURCE SUBMISSIONS [--roster FILE] [--out DIR] [--timeout SECONDS] [--memory MB]`.</summary>
internal sealed record GradeCommandOptions(
    string Source, string Submissions, string? Roster, string? OutDir, TimeSpan Timeout, int MemoryMegabytes) : CliCommand;
