using System.Numerics;

namespace CourseKit.Optimizers.Schedules;

/// <summary>
/// 1/t decay <c>η_t = η₀ / (1 + k t)</c>: the rate shrinks ever more slowly, the classic schedule under which
/// stochastic gradient descent provably converges. PyTorch has no class for it (use <c>LambdaLR</c> with
/// <c>lambda t: 1 / (1 + k t)</c>); Keras calls it <c>InverseTimeDecay</c>.
/// </summary>
public sealed class InverseTimeDecay<T> : LearningRateSchedule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Divides <paramref name="optimizer"/>'s initial rate by 1 + k·t after t epochs.</summary>
    public InverseTimeDecay(Optimizer<T> optimizer, double decay) : base(optimizer)
    {
        if (!(decay >= 0) || !double.IsFinite(decay))
            throw new ArgumentOutOfRangeException(nameof(decay), $"The decay k must be a finite number ≥ 0, got {decay}.");
        Decay = decay;
    }

    /// <summary>k, how fast the rate falls.</summary>
    public double Decay { get; }

    /// <inheritdoc/>
    public override double LearningRateAt(int epoch) => InitialLearningRate / (1 + Decay * epoch);
}
