using System.Numerics;

namespace CourseKit.Optimizers.Schedules;

/// <summary>
/// A learning-rate schedule η_t: after each epoch, <see cref="Step"/> sets the optimizer's learning rate to
/// <see cref="LearningRateAt"/> of the new epoch count, computed from the initial rate η₀ in closed form (PyTorch's
/// <c>lr_scheduler</c> classes, called once per epoch after the optimizer's steps; their recursive forms give the
/// same values up to rounding).
/// </summary>
public abstract class LearningRateSchedule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Schedules <paramref name="optimizer"/>, taking its current learning rate as η₀.</summary>
    protected LearningRateSchedule(Optimizer<T> optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Optimizer = optimizer;
        InitialLearningRate = optimizer.LearningRate;
    }

    /// <summary>The optimizer whose learning rate this schedule sets.</summary>
    public Optimizer<T> Optimizer { get; }

    /// <summary>η₀, the learning rate the optimizer had when the schedule was made.</summary>
    public double InitialLearningRate { get; }

    /// <summary>How many epochs have ended (t; PyTorch's <c>last_epoch</c>).</summary>
    public int Epoch { get; private set; }

    /// <summary>η_t, the learning rate after <paramref name="epoch"/> epochs (η₀ at 0).</summary>
    public abstract double LearningRateAt(int epoch);

    /// <summary>Ends an epoch: t ← t + 1 and sets the optimizer's learning rate to η_t.</summary>
    public void Step()
    {
        Epoch++;
        Optimizer.LearningRate = LearningRateAt(Epoch);
    }
}
