using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Numerics;
using CourseKit.Tensors;

namespace CourseKit.Losses;

/// <summary>
/// Squared error per element, <c>ℓ_i = (ŷ_i − y_i)²</c> (PyTorch's <c>MSELoss</c>); the mean, the default, divides by
/// all N elements: <c>L = (1/N) Σ (ŷ − y)²</c>, with gradient <c>∂L/∂ŷ = 2 (ŷ − y) / N</c>. Each element's part in its
/// own loss is <c>∂ℓ_i/∂ŷ_i = 2 (ŷ_i − y_i)</c>.
/// </summary>
public sealed class MeanSquaredError<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A squared-error loss; <paramref name="reduction"/> as PyTorch's (mean, sum or none).</summary>
    public MeanSquaredError(LossReduction reduction = LossReduction.Mean) : base(reduction) { }

    /// <inheritdoc/>
    public override string Name => "mean squared error";

    /// <inheritdoc/>
    protected override void LossOfEach(Tensor<T> prediction, Tensor<T> target, Span<T> losses)
    {
        TensorPrimitives.Subtract(prediction.ReadOnlySpan, target.ReadOnlySpan, losses);
        TensorPrimitives.Multiply(losses, losses, losses);
    }

    /// <inheritdoc/>
    protected override void GradientOfEach(Tensor<T> prediction, Tensor<T> target, Tensor<T> gradient)
    {
        TensorPrimitives.Subtract(prediction.ReadOnlySpan, target.ReadOnlySpan, gradient.Span);
        TensorPrimitives.Multiply<T>(gradient.Span, T.CreateChecked(2), gradient.Span);
    }
}
