using CourseKit.Text;

namespace CourseKit.Tests.Text;

public class VocabularyTests
{
    private static readonly string[][] Corpus =
    [
        ["the", "red", "book"],
        ["a", "good", "book"],
        ["the", "good", "movie", "."],
        ["the", "book", "."],
    ];

    [Fact]
    public void Ids_go_by_frequency_then_ordinal_after_the_two_specials()
    {
        var v = Vocabulary.Build(Corpus);
        // book 3, the 3, . 2, good 2, a 1, movie 1, red 1; ties in ordinal order ('.' < 'a' < 'b' …).
        Assert.Equal(["<pad>", "<unk>", "book", "the", ".", "good", "a", "movie", "red"], v.Tokens);
        Assert.Equal(9, v.Count);
        Assert.True(v.HasSpecials);
        Assert.Equal(0, v.IdOf("<pad>"));
        Assert.Equal(1, v.IdOf("<unk>"));
        Assert.Equal(2, v.IdOf("book"));
        Assert.Equal("movie", v.TokenOf(7));
    }

    [Fact]
    public void Same_corpus_in_another_order_gives_the_same_ids()
    {
        var reversed = Vocabulary.Build(Corpus.Reverse().Select(s => s.Reverse()));
        Assert.Equal(Vocabulary.Build(Corpus).Tokens, reversed.Tokens);
    }

    [Fact]
    public void Unknown_tokens_encode_as_unk_and_decode_back()
    {
        var v = Vocabulary.Build(Corpus);
        Assert.Equal([3, 8, 1, 4], v.Encode(["the", "red", "car", "."]));
        Assert.Equal(["the", "red", "<unk>", "."], v.Decode([3, 8, 1, 4]));
        Assert.True(v.Contains("red"));
        Assert.False(v.Contains("car"));
    }

    [Fact]
    public void MinCount_and_maxSize_cut_rare_tokens()
    {
        Assert.Equal(["<pad>", "<unk>", "book", "the", ".", "good"], Vocabulary.Build(Corpus, minCount: 2).Tokens);
        Assert.Equal(["<pad>", "<unk>", "book", "the"], Vocabulary.Build(Corpus, maxSize: 4).Tokens);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Build(Corpus, maxSize: 1));
        Assert.Contains("at least 2", ex.Message);
    }

    [Fact]
    public void Label_vocabulary_has_no_specials_keeps_first_appearance_order_and_rejects_unknown_labels()
    {
        var tags = Vocabulary.ForLabels(["ADJ", "DET", "NOUN", "DET"]);
        Assert.False(tags.HasSpecials);
        Assert.Equal(["ADJ", "DET", "NOUN"], tags.Tokens);
        Assert.Equal([1, 0, 2], tags.Encode(["DET", "ADJ", "NOUN"]));
        var ex = Assert.Throws<KeyNotFoundException>(() => tags.IdOf("VERB"));
        Assert.Contains("\"VERB\"", ex.Message);
        Assert.Contains("ADJ, DET, NOUN", ex.Message);
        Assert.Throws<ArgumentException>(() => Vocabulary.ForLabels([]));
    }

    [Fact]
    public void TokenOf_outside_the_vocabulary_names_the_id_and_size()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Build(Corpus).TokenOf(9));
        Assert.Contains("Id 9", ex.Message);
        Assert.Contains("9 entries", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Build(Corpus).TokenOf(-1));
    }

    [Fact]
    public void ToString_shows_the_first_entries()
    {
        Assert.Equal("Vocabulary(9 entries: <pad>, <unk>, book, the, ., good, a, movie, …)", Vocabulary.Build(Corpus).ToString());
        Assert.Equal("Label vocabulary(2 entries: negative, positive)", Vocabulary.ForLabels(["negative", "positive"]).ToString());
    }

    [Fact]
    public void Save_and_Load_round_trip_both_kinds()
    {
        string dir = Directory.CreateTempSubdirectory("coursekit-vocab").FullName;
        try
        {
            var v = Vocabulary.Build(Corpus);
            string path = Path.Combine(dir, "vocab.txt");
            v.Save(path);
            Assert.Equal(v.Tokens, File.ReadAllLines(path));
            var loaded = Vocabulary.Load(path);
            Assert.True(loaded.HasSpecials);
            Assert.Equal(v.Tokens, loaded.Tokens);

            var labels = Vocabulary.ForLabels(["NOUN", "VERB"]);
            labels.Save(path);
            var loadedLabels = Vocabulary.Load(path);
            Assert.False(loadedLabels.HasSpecials);
            Assert.Equal(["NOUN", "VERB"], loadedLabels.Tokens);

            File.WriteAllLines(path, ["NOUN", "VERB", "NOUN"]);
            FileErrors.AssertAt(() => Vocabulary.Load(path), path, 3, "\"NOUN\" appears twice");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
