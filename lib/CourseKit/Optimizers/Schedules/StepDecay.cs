using System.Numerics;

namespace CourseKit.Optimizers.Schedules;

/// <summary>
/// Step decay <c>η_t = η₀ γ^⌊t / s⌋</c>: the rate is multiplied by γ every s epochs (PyTorch's <c>StepLR</c>).
/// </summary>
public sealed class StepDecay<T> : LearningRateSchedule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Multiplies <paramref name="optimizer"/>'s rate by γ every <paramref name="stepSize"/> epochs.</summary>
    public StepDecay(Optimizer<T> optimizer, int stepSize, double gamma = 0.1) : base(optimizer)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepSize);
        if (!(gamma > 0)) throw new ArgumentOutOfRangeException(nameof(gamma), $"γ must be > 0, got {gamma}.");
        StepSize = stepSize;
        Gamma = gamma;
    }

    /// <summary>s, the number of epochs between decays.</summary>
    public int StepSize { get; }

    /// <summary>γ, the factor applied at each decay.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public override double LearningRateAt(int epoch) => InitialLearningRate * Math.Pow(Gamma, epoch / StepSize);
}
