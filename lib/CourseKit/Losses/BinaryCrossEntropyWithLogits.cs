using CourseKit.Kernels;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Numerics;
using CourseKit.Tensors;

namespace CourseKit.Losses;

/// <summary>
/// Binary cross-entropy on logits x (before the sigmoid), per element
/// <c>ℓ_i = max(x_i, 0) − x_i y_i + log(1 + e^(−|x_i|))</c>, the stable form of <c>BCE(σ(x_i), y_i)</c> (PyTorch's
/// <c>BCEWithLogitsLoss</c>); the mean, the default, divides by all N elements. Gradient: <c>∂ℓ_i/∂x_i = σ(x_i) − y_i</c>.
/// </summary>
public sealed class BinaryCrossEntropyWithLogits<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A binary cross-entropy on logits; <paramref name="reduction"/> as PyTorch's (mean, sum or none).</summary>
    public BinaryCrossEntropyWithLogits(LossReduction reduction = LossReduction.Mean) : base(reduction) { }

    /// <inheritdoc/>
    public override string Name => "binary cross-entropy with logits";

    /// <inheritdoc/>
    protected override void LossOfEach(Tensor<T> prediction, Tensor<T> target, Span<T> losses)
    {
        var x = prediction.ReadOnlySpan;
        var y = target.ReadOnlySpan;
        for (int i = 0; i < x.Length; i++) losses[i] = T.Max(x[i], T.Zero) - x[i] * y[i] + T.LogP1(T.Exp(-T.Abs(x[i])));
    }

    /// <inheritdoc/>
    protected override void GradientOfEach(Tensor<T> prediction, Tensor<T> target, Tensor<T> gradient)
    {
        if (prediction.Length == 0) return;
        ActivationKernels.Sigmoid(prediction.ReadOnlySpan, gradient.Span);
        TensorPrimitives.Subtract(gradient.Span, target.ReadOnlySpan, gradient.Span);
    }
}
