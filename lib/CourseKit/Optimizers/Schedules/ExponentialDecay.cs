using System.Numerics;

namespace CourseKit.Optimizers.Schedules;

/// <summary>
/// Exponential decay <c>η_t = η₀ γᵗ</c> (PyTorch's <c>ExponentialLR</c>).
/// </summary>
public sealed class ExponentialDecay<T> : LearningRateSchedule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Multiplies <paramref name="optimizer"/>'s rate by γ every epoch.</summary>
    public ExponentialDecay(Optimizer<T> optimizer, double gamma) : base(optimizer)
    {
        if (!(gamma > 0)) throw new ArgumentOutOfRangeException(nameof(gamma), $"γ must be > 0, got {gamma}.");
        Gamma = gamma;
    }

    /// <summary>γ, the factor applied each epoch.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public override double LearningRateAt(int epoch) => InitialLearningRate * Math.Pow(Gamma, epoch);
}
