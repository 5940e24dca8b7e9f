using System.Numerics;
using CourseKit.Kernels;
using CourseKit.Tensors;

namespace CourseKit.Recurrent.Architectures;

/// <summary>
/// Cross-entropy over the rows of a score matrix where some rows do not count (padding): the mean of
/// <c>−log softmax(scores)[target]</c> over counted rows, like PyTorch's <c>ignore_index</c>.
/// </summary>
public static class SequenceCrossEntropy
{
    /// <summary>Marks a row that does not count.</summary>
    public const int Ignore = -1;

    /// <summary>
    /// One target per real position, laid out like a time-major score matrix (row t·Batch + b), with
    /// <see cref="Ignore"/> on padding: what a tagger or a generator compares its per-step scores with.
    /// </summary>
    public static int[] TimeMajor(int steps, int batch, IReadOnlyList<int[]> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var rows = new int[steps * batch];
        Array.Fill(rows, Ignore);
        for (int b = 0; b < targets.Count; b++)
            for (int t = 0; t < targets[b].Length; t++) rows[t * batch + b] = targets[b][t];
        return rows;
    }

    /// <summary>
    /// Returns the mean loss over rows whose target is not <see cref="Ignore"/> and writes ∂loss/∂scores into
    /// <paramref name="gradient"/> (zero on ignored rows).
    /// </summary>
    public static double Compute<T>(Tensor<T> scores, IReadOnlyList<int> targets, Tensor<T> gradient) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count != scores.Rows)
            throw new ShapeMismatchException($"Sequence cross-entropy: {targets.Count} targets for scores of shape {scores.Shape}.");
        Check.SameShape(scores, gradient, "Sequence cross-entropy gradient");
        int counted = 0;
        for (int r = 0; r < targets.Count; r++)
        {
            if (targets[r] == Ignore) continue;
            if ((uint)targets[r] >= (uint)scores.Cols)
                throw new ArgumentOutOfRangeException(nameof(targets), $"Sequence cross-entropy: target {targets[r]} in row {r} is outside the {scores.Cols} classes.");
            counted++;
        }
        if (counted == 0) throw new ArgumentException("Sequence cross-entropy: every row is ignored, so there is nothing to learn from.", nameof(targets));
        double total = 0;
        T scale = T.One / T.CreateChecked(counted);
        for (int r = 0; r < scores.Rows; r++)
        {
            var g = gradient.Row(r);
            if (targets[r] == Ignore) { g.Clear(); continue; }
            ActivationKernels.LogSoftmax(scores.Row(r), g);
            total -= double.CreateChecked(g[targets[r]]);
            for (int c = 0; c < g.Length; c++) g[c] = T.Exp(g[c]) * scale;          // softmax / n
            g[targets[r]] -= scale;                                                  // − onehot / n
        }
        return total / counted;
    }
}
