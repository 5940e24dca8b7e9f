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

/// <summary>
/// `coursekit grade SOURCE SUBMISSIONS [--roster FILE] [--out DIR] [--timeout SECONDS] [--memory MB] [--max-size MB]
/// [--jobs N] [--shard K/N] [--no-sandbox]`. <paramref name="Shard"/> is (K, N), 1-based, or null for every student.
/// </summary>
internal sealed record GradeCommandOptions(
    string Source, string Submissions, string? Roster, string? OutDir, TimeSpan Timeout, int MemoryMegabytes,
    long MaxSubmissionBytes = 20L * 1024 * 1024, int Jobs = 1, (int Index, int Count)? Shard = null, bool NoSandbox = false) : CliCommand;

/// <summary>`coursekit gradebook merge SOURCE --out DIR SHARD_DIR...`: joins the gradebooks of shards.</summary>
internal sealed record GradebookMergeOptions(string Source, string OutDir, IReadOnlyList<string> Shards) : CliCommand;

/// <summary>`coursekit jupyter install [--data-dir DIR]`: registers the kit's Jupyter kernel (DIR: Jupyter's data folder).</summary>
internal sealed record JupyterInstallOptions(string? DataDirectory) : CliCommand;

/// <summary>`coursekit export NOTEBOOK... --to app --out DIR [--check]`: file-based apps from notebooks.</summary>
internal sealed record ExportAppOptions(IReadOnlyList<string> Notebooks, string OutDir, bool Check) : CliCommand;
