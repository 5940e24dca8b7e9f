using System.Numerics;
using CourseKit.Tensors;

namespace CourseKit.Layers;

/// <summary>
/// A learnable tensor and the gradient of the loss with respect to it. Backward passes add into
/// <see cref="Gradient"/> (as PyTorch accumulates into <c>.grad</c>); call <see cref="ZeroGradient"/> before each step.
/// </summary>
public sealed class Parameter<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Wraps <paramref name="value"/> (not copied) as a parameter named <paramref name="name"/>.</summary>
    public Parameter(string name, Tensor<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Name = name;
        Value = value;
        Gradient = new Tensor<T>(value.Rows, value.Cols);
    }

    /// <summary>The name shown in gradient checks and error messages, for example "layer1.W".</summary>
    public string Name { get; internal set; }

    /// <summary>The current values.</summary>
    public Tensor<T> Value { get; }

    /// <summary>∂loss/∂value, accumulated by backward passes.</summary>
    public Tensor<T> Gradient { get; }

    /// <summary>Sets the gradient to zero.</summary>
    public void ZeroGradient() => Gradient.Clear();

    /// <summary>Replaces the values (same shape), for example with the slide's hand-set weights.</summary>
    public void Set(Tensor<T> values)
    {
        Check.SameShape(Value, values, $"Setting parameter {Name}");
        values.CopyTo(Value);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {Value.Shape}";
}
