namespace CourseKit.Text;

/// <summary>Errors in a data file, all in the form <c>file:line: what is wrong</c> so the reader can jump to the line.</summary>
internal static class TextFileError
{
    public static FormatException At(string source, int line, string problem) => new($"{source}:{line}: {problem}");

    /// <summary>Opens <paramref name="path"/> and hands it to a parser that reports errors under that path.</summary>
    public static TResult ReadFile<TResult>(string path, Func<TextReader, string, TResult> parse)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = File.OpenText(path);
        return parse(reader, path);
    }
}
