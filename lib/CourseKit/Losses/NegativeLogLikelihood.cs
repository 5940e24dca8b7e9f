using System.Numerics;
using CourseKit.Tensors;

namespace CourseKit.Losses;

/// <summary>
/// Negative log-likelihood on log-probabilities (PyTorch's <c>NLLLoss</c>), one loss per row: <c>ℓ_r = −x_r[y_r]</c>,
/// where the target is a (batch × 1) column of class indices; the mean, the default, divides by the batch size B:
/// <c>L = −(1/B) Σ_r x_r[y_r]</c>. Put a <see cref="Activations.LogSoftmax{T}"/> before it; together they equal
/// <see cref="CrossEntropy{T}"/>. Gradient: <c>∂ℓ_r/∂x_r = −onehot(y_r)</c>.
/// </summary>
public sealed class NegativeLogLikelihood<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A negative log-likelihood; <paramref name="reduction"/> as PyTorch's (mean, sum or none).</summary>
    public NegativeLogLikelihood(LossReduction reduction = LossReduction.Mean) : base(reduction) { }

    /// <inheritdoc/>
    public override string Name => "negative log-likelihood";

    /// <summary>The loss for class indices given as integers.</summary>
    public T Forward(Tensor<T> logProbabilities, IReadOnlyList<int> classes) => Forward(logProbabilities, ClassTargets.FromIndices<T>(classes));

    /// <summary>The losses, one per row, for class indices given as integers.</summary>
    public Tensor<T> ForwardUnreduced(Tensor<T> logProbabilities, IReadOnlyList<int> classes) =>
        ForwardUnreduced(logProbabilities, ClassTargets.FromIndices<T>(classes));

    /// <inheritdoc/>
    protected override void CheckArguments(Tensor<T> prediction, Tensor<T> target) => ClassTargets.Check(prediction, target, Name);

    /// <inheritdoc/>
    protected override void LossOfEach(Tensor<T> prediction, Tensor<T> target, Span<T> losses)
    {
        for (int r = 0; r < prediction.Rows; r++) losses[r] = -prediction[r, ClassTargets.At(target, r)];
    }

    /// <inheritdoc/>
    protected override void GradientOfEach(Tensor<T> prediction, Tensor<T> target, Tensor<T> gradient)
    {
        gradient.Clear();
        for (int r = 0; r < prediction.Rows; r++) gradient[r, ClassTargets.At(target, r)] = -T.One;
    }
}
