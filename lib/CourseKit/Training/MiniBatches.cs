using System.Numerics;
using CourseKit.Tensors;

namespace CourseKit.Training;

/// <summary>
/// Cuts the first <c>count</c> rows of X and y into mini-batches by copying rows into reused buffers, in an order
/// that a seeded Fisher–Yates shuffle permutes every epoch.
/// </summary>
internal sealed class MiniBatches<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor<T> x, y;
    private readonly int[] order;
    private readonly Random? random;
    // Only two batch shapes ever occur (full and the remainder), so two buffer pairs make steady-state epochs allocation-free.
    private readonly (Tensor<T> X, Tensor<T> Y) full;
    private readonly (Tensor<T> X, Tensor<T> Y)? last;

    public MiniBatches(Tensor<T> x, Tensor<T> y, int count, int batchSize, int? seed)
    {
        this.x = x;
        this.y = y;
        order = [.. Enumerable.Range(0, count)];
        random = seed is int s ? new Random(s) : null;
        BatchSize = Math.Min(batchSize, count);
        full = (new Tensor<T>(BatchSize, x.Cols), new Tensor<T>(BatchSize, y.Cols));
        int remainder = count % BatchSize;
        if (remainder > 0) last = (new Tensor<T>(remainder, x.Cols), new Tensor<T>(remainder, y.Cols));
        Count = (count + BatchSize - 1) / BatchSize;
    }

    /// <summary>Rows per batch (the last batch may be smaller).</summary>
    public int BatchSize { get; }

    /// <summary>Batches per epoch.</summary>
    public int Count { get; }

    /// <summary>Reorders the rows for a new epoch (nothing without a seed).</summary>
    public void Shuffle()
    {
        if (random is null) return;
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    /// <summary>Fills and returns the buffers of batch <paramref name="index"/> (valid until the next call).</summary>
    public (Tensor<T> X, Tensor<T> Y) Batch(int index)
    {
        int start = index * BatchSize;
        var buffers = start + BatchSize <= order.Length ? full : last!.Value;
        for (int r = 0; r < buffers.X.Rows; r++)
        {
            int source = order[start + r];
            x.Row(source).CopyTo(buffers.X.Row(r));
            y.Row(source).CopyTo(buffers.Y.Row(r));
        }
        return buffers;
    }
}
