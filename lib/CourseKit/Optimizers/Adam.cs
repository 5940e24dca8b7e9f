using System.Numerics;
using CourseKit.Kernels;
using CourseKit.Layers;
using CourseKit.Tensors;

namespace CourseKit.Optimizers;

/// <summary>
/// Adam, adaptive moment estimation, in the slide's bias-corrected form (PyTorch's <c>Adam</c>):
/// <code>
/// g ← ∇θ + λ θ                   (weight decay λ, optional; AdamW decays θ instead)
/// m ← β1 m + (1 − β1) g          v ← β2 v + (1 − β2) g²
/// m̂ = m / (1 − β1ᵗ)              v̂ = v / (1 − β2ᵗ)
/// θ ← θ − η m̂ / (√v̂ + ε)
/// </code>
/// Defaults as on the slide and in PyTorch: η = 0.001, β1 = 0.9, β2 = 0.999, ε = 1e−8 (outside the square root), λ = 0.
/// </summary>
public class Adam<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor<T>[] m, v;
    private readonly bool decoupled;

    /// <summary>Adam over <paramref name="parameters"/>, with optional L2 weight decay λ added to the gradient.</summary>
    public Adam(IEnumerable<Parameter<T>> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8,
        double weightDecay = 0)
        : this(parameters, learningRate, beta1, beta2, epsilon, weightDecay, decoupled: false)
    {
    }

    /// <summary>Adam, or with <paramref name="decoupled"/> AdamW's decay of the weights instead of the gradient.</summary>
    private protected Adam(IEnumerable<Parameter<T>> parameters, double learningRate, double beta1, double beta2, double epsilon,
        double weightDecay, bool decoupled)
        : base(parameters, learningRate)
    {
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), $"β1 must be in [0, 1), got {beta1}.");
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2), $"β2 must be in [0, 1), got {beta2}.");
        if (!(epsilon >= 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), $"ε must be ≥ 0, got {epsilon}.");
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = WeightDecayTerm.Validate(weightDecay, nameof(weightDecay));
        this.decoupled = decoupled;
        m = NewState();
        v = NewState();
    }

    /// <summary>β1, the decay of the first moment (mean of gradients).</summary>
    public double Beta1 { get; }

    /// <summary>β2, the decay of the second moment (uncentered variance of gradients).</summary>
    public double Beta2 { get; }

    /// <summary>ε, added to √v̂ to avoid dividing by zero.</summary>
    public double Epsilon { get; }

    /// <summary>λ, the weight decay: added to the gradient as <c>λ θ</c> in Adam, applied as <c>θ ← (1 − η λ) θ</c> in AdamW.</summary>
    public double WeightDecay { get; }

    /// <summary>The first-moment estimate m of parameter <paramref name="index"/> (before bias correction).</summary>
    public Tensor<T> FirstMoment(int index) => m[index];

    /// <summary>The second-moment estimate v of parameter <paramref name="index"/> (before bias correction).</summary>
    public Tensor<T> SecondMoment(int index) => v[index];

    /// <inheritdoc/>
    public override string Name => "Adam";

    /// <inheritdoc/>
    protected sealed override void Update(int index, Parameter<T> parameter)
    {
        T b1 = T.CreateChecked(Beta1), b2 = T.CreateChecked(Beta2), eps = T.CreateChecked(Epsilon);
        // Bias corrections as PyTorch computes them: step size η / (1 − β1ᵗ) and √(1 − β2ᵗ).
        T correction1 = T.One - T.Pow(b1, T.CreateChecked(StepCount));
        T correction2Sqrt = T.Sqrt(T.One - T.Pow(b2, T.CreateChecked(StepCount)));
        T stepSize = T.CreateChecked(LearningRate) / correction1;
        T l2 = decoupled ? T.Zero : T.CreateChecked(WeightDecay);
        T shrink = T.CreateChecked(1 - LearningRate * WeightDecay);   // AdamW's factor, computed in double as PyTorch does
        // The per-weight loop (the formulas in this type's summary) lives in Kernels/OptimizerKernels.cs, vectorized.
        OptimizerKernels.Adam(parameter.Value.Span, parameter.Gradient.ReadOnlySpan, m[index].Span, v[index].Span,
            b1, b2, stepSize, correction2Sqrt, eps, l2, shrink, decoupled);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}(lr={LearningRate}, β1={Beta1}, β2={Beta2}, ε={Epsilon}, wd={WeightDecay})";
}
