using CourseKit.Recurrent.Architectures;
using CourseKit.Text;

namespace CourseKit.Tests.Text;

/// <summary>Ambiguous words (more than one tag in training) and accuracy measured on a chosen subset of words.</summary>
public class AmbiguousWordTests
{
    private static TaggedSentence S(string tagged)
    {
        var pairs = tagged.Split(' ').Select(p => p.Split('/')).ToArray();
        return new TaggedSentence(pairs.Select(p => p[0]).ToArray(), pairs.Select(p => p[1]).ToArray(), null, null);
    }

    private static readonly TaggedSentence[] Training =
    [
        S("I/PRON book/VERB the/DET room/NOUN ./PUNCT"),
        S("The/DET book/NOUN fell/VERB ./PUNCT"),
        S("that/DET book/NOUN is/AUX red/ADJ ./PUNCT"),
        S("I/PRON liked/VERB that/PRON ./PUNCT"),
    ];

    [Fact]
    public void Ambiguous_words_are_the_lower_cased_types_with_more_than_one_tag()
    {
        Assert.Equal(["book", "that"], TaggingDataset.AmbiguousWords(Training).Order());   // "The" and "the" are one type, always DET
        Assert.Empty(TaggingDataset.AmbiguousWords([Training[0]]));
        var pos = ConllU.Read(RepoData.File("pos", "train.conllu"));
        Assert.Equal(44, TaggingDataset.AmbiguousWords(pos).Count);   // "44 of 340 training word types" in notebook 12
    }

    [Fact]
    public void Baseline_accuracy_on_a_subset_counts_only_the_words_accepted()
    {
        var baseline = new MostFrequentTag(Training);   // book → NOUN (2 of 3), that → DET or PRON (a tie: DET, alphabetically first)
        var test = new[] { S("They/PRON book/VERB that/PRON ./PUNCT"), S("The/DET Book/NOUN ./PUNCT") };
        var ambiguous = TaggingDataset.AmbiguousWords(Training);
        Assert.Equal(1 / 3.0, baseline.Accuracy(test, ambiguous.Contains), 15);   // book ✗, that ✗, Book ✓ (seen lower-cased)
        Assert.Equal(4 / 7.0, baseline.Accuracy(test), 15);   // and They ✗ (unseen: the fallback, PUNCT), both . ✓, The ✓
        Assert.True(double.IsNaN(baseline.Accuracy(test, w => w == "cat")));
        Assert.Equal(0, baseline.Accuracy([]));
    }

    [Fact]
    public void Tagger_accuracy_on_a_subset_matches_a_count_over_its_predictions()
    {
        var data = TaggingDataset.Create(Training);
        var (words, tags) = data.Encode(Training);
        var random = new Random(2);
        var tagger = new SequenceTagger<double>(data.Words.Count, 3, RecurrentEncoder.Create<double>(CellKind.Gru, 3, 4, random: random), data.Tags.Count, random);
        var predicted = tagger.Predict(words);
        var ambiguous = TaggingDataset.AmbiguousWords(Training).Select(data.Words.IdOf).ToHashSet();
        var counted = words.SelectMany((s, i) => s.Select((id, t) => (id, right: predicted[i][t] == tags[i][t]))).Where(w => ambiguous.Contains(w.id)).ToList();
        Assert.Equal(5, counted.Count);
        Assert.Equal(counted.Count(w => w.right) / 5.0, tagger.Accuracy(words, tags, ambiguous.Contains), 15);
        Assert.Equal(tagger.Accuracy(words, tags), tagger.Accuracy(words, tags, _ => true));
        Assert.True(double.IsNaN(tagger.Accuracy(words, tags, _ => false)));
        Assert.Throws<ArgumentException>(() => tagger.Accuracy(words, [tags[0]], _ => true));
    }
}
