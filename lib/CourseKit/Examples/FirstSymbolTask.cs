namespace CourseKit.Examples;

/// <summary>
/// "Remember the first symbol", the memory task of the LSTM and GRU notebooks. Each sequence starts with one of four
/// symbols A, B, C, D, followed by <c>D</c> distractors drawn from four other tokens w, x, y, z; the label is the first
/// symbol. All the information is at step 1 and the loss at step D + 1, so what teaches a network to keep the symbol is a
/// gradient that has crossed D steps. Guessing scores 1/4.
/// </summary>
/// <remarks>
/// Token ids: 0 is padding, 1–4 are A–D, 5–8 are w–z (<see cref="Tokens"/>), so the sequences feed a
/// <c>TextClassifier</c> with a vocabulary of <see cref="VocabularySize"/> and <see cref="Symbols"/> classes; label k is
/// the symbol with id k + 1.
/// </remarks>
public static class FirstSymbolTask
{
    /// <summary>How many symbols there are to remember (the classes): A, B, C, D.</summary>
    public const int Symbols = 4;

    /// <summary>Token ids 0–8: padding, four symbols, four distractors.</summary>
    public const int VocabularySize = 9;

    /// <summary>The name of each token id: <c>&lt;pad&gt;</c>, A, B, C, D, w, x, y, z.</summary>
    public static IReadOnlyList<string> Tokens { get; } = ["<pad>", "A", "B", "C", "D", "w", "x", "y", "z"];

    /// <summary>
    /// <paramref name="count"/> sequences of <paramref name="distractors"/> + 1 token ids and their labels (0–3), drawn
    /// from <c>new Random(seed)</c>: for each sequence first the symbol, then each distractor in order.
    /// </summary>
    public static (int[][] Sequences, int[] Labels) Generate(int distractors, int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(distractors);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var sequences = new int[count][];
        var labels = new int[count];
        for (int k = 0; k < count; k++)
        {
            labels[k] = random.Next(Symbols);
            var sequence = sequences[k] = new int[distractors + 1];
            sequence[0] = 1 + labels[k];
            for (int t = 1; t <= distractors; t++) sequence[t] = 1 + Symbols + random.Next(4);
        }
        return (sequences, labels);
    }

    /// <summary>A sequence as its tokens, for example <c>C x w z y</c>.</summary>
    public static string Describe(IEnumerable<int> sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        return string.Join(" ", sequence.Select(id => Tokens[id]));
    }

    /// <summary>The symbol a label (0–3) stands for: A, B, C or D.</summary>
    public static string Symbol(int label) =>
        (uint)label < Symbols ? Tokens[1 + label] : throw new ArgumentOutOfRangeException(nameof(label), label, $"Labels are 0 to {Symbols - 1}.");
}
