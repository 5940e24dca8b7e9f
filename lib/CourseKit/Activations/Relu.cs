using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Numerics;
using CourseKit.Kernels;
using CourseKit.Tensors;

namespace CourseKit.Activations;

/// <summary>
/// Rectified linear unit: <c>g(x) = max(0, x)</c>. Its gradient is 1 for positive inputs and 0 otherwise;
/// at the kink x = 0 it returns 0, the left derivative, as PyTorch does.
/// </summary>
public class Relu<T> : ElementwiseActivation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override string Name => "ReLU";
    /// <inheritdoc/>
    public override string Formula => @"g(x) = \max(0, x)";
    /// <inheritdoc/>
    public override T Value(T x) => x > T.Zero ? x : T.Zero;
    /// <inheritdoc/>
    public override T Derivative(T x) => x > T.Zero ? T.One : T.Zero;

    /// <inheritdoc/>
    public override void Forward(Tensor<T> x, Tensor<T> y)
    {
        CheckShapes(x, y);
        if (x.Length > 0) TensorPrimitives.Max(x.ReadOnlySpan, T.Zero, y.Span);  // max(NaN, 0) stays NaN, max(−∞, 0) = 0
    }

    /// <inheritdoc/>
    public override void Backward(Tensor<T> x, Tensor<T> y, Tensor<T> dy, Tensor<T> dx)
    {
        CheckShapes(x, y, dy, dx);
        ActivationKernels.ReluBackward(x.ReadOnlySpan, dy.ReadOnlySpan, dx.Span);
    }
}

/// <summary>PyTorch's name (<c>torch.nn.ReLU</c>) for <see cref="Relu{T}"/>, the same activation.</summary>
public sealed class ReLU<T> : Relu<T> where T : unmanaged, IFloatingPointIeee754<T>;
