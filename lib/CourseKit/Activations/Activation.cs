using System.Numerics;
using CourseKit.Tensors;

namespace CourseKit.Activations;

/// <summary>
/// An activation function <c>g</c>: the non-linearity in <c>o = g(i × W + b)</c>.
/// Forward computes <c>y = g(x)</c>; backward turns the gradient of the loss with respect to <c>y</c>
/// into the gradient with respect to <c>x</c>.
/// </summary>
public abstract class Activation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The name students know it by, for example "ReLU".</summary>
    public abstract string Name { get; }

    /// <summary>The definition in LaTeX, for notebooks.</summary>
    public abstract string Formula { get; }

    /// <summary><c>y = g(x)</c> into a tensor of the same shape.</summary>
    public abstract void Forward(Tensor<T> x, Tensor<T> y);

    /// <summary><c>dx = dy · ∂g/∂x</c>, given the forward pass's input <paramref name="x"/> and output <paramref name="y"/>.</summary>
    public abstract void Backward(Tensor<T> x, Tensor<T> y, Tensor<T> dy, Tensor<T> dx);

    /// <summary><c>g(x)</c> as a new tensor.</summary>
    public Tensor<T> Apply(Tensor<T> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = new Tensor<T>(x.Rows, x.Cols);
        Forward(x, y);
        return y;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>Checks that the forward/backward tensors share one shape.</summary>
    protected static void CheckShapes(Tensor<T> x, Tensor<T> y, Tensor<T>? dy = null, Tensor<T>? dx = null)
    {
        Check.SameShape(x, y, "Activation input and output");
        if (dy is not null) Check.SameShape(x, dy, "Activation input and output gradient");
        if (dx is not null) Check.SameShape(x, dx, "Activation input and input gradient");
    }
}

/// <summary>
/// An activation applied to each element on its own, so it has an ordinary derivative <c>g'(x)</c>
/// that can be plotted beside it.
/// </summary>
public abstract class ElementwiseActivation<T> : Activation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The scalar definition <c>g(x)</c>.</summary>
    public abstract T Value(T x);

    /// <summary>The scalar derivative <c>g'(x)</c> (at a kink, the one PyTorch returns).</summary>
    public abstract T Derivative(T x);

    /// <summary><c>g'(x)</c> for every element, as a new tensor: what a notebook plots.</summary>
    public Tensor<T> Derivative(Tensor<T> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = Apply(x);
        var ones = Tensor.Ones<T>(x.Rows, x.Cols);
        var dx = new Tensor<T>(x.Rows, x.Cols);
        Backward(x, y, ones, dx);
        return dx;
    }
}
