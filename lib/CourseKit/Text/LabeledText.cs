namespace CourseKit.Text;

/// <summary>
/// Reads a text classification file: one example per line, <c>text&lt;TAB&gt;label</c>, as in <c>data/sentences/</c>.
/// Blank lines and lines starting with <c>#</c> are skipped.
/// </summary>
public static class LabeledText
{
    /// <summary>The examples in the file at <paramref name="path"/>, in file order.</summary>
    /// <exception cref="FormatException">A line is not <c>text&lt;TAB&gt;label</c>; the message names the file and line.</exception>
    public static IReadOnlyList<LabeledExample> Read(string path) => TextFileError.ReadFile(path, Parse);

    /// <summary>The examples read from <paramref name="reader"/>; errors name <paramref name="sourceName"/> and the line number.</summary>
    /// <exception cref="FormatException">A line is not <c>text&lt;TAB&gt;label</c>.</exception>
    public static IReadOnlyList<LabeledExample> Parse(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        var examples = new List<LabeledExample>();
        int number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#')) continue;
            int tabs = line.AsSpan().Count('\t');
            if (tabs != 1)
                throw TextFileError.At(sourceName, number, $"expected text<TAB>label with exactly one tab, found {tabs} tabs.");
            int tab = line.IndexOf('\t');
            string text = line[..tab].Trim(), label = line[(tab + 1)..].Trim();
            if (text.Length == 0) throw TextFileError.At(sourceName, number, "the text before the tab is empty.");
            if (label.Length == 0) throw TextFileError.At(sourceName, number, "the label after the tab is empty.");
            examples.Add(new LabeledExample(text, label));
        }
        return examples;
    }
}
