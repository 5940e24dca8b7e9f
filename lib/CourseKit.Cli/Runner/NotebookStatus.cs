namespace CourseKit.Cli.Runner;

/// <summary>How a notebook run ended.</summary>
public enum NotebookStatus
{
    /// <summary>Every cell ran without an error output.</summary>
    Passed,

    /// <summary>A cell produced an error output, or the engine failed.</summary>
    Failed,

    /// <summary>The run exceeded its time limit and the engine was killed.</summary>
    TimedOut,

    /// <summary>The engine's process tree went over its memory limit and was killed.</summary>
    MemoryExceeded,

    /// <summary>The input is not a readable nbformat-4 notebook; nothing was run.</summary>
    Invalid,
}
