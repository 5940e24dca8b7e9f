using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Numerics;
using CourseKit.Kernels;
using CourseKit.Tensors;

namespace CourseKit.Activations;

/// <summary>
/// Logistic sigmoid: <c>g(x) = 1 / (1 + e^(−x))</c>, a 0/1 switch. Its gradient <c>g(x)(1 − g(x))</c> is at most 1/4
/// and vanishes for large |x|: the saturation the slides warn about.
/// </summary>
public sealed class Sigmoid<T> : ElementwiseActivation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override string Name => "sigmoid";
    /// <inheritdoc/>
    public override string Formula => @"\sigma(x) = \frac{1}{1 + e^{-x}}";
    /// <inheritdoc/>
    public override T Value(T x) => T.One / (T.One + T.Exp(-x));
    /// <inheritdoc/>
    public override T Derivative(T x)
    {
        T s = Value(x);
        return s * (T.One - s);
    }

    /// <inheritdoc/>
    public override void Forward(Tensor<T> x, Tensor<T> y)
    {
        CheckShapes(x, y);
        if (x.Length > 0) ActivationKernels.Sigmoid(x.ReadOnlySpan, y.Span);
    }

    /// <inheritdoc/>
    public override void Backward(Tensor<T> x, Tensor<T> y, Tensor<T> dy, Tensor<T> dx)
    {
        CheckShapes(x, y, dy, dx);
        ActivationKernels.SigmoidBackward(y.ReadOnlySpan, dy.ReadOnlySpan, dx.Span);
    }
}
