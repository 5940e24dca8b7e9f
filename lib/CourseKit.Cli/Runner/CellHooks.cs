namespace CourseKit.Cli.Runner;

/// <summary>
/// What a caller of the runner may do around each code cell, with the worker between cells (grading reads the
/// student's answers after each cell, and sets them in the checker's kernel in place of the answer cells).
/// </summary>
internal interface ICellHooks
{
    /// <summary>Before a code cell: null to run it, or how to record it without running it.</summary>
    Task<SkippedCell?> BeforeAsync(IpynbCell cell, WorkerProcess worker, CancellationToken cancellationToken);

    /// <summary>After a code cell that ran to its end (with or without an error); the worker is idle.</summary>
    Task AfterAsync(IpynbCell cell, WorkerProcess worker, CancellationToken cancellationToken);

    /// <summary>After the last cell, when nothing stopped the run; the kernel still holds the notebook's state.</summary>
    Task FinishedAsync(WorkerProcess worker, CancellationToken cancellationToken);
}

/// <summary>A cell recorded without running it: how it ended and, for an error, the error's name and message.</summary>
internal sealed record SkippedCell(CellStatus Status, string? ErrorName = null, string? Message = null);
