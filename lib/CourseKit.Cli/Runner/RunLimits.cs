namespace CourseKit.Cli.Runner;

/// <summary>The limits a notebook runs under. When one is hit the worker is stopped; finished cells keep their outputs.</summary>
/// <param name="Notebook">Wall time for the whole notebook (--timeout); null: none.</param>
/// <param name="Cell">Wall time for any one cell (--cell-timeout); null: none.</param>
/// <param name="MaxCellOutputChars">Output kept per cell; the rest is counted, dropped and noted in the cell. Null: all of it.</param>
/// <param name="MaxLogChars">Standard error kept in NAME.log; the rest is counted and dropped. Null: all of it.</param>
/// <param name="MemoryMegabytes">The worker's memory limit, as error messages state it (the pool's workers enforce it).</param>
public sealed record RunLimits(
    TimeSpan? Notebook,
    TimeSpan? Cell = null,
    long? MaxCellOutputChars = null,
    long? MaxLogChars = 10_000_000,
    int? MemoryMegabytes = null);
