namespace CourseKit.Text;

/// <summary>One sentence of a part-of-speech corpus: its words and, position by position, their tags.</summary>
/// <param name="Words">The word forms (CoNLL-U column 2, FORM), in order.</param>
/// <param name="Tags">The universal POS tag of each word (CoNLL-U column 4, UPOS); as long as <paramref name="Words"/>.</param>
/// <param name="Id">The <c># sent_id</c> comment, if the file gives one.</param>
/// <param name="Text">The <c># text</c> comment (the untokenized sentence), if the file gives one.</param>
public sealed record TaggedSentence(IReadOnlyList<string> Words, IReadOnlyList<string> Tags, string? Id, string? Text)
{
    /// <summary>Number of words.</summary>
    public int Length => Words.Count;

    /// <summary>For example <c>the/DET red/ADJ book/NOUN</c>.</summary>
    public override string ToString() => string.Join(" ", Words.Select((w, i) => $"{w}/{Tags[i]}"));
}
