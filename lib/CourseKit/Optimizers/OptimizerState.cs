using System.Numerics;
using CourseKit.Tensors;

namespace CourseKit.Optimizers;

/// <summary>
/// A snapshot of an optimizer: its step count t, learning rate and every per-parameter buffer (Adam's m and v,
/// momentum's velocity, …), deep-copied so later steps do not change it. Restore it with
/// <see cref="Optimizer{T}.LoadState"/> to continue training exactly where the snapshot was taken.
/// </summary>
/// <param name="Optimizer">The optimizer's name, checked on restore.</param>
/// <param name="StepCount">t at the snapshot.</param>
/// <param name="LearningRate">η at the snapshot.</param>
/// <param name="Buffers">Every state tensor, buffer kind by buffer kind, parameter by parameter.</param>
public sealed record OptimizerState<T>(string Optimizer, int StepCount, double LearningRate, IReadOnlyList<Tensor<T>> Buffers)
    where T : unmanaged, IFloatingPointIeee754<T>;
