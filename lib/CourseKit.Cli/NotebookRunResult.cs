namespace CourseKit.Cli;

/// <summary>The outcome of running one notebook.</summary>
/// <param name="Name">The notebook's file name without extension; the executed files are named after it.</param>
/// <param name="NotebookPath">The full path of the input notebook.</param>
/// <param name="Status">How the run ended.</param>
/// <param name="Seconds">Wall time of the run, validation included.</param>
/// <param name="Errors">Every error, in cell order; empty when the notebook passed.</param>
/// <param name="ExecutedPath">The executed notebook the engine wrote, or null when it wrote none.</param>
/// <param name="LogPath">The engine's captured stdout and stderr, or null when the engine was not started.</param>
/// <param name="Notebook">The executed notebook, loaded, or null when there is none.</param>
/// <param name="ExitCode">The engine's exit code, or null when it was not started or was killed.</param>
public sealed record NotebookRunResult(
    string Name,
    string NotebookPath,
    NotebookStatus Status,
    double Seconds,
    IReadOnlyList<NotebookError> Errors,
    string? ExecutedPath,
    string? LogPath,
    Ipynb? Notebook,
    int? ExitCode)
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
}
