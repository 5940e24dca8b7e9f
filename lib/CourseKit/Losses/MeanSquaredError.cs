using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Numerics;
using CourseKit.Tensors;

namespace CourseKit.Losses;

/// <summary>
/// Mean squared error, <c>L = (1/N) Σ (ŷ − y)²</c> over all N elements (PyTorch's <c>MSELoss</c>).
/// Gradient: <c>∂L/∂ŷ = 2 (ŷ − y) / N</c>.
/// </summary>
public sealed class MeanSquaredError<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override string Name => "mean squared error";

    /// <inheritdoc/>
    public override T Forward(Tensor<T> prediction, Tensor<T> target)
    {
        RememberSameShape(prediction, target);
        if (prediction.Length == 0) return T.NaN;
        var p = prediction.ReadOnlySpan;
        var y = target.ReadOnlySpan;
        T sum = T.Zero;
        for (int i = 0; i < p.Length; i++)
        {
            T d = p[i] - y[i];
            sum += d * d;
        }
        return sum * InverseCount(p.Length);
    }

    /// <inheritdoc/>
    protected override void Gradient(Tensor<T> prediction, Tensor<T> target, Tensor<T> gradient)
    {
        TensorPrimitives.Subtract(prediction.ReadOnlySpan, target.ReadOnlySpan, gradient.Span);
        TensorPrimitives.Multiply<T>(gradient.Span, T.CreateChecked(2) * InverseCount(prediction.Length), gradient.Span);
    }
}
