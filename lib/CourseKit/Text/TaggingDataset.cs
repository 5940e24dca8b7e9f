namespace CourseKit.Text;

/// <summary>
/// Tagged sentences turned into what a tagger trains on: a word vocabulary built from the training sentences
/// (lower-cased; unseen words become <c>&lt;unk&gt;</c>), a tag vocabulary, and id arrays.
/// </summary>
public sealed class TaggingDataset
{
    private TaggingDataset(Vocabulary words, Vocabulary tags)
    {
        Words = words;
        Tags = tags;
    }

    /// <summary>Builds both vocabularies from <paramref name="training"/>; words seen fewer than <paramref name="minCount"/> times become unknown.</summary>
    public static TaggingDataset Create(IReadOnlyList<TaggedSentence> training, int minCount = 1)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (training.Count == 0) throw new ArgumentException("Tagging dataset: no training sentences.", nameof(training));
        var words = Vocabulary.Build(training.Select(s => s.Words.Select(Normalize)), minCount);
        var tags = Vocabulary.ForLabels(training.SelectMany(s => s.Tags));
        return new TaggingDataset(words, tags);
    }

    /// <summary>Word ↔ id (with &lt;pad&gt; and &lt;unk&gt;).</summary>
    public Vocabulary Words { get; }

    /// <summary>Tag ↔ id: the tagger's output classes.</summary>
    public Vocabulary Tags { get; }

    /// <summary>The word ids and tag ids of every sentence.</summary>
    public (int[][] Words, int[][] Tags) Encode(IReadOnlyList<TaggedSentence> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        return (sentences.Select(s => EncodeWords(s.Words)).ToArray(), sentences.Select(s => Tags.Encode(s.Tags)).ToArray());
    }

    /// <summary>Word ids for a list of words (lower-cased first, as the vocabulary was built).</summary>
    public int[] EncodeWords(IEnumerable<string> words) => Words.Encode(words.Select(Normalize));

    /// <summary>
    /// The word types (lower-cased) that carry more than one tag in <paramref name="training"/>, such as "that" (DET,
    /// PRON, SCONJ) or "book" (NOUN, VERB): the words a tagger can only get right from their context.
    /// </summary>
    public static IReadOnlySet<string> AmbiguousWords(IReadOnlyList<TaggedSentence> training)
    {
        ArgumentNullException.ThrowIfNull(training);
        return training.SelectMany(s => s.Words.Select(Normalize).Zip(s.Tags))
            .GroupBy(p => p.First, p => p.Second)
            .Where(g => g.Distinct().Skip(1).Any())
            .Select(g => g.Key)
            .ToHashSet();
    }

    /// <summary>How words are compared: lower-cased with the invariant culture.</summary>
    public static string Normalize(string word) => word.ToLowerInvariant();
}
