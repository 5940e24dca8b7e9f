using System.Numerics;
using CourseKit.Kernels;
using CourseKit.Tensors;

namespace CourseKit.Activations;

/// <summary>
/// Leaky ReLU: <c>g(x) = x</c> for positive x, <c>slope · x</c> otherwise. The slide writes it both as
/// <c>max(0.1x, x)</c> (slope 0.1) and as <c>max(0, z) + 0.01 min(0, z)</c> (slope 0.01), so the slope is a parameter;
/// the default 0.01 is PyTorch's. The gradient at 0 is <c>slope</c>, as in PyTorch.
/// </summary>
public class LeakyRelu<T> : ElementwiseActivation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a leaky ReLU with the given negative-side slope (0.01 when omitted).</summary>
    public LeakyRelu(double slope = 0.01)
    {
        if (!double.IsFinite(slope) || slope < 0)
            throw new ArgumentOutOfRangeException(nameof(slope), $"The slope must be a finite number ≥ 0, got {slope}.");
        Slope = T.CreateChecked(slope);
    }

    /// <summary>The gradient for negative inputs.</summary>
    public T Slope { get; }

    /// <inheritdoc/>
    public override string Name => $"LeakyReLU({Tensor<T>.Format(Slope)})";
    /// <inheritdoc/>
    public override string Formula => $@"g(x) = \max(0, x) + {Tensor<T>.Format(Slope)} \min(0, x)";
    /// <inheritdoc/>
    public override T Value(T x) => x > T.Zero ? x : Slope * x;
    /// <inheritdoc/>
    public override T Derivative(T x) => x > T.Zero ? T.One : Slope;

    /// <inheritdoc/>
    public override void Forward(Tensor<T> x, Tensor<T> y)
    {
        CheckShapes(x, y);
        ActivationKernels.LeakyRelu(x.ReadOnlySpan, Slope, y.Span);
    }

    /// <inheritdoc/>
    public override void Backward(Tensor<T> x, Tensor<T> y, Tensor<T> dy, Tensor<T> dx)
    {
        CheckShapes(x, y, dy, dx);
        ActivationKernels.LeakyReluBackward(x.ReadOnlySpan, dy.ReadOnlySpan, Slope, dx.Span);
    }
}

/// <summary>PyTorch's name (<c>torch.nn.LeakyReLU</c>) for <see cref="LeakyRelu{T}"/>, the same activation.</summary>
public sealed class LeakyReLU<T>(double slope = 0.01) : LeakyRelu<T>(slope) where T : unmanaged, IFloatingPointIeee754<T>;
