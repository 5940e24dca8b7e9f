using System.Numerics;
using CourseKit.Tensors;

namespace CourseKit.Losses;

/// <summary>
/// A loss: one number saying how far predictions are from targets, averaged over the batch (PyTorch's
/// <c>reduction='mean'</c>), and its gradient with respect to the predictions, which starts backpropagation.
/// </summary>
public abstract class Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? gradient;

    /// <summary>The name students know it by.</summary>
    public abstract string Name { get; }

    /// <summary>The loss of <paramref name="prediction"/> against <paramref name="target"/>; remembers what <see cref="Backward"/> needs.</summary>
    public abstract T Forward(Tensor<T> prediction, Tensor<T> target);

    /// <summary>∂loss/∂prediction for the last <see cref="Forward"/> call (a buffer the loss reuses).</summary>
    public Tensor<T> Backward()
    {
        var (prediction, target) = Last ?? throw new InvalidOperationException($"{Name}: Backward was called before Forward.");
        if (gradient is null || gradient.Rows != prediction.Rows || gradient.Cols != prediction.Cols)
            gradient = new Tensor<T>(prediction.Rows, prediction.Cols);
        Gradient(prediction, target, gradient);
        return gradient;
    }

    /// <summary>Writes ∂loss/∂prediction into <paramref name="gradient"/>.</summary>
    protected abstract void Gradient(Tensor<T> prediction, Tensor<T> target, Tensor<T> gradient);

    /// <summary>The last forward pass's arguments.</summary>
    protected (Tensor<T> Prediction, Tensor<T> Target)? Last { get; set; }

    /// <summary>Remembers the arguments after checking that they have the same shape.</summary>
    protected void RememberSameShape(Tensor<T> prediction, Tensor<T> target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        // The message is built only on failure: this runs every training step, which must not allocate.
        if (prediction.Rows != target.Rows || prediction.Cols != target.Cols)
            Check.SameShape(prediction, target, $"{Name} (prediction vs target)");
        Last = (prediction, target);
    }

    /// <summary>1 / number of elements (or rows), the factor of the mean.</summary>
    protected static T InverseCount(int n) => n == 0 ? T.Zero : T.One / T.CreateChecked(n);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
