using System.Numerics;
using CourseKit.Layers;
using CourseKit.Tensors;

namespace CourseKit.Optimizers;

/// <summary>
/// Adadelta, a step whose units come from a running average of past steps, so no learning rate is needed in principle
/// (PyTorch's <c>Adadelta</c>):
/// <code>
/// g ← ∇θ + λ θ                         (weight decay λ, optional)
/// v ← ρ v + (1 − ρ) g²
/// Δ = √(u + ε) / √(v + ε) · g
/// u ← ρ u + (1 − ρ) Δ²
/// θ ← θ − η Δ
/// </code>
/// ε = 1e−6 sits inside both square roots, unlike Adam and RMSprop; with u = 0 at first, the first steps are about
/// √ε / √v · g. Defaults as in PyTorch: η = 1, ρ = 0.9, λ = 0.
/// </summary>
public sealed class Adadelta<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor<T>[] squareAverages, deltaAverages;

    /// <summary>Adadelta over <paramref name="parameters"/>.</summary>
    public Adadelta(IEnumerable<Parameter<T>> parameters, double learningRate = 1.0, double rho = 0.9, double epsilon = 1e-6, double weightDecay = 0)
        : base(parameters, learningRate)
    {
        if (!(rho >= 0 && rho <= 1)) throw new ArgumentOutOfRangeException(nameof(rho), $"ρ must be in [0, 1], got {rho}.");
        if (!(epsilon >= 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), $"ε must be ≥ 0, got {epsilon}.");
        Rho = rho;
        Epsilon = epsilon;
        WeightDecay = WeightDecayTerm.Validate(weightDecay, nameof(weightDecay));
        squareAverages = NewState();
        deltaAverages = NewState();
    }

    /// <summary>ρ, the fraction of both running averages kept each step.</summary>
    public double Rho { get; }

    /// <summary>ε, added inside both square roots.</summary>
    public double Epsilon { get; }

    /// <summary>λ, the L2 weight decay added to the gradient as <c>λ θ</c> (0 = none).</summary>
    public double WeightDecay { get; }

    /// <summary>The running average v of squared gradients of parameter <paramref name="index"/>.</summary>
    public Tensor<T> SquareAverage(int index) => squareAverages[index];

    /// <summary>The running average u of squared steps Δ² of parameter <paramref name="index"/>.</summary>
    public Tensor<T> DeltaAverage(int index) => deltaAverages[index];

    /// <inheritdoc/>
    public override string Name => "Adadelta";

    /// <inheritdoc/>
    protected override void Update(int index, Parameter<T> parameter)
    {
        T rho = T.CreateChecked(Rho), oneMinusRho = T.CreateChecked(1 - Rho), eps = T.CreateChecked(Epsilon);
        T wd = T.CreateChecked(WeightDecay), minusLr = T.CreateChecked(-LearningRate);
        var g = parameter.Gradient.ReadOnlySpan;
        var theta = parameter.Value.Span;
        var v = squareAverages[index].Span;
        var u = deltaAverages[index].Span;
        for (int j = 0; j < theta.Length; j++)
        {
            T gj = WeightDecayTerm.Apply(g[j], theta[j], wd);
            v[j] = v[j] * rho + oneMinusRho * (gj * gj);
            T delta = T.Sqrt(u[j] + eps) / T.Sqrt(v[j] + eps) * gj;
            u[j] = u[j] * rho + oneMinusRho * (delta * delta);
            theta[j] += minusLr * delta;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}(lr={LearningRate}, ρ={Rho}, ε={Epsilon}, wd={WeightDecay})";
}
