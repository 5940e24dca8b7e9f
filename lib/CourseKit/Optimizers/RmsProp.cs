using System.Numerics;
using CourseKit.Layers;
using CourseKit.Tensors;

namespace CourseKit.Optimizers;

/// <summary>
/// RMSprop, dividing the gradient by a running root mean square of recent gradients (PyTorch's <c>torch.optim.RMSprop</c>):
/// <code>
/// g ← ∇θ + λ θ                                   (weight decay λ, optional)
/// v ← α v + (1 − α) g²
/// d = √v + ε                                     (centered: ḡ ← α ḡ + (1 − α) g,  d = √(v − ḡ²) + ε)
/// θ ← θ − η g / d                                (momentum μ &gt; 0: b ← μ b + g / d,  θ ← θ − η b)
/// </code>
/// Defaults as in PyTorch: η = 0.01, α = 0.99, ε = 1e−8 outside the square root, μ = 0, λ = 0, not centered.
/// The centered form divides by an estimate of the gradient's standard deviation rather than its root mean square.
/// </summary>
public class RmsProp<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor<T>[] squareAverages, gradientAverages, buffers;

    /// <summary>RMSprop over <paramref name="parameters"/>.</summary>
    public RmsProp(IEnumerable<Parameter<T>> parameters, double learningRate = 1e-2, double alpha = 0.99, double epsilon = 1e-8,
        double weightDecay = 0, double momentum = 0, bool centered = false)
        : base(parameters, learningRate)
    {
        if (!(alpha >= 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), $"α must be in [0, 1), got {alpha}.");
        if (!(epsilon >= 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), $"ε must be ≥ 0, got {epsilon}.");
        if (!(momentum >= 0 && momentum < 1)) throw new ArgumentOutOfRangeException(nameof(momentum), $"μ must be in [0, 1), got {momentum}.");
        Alpha = alpha;
        Epsilon = epsilon;
        WeightDecay = WeightDecayTerm.Validate(weightDecay, nameof(weightDecay));
        MomentumFactor = momentum;
        Centered = centered;
        squareAverages = NewState();
        gradientAverages = NewState();
        buffers = NewState();
    }

    /// <summary>α, the fraction of the running average v kept each step.</summary>
    public double Alpha { get; }

    /// <summary>ε, added to the root (outside it) to avoid dividing by zero.</summary>
    public double Epsilon { get; }

    /// <summary>λ, the L2 weight decay added to the gradient as <c>λ θ</c> (0 = none).</summary>
    public double WeightDecay { get; }

    /// <summary>μ, the momentum on the scaled step (0 = none).</summary>
    public double MomentumFactor { get; }

    /// <summary>Whether the squared mean gradient ḡ² is subtracted from v before the root.</summary>
    public bool Centered { get; }

    /// <summary>The running average v of squared gradients of parameter <paramref name="index"/>.</summary>
    public Tensor<T> SquareAverage(int index) => squareAverages[index];

    /// <summary>The running average ḡ of gradients of parameter <paramref name="index"/> (used only when centered).</summary>
    public Tensor<T> GradientAverage(int index) => gradientAverages[index];

    /// <inheritdoc/>
    public override string Name => Centered ? "RMSprop (centered)" : "RMSprop";

    /// <inheritdoc/>
    protected override void Update(int index, Parameter<T> parameter)
    {
        T alpha = T.CreateChecked(Alpha), oneMinusAlpha = T.CreateChecked(1 - Alpha), eps = T.CreateChecked(Epsilon);
        T wd = T.CreateChecked(WeightDecay), mu = T.CreateChecked(MomentumFactor), minusLr = T.CreateChecked(-LearningRate);
        var g = parameter.Gradient.ReadOnlySpan;
        var theta = parameter.Value.Span;
        var v = squareAverages[index].Span;
        var gAvg = gradientAverages[index].Span;
        var b = buffers[index].Span;
        for (int j = 0; j < theta.Length; j++)
        {
            // Operation for operation as PyTorch 1.13's single-tensor RMSprop, so results agree to rounding.
            T gj = WeightDecayTerm.Apply(g[j], theta[j], wd);
            v[j] = v[j] * alpha + oneMinusAlpha * (gj * gj);
            T denominator;
            if (Centered)
            {
                gAvg[j] = gAvg[j] * alpha + oneMinusAlpha * gj;
                denominator = T.Sqrt(v[j] - gAvg[j] * gAvg[j]) + eps;
            }
            else denominator = T.Sqrt(v[j]) + eps;
            if (MomentumFactor > 0)
            {
                b[j] = b[j] * mu + gj / denominator;
                theta[j] += minusLr * b[j];
            }
            else theta[j] += minusLr * (gj / denominator);
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name}(lr={LearningRate}, α={Alpha}, ε={Epsilon}, μ={MomentumFactor}, wd={WeightDecay})";
}

/// <summary>PyTorch's name (<c>torch.optim.RMSprop</c>) for <see cref="RmsProp{T}"/>, the same optimizer.</summary>
public sealed class RMSprop<T>(IEnumerable<Parameter<T>> parameters, double learningRate = 1e-2, double alpha = 0.99, double epsilon = 1e-8,
        double weightDecay = 0, double momentum = 0, bool centered = false)
    : RmsProp<T>(parameters, learningRate, alpha, epsilon, weightDecay, momentum, centered) where T : unmanaged, IFloatingPointIeee754<T>;
