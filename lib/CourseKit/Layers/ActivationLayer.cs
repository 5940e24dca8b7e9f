using System.Numerics;
using CourseKit.Activations;
using CourseKit.Tensors;

namespace CourseKit.Layers;

/// <summary>An activation on its own as a layer: <c>y = g(x)</c>, no parameters.</summary>
public sealed class ActivationLayer<T>(Activation<T> activation) : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? input, output, inputGradient;

    /// <summary>The function g.</summary>
    public Activation<T> Activation { get; } = activation ?? throw new ArgumentNullException(nameof(activation));

    /// <inheritdoc/>
    public override Tensor<T> ForwardBorrowed(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        this.input = input;
        var y = Ensure(ref output, input.Rows, input.Cols);
        Activation.Forward(input, y);
        return y;
    }

    /// <inheritdoc/>
    public override Tensor<T> Backward(Tensor<T> outputGradient)
    {
        var x = Remembered(input, $"{Activation.Name} layer");
        var dx = Ensure(ref inputGradient, x.Rows, x.Cols);
        Activation.Backward(x, output!, outputGradient, dx);
        return dx;
    }

    /// <inheritdoc/>
    public override string ToString() => Activation.Name;
}
