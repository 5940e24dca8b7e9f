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
public sealed class SequenceGenerator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T>[] parameters;
    private readonly RecurrentLayer<T> layer;
    private Tensor<T>? scoreGradient;

    /// <summary>
    /// A generator from <paramref name="conditionSize"/>-wide inputs to sequences over a vocabulary of
    /// <paramref name="vocabularySize"/> tokens, where <paramref name="startId"/> begins and <paramref name="endId"/> ends a sequence.
    /// </summary>
    public SequenceGenerator(int conditionSize, int vocabularySize, int embeddingSize, int hidden, int startId, int endId,
        CellKind kind = CellKind.Gru, Random? random = null)
    {
        random ??= new Random(0);
        if ((uint)startId >= (uint)vocabularySize || (uint)endId >= (uint)vocabularySize)
            throw new ArgumentOutOfRangeException(nameof(startId), $"Start id {startId} and end id {endId} must lie in the vocabulary of {vocabularySize}.");
        StartId = startId;
        EndId = endId;
        Start = new Dense<T>(conditionSize, hidden, new Tanh<T>(), random, WeightInit.XavierUniform);
        Start.Weights.Name = "W_z";
        Start.Bias!.Name = "b_z";
        Embedding = new Embedding<T>(vocabularySize, embeddingSize, random, paddingId: null);
        layer = new RecurrentLayer<T>(RecurrentEncoder.Cell<T>(kind, embeddingSize, hidden, random));
        Head = new Dense<T>(hidden, vocabularySize, null, random, WeightInit.XavierUniform);
        Head.Weights.Name = "V";
        Head.Bias!.Name = "c";
        parameters = [.. Start.Parameters, .. Embedding.Parameters, .. layer.Parameters, .. Head.Parameters];
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

    /// <summary>Every learnable parameter.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => parameters;

    /// <summary>If set, gradients are clipped to this joint norm before each step.</summary>
    public double? ClipNorm { get; set; } = 5.0;

    /// <summary>
    /// One teacher-forced training step: inputs z (Batch × conditionSize), each target a token sequence ending with the
    /// end token. Returns the mean loss per generated token.
    /// </summary>
    public double TrainStep(Tensor<T> conditions, IReadOnlyList<int[]> targets, Optimizer<T> optimizer)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(optimizer);
        if (conditions.Rows != targets.Count)
            throw new ShapeMismatchException($"Sequence generator: {conditions.Rows} inputs (shape {conditions.Shape}) but {targets.Count} target sequences.");
        optimizer.ZeroGradients();
        var h0 = Start.Forward(conditions);
        var read = TokenBatch.Pad(targets.Select(t => (int[])[StartId, .. t[..^1]]).ToArray());   // what each step reads
        var scores = Head.Forward(layer.Forward(new SequenceBatch<T>(Embedding.Forward(read), read.Steps, read.Batch, read.Lengths), h0));
        var wanted = SequenceCrossEntropy.TimeMajor(read.Steps, read.Batch, targets);
        if (scoreGradient is null || scoreGradient.Rows != scores.Rows || scoreGradient.Cols != scores.Cols)
            scoreGradient = new Tensor<T>(scores.Rows, scores.Cols);
        double loss = SequenceCrossEntropy.Compute(scores, wanted, scoreGradient);
        Embedding.Backward(layer.Backward(Head.Backward(scoreGradient)));
        Start.Backward(layer.InitialStateGradient);                                // h(0) came from z
        if (ClipNorm is double limit) GradientClipping.ClipNorm(parameters, limit);
        optimizer.Step();
        return loss;
    }

    /// <summary>Trains on (z, target sequence) pairs in shuffled mini-batches. Rows of <paramref name="conditions"/> pair with targets.</summary>
    public History Fit(Tensor<T> conditions, IReadOnlyList<int[]> targets, Optimizer<T> optimizer, int epochs = 100, int batchSize = 16,
        int seed = 0, Action<EpochRecord>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(targets);
        for (int i = 0; i < targets.Count; i++)
            if (targets[i] is null || targets[i].Length == 0 || targets[i][^1] != EndId)
                throw new ArgumentException($"Sequence generator: target {i} must be non-empty and end with the end token {EndId}.", nameof(targets));
        return SequenceFitting.Fit(targets.Count, epochs, batchSize, seed, optimizer, parameters,
            batch =>
            {
                var z = new Tensor<T>(batch.Length, conditions.Cols);
                for (int k = 0; k < batch.Length; k++) conditions.Row(batch[k]).CopyTo(z.Row(k));
                return TrainStep(z, batch.Select(i => targets[i]).ToArray(), optimizer);
            }, null, 0, progress);
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
        var h = Start.Forward(condition.Reshape(1, Start.Inputs)).Clone();
        Tensor<T>? c = null;
        var output = new List<int>();
        int token = StartId;
        var generator = new RecurrentLayer<T>(layer.Cell);
        while (output.Count < maxLength)
        {
            var read = TokenBatch.Pad([[token]]);
            generator.Forward(new SequenceBatch<T>(Embedding.Forward(read), 1, 1), h, c);
            h = generator.FinalState.Clone();
            c = generator.FinalCellState?.Clone();
            token = Head.Forward(h).ArgMaxRows()[0];
            output.Add(token);
            if (token == EndId) break;
        }
        return [.. output];
    }
}
