using System.Numerics;
using System.Numerics.Tensors;
using CourseKit.Layers;

namespace CourseKit.Optimizers;

/// <summary>
/// Plain gradient descent: <c>θ ← θ − η ∇θ</c>. Whether it is full-batch, stochastic or mini-batch depends only on
/// how many examples the gradient was averaged over, not on the update (PyTorch's <c>SGD</c> without momentum).
/// </summary>
public sealed class GradientDescent<T>(IEnumerable<Parameter<T>> parameters, double learningRate)
    : Optimizer<T>(parameters, learningRate) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override string Name => "gradient descent";

    /// <inheritdoc/>
    protected override void Update(int index, Parameter<T> parameter) =>
        TensorPrimitives.MultiplyAdd(parameter.Gradient.ReadOnlySpan, T.CreateChecked(-LearningRate), parameter.Value.ReadOnlySpan, parameter.Value.Span);
}
