using System.Numerics;
using CourseKit.Tensors;

namespace CourseKit.Losses;

/// <summary>
/// Binary cross-entropy on probabilities p ∈ [0, 1], per element <c>ℓ_i = −[y_i log p_i + (1 − y_i) log(1 − p_i)]</c>
/// (PyTorch's <c>BCELoss</c>); the mean, the default, divides by all N elements. As in PyTorch, each log is clamped at
/// −100 so p = 0 or 1 gives a finite loss, and the gradient <c>∂ℓ_i/∂p_i = (p_i − y_i) / max(p_i (1 − p_i), 1e−12)</c>
/// stays finite too. Prefer <see cref="BinaryCrossEntropyWithLogits{T}"/> after a sigmoid: it is exact where this one
/// saturates.
/// </summary>
public sealed class BinaryCrossEntropy<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly T LogFloor = T.CreateChecked(-100);
    private static readonly T Epsilon = T.CreateChecked(1e-12f);   // PyTorch's constant is a float: 1e−12 rounded to float

    /// <summary>A binary cross-entropy on probabilities; <paramref name="reduction"/> as PyTorch's (mean, sum or none).</summary>
    public BinaryCrossEntropy(LossReduction reduction = LossReduction.Mean) : base(reduction) { }

    /// <inheritdoc/>
    public override string Name => "binary cross-entropy";

    /// <inheritdoc/>
    protected override void LossOfEach(Tensor<T> prediction, Tensor<T> target, Span<T> losses)
    {
        var p = prediction.ReadOnlySpan;
        var y = target.ReadOnlySpan;
        for (int i = 0; i < p.Length; i++)
        {
            if (!(p[i] >= T.Zero && p[i] <= T.One))
                throw new ArgumentOutOfRangeException(nameof(prediction),
                    $"Binary cross-entropy needs probabilities in [0, 1], but prediction element {i} is {p[i]}. Apply a sigmoid first, or use BinaryCrossEntropyWithLogits.");
            losses[i] = -(y[i] * T.Max(T.Log(p[i]), LogFloor) + (T.One - y[i]) * T.Max(T.Log(T.One - p[i]), LogFloor));
        }
    }

    /// <inheritdoc/>
    protected override void GradientOfEach(Tensor<T> prediction, Tensor<T> target, Tensor<T> gradient)
    {
        var p = prediction.ReadOnlySpan;
        var y = target.ReadOnlySpan;
        var g = gradient.Span;
        for (int i = 0; i < p.Length; i++) g[i] = (p[i] - y[i]) / T.Max((T.One - p[i]) * p[i], Epsilon);
    }
}
