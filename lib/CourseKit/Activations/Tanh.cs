using System.Numerics;
using CourseKit.Kernels;
using CourseKit.Tensors;

namespace CourseKit.Activations;

/// <summary>
/// Hyperbolic tangent: <c>g(x) = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)</c>, a −1/+1 switch. Near 0 it looks like the identity
/// (gradient 1), which is why it trains a little better than the sigmoid; it saturates for large |x|.
/// </summary>
public sealed class Tanh<T> : ElementwiseActivation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override string Name => "tanh";
    /// <inheritdoc/>
    public override string Formula => @"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}";
    /// <inheritdoc/>
    public override T Value(T x) => T.Tanh(x);
    /// <inheritdoc/>
    public override T Derivative(T x)
    {
        T t = T.Tanh(x);
        return T.One - t * t;
    }

    /// <inheritdoc/>
    public override void Forward(Tensor<T> x, Tensor<T> y)
    {
        CheckShapes(x, y);
        if (x.Length > 0) ActivationKernels.Tanh(x.ReadOnlySpan, y.Span);
    }

    /// <inheritdoc/>
    public override void Backward(Tensor<T> x, Tensor<T> y, Tensor<T> dy, Tensor<T> dx)
    {
        CheckShapes(x, y, dy, dx);
        ActivationKernels.TanhBackward(y.ReadOnlySpan, dy.ReadOnlySpan, dx.Span);
    }
}
