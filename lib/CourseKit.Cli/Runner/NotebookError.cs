namespace CourseKit.Cli.Runner;

/// <summary>One failure in a notebook run: an error output of a cell, or a problem with the whole notebook.</summary>
/// <param name="Cell">1-based cell number, counting every cell (markdown too); null when the problem is not in one cell.</param>
/// <param name="EName">The error's name: the exception type, "CompilationError", or a kind such as "Timeout" or "WorkerStopped".</param>
/// <param name="Message">The full message; for exceptions it carries the type, message and stack trace.</param>
public sealed record NotebookError(int? Cell, string EName, string Message)
{
    /// <summary>The first non-empty line of <see cref="Message"/>: what a one-line report shows.</summary>
    public string FirstLine =>
        Message.Split('\n').Select(line => line.TrimEnd('\r').Trim()).FirstOrDefault(line => line.Length > 0) ?? EName;

    /// <summary>"cell N: first line", or just the first line when the error is not in one cell.</summary>
    public string Headline => Cell is { } cell ? $"cell {cell}: {FirstLine}" : FirstLine;
}
