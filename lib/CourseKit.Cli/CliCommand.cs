namespace CourseKit.Cli;

/// <summary>What the command line asked for.</summary>
internal abstract record CliCommand;

/// <summary>`coursekit help` (or no arguments, or --help).</summary>
internal sealed record HelpCommand : CliCommand;

/// <summary>`coursekit setup`.</summary>
internal sealed record SetupCommand : CliCommand;

/// <summary>
/// `coursekit run`; an empty <paramref name="Inputs"/> means the repository's notebooks/ folder. <paramref name="Timeout"/>
/// limits each notebook, <paramref name="CellTimeout"/> (when set) each cell; <paramref name="Jobs"/> notebooks run at once.
/// </summary>
internal sealed record RunCommandOptions(
    IReadOnlyList<string> Inputs, string? OutDir, TimeSpan Timeout, bool NoSetup, TimeSpan? CellTimeout = null, int Jobs = 1) : CliCommand;

/// <summary>Arguments that make no sense; <paramref name="Message"/> says why.</summary>
internal sealed record UsageError(string Message) : CliCommand;

/// <summary>`coursekit assign SOURCE [--roster FILE] [--out DIR] [--timeout SECONDS]`.</summary>
internal sealed record AssignCommandOptions(string Source, string? Roster, string? OutDir, TimeSpan Timeout) : CliCommand;

/// <summary>`coursekit grade SOURCE SUBMISSIONS [--roster FILE] [--out DIR] [--timeout SECONDS] [--memory MB]`.</summary>
internal sealed record GradeCommandOptions(
    string Source, string Submissions, string? Roster, string? OutDir, TimeSpan Timeout, int MemoryMegabytes) : CliCommand;
