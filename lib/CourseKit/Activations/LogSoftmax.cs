using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Numerics;
using CourseKit.Kernels;
using CourseKit.Tensors;

namespace CourseKit.Activations;

/// <summary>
/// Log-softmax over each row: <c>y_j = x_j − log Σ_k e^(x_k)</c>, computed as <c>x_j − m − log Σ_k e^(x_k − m)</c>
/// with <c>m = max x</c> so it stays finite for inputs like [1000, 1001, 1002].
/// Backward: <c>dx = dy − softmax(x) · Σ dy</c> per row.
/// </summary>
public sealed class LogSoftmax<T> : Activation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override string Name => "log-softmax";
    /// <inheritdoc/>
    public override string Formula => @"\log\mathrm{softmax}(\mathbf{x})_j = x_j - \log \sum_k e^{x_k}";

    /// <inheritdoc/>
    public override void Forward(Tensor<T> x, Tensor<T> y)
    {
        CheckShapes(x, y);
        for (int r = 0; r < x.Rows; r++) ActivationKernels.LogSoftmax<T>(x.Row(r), y.Row(r));
    }

    /// <inheritdoc/>
    public override void Backward(Tensor<T> x, Tensor<T> y, Tensor<T> dy, Tensor<T> dx)
    {
        CheckShapes(x, y, dy, dx);
        for (int r = 0; r < x.Rows; r++)
        {
            T sum = TensorPrimitives.Sum<T>(dy.Row(r));
            var dxr = dx.Row(r);
            TensorPrimitives.Exp<T>(y.Row(r), dxr);          // softmax = exp(log-softmax)
            TensorPrimitives.Multiply<T>(dxr, -sum, dxr);
            TensorPrimitives.Add<T>(dxr, dy.Row(r), dxr);
        }
    }
}
