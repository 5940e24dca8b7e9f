using System.Text;
using CourseKit.Layers;

namespace CourseKit.Text;

/// <summary>
/// A two-way map between tokens and integer ids: the rows of an <see cref="Embedding{T}"/> or the columns of a
/// one-hot code are numbered by it.
/// </summary>
/// <remarks>
/// <para>A <b>token vocabulary</b> (<see cref="Build"/>) reserves two ids: <see cref="PadId"/> = 0 for <c>&lt;pad&gt;</c>,
/// which fills short sequences in a <see cref="TokenBatch"/>, and <see cref="UnknownId"/> = 1 for <c>&lt;unk&gt;</c>,
/// which stands for every token not seen when the vocabulary was built (so a test sentence with a new word still encodes).</para>
/// <para>A <b>label vocabulary</b> (<see cref="ForLabels"/>), for tags or classes, has no special entries: its ids are
/// the output units 0…K−1, and an unknown label is an error, not <c>&lt;unk&gt;</c>.</para>
/// </remarks>
public sealed class Vocabulary
{
    /// <summary>The padding token's text.</summary>
    public const string PadToken = "<pad>";

    /// <summary>The unknown token's text.</summary>
    public const string UnknownToken = "<unk>";

    /// <summary>Id of <c>&lt;pad&gt;</c> in a token vocabulary; also <see cref="TokenBatch.PaddingId"/>.</summary>
    public const int PadId = 0;

    /// <summary>Id of <c>&lt;unk&gt;</c> in a token vocabulary.</summary>
    public const int UnknownId = 1;

    private readonly List<string> tokens;
    private readonly Dictionary<string, int> ids;

    private Vocabulary(IEnumerable<string> entries, bool hasSpecials)
    {
        HasSpecials = hasSpecials;
        tokens = [];
        ids = new Dictionary<string, int>(StringComparer.Ordinal);
        if (hasSpecials) { Add(PadToken); Add(UnknownToken); }
        foreach (var token in entries)
        {
            ArgumentNullException.ThrowIfNull(token, nameof(entries));
            if (!ids.ContainsKey(token)) Add(token);
        }
    }

    private void Add(string token)
    {
        ids.Add(token, tokens.Count);
        tokens.Add(token);
    }

    /// <summary>
    /// A token vocabulary from a tokenized corpus: <c>&lt;pad&gt;</c> = 0, <c>&lt;unk&gt;</c> = 1, then the tokens
    /// from most to least frequent, ties in ordinal (character code) order, so the same corpus always gives the same ids.
    /// </summary>
    /// <param name="corpus">Sentences, each a sequence of tokens (for example from <see cref="Tokenizer.Tokenize"/>).</param>
    /// <param name="minCount">Tokens seen fewer times are left out (they will encode as <c>&lt;unk&gt;</c>).</param>
    /// <param name="maxSize">At most this many entries in total, the two special ones included; null for no limit.</param>
    public static Vocabulary Build(IEnumerable<IEnumerable<string>> corpus, int minCount = 1, int? maxSize = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        if (maxSize is < 2)
            throw new ArgumentOutOfRangeException(nameof(maxSize), $"maxSize counts <pad> and <unk>, so it must be at least 2, got {maxSize}.");
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sentence in corpus)
        {
            ArgumentNullException.ThrowIfNull(sentence, nameof(corpus));
            foreach (var token in sentence)
            {
                ArgumentNullException.ThrowIfNull(token, nameof(corpus));
                if (token is PadToken or UnknownToken) continue; // already reserved
                counts[token] = counts.GetValueOrDefault(token) + 1;
            }
        }
        var ordered = counts.Where(kv => kv.Value >= minCount)
                            .OrderByDescending(kv => kv.Value)
                            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
                            .Select(kv => kv.Key);
        if (maxSize is int max) ordered = ordered.Take(max - 2);
        return new Vocabulary(ordered, hasSpecials: true);
    }

    /// <summary>
    /// A label vocabulary with no special entries: the distinct labels get ids 0, 1, … in the order they first appear,
    /// so pass them in the order you want the output units (for example the 17 universal POS tags).
    /// </summary>
    public static Vocabulary ForLabels(IEnumerable<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var vocabulary = new Vocabulary(labels, hasSpecials: false);
        if (vocabulary.Count == 0) throw new ArgumentException("A label vocabulary needs at least one label.", nameof(labels));
        return vocabulary;
    }

    /// <summary>True for a token vocabulary (<c>&lt;pad&gt;</c> and <c>&lt;unk&gt;</c> reserved), false for a label vocabulary.</summary>
    public bool HasSpecials { get; }

    /// <summary>Number of entries, special ones included: the size of a one-hot code or of an embedding table.</summary>
    public int Count => tokens.Count;

    /// <summary>Every entry in id order.</summary>
    public IReadOnlyList<string> Tokens => tokens;

    /// <summary>Whether <paramref name="token"/> has an id of its own.</summary>
    public bool Contains(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return ids.ContainsKey(token);
    }

    /// <summary>
    /// The id of <paramref name="token"/>. An unknown token is <see cref="UnknownId"/> in a token vocabulary and a
    /// <see cref="KeyNotFoundException"/> naming it in a label vocabulary.
    /// </summary>
    public int IdOf(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (ids.TryGetValue(token, out int id)) return id;
        if (HasSpecials) return UnknownId;
        throw new KeyNotFoundException(
            $"The label \"{token}\" is not in this label vocabulary ({Preview(tokens, 20)}).");
    }

    /// <summary>The token with id <paramref name="id"/>.</summary>
    public string TokenOf(int id)
    {
        if ((uint)id >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(id), $"Id {id} is outside this vocabulary of {Count} entries (ids 0…{Count - 1}).");
        return tokens[id];
    }

    /// <summary>The ids of <paramref name="sequence"/>, in order.</summary>
    public int[] Encode(IEnumerable<string> sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        return sequence.Select(IdOf).ToArray();
    }

    /// <summary>The tokens of <paramref name="sequence"/>, in order.</summary>
    public string[] Decode(IEnumerable<int> sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        return sequence.Select(TokenOf).ToArray();
    }

    /// <summary>
    /// Writes one entry per line in id order (UTF-8), so the file's line number − 1 is the id. A token vocabulary's
    /// file starts with <c>&lt;pad&gt;</c> and <c>&lt;unk&gt;</c>, which is how <see cref="Load"/> tells the two kinds apart.
    /// </summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (var token in tokens)
            if (token.Length == 0 || token.AsSpan().IndexOfAny('\r', '\n') >= 0)
                throw new InvalidOperationException($"Cannot save the token \"{token}\": a one-token-per-line file cannot hold an empty token or a line break.");
        File.WriteAllLines(path, tokens, new UTF8Encoding(false));
    }

    /// <summary>Reads a file written by <see cref="Save"/>.</summary>
    public static Vocabulary Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var lines = File.ReadAllLines(path);
        bool specials = lines.Length >= 2 && lines[0] == PadToken && lines[1] == UnknownToken;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
                throw new FormatException($"{path}:{i + 1}: empty line; a vocabulary file has one token per line.");
            if (!seen.Add(lines[i]))
                throw new FormatException($"{path}:{i + 1}: the token \"{lines[i]}\" appears twice.");
        }
        return specials ? new Vocabulary(lines.Skip(2), hasSpecials: true) : ForLabels(lines);
    }

    /// <summary>For example <c>Vocabulary(1204 entries: &lt;pad&gt;, &lt;unk&gt;, the, a, …)</c>.</summary>
    public override string ToString() => $"{(HasSpecials ? "Vocabulary" : "Label vocabulary")}({Count} entries: {Preview(tokens, 8)})";

    private static string Preview(IReadOnlyList<string> items, int max) =>
        string.Join(", ", items.Take(max)) + (items.Count > max ? ", …" : "");
}
