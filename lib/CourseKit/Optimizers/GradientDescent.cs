using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using CourseKit.Layers;

namespace CourseKit.Optimizers;

/// <summary>
/// Plain gradient descent: <c>θ ← θ − η ∇θ</c>. Whether it is full-batch, stochastic or mini-batch depends only on
/// how many examples the gradient was averaged over, not on the update (PyTorch's <c>SGD</c> without momentum).
/// With weight decay λ the gradient is <c>∇θ + λ θ</c> first, as in PyTorch.
/// </summary>
public sealed class GradientDescent<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Gradient descent over <paramref name="parameters"/> with learning rate η and optional L2 weight decay λ.</summary>
    public GradientDescent(IEnumerable<Parameter<T>> parameters, double learningRate, double weightDecay = 0)
        : base(parameters, learningRate) =>
        WeightDecay = WeightDecayTerm.Validate(weightDecay, nameof(weightDecay));

    /// <summary>λ, the L2 weight decay added to the gradient as <c>λ θ</c> (0 = none).</summary>
    public double WeightDecay { get; }

    /// <inheritdoc/>
    public override string Name => "gradient descent";

    /// <inheritdoc/>
    protected override void Update(int index, Parameter<T> parameter)
    {
        T minusLr = T.CreateChecked(-LearningRate);
        if (WeightDecay == 0)
        {
            TensorPrimitives.MultiplyAdd(parameter.Gradient.ReadOnlySpan, minusLr, parameter.Value.ReadOnlySpan, parameter.Value.Span);
            return;
        }
        T wd = T.CreateChecked(WeightDecay);
        var g = parameter.Gradient.ReadOnlySpan;
        var theta = parameter.Value.Span;
        for (int j = 0; j < theta.Length; j++) theta[j] += minusLr * WeightDecayTerm.Apply(g[j], theta[j], wd);
    }
}
