using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Numerics;
using CourseKit.Kernels;
using CourseKit.Tensors;

namespace CourseKit.Activations;

/// <summary>
/// Softmax over each row: <c>y_j = e^(x_j) / Σ_k e^(x_k)</c>, turning scores into probabilities (the RNN slides'
/// <c>o = softmax(V h)</c>). Computed as <c>e^(x_j − max x)</c> so inputs like [1000, 1001, 1002] do not overflow.
/// Backward: <c>dx = y ⊙ (dy − (dy · y))</c> per row.
/// </summary>
public sealed class Softmax<T> : Activation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override string Name => "softmax";
    /// <inheritdoc/>
    public override string Formula => @"\mathrm{softmax}(\mathbf{x})_j = \frac{e^{x_j}}{\sum_k e^{x_k}}";

    /// <inheritdoc/>
    public override void Forward(Tensor<T> x, Tensor<T> y)
    {
        CheckShapes(x, y);
        for (int r = 0; r < x.Rows; r++) ActivationKernels.Softmax<T>(x.Row(r), y.Row(r));
    }

    /// <inheritdoc/>
    public override void Backward(Tensor<T> x, Tensor<T> y, Tensor<T> dy, Tensor<T> dx)
    {
        CheckShapes(x, y, dy, dx);
        for (int r = 0; r < x.Rows; r++)
        {
            var yr = y.Row(r);
            T dot = TensorPrimitives.Dot<T>(dy.Row(r), yr);
            TensorPrimitives.Subtract<T>(dy.Row(r), dot, dx.Row(r));
            TensorPrimitives.Multiply<T>(dx.Row(r), yr, dx.Row(r));
        }
    }
}
