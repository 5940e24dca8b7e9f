using CourseKit.Examples;
using CourseKit.Text;

namespace CourseKit.Tests;

/// <summary>The example data of notebooks 08, 09 and 10: the toy tagging language and "remember the first symbol".</summary>
public class ExampleTaskTests
{
    [Fact]
    public void First_symbol_sequences_start_with_their_label_and_continue_with_distractors()
    {
        var (sequences, labels) = FirstSymbolTask.Generate(distractors: 40, count: 2000, seed: 1);
        Assert.Equal(2000, sequences.Length);
        for (int k = 0; k < sequences.Length; k++)
        {
            Assert.Equal(41, sequences[k].Length);
            Assert.Equal(1 + labels[k], sequences[k][0]);
            Assert.All(sequences[k][1..], id => Assert.InRange(id, 5, 8));
        }
        foreach (int label in Enumerable.Range(0, 4)) Assert.InRange(labels.Count(l => l == label), 400, 600);   // chance is 1/4
        Assert.Equal(sequences, FirstSymbolTask.Generate(40, 2000, 1).Sequences);
        Assert.NotEqual(sequences[0], FirstSymbolTask.Generate(40, 1, 2).Sequences[0]);
    }

    [Fact]
    public void First_symbol_names_and_errors()
    {
        Assert.Equal("C w z x", FirstSymbolTask.Describe([3, 5, 8, 6]));
        Assert.Equal("D", FirstSymbolTask.Symbol(3));
        Assert.Equal(FirstSymbolTask.VocabularySize, FirstSymbolTask.Tokens.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => FirstSymbolTask.Symbol(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => FirstSymbolTask.Generate(-1, 3, 0));
        Assert.Empty(FirstSymbolTask.Generate(5, 0, 0).Sequences);
    }

    [Fact]
    public void Toy_language_tags_every_ambiguous_word_by_the_word_after_it()
    {
        var sentences = ToyTagging.Sentences(2000, seed: 1);
        var ambiguous = ToyTagging.AmbiguousWords.ToHashSet();
        int seen = 0;
        foreach (var s in sentences)
        {
            Assert.Equal("./PUNCT", $"{s.Words[^1]}/{s.Tags[^1]}");
            for (int t = 0; t < s.Length - 1; t++)
            {
                if (!ambiguous.Contains(s.Words[t])) continue;
                seen++;
                string expected = (s.Words[t], s.Tags[t + 1]) switch
                {
                    ("that", "ADJ" or "NOUN") => "DET",
                    ("that", _) => "PRON",
                    (_, "DET") => "VERB",
                    _ => "NOUN",
                };
                Assert.Equal(expected, s.Tags[t]);
            }
        }
        Assert.Equal(2000, seen);   // exactly one ambiguous word per sentence
    }

    [Fact]
    public void Toy_language_left_context_is_the_same_for_both_tags_of_a_word()
    {
        var sentences = ToyTagging.Sentences(2000, seed: 3);
        var before = new Dictionary<(string Word, string Tag), HashSet<string>>();
        foreach (var s in sentences)
            for (int t = 0; t < s.Length; t++)
                if (ToyTagging.AmbiguousWords.Contains(s.Words[t]))
                {
                    var key = (s.Words[t] == "that" ? "that" : "noun-or-verb", s.Tags[t]);
                    if (!before.TryGetValue(key, out var set)) before[key] = set = [];
                    set.Add(t == 0 ? "<start>" : s.Words[t - 1]);
                }
        Assert.Equal(before[("noun-or-verb", "VERB")], before[("noun-or-verb", "NOUN")]);   // both only at the start
        Assert.Equal(["<start>"], before[("noun-or-verb", "VERB")]);
        Assert.True(before[("that", "DET")].SetEquals(before[("that", "PRON")]));           // the same verbs before "that"
        Assert.Equal(4, before[("that", "DET")].Count);
        Assert.Equal(sentences.Select(s => s.ToString()), ToyTagging.Sentences(2000, 3).Select(s => s.ToString()));
    }
}
