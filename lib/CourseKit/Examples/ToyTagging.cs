using CourseKit.Text;

namespace CourseKit.Examples;

/// <summary>
/// A toy tagging language in which every ambiguous word is tagged by the word <b>after</b> it, while the words before it
/// are the same for both tags: what a left-to-right tagger cannot see and a bidirectional one can (notebook 08).
/// </summary>
/// <remarks>
/// <para>Four sentence shapes, equally likely, each ending in "."; a bracketed word appears half the time:</para>
/// <list type="table">
/// <item><term>command</term><description><c>book/VERB the/DET [red/ADJ] table/NOUN</c>: the ambiguous word is a verb before a determiner</description></item>
/// <item><term>compound subject</term><description><c>book/NOUN prices/NOUN fell/VERB [today/ADV]</c>: a noun before a noun</description></item>
/// <item><term>pronoun object</term><description><c>we/PRON liked/VERB that/PRON [again/ADV]</c>: "that" is a pronoun before an adverb or the end</description></item>
/// <item><term>determiner</term><description><c>we/PRON liked/VERB that/DET [old/ADJ] film/NOUN</c>: a determiner before an adjective or noun</description></item>
/// </list>
/// <para>The first two shapes start with the ambiguous word itself; the last two share every word before "that".</para>
/// </remarks>
public static class ToyTagging
{
    private static readonly string[] Nouns = ["book", "watch", "cook", "plan", "light", "park", "record", "judge"];
    private static readonly string[] Determiners = ["the", "a", "this", "every"], Adjectives = ["red", "big", "old", "new"];
    private static readonly string[] Things = ["table", "room", "game", "car", "film", "trip"];
    private static readonly string[] Plurals = ["prices", "sales", "fans", "owners", "clubs"], Pasts = ["fell", "rose", "won", "left", "grew"];
    private static readonly string[] Adverbs = ["today", "again", "quickly"], Pronouns = ["we", "they", "you", "i"];
    private static readonly string[] Verbs = ["liked", "saw", "wanted", "hated"];

    /// <summary>The ambiguous words: eight that are a noun or a verb (book, watch, cook, …) and "that" (determiner or pronoun).</summary>
    public static IReadOnlyList<string> AmbiguousWords { get; } = [.. Nouns, "that"];

    /// <summary><paramref name="count"/> tagged sentences drawn from <c>new Random(seed)</c>, in the order the shapes consume it.</summary>
    public static List<TaggedSentence> Sentences(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        string Pick(string[] options) => options[random.Next(options.Length)];
        bool Maybe() => random.Next(2) == 0;
        var sentences = new List<TaggedSentence>(count);
        for (int i = 0; i < count; i++)
        {
            var words = new List<string>();
            var tags = new List<string>();
            void Add(string word, string tag) { words.Add(word); tags.Add(tag); }
            switch (random.Next(4))
            {
                case 0: Add(Pick(Nouns), "VERB"); Add(Pick(Determiners), "DET"); if (Maybe()) Add(Pick(Adjectives), "ADJ"); Add(Pick(Things), "NOUN"); break;
                case 1: Add(Pick(Nouns), "NOUN"); Add(Pick(Plurals), "NOUN"); Add(Pick(Pasts), "VERB"); if (Maybe()) Add(Pick(Adverbs), "ADV"); break;
                case 2: Add(Pick(Pronouns), "PRON"); Add(Pick(Verbs), "VERB"); Add("that", "PRON"); if (Maybe()) Add(Pick(Adverbs), "ADV"); break;
                default: Add(Pick(Pronouns), "PRON"); Add(Pick(Verbs), "VERB"); Add("that", "DET"); if (Maybe()) Add(Pick(Adjectives), "ADJ"); Add(Pick(Things), "NOUN"); break;
            }
            Add(".", "PUNCT");
            sentences.Add(new TaggedSentence(words, tags, null, null));
        }
        return sentences;
    }
}
