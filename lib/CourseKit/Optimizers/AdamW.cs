using System.Numerics;
using CourseKit.Layers;

namespace CourseKit.Optimizers;

/// <summary>
/// AdamW, Adam with decoupled weight decay (PyTorch's <c>AdamW</c>): each step first shrinks the weights,
/// <c>θ ← θ (1 − η λ)</c>, and then takes the plain <see cref="Adam{T}"/> step on the unmodified gradient, so the
/// decay is not rescaled by <c>1 / (√v̂ + ε)</c> as L2 added to the gradient would be. Default λ = 0.01, as in PyTorch.
/// </summary>
public sealed class AdamW<T> : Adam<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>AdamW over <paramref name="parameters"/> with decoupled weight decay λ.</summary>
    public AdamW(IEnumerable<Parameter<T>> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8,
        double weightDecay = 0.01)
        : base(parameters, learningRate, beta1, beta2, epsilon, weightDecay, decoupled: true)
    {
    }

    /// <inheritdoc/>
    public override string Name => "AdamW";
}
