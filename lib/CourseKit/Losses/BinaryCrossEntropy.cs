using System.Numerics;
using CourseKit.Tensors;

namespace CourseKit.Losses;

/// <summary>
/// Binary cross-entropy on probabilities p ∈ [0, 1]: <c>L = −(1/N) Σ [y log p + (1 − y) log(1 − p)]</c>
/// (PyTorch's <c>BCELoss</c>). As in PyTorch, each log is clamped at −100 so p = 0 or 1 gives a finite loss, and the
/// gradient <c>(p − y) / max(p (1 − p), 1e−12) / N</c> stays finite too.
/// Prefer <see cref="BinaryCrossEntropyWithLogits{T}"/> after a sigmoid: it is exact where this one saturates.
/// </summary>
public sealed class BinaryCrossEntropy<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly T LogFloor = T.CreateChecked(-100);
    private static readonly T Epsilon = T.CreateChecked(1e-12);

    /// <inheritdoc/>
    public override string Name => "binary cross-entropy";

    /// <inheritdoc/>
    public override T Forward(Tensor<T> prediction, Tensor<T> target)
    {
        RememberSameShape(prediction, target);
        var p = prediction.ReadOnlySpan;
        var y = target.ReadOnlySpan;
        T sum = T.Zero;
        for (int i = 0; i < p.Length; i++)
        {
            if (!(p[i] >= T.Zero && p[i] <= T.One))
                throw new ArgumentOutOfRangeException(nameof(prediction),
                    $"Binary cross-entropy needs probabilities in [0, 1], but prediction element {i} is {p[i]}. Apply a sigmoid first, or use BinaryCrossEntropyWithLogits.");
            sum += y[i] * T.Max(T.Log(p[i]), LogFloor) + (T.One - y[i]) * T.Max(T.Log(T.One - p[i]), LogFloor);
        }
        return -sum * InverseCount(p.Length);
    }

    /// <inheritdoc/>
    protected override void Gradient(Tensor<T> prediction, Tensor<T> target, Tensor<T> gradient)
    {
        var p = prediction.ReadOnlySpan;
        var y = target.ReadOnlySpan;
        var g = gradient.Span;
        T scale = InverseCount(p.Length);
        for (int i = 0; i < p.Length; i++) g[i] = (p[i] - y[i]) / T.Max((T.One - p[i]) * p[i], Epsilon) * scale;
    }
}
