using System.Numerics;
using CourseKit.Kernels;
using CourseKit.Tensors;

namespace CourseKit.Losses;

/// <summary>
/// Cross-entropy on logits (PyTorch's <c>CrossEntropyLoss</c>), one loss per row: <c>ℓ_r = −log softmax(x_r)[y_r]</c>,
/// where the target is a (batch × 1) column of class indices; the mean, the default, divides by the batch size B:
/// <c>L = −(1/B) Σ_r log softmax(x_r)[y_r]</c>. Uses a stable log-softmax, so logits like [1000, 1001, 1002] are fine.
/// Gradient: <c>∂ℓ_r/∂x_r = softmax(x_r) − onehot(y_r)</c>.
/// </summary>
public sealed class CrossEntropy<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] row = [];

    /// <summary>A cross-entropy on logits; <paramref name="reduction"/> as PyTorch's (mean, sum or none).</summary>
    public CrossEntropy(LossReduction reduction = LossReduction.Mean) : base(reduction) { }

    /// <inheritdoc/>
    public override string Name => "cross-entropy";

    /// <summary>The loss for class indices given as integers.</summary>
    public T Forward(Tensor<T> logits, IReadOnlyList<int> classes) => Forward(logits, ClassTargets.FromIndices<T>(classes));

    /// <summary>The losses, one per row, for class indices given as integers.</summary>
    public Tensor<T> ForwardUnreduced(Tensor<T> logits, IReadOnlyList<int> classes) =>
        ForwardUnreduced(logits, ClassTargets.FromIndices<T>(classes));

    /// <inheritdoc/>
    protected override void CheckArguments(Tensor<T> prediction, Tensor<T> target) => ClassTargets.Check(prediction, target, Name);

    /// <inheritdoc/>
    protected override void LossOfEach(Tensor<T> prediction, Tensor<T> target, Span<T> losses)
    {
        if (row.Length < prediction.Cols) row = new T[prediction.Cols];
        var logProbabilities = row.AsSpan(0, prediction.Cols);
        for (int r = 0; r < prediction.Rows; r++)
        {
            ActivationKernels.LogSoftmax<T>(prediction.Row(r), logProbabilities);
            losses[r] = -logProbabilities[ClassTargets.At(target, r)];
        }
    }

    /// <inheritdoc/>
    protected override void GradientOfEach(Tensor<T> prediction, Tensor<T> target, Tensor<T> gradient)
    {
        for (int r = 0; r < prediction.Rows; r++)
        {
            var g = gradient.Row(r);
            ActivationKernels.Softmax<T>(prediction.Row(r), g);
            g[ClassTargets.At(target, r)] -= T.One;
        }
    }
}
