using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace CourseKit.Regularization;

/// <summary>
/// The L2 penalty (ridge, "weight decay") in the form <c>Ω = λ Σ w²</c>, <b>not</b> <c>λ/2 Σ w²</c>: its gradient is
/// therefore <c>2λ w</c>.
/// </summary>
/// <remarks>
/// PyTorch's optimizer <c>weight_decay=wd</c> adds <c>wd·w</c> to the gradient, the gradient of <c>wd/2 Σ w²</c>:
/// it equals this penalty with <c>λ = wd/2</c>.
/// </remarks>
public sealed class L2Penalty<T>(double lambda, PenaltyScope scope = PenaltyScope.WeightsOnly)
    : WeightPenalty<T>(lambda, scope) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override string Name => "L2";

    /// <inheritdoc/>
    protected override T Of(ReadOnlySpan<T> weights) => TensorPrimitives.SumOfSquares(weights);

    /// <inheritdoc/>
    protected override void AddGradientOf(ReadOnlySpan<T> weights, T lambda, Span<T> gradient) =>
        TensorPrimitives.MultiplyAdd(weights, (lambda + lambda), gradient, gradient);   // g += 2λ w
}
