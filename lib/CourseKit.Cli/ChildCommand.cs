namespace CourseKit.Cli;

/// <summary>A command line: the program, its arguments and its working folder.</summary>
internal sealed record ChildCommand(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory);
