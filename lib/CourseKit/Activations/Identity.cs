using System.Numerics;
using CourseKit.Tensors;

namespace CourseKit.Activations;

/// <summary>Identity: <c>g(x) = x</c>, <c>g'(x) = 1</c>. A network of only these is one linear map.</summary>
public sealed class Identity<T> : ElementwiseActivation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override string Name => "identity";
    /// <inheritdoc/>
    public override string Formula => @"g(x) = x";
    /// <inheritdoc/>
    public override T Value(T x) => x;
    /// <inheritdoc/>
    public override T Derivative(T x) => T.One;

    /// <inheritdoc/>
    public override void Forward(Tensor<T> x, Tensor<T> y)
    {
        CheckShapes(x, y);
        x.ReadOnlySpan.CopyTo(y.Span);
    }

    /// <inheritdoc/>
    public override void Backward(Tensor<T> x, Tensor<T> y, Tensor<T> dy, Tensor<T> dx)
    {
        CheckShapes(x, y, dy, dx);
        dy.ReadOnlySpan.CopyTo(dx.Span);
    }
}
