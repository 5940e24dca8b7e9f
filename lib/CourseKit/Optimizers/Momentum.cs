using System.Numerics;
using CourseKit.Layers;
using CourseKit.Tensors;

namespace CourseKit.Optimizers;

/// <summary>
/// Gradient descent with momentum, as PyTorch's <c>SGD</c> with <c>momentum &gt; 0</c>:
/// <code>
/// g ← ∇θ + λ θ                                  (weight decay λ, optional)
/// b ← g  on the first step,  b ← μ b + (1 − τ) g  after it     (μ momentum, τ dampening)
/// θ ← θ − η (g + μ b)   (Nesterov)     or     θ ← θ − η b
/// </code>
/// The velocity b is PyTorch's <c>momentum_buffer</c>: the first step copies g without dampening, as PyTorch does.
/// Some slides write <c>v ← μ v − η g; θ ← θ + v</c>; with a constant η that is the same trajectory.
/// </summary>
public sealed class Momentum<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor<T>[] buffers;

    /// <summary>Momentum over <paramref name="parameters"/>; defaults μ = 0.9, τ = 0, λ = 0, no Nesterov.</summary>
    public Momentum(IEnumerable<Parameter<T>> parameters, double learningRate, double momentum = 0.9, double dampening = 0,
        bool nesterov = false, double weightDecay = 0)
        : base(parameters, learningRate)
    {
        if (!(momentum >= 0 && momentum < 1)) throw new ArgumentOutOfRangeException(nameof(momentum), $"μ must be in [0, 1), got {momentum}.");
        if (!(dampening >= 0 && dampening <= 1)) throw new ArgumentOutOfRangeException(nameof(dampening), $"The dampening τ must be in [0, 1], got {dampening}.");
        // PyTorch's rule: Nesterov's look-ahead is only defined for an undamped velocity.
        if (nesterov && (momentum == 0 || dampening != 0))
            throw new ArgumentException("Nesterov momentum needs μ > 0 and dampening 0.", nameof(nesterov));
        MomentumFactor = momentum;
        Dampening = dampening;
        Nesterov = nesterov;
        WeightDecay = WeightDecayTerm.Validate(weightDecay, nameof(weightDecay));
        buffers = NewState();
    }

    /// <summary>μ, the fraction of the velocity kept each step.</summary>
    public double MomentumFactor { get; }

    /// <summary>τ, the dampening: the new gradient enters the velocity scaled by <c>1 − τ</c> (not on the first step).</summary>
    public double Dampening { get; }

    /// <summary>Whether the step uses Nesterov's look-ahead <c>g + μ b</c> instead of b.</summary>
    public bool Nesterov { get; }

    /// <summary>λ, the L2 weight decay added to the gradient as <c>λ θ</c> (0 = none).</summary>
    public double WeightDecay { get; }

    /// <summary>The velocity b of parameter <paramref name="index"/> (zero before the first step).</summary>
    public Tensor<T> Velocity(int index) => buffers[index];

    /// <inheritdoc/>
    public override string Name => Nesterov ? "Nesterov momentum" : "momentum";

    /// <inheritdoc/>
    protected override void Update(int index, Parameter<T> parameter)
    {
        T mu = T.CreateChecked(MomentumFactor), keep = T.CreateChecked(1 - Dampening), wd = T.CreateChecked(WeightDecay);
        T minusLr = T.CreateChecked(-LearningRate);
        bool first = StepCount == 1;
        var g = parameter.Gradient.ReadOnlySpan;
        var theta = parameter.Value.Span;
        var b = buffers[index].Span;
        for (int j = 0; j < theta.Length; j++)
        {
            T gj = WeightDecayTerm.Apply(g[j], theta[j], wd);
            b[j] = first ? gj : mu * b[j] + keep * gj;
            theta[j] += minusLr * (Nesterov ? gj + mu * b[j] : b[j]);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}(lr={LearningRate}, μ={MomentumFactor}, dampening={Dampening}, wd={WeightDecay})";
}
