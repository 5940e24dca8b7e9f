using System.Numerics;

namespace CourseKit.Optimizers.Schedules;

/// <summary>
/// Cosine annealing <c>η_t = η_min + (η₀ − η_min) (1 + cos(π t / T)) / 2</c>: from η₀ down to η_min over T epochs
/// (PyTorch's <c>CosineAnnealingLR</c>, without restarts). As in PyTorch, past T the cosine carries on and the rate
/// rises back to η₀ at 2T.
/// </summary>
public sealed class CosineAnnealing<T> : LearningRateSchedule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Anneals <paramref name="optimizer"/>'s rate to <paramref name="minimumLearningRate"/> over <paramref name="period"/> epochs.</summary>
    public CosineAnnealing(Optimizer<T> optimizer, int period, double minimumLearningRate = 0) : base(optimizer)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period);
        if (!(minimumLearningRate >= 0)) throw new ArgumentOutOfRangeException(nameof(minimumLearningRate), $"η_min must be ≥ 0, got {minimumLearningRate}.");
        Period = period;
        MinimumLearningRate = minimumLearningRate;
    }

    /// <summary>T, the number of epochs from η₀ down to η_min (PyTorch's <c>T_max</c>).</summary>
    public int Period { get; }

    /// <summary>η_min, the rate reached after T epochs (PyTorch's <c>eta_min</c>).</summary>
    public double MinimumLearningRate { get; }

    /// <inheritdoc/>
    public override double LearningRateAt(int epoch) =>
        MinimumLearningRate + (InitialLearningRate - MinimumLearningRate) * (1 + Math.Cos(Math.PI * epoch / Period)) / 2;
}
