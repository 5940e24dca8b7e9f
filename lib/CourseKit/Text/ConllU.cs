namespace CourseKit.Text;

/// <summary>
/// Reads part-of-speech corpora in the CoNLL-U format of Universal Dependencies, as in <c>data/pos/</c>.
/// </summary>
/// <remarks>
/// <para>A word line has 10 tab-separated columns: ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC. Only FORM
/// (column 2) and UPOS (column 4) are kept. A blank line ends a sentence.</para>
/// <para>Comment lines (<c>#</c>) are skipped except <c># sent_id = …</c> and <c># text = …</c>, which become
/// <see cref="TaggedSentence.Id"/> and <see cref="TaggedSentence.Text"/>. Multiword-token ranges (ID <c>1-2</c>, the
/// surface form "don't" over its words) and empty nodes (ID <c>1.1</c>) are skipped, so the words are exactly the
/// tagged ones.</para>
/// </remarks>
public static class ConllU
{
    /// <summary>Number of columns on a word line.</summary>
    public const int Columns = 10;

    /// <summary>The 17 universal POS tags (UPOS), in the order the Universal Dependencies documentation lists them.</summary>
    public static IReadOnlyList<string> UniversalTags { get; } =
        ["ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"];

    /// <summary>The sentences of the file at <paramref name="path"/>, in file order.</summary>
    /// <exception cref="FormatException">A line is malformed; the message names the file and line.</exception>
    public static IReadOnlyList<TaggedSentence> Read(string path) => TextFileError.ReadFile(path, Parse);

    /// <summary>The sentences read from <paramref name="reader"/>; errors name <paramref name="sourceName"/> and the line number.</summary>
    /// <exception cref="FormatException">A word line does not have 10 columns, its ID is not a number, or IDs are out of sequence.</exception>
    public static IReadOnlyList<TaggedSentence> Parse(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        var sentences = new List<TaggedSentence>();
        var words = new List<string>();
        var tags = new List<string>();
        string? id = null, text = null;
        int number = 0;

        void EndSentence()
        {
            if (words.Count > 0) sentences.Add(new TaggedSentence(words.ToArray(), tags.ToArray(), id, text));
            words.Clear();
            tags.Clear();
            id = text = null;
        }

        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) { EndSentence(); continue; }
            if (line.StartsWith('#'))
            {
                int equals = line.IndexOf('=');
                if (equals < 0) continue;
                string key = line[1..equals].Trim(), value = line[(equals + 1)..].Trim();
                if (key == "sent_id") id = value;
                else if (key == "text") text = value;
                continue;
            }
            var columns = line.Split('\t');
            if (columns.Length != Columns)
                throw TextFileError.At(sourceName, number,
                    $"expected {Columns} tab-separated columns (ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC), found {columns.Length}.");
            string wordId = columns[0];
            if (wordId.Contains('-') || wordId.Contains('.')) continue; // multiword token range or empty node
            if (!int.TryParse(wordId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n))
                throw TextFileError.At(sourceName, number, $"the ID \"{wordId}\" is not a word number.");
            if (n != words.Count + 1)
                throw TextFileError.At(sourceName, number, $"word ID {n} out of sequence: expected {words.Count + 1} (is a blank line missing between sentences?).");
            if (columns[1].Length == 0 || columns[3].Length == 0)
                throw TextFileError.At(sourceName, number, "FORM (column 2) and UPOS (column 4) must not be empty.");
            words.Add(columns[1]);
            tags.Add(columns[3]);
        }
        EndSentence();
        return sentences;
    }
}
