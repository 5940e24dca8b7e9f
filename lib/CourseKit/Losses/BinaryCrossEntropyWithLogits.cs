using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Numerics;
using CourseKit.Tensors;

namespace CourseKit.Losses;

/// <summary>
/// Binary cross-entropy on logits x (before the sigmoid): <c>L = (1/N) Σ [max(x, 0) − x y + log(1 + e^(−|x|))]</c>,
/// the stable form of <c>BCE(σ(x), y)</c> (PyTorch's <c>BCEWithLogitsLoss</c>). Gradient: <c>(σ(x) − y) / N</c>.
/// </summary>
public sealed class BinaryCrossEntropyWithLogits<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override string Name => "binary cross-entropy with logits";

    /// <inheritdoc/>
    public override T Forward(Tensor<T> prediction, Tensor<T> target)
    {
        RememberSameShape(prediction, target);
        var x = prediction.ReadOnlySpan;
        var y = target.ReadOnlySpan;
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++)
            sum += T.Max(x[i], T.Zero) - x[i] * y[i] + T.LogP1(T.Exp(-T.Abs(x[i])));
        return sum * InverseCount(x.Length);
    }

    /// <inheritdoc/>
    protected override void Gradient(Tensor<T> prediction, Tensor<T> target, Tensor<T> gradient)
    {
        if (prediction.Length == 0) return;
        TensorPrimitives.Sigmoid(prediction.ReadOnlySpan, gradient.Span);
        TensorPrimitives.Subtract(gradient.Span, target.ReadOnlySpan, gradient.Span);
        TensorPrimitives.Multiply<T>(gradient.Span, InverseCount(prediction.Length), gradient.Span);
    }
}
