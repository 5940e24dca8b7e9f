namespace CourseKit.Cli.Classwork;

/// <summary>A classwork notebook or roster that cannot be used; the message names the file and lists every problem.</summary>
public sealed class ClassworkException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/> with one problem per line.</summary>
    public ClassworkException(string path, IReadOnlyList<string> problems)
        : base($"{path}:\n" + string.Join('\n', problems.Select(p => "  - " + p)))
    {
        Problems = problems;
    }

    /// <summary>Each problem on its own.</summary>
    public IReadOnlyList<string> Problems { get; }
}
