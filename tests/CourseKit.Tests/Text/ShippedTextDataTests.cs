using CourseKit.Text;

namespace CourseKit.Tests.Text;

/// <summary>Reads the files in data/pos and data/sentences (made by data/tools/make_text_data.py) and checks what data/README.md says about them.</summary>
public class ShippedTextDataTests
{
    private static string DataFile(params string[] parts) => RepoData.File(parts);

    private static IReadOnlyList<TaggedSentence> Pos(string split) => ConllU.Read(DataFile("pos", $"{split}.conllu"));

    [Fact]
    public void Pos_corpus_has_420_90_90_sentences_of_4_to_16_words_ending_in_punctuation()
    {
        Assert.Equal(420, Pos("train").Count);
        Assert.Equal(90, Pos("dev").Count);
        Assert.Equal(90, Pos("test").Count);
        Assert.Equal(3549, Pos("train").Sum(s => s.Length));
        foreach (var s in Pos("train").Concat(Pos("dev")).Concat(Pos("test")))
        {
            Assert.InRange(s.Length, 4, 16);
            Assert.Equal(s.Length, s.Tags.Count);
            Assert.Equal("PUNCT", s.Tags[^1]);
            Assert.NotNull(s.Id);
        }
    }

    [Fact]
    public void Pos_corpus_uses_all_17_universal_tags_and_no_other()
    {
        var used = new[] { "train", "dev", "test" }.SelectMany(Pos).SelectMany(s => s.Tags).ToHashSet();
        Assert.Equal(ConllU.UniversalTags.Order(), used.Order());
        var tags = Vocabulary.ForLabels(ConllU.UniversalTags);
        Assert.Equal(17, tags.Count);
        Assert.Equal(0, tags.IdOf("ADJ"));
    }

    [Fact]
    public void Text_comment_tokenizes_back_to_the_words()
    {
        var tokenizer = new Tokenizer(lowercase: false);
        foreach (var s in Pos("dev"))
            Assert.Equal(s.Words, tokenizer.Tokenize(s.Text!));
    }

    [Fact]
    public void Tagging_needs_context_most_frequent_tag_baseline_is_90_7_percent()
    {
        // The number data/README.md reports: each word's most frequent tag in train (lower-cased), NOUN for unseen words.
        var counts = new Dictionary<string, Dictionary<string, int>>();
        foreach (var s in Pos("train"))
            for (int i = 0; i < s.Length; i++)
            {
                var byTag = counts.TryGetValue(s.Words[i].ToLowerInvariant(), out var c) ? c : counts[s.Words[i].ToLowerInvariant()] = [];
                byTag[s.Tags[i]] = byTag.GetValueOrDefault(s.Tags[i]) + 1;
            }
        int correct = 0, total = 0;
        foreach (var s in Pos("test"))
            for (int i = 0; i < s.Length; i++, total++)
            {
                string guess = counts.TryGetValue(s.Words[i].ToLowerInvariant(), out var c)
                    ? c.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key
                    : "NOUN";
                if (guess == s.Tags[i]) correct++;
            }
        Assert.Equal(827, total);
        Assert.InRange(correct / (double)total, 0.905, 0.909);
        // The course's ambiguous words really occur with more than one tag.
        var all = new[] { "train", "dev", "test" }.SelectMany(Pos)
            .SelectMany(s => s.Words.Select((w, i) => (Word: w.ToLowerInvariant(), Tag: s.Tags[i])))
            .GroupBy(p => p.Word).ToDictionary(g => g.Key, g => g.Select(p => p.Tag).ToHashSet());
        Assert.Superset(new HashSet<string> { "NOUN", "VERB" }, all["book"]);
        Assert.Superset(new HashSet<string> { "NOUN", "VERB" }, all["watch"]);
        Assert.Superset(new HashSet<string> { "DET", "PRON", "SCONJ" }, all["that"]);
        Assert.Superset(new HashSet<string> { "ADJ", "ADV" }, all["fast"]);
        Assert.Superset(new HashSet<string> { "AUX", "NOUN" }, all["can"]);
    }

    [Fact]
    public void Review_sentences_are_400_and_100_balanced_positive_and_negative()
    {
        var train = LabeledText.Read(DataFile("sentences", "train.tsv"));
        var test = LabeledText.Read(DataFile("sentences", "test.tsv"));
        Assert.Equal(400, train.Count);
        Assert.Equal(100, test.Count);
        Assert.Equal(204, train.Count(e => e.Label == "positive"));
        Assert.Equal(196, train.Count(e => e.Label == "negative"));
        Assert.Equal(46, test.Count(e => e.Label == "positive"));
        Assert.All(train.Concat(test), e => Assert.Contains(e.Label, new[] { "positive", "negative" }));
        Assert.Empty(train.Select(e => e.Text).Intersect(test.Select(e => e.Text)));
        // Word order matters: the same positive word appears in both classes ("good" vs "not good").
        var tokenizer = new Tokenizer();
        var withGood = train.Where(e => tokenizer.Tokenize(e.Text).Contains("good")).Select(e => e.Label).ToHashSet();
        Assert.Equal(2, withGood.Count);
        var vocabulary = Vocabulary.Build(train.Select(e => tokenizer.Tokenize(e.Text)));
        Assert.All(test, e => Assert.NotEmpty(vocabulary.Encode(tokenizer.Tokenize(e.Text))));
    }
}
