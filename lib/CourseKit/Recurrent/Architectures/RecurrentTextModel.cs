using System.Numerics;
using CourseKit.Kernels;
using CourseKit.Layers;
using CourseKit.Optimizers;
using CourseKit.Tensors;
using CourseKit.Text;
using CourseKit.Training;

namespace CourseKit.Recurrent.Architectures;

/// <summary>
/// What the text models share: token ids → trainable <see cref="Embedding{T}"/> → recurrent encoder → a dense head.
/// Subclasses decide which encoder outputs the head reads (the last state, or every step).
/// </summary>
public abstract class RecurrentTextModel<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? scoreGradient;

    /// <summary>Wires a new embedding, the encoder and a new head with <paramref name="classes"/> outputs.</summary>
    protected RecurrentTextModel(int vocabularySize, int embeddingSize, SequenceLayer<T> encoder, int classes, Random random)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(random);
        if (encoder.InputSize != embeddingSize)
            throw new ShapeMismatchException($"Text model: the encoder {encoder} reads {encoder.InputSize} features but the embedding gives {embeddingSize}.");
        Embedding = AddModule("embedding", new Embedding<T>(vocabularySize, embeddingSize, random));
        Encoder = AddModule("encoder", encoder);
        Head = AddModule("head", new Dense<T>(encoder.OutputSize, classes, null, random, WeightInit.XavierUniform));
    }

    /// <summary>Token id → vector.</summary>
    public Embedding<T> Embedding { get; }

    /// <summary>The recurrent layers.</summary>
    public SequenceLayer<T> Encoder { get; }

    /// <summary>The output layer producing class scores (logits): <c>scores = h V + c</c>.</summary>
    public Dense<T> Head { get; }

    /// <summary>Number of classes (labels or tags).</summary>
    public int Classes => Head.Units;

    /// <summary>Embeds the tokens and runs the encoder; returns its per-step outputs (the encoder's buffer).</summary>
    protected Tensor<T> Encode(TokenBatch tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var vectors = Embedding.ForwardBorrowed(tokens);
        return Encoder.ForwardBorrowed(new SequenceBatch<T>(vectors, tokens.Steps, tokens.Batch, tokens.Lengths));
    }

    /// <summary>Backward through the encoder and into the embedding table.</summary>
    protected void BackwardEncoder(Tensor<T>? outputGradient, Tensor<T>? finalStateGradient) =>
        Embedding.Backward(Encoder.Backward(outputGradient, finalStateGradient));

    /// <summary>Cross-entropy of <paramref name="scores"/> against <paramref name="targets"/> (−1 = not counted) and its gradient.</summary>
    protected (double Loss, Tensor<T> Gradient) CrossEntropy(Tensor<T> scores, IReadOnlyList<int> targets)
    {
        var gradient = Ensure(ref scoreGradient, scores.Rows, scores.Cols);
        return (SequenceCrossEntropy.Compute(scores, targets, gradient), gradient);
    }

    /// <summary>One row of scores turned into probabilities, <c>p_j = e^(s_j) / Σ_k e^(s_k)</c> (computed stably, as <see cref="Activations.Softmax{T}"/>).</summary>
    protected static void Softmax(ReadOnlySpan<T> scores, Span<T> probabilities) => ActivationKernels.Softmax(scores, probabilities);

    /// <summary>Checks that ids fit the vocabulary, naming the example, before any work is done.</summary>
    protected void CheckTokens(IReadOnlyList<int[]> sequences, string what)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        for (int i = 0; i < sequences.Count; i++)
        {
            if (sequences[i] is null || sequences[i].Length == 0)
                throw new ArgumentException($"{what}: example {i} has no tokens.", nameof(sequences));
            foreach (int id in sequences[i])
                if ((uint)id >= (uint)Embedding.VocabularySize)
                    throw new ArgumentOutOfRangeException(nameof(sequences), $"{what}: example {i} has token id {id}, outside the vocabulary of {Embedding.VocabularySize}.");
        }
    }

    /// <summary>The examples at <paramref name="indices"/>, padded into one batch.</summary>
    protected static TokenBatch Batch(IReadOnlyList<int[]> sequences, ReadOnlySpan<int> indices)
    {
        var chosen = new int[indices.Length][];
        for (int k = 0; k < indices.Length; k++) chosen[k] = sequences[indices[k]];
        return TokenBatch.Pad(chosen);
    }

    /// <summary>The items of <paramref name="all"/> at <paramref name="indices"/>, in that order.</summary>
    protected static TItem[] Pick<TItem>(IReadOnlyList<TItem> all, ReadOnlySpan<int> indices)
    {
        var chosen = new TItem[indices.Length];
        for (int k = 0; k < indices.Length; k++) chosen[k] = all[indices[k]];
        return chosen;
    }

    /// <summary>Runs <paramref name="evaluate"/> over the examples in chunks, so memory stays bounded.</summary>
    protected static void InChunks(int count, Action<int[]> evaluate, int chunk = 256)
    {
        for (int start = 0; start < count; start += chunk)
            evaluate(Enumerable.Range(start, Math.Min(chunk, count - start)).ToArray());
    }

    /// <inheritdoc/>
    public override string ToString() => $"{GetType().Name.Split('`')[0]}: Embedding({Embedding.VocabularySize} × {Embedding.Dimensions}) → {Encoder} → Dense({Head.Inputs} → {Classes})";
}
