using CourseKit.Cli.Runner;

namespace CourseKit.Cli;

/// <summary>One notebook's line in the run summary: its result and the page exported for it (null when none).</summary>
internal sealed record SummaryEntry(NotebookRunResult Result, string? HtmlPath);
