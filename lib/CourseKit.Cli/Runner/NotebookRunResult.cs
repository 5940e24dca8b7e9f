namespace CourseKit.Cli.Runner;

/// <summary>The outcome of running one notebook.</summary>
/// <param name="Name">The notebook's file name without extension; the executed files are named after it.</param>
/// <param name="NotebookPath">The full path of the input notebook.</param>
/// <param name="Status">How the run ended.</param>
/// <param name="Seconds">Wall time of the run, validation included.</param>
/// <param name="Errors">Every error, in cell order; empty when the notebook passed.</param>
/// <param name="ExecutedPath">The executed notebook, or null when the input could not be read.</param>
/// <param name="LogPath">The worker's standard error and the runner's notes, or null when nothing was run.</param>
/// <param name="Notebook">The executed notebook, loaded, or null when there is none.</param>
/// <param name="Cells">Each code cell's status and time, in cell order (empty when nothing ran).</param>
public sealed record NotebookRunResult(
    string Name,
    string NotebookPath,
    NotebookStatus Status,
    double Seconds,
    IReadOnlyList<NotebookError> Errors,
    string? ExecutedPath,
    string? LogPath,
    Ipynb? Notebook,
    IReadOnlyList<CellTime> Cells)
{
    /// <summary>True when every cell ran without error.</summary>
    public bool Passed => Status == NotebookStatus.Passed;

    /// <summary>The first error, or null when the notebook passed.</summary>
    public NotebookError? FirstError => Errors.Count > 0 ? Errors[0] : null;

    /// <summary>The status as summary.json and the reports spell it: "passed", "failed", "timed out", "memory limit" or "invalid".</summary>
    public string StatusText => Status switch
    {
        NotebookStatus.Passed => "passed",
        NotebookStatus.Failed => "failed",
        NotebookStatus.TimedOut => "timed out",
        NotebookStatus.MemoryExceeded => "memory limit",
        _ => "invalid",
    };

    /// <summary>The result for an input that is not a notebook the runner can read; nothing was run.</summary>
    public static NotebookRunResult Invalid(string name, string path, double seconds, string problem) =>
        new(name, path, NotebookStatus.Invalid, seconds, [new NotebookError(null, "InvalidNotebook", problem)], null, null, null, []);
}
