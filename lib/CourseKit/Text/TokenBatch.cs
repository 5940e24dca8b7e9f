using System.Numerics;
using System.Text;
using CourseKit.Tensors;

namespace CourseKit.Text;

/// <summary>
/// A batch of id sequences of different lengths, padded to a common number of time steps and stored
/// <b>time-major</b>: the id of sequence b at step t is <c>Ids[t * Batch + b]</c>, the layout the RNN layers read one
/// step (one block of <see cref="Batch"/> ids) at a time.
/// </summary>
/// <remarks>
/// Positions past a sequence's length hold <see cref="PaddingId"/> (0, the vocabulary's <c>&lt;pad&gt;</c>).
/// Whether a position is real is decided by <see cref="Lengths"/>, not by the id, because in a label vocabulary id 0 is
/// a real tag: ask <see cref="IsPresent"/> or use <see cref="Mask{T}"/>.
/// </remarks>
public sealed class TokenBatch
{
    /// <summary>The id written into padded positions (<see cref="Vocabulary.PadId"/>).</summary>
    public const int PaddingId = Vocabulary.PadId;

    private TokenBatch(int steps, int batch, int[] ids, int[] lengths)
    {
        Steps = steps;
        Batch = batch;
        Ids = ids;
        Lengths = lengths;
    }

    /// <summary>Number of time steps (the longest sequence, or the steps asked for).</summary>
    public int Steps { get; }

    /// <summary>Number of sequences.</summary>
    public int Batch { get; }

    /// <summary>All ids, time-major: <c>Ids[t * Batch + b]</c> is step t of sequence b.</summary>
    public int[] Ids { get; }

    /// <summary>The real length of each sequence, in batch order.</summary>
    public int[] Lengths { get; }

    /// <summary>The id at step <paramref name="t"/> of sequence <paramref name="b"/> (<see cref="PaddingId"/> past its end).</summary>
    public int this[int t, int b]
    {
        get
        {
            CheckPosition(t, b);
            return Ids[t * Batch + b];
        }
    }

    /// <summary>True when step <paramref name="t"/> is inside sequence <paramref name="b"/>, false for padding.</summary>
    public bool IsPresent(int t, int b)
    {
        CheckPosition(t, b);
        return t < Lengths[b];
    }

    /// <summary>
    /// Pads <paramref name="sequences"/> with <see cref="PaddingId"/> to <paramref name="steps"/> steps (default: the
    /// longest sequence) and lays them out time-major. The sequences are copied.
    /// </summary>
    /// <exception cref="ArgumentException">The batch is empty, a sequence is empty, has a negative id, or is longer than
    /// <paramref name="steps"/> (it is never cut silently).</exception>
    public static TokenBatch Pad(IReadOnlyList<int[]> sequences, int? steps = null)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count == 0) throw new ArgumentException("Cannot pad an empty batch: pass at least one sequence.", nameof(sequences));
        int longest = 0;
        for (int b = 0; b < sequences.Count; b++)
        {
            var s = sequences[b] ?? throw new ArgumentException($"Sequence {b} is null.", nameof(sequences));
            if (s.Length == 0) throw new ArgumentException($"Sequence {b} is empty; every sequence needs at least one token.", nameof(sequences));
            int negative = Array.FindIndex(s, id => id < 0);
            if (negative >= 0)
                throw new ArgumentException($"Sequence {b} has the negative id {s[negative]} at position {negative}; ids start at 0.", nameof(sequences));
            longest = Math.Max(longest, s.Length);
        }
        int t = steps ?? longest;
        if (t < 1) throw new ArgumentOutOfRangeException(nameof(steps), $"steps must be at least 1, got {t}.");
        int batch = sequences.Count;
        var ids = new int[t * batch];           // zero-filled: PaddingId everywhere to start with
        var lengths = new int[batch];
        for (int b = 0; b < batch; b++)
        {
            var s = sequences[b];
            if (s.Length > t)
                throw new ArgumentException($"Sequence {b} has length {s.Length}, longer than the {t} steps asked for; shorten it or pass more steps.", nameof(sequences));
            lengths[b] = s.Length;
            for (int step = 0; step < s.Length; step++) ids[step * batch + b] = s[step];
        }
        return new TokenBatch(t, batch, ids, lengths);
    }

    /// <summary>
    /// A (Steps × Batch) tensor with 1 where a token is present and 0 at padding, to multiply into per-step losses or
    /// hidden states so padding contributes nothing.
    /// </summary>
    public Tensor<T> Mask<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var mask = new Tensor<T>(Steps, Batch);
        var span = mask.Span;
        for (int b = 0; b < Batch; b++)
            for (int t = 0; t < Lengths[b]; t++) span[t * Batch + b] = T.One;
        return mask;
    }

    /// <summary>The ids as a grid, one line per time step, for example <c>TokenBatch(3 steps × 2, lengths [3, 1])</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder($"TokenBatch({Steps} steps × {Batch}, lengths [{string.Join(", ", Lengths)}])");
        const int maxSteps = 12, maxBatch = 12;
        for (int t = 0; t < Math.Min(Steps, maxSteps); t++)
        {
            sb.Append("\n  t=").Append(t).Append(": ");
            for (int b = 0; b < Math.Min(Batch, maxBatch); b++)
                sb.Append(b > 0 ? " " : "").Append(IsPresent(t, b) ? Ids[t * Batch + b].ToString(System.Globalization.CultureInfo.InvariantCulture) : "·");
            if (Batch > maxBatch) sb.Append(" …");
        }
        if (Steps > maxSteps) sb.Append("\n  …");
        return sb.ToString();
    }

    /// <summary>Throws, naming the id, its position and the size, when a present id is not below <paramref name="size"/>.</summary>
    internal void CheckIdsBelow(int size, string what)
    {
        for (int b = 0; b < Batch; b++)
            for (int t = 0; t < Lengths[b]; t++)
            {
                int id = Ids[t * Batch + b];
                if (id >= size)
                    throw new ArgumentOutOfRangeException("batch",
                        $"Id {id} (step {t} of sequence {b}) does not fit {what} of size {size} (ids 0…{size - 1}).");
            }
    }

    private void CheckPosition(int t, int b)
    {
        if ((uint)t >= (uint)Steps || (uint)b >= (uint)Batch)
            throw new ArgumentOutOfRangeException(nameof(t), $"Position (step {t}, sequence {b}) is outside a batch of {Steps} steps × {Batch} sequences.");
    }
}
