using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace CourseKit.Regularization;

/// <summary>
/// The L1 penalty (lasso) <c>Ω = λ Σ |w|</c>, with gradient <c>λ·sign(w)</c> and <c>sign(0) = 0</c> as PyTorch's
/// <c>torch.sign</c> (and the subgradient autograd uses for <c>abs</c> at 0). It pushes weights to exactly zero.
/// </summary>
public sealed class L1Penalty<T>(double lambda, PenaltyScope scope = PenaltyScope.WeightsOnly)
    : WeightPenalty<T>(lambda, scope) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override string Name => "L1";

    /// <inheritdoc/>
    protected override T Of(ReadOnlySpan<T> weights) => TensorPrimitives.SumOfMagnitudes(weights);

    /// <inheritdoc/>
    protected override void AddGradientOf(ReadOnlySpan<T> weights, T lambda, Span<T> gradient)
    {
        for (int i = 0; i < weights.Length; i++) gradient[i] += lambda * Sign(weights[i]);
    }

    /// <summary>−1, 0 or +1; NaN stays NaN (T.Sign would throw on it).</summary>
    private static T Sign(T w) => w > T.Zero ? T.One : w < T.Zero ? -T.One : w == T.Zero ? T.Zero : w;
}
