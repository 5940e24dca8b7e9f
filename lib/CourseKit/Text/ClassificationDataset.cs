namespace CourseKit.Text;

/// <summary>
/// Labelled texts turned into what a classifier trains on: a tokenizer, a word vocabulary from the training texts,
/// a label vocabulary, and id arrays.
/// </summary>
public sealed class ClassificationDataset
{
    private ClassificationDataset(Tokenizer tokenizer, Vocabulary words, Vocabulary labels)
    {
        Tokenizer = tokenizer;
        Words = words;
        Labels = labels;
    }

    /// <summary>Builds the vocabularies from <paramref name="training"/> (labels in sorted order, so ids do not depend on file order).</summary>
    public static ClassificationDataset Create(IReadOnlyList<LabeledExample> training, Tokenizer? tokenizer = null, int minCount = 1)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (training.Count == 0) throw new ArgumentException("Classification dataset: no training examples.", nameof(training));
        tokenizer ??= new Tokenizer();
        var words = Vocabulary.Build(training.Select(e => tokenizer.Tokenize(e.Text)), minCount);
        var labels = Vocabulary.ForLabels(training.Select(e => e.Label).Distinct().Order(StringComparer.Ordinal));
        return new ClassificationDataset(tokenizer, words, labels);
    }

    /// <summary>Splits texts into tokens.</summary>
    public Tokenizer Tokenizer { get; }

    /// <summary>Word ↔ id (with &lt;pad&gt; and &lt;unk&gt;).</summary>
    public Vocabulary Words { get; }

    /// <summary>Label ↔ id: the classifier's output classes.</summary>
    public Vocabulary Labels { get; }

    /// <summary>The token ids and label id of every example.</summary>
    public (int[][] Texts, int[] Labels) Encode(IReadOnlyList<LabeledExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        return (examples.Select(e => EncodeText(e.Text)).ToArray(), examples.Select(e => Labels.IdOf(e.Label)).ToArray());
    }

    /// <summary>Token ids of a text typed in (unknown words become &lt;unk&gt;; an empty text becomes one &lt;unk&gt;).</summary>
    public int[] EncodeText(string text)
    {
        var ids = Words.Encode(Tokenizer.Tokenize(text));
        return ids.Length == 0 ? [Vocabulary.UnknownId] : ids;
    }

    /// <summary>The share of the most common label among <paramref name="labels"/>: what always guessing it scores.</summary>
    public static double MajorityShare(IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return labels.Count == 0 ? 0 : labels.GroupBy(l => l).Max(g => g.Count()) / (double)labels.Count;
    }
}
