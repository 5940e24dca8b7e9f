namespace CourseKit.Text;

/// <summary>
/// The baseline every tagger must beat: tag each word with the tag it had most often in training, ignoring context;
/// words never seen get the most frequent tag overall.
/// </summary>
public sealed class MostFrequentTag
{
    private readonly Dictionary<string, string> best;

    /// <summary>Counts tags per (lower-cased) word in <paramref name="training"/>; ties go to the alphabetically first tag.</summary>
    public MostFrequentTag(IReadOnlyList<TaggedSentence> training)
    {
        ArgumentNullException.ThrowIfNull(training);
        var pairs = training.SelectMany(s => s.Words.Select(TaggingDataset.Normalize).Zip(s.Tags)).ToList();
        if (pairs.Count == 0) throw new ArgumentException("Most-frequent-tag baseline: no training words.", nameof(training));
        best = pairs.GroupBy(p => p.First)
            .ToDictionary(g => g.Key, g => Pick(g.Select(p => p.Second)));
        Fallback = Pick(pairs.Select(p => p.Second));
    }

    private static string Pick(IEnumerable<string> tags) =>
        tags.GroupBy(t => t).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;

    /// <summary>The tag given to words not seen in training.</summary>
    public string Fallback { get; }

    /// <summary>The baseline's tags for a sentence.</summary>
    public string[] Tag(IEnumerable<string> words) =>
        words.Select(w => best.TryGetValue(TaggingDataset.Normalize(w), out var tag) ? tag : Fallback).ToArray();

    /// <summary>Fraction of words in <paramref name="sentences"/> the baseline tags right (0 when there are none).</summary>
    public double Accuracy(IReadOnlyList<TaggedSentence> sentences)
    {
        double accuracy = Accuracy(sentences, _ => true);
        return double.IsNaN(accuracy) ? 0 : accuracy;
    }

    /// <summary>
    /// Fraction of the words that <paramref name="counted"/> accepts (it sees each word lower-cased, as
    /// <see cref="TaggingDataset.Normalize"/> makes it) that the baseline tags right; NaN when it accepts none.
    /// </summary>
    public double Accuracy(IReadOnlyList<TaggedSentence> sentences, Func<string, bool> counted)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(counted);
        int right = 0, total = 0;
        foreach (var s in sentences)
        {
            var tags = Tag(s.Words);
            for (int i = 0; i < tags.Length; i++)
            {
                if (!counted(TaggingDataset.Normalize(s.Words[i]))) continue;
                total++;
                if (tags[i] == s.Tags[i]) right++;
            }
        }
        return total == 0 ? double.NaN : right / (double)total;
    }
}
