using System.Numerics;
using CourseKit.Tensors;

namespace CourseKit.Recurrent;

/// <summary>
/// A batch of sequences of feature vectors, stored time-major: row <c>t·Batch + b</c> of <see cref="Data"/> is
/// sequence b at time t. Sequences may be shorter than <see cref="Steps"/>; their tail rows are padding.
/// </summary>
/// <remarks>
/// Time-major means all of time step t is one contiguous (Batch × Features) block, so a recurrent layer reads one
/// step with one slice and projects every step's input with one matrix product before the recurrence.
/// PyTorch's default RNN input is the same layout, (T, B, F) with <c>batch_first=False</c>.
/// </remarks>
public sealed class SequenceBatch<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] lengths;

    /// <summary>Wraps time-major data; <paramref name="lengths"/> defaults to every sequence being full length.</summary>
    public SequenceBatch(Tensor<T> data, int steps, int batch, int[]? lengths = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (steps < 0 || batch < 1)
            throw new ArgumentOutOfRangeException(nameof(batch), $"A sequence batch needs steps ≥ 0 and batch ≥ 1 (got {steps} steps, batch {batch}).");
        if (data.Rows != steps * batch)
            throw new ShapeMismatchException(
                $"Sequence batch: data has shape {data.Shape} but {steps} steps × batch {batch} needs {steps * batch} rows.");
        lengths ??= Enumerable.Repeat(steps, batch).ToArray();
        if (lengths.Length != batch)
            throw new ArgumentException($"Sequence batch: {lengths.Length} lengths given for a batch of {batch}.", nameof(lengths));
        for (int b = 0; b < batch; b++)
            if (lengths[b] < 0 || lengths[b] > steps)
                throw new ArgumentException($"Sequence batch: sequence {b} has length {lengths[b]}, outside 0..{steps}.", nameof(lengths));
        Data = data;
        Steps = steps;
        Batch = batch;
        this.lengths = lengths;
        IsFull = Array.TrueForAll(lengths, l => l == steps);
    }

    /// <summary>The vectors, (Steps·Batch × Features), time-major.</summary>
    public Tensor<T> Data { get; }

    /// <summary>Number of time steps (the longest sequence's length, or more).</summary>
    public int Steps { get; }

    /// <summary>Number of sequences.</summary>
    public int Batch { get; }

    /// <summary>Size of each vector.</summary>
    public int Features => Data.Cols;

    /// <summary>Each sequence's real length; rows at later times are padding.</summary>
    public IReadOnlyList<int> Lengths => lengths;

    /// <summary>True when every sequence fills all steps (no padding).</summary>
    public bool IsFull { get; }

    /// <summary>Whether time t of sequence b is a real element rather than padding.</summary>
    public bool IsPresent(int t, int b) => t < lengths[b];

    /// <summary>The (Batch × Features) block of time step t.</summary>
    public Span<T> Step(int t) => Data.Span.Slice(t * Batch * Features, Batch * Features);

    /// <summary>The vector of sequence b at time t.</summary>
    public Span<T> At(int t, int b) => Data.Span.Slice((t * Batch + b) * Features, Features);

    /// <summary>
    /// Packs sequences given as (length × features) tensors, one row per time step, into a zero-padded batch.
    /// </summary>
    public static SequenceBatch<T> FromSequences(IReadOnlyList<Tensor<T>> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count == 0) throw new ArgumentException("Sequence batch: no sequences given.", nameof(sequences));
        int features = sequences[0].Cols, steps = sequences.Max(s => s.Rows), batch = sequences.Count;
        var data = new Tensor<T>(steps * batch, features);
        var lengths = new int[batch];
        for (int b = 0; b < batch; b++)
        {
            var s = sequences[b];
            if (s.Cols != features)
                throw new ShapeMismatchException(
                    $"Sequence batch: sequence 0 has shape {sequences[0].Shape} but sequence {b} has shape {s.Shape}; feature counts differ.");
            lengths[b] = s.Rows;
            for (int t = 0; t < s.Rows; t++) s.Row(t).CopyTo(data.Row(t * batch + b));
        }
        return new SequenceBatch<T>(data, steps, batch, lengths);
    }

    /// <summary>A single sequence, one row per time step (batch of one).</summary>
    public static SequenceBatch<T> FromSequence(Tensor<T> sequence) => FromSequences([sequence]);

    /// <summary>Sequence b's rows as a (length × features) tensor.</summary>
    public Tensor<T> Sequence(int b)
    {
        var result = new Tensor<T>(lengths[b], Features);
        for (int t = 0; t < lengths[b]; t++) At(t, b).CopyTo(result.Row(t));
        return result;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"SequenceBatch({Steps} steps × {Batch} sequences × {Features} features{(IsFull ? "" : ", lengths " + string.Join(",", lengths))})";
}
