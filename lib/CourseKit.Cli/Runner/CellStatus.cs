namespace CourseKit.Cli.Runner;

/// <summary>How a code cell ended.</summary>
internal enum CellStatus
{
    /// <summary>Ran without an error.</summary>
    Ok,

    /// <summary>Ran and failed (an exception, a compile error, or a cell the runner does not support).</summary>
    Error,

    /// <summary>Stopped by the cell's or the notebook's time limit.</summary>
    TimedOut,

    /// <summary>Stopped because the worker went over its memory limit.</summary>
    MemoryLimit,

    /// <summary>Was running when the worker process stopped (exit, crash).</summary>
    Stopped,

    /// <summary>Never ran: an earlier cell ended the run.</summary>
    NotRun,
}

/// <summary>The spelling of <see cref="CellStatus"/> in notebooks and summary.json.</summary>
internal static class CellStatusText
{
    public static string Text(this CellStatus status) => status switch
    {
        CellStatus.Ok => "ok",
        CellStatus.Error => "error",
        CellStatus.TimedOut => "timed out",
        CellStatus.MemoryLimit => "memory limit",
        CellStatus.Stopped => "stopped",
        _ => "not run",
    };
}
