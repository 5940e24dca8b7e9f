using System.Numerics;
using CourseKit.Layers;
using CourseKit.Tensors;

namespace CourseKit.Optimizers;

/// <summary>
/// Adagrad, a per-parameter learning rate that shrinks with the sum of all squared gradients so far (PyTorch's <c>Adagrad</c>):
/// <code>
/// g ← ∇θ + λ θ                         (weight decay λ, optional)
/// s ← s + g²
/// η_t = η / (1 + (t − 1) d)            (learning-rate decay d, default 0)
/// θ ← θ − η_t g / (√s + ε)
/// </code>
/// ε = 1e−10 sits outside the square root, and s starts at <c>initialAccumulatorValue</c> (0), both as in PyTorch.
/// </summary>
public sealed class Adagrad<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor<T>[] sums;

    /// <summary>Adagrad over <paramref name="parameters"/>; PyTorch's defaults η = 0.01, d = 0, λ = 0, s₀ = 0, ε = 1e−10.</summary>
    public Adagrad(IEnumerable<Parameter<T>> parameters, double learningRate = 1e-2, double learningRateDecay = 0, double weightDecay = 0,
        double initialAccumulatorValue = 0, double epsilon = 1e-10)
        : base(parameters, learningRate)
    {
        if (!(learningRateDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(learningRateDecay), $"The learning-rate decay must be ≥ 0, got {learningRateDecay}.");
        if (!(initialAccumulatorValue >= 0)) throw new ArgumentOutOfRangeException(nameof(initialAccumulatorValue), $"The initial accumulator must be ≥ 0, got {initialAccumulatorValue}.");
        if (!(epsilon >= 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), $"ε must be ≥ 0, got {epsilon}.");
        LearningRateDecay = learningRateDecay;
        WeightDecay = WeightDecayTerm.Validate(weightDecay, nameof(weightDecay));
        InitialAccumulatorValue = initialAccumulatorValue;
        Epsilon = epsilon;
        sums = NewState();
        foreach (var s in sums) s.Fill(T.CreateChecked(initialAccumulatorValue));
    }

    /// <summary>d, the learning-rate decay: step t uses <c>η / (1 + (t − 1) d)</c>.</summary>
    public double LearningRateDecay { get; }

    /// <summary>λ, the L2 weight decay added to the gradient as <c>λ θ</c> (0 = none).</summary>
    public double WeightDecay { get; }

    /// <summary>s₀, the value every sum of squares starts from.</summary>
    public double InitialAccumulatorValue { get; }

    /// <summary>ε, added to √s to avoid dividing by zero.</summary>
    public double Epsilon { get; }

    /// <summary>The sum of squared gradients s of parameter <paramref name="index"/>.</summary>
    public Tensor<T> SumOfSquares(int index) => sums[index];

    /// <inheritdoc/>
    public override string Name => "Adagrad";

    /// <inheritdoc/>
    protected override void Update(int index, Parameter<T> parameter)
    {
        // The decayed rate in double, as PyTorch computes it in Python.
        T minusClr = T.CreateChecked(-(LearningRate / (1 + (StepCount - 1) * LearningRateDecay)));
        T eps = T.CreateChecked(Epsilon), wd = T.CreateChecked(WeightDecay);
        var g = parameter.Gradient.ReadOnlySpan;
        var theta = parameter.Value.Span;
        var s = sums[index].Span;
        for (int j = 0; j < theta.Length; j++)
        {
            T gj = WeightDecayTerm.Apply(g[j], theta[j], wd);
            s[j] += gj * gj;
            theta[j] += minusClr * (gj / (T.Sqrt(s[j]) + eps));
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}(lr={LearningRate}, lr_decay={LearningRateDecay}, ε={Epsilon}, wd={WeightDecay})";
}
