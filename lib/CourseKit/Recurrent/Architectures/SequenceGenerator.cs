using System.Numerics;
using CourseKit.Activations;
using CourseKit.Layers;
using CourseKit.Optimizers;
using CourseKit.Tensors;
using CourseKit.Text;
using CourseKit.Training;

namespace CourseKit.Recurrent.Architectures;

/// <summary>
/// One-to-many: a single input (a vector z, for example a one-hot class) sets the starting state,
/// <c>h(0) = tanh(z W_z + b_z)</c>, and the network then writes a sequence token by token, each step reading the
/// token it wrote before (a start token first) until it writes the end token.
/// </summary>
/// <remarks>
/// Training feeds the true previous token instead of the generated one ("teacher forcing"), so every step of every
/// target sequence is trained at once; generation is greedy (the most likely token each step).
/// </remarks>
public sealed class SequenceGenerator<T> : Module<T>, ISupervisedModel<Tensor<T>, int[]> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly RecurrentLayer<T> layer;
    private Tensor<T>? scoreGradient;

    /// <summary>
    /// A generator from <paramref name="conditionSize"/>-wide inputs to sequences over a vocabulary of
    /// <paramref name="vocabularySize"/> tokens, where <paramref name="startId"/> begins and <paramref name="endId"/> ends a sequence.
    /// </summary>
    public SequenceGenerator(int conditionSize, int vocabularySize, int embeddingSize, int hidden, int startId, int endId,
        CellKind kind = CellKind.Gru, Random? random = null)
    {
        random ??= DefaultRandom.Next();
        if ((uint)startId >= (uint)vocabularySize || (uint)endId >= (uint)vocabularySize)
            throw new ArgumentOutOfRangeException(nameof(startId), $"Start id {startId} and end id {endId} must lie in the vocabulary of {vocabularySize}.");
        StartId = startId;
        EndId = endId;
        Start = AddModule("start", new Dense<T>(conditionSize, hidden, new Tanh<T>(), random, WeightInit.XavierUniform));
        Embedding = AddModule("embedding", new Embedding<T>(vocabularySize, embeddingSize, random, paddingId: null));
        layer = AddModule("recurrent", new RecurrentLayer<T>(RecurrentEncoder.Cell<T>(kind, embeddingSize, hidden, random)));
        Head = AddModule("head", new Dense<T>(hidden, vocabularySize, null, random, WeightInit.XavierUniform));
    }

    /// <summary>The token every sequence starts from (read at step 1).</summary>
    public int StartId { get; }

    /// <summary>The token that ends a sequence.</summary>
    public int EndId { get; }

    /// <summary>Input z → starting state h(0).</summary>
    public Dense<T> Start { get; }

    /// <summary>Token id → vector for the tokens read back in.</summary>
    public Embedding<T> Embedding { get; }

    /// <summary>The recurrent layer.</summary>
    public RecurrentLayer<T> Recurrent => layer;

    /// <summary>Hidden state → token scores.</summary>
    public Dense<T> Head { get; }

    /// <summary>
    /// Teacher-forced forward and backward pass on the examples at <paramref name="batch"/>: inputs z (one row each),
    /// each target a token sequence ending with the end token. Adds the gradients; returns the mean loss per generated token.
    /// </summary>
    public double LossAndGradients(IReadOnlyList<Tensor<T>> conditions, IReadOnlyList<int[]> targets, ReadOnlySpan<int> batch)
    {
        var (scores, wanted) = Scores(conditions, targets, batch);
        var gradient = Ensure(ref scoreGradient, scores.Rows, scores.Cols);
        double loss = SequenceCrossEntropy.Compute(scores, wanted, gradient);
        Embedding.Backward(layer.Backward(Head.Backward(gradient)));
        Start.Backward(layer.InitialStateGradient);                                // h(0) came from z
        return loss;
    }

    /// <summary>The mean teacher-forced loss per generated token over all examples (no training).</summary>
    public double Loss(IReadOnlyList<Tensor<T>> conditions, IReadOnlyList<int[]> targets)
    {
        CheckExamples(conditions, targets, "Sequence generator evaluation data");
        var (scores, wanted) = Scores(conditions, targets, Enumerable.Range(0, targets.Count).ToArray());
        return SequenceCrossEntropy.Compute(scores, wanted, new Tensor<T>(scores.Rows, scores.Cols));
    }

    /// <inheritdoc/>
    public void CheckExamples(IReadOnlyList<Tensor<T>> conditions, IReadOnlyList<int[]> targets, string what)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(targets);
        if (conditions.Count != targets.Count)
            throw new ArgumentException($"{what}: {conditions.Count} inputs but {targets.Count} target sequences.", nameof(targets));
        for (int i = 0; i < targets.Count; i++)
        {
            if (conditions[i] is null || conditions[i].Length != Start.Inputs)
                throw new ShapeMismatchException($"{what}: input {i} has shape {conditions[i]?.Shape ?? "null"}; expected {Start.Inputs} values.");
            if (targets[i] is null || targets[i].Length == 0 || targets[i][^1] != EndId)
                throw new ArgumentException($"{what}: target {i} must be non-empty and end with the end token {EndId}.", nameof(targets));
            foreach (int id in targets[i])
                if ((uint)id >= (uint)Embedding.VocabularySize)
                    throw new ArgumentOutOfRangeException(nameof(targets), $"{what}: target {i} has token id {id}, outside the vocabulary of {Embedding.VocabularySize}.");
        }
    }

    // Forward pass of the examples at `batch`, reading each target shifted right behind the start token; the scores are lent.
    private (Tensor<T> Scores, int[] Wanted) Scores(IReadOnlyList<Tensor<T>> conditions, IReadOnlyList<int[]> targets, ReadOnlySpan<int> batch)
    {
        var z = new Tensor<T>(batch.Length, Start.Inputs);
        var chosen = new int[batch.Length][];
        for (int k = 0; k < batch.Length; k++)
        {
            conditions[batch[k]].ReadOnlySpan.CopyTo(z.Row(k));
            chosen[k] = targets[batch[k]];
        }
        var h0 = Start.ForwardBorrowed(z);
        var read = TokenBatch.Pad(chosen.Select(t => (int[])[StartId, .. t[..^1]]).ToArray());   // what each step reads
        var scores = Head.ForwardBorrowed(layer.ForwardBorrowed(new SequenceBatch<T>(Embedding.ForwardBorrowed(read), read.Steps, read.Batch, read.Lengths), h0));
        return (scores, SequenceCrossEntropy.TimeMajor(read.Steps, read.Batch, chosen));
    }

    /// <summary>
    /// Writes a sequence for input <paramref name="condition"/> (one row): starts from h(0) and the start token, and
    /// each step appends the most likely token, until the end token (included) or <paramref name="maxLength"/> tokens.
    /// </summary>
    public int[] Generate(Tensor<T> condition, int maxLength = 20)
    {
        ArgumentNullException.ThrowIfNull(condition);
        if (condition.Length != Start.Inputs)
            throw new ShapeMismatchException($"Sequence generator: the input has shape {condition.Shape}; expected {Start.Inputs} values.");
        var h = Start.Forward(condition.Reshape(1, Start.Inputs));
        Tensor<T>? c = null;
        var output = new List<int>();
        int token = StartId;
        var generator = new RecurrentLayer<T>(layer.Cell);
        while (output.Count < maxLength)
        {
            var read = TokenBatch.Pad([[token]]);
            generator.ForwardBorrowed(new SequenceBatch<T>(Embedding.ForwardBorrowed(read), 1, 1), h, c);
            h = generator.FinalState.Clone();
            c = generator.FinalCellState?.Clone();
            token = Head.ForwardBorrowed(h).ArgMaxRows()[0];
            output.Add(token);
            if (token == EndId) break;
        }
        return [.. output];
    }
}
