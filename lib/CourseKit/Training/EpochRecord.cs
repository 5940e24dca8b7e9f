namespace CourseKit.Training;

/// <summary>What one epoch of <see cref="Trainer{T}.Fit"/> achieved.</summary>
/// <param name="Epoch">The epoch, counted from 1 as Keras prints it.</param>
/// <param name="TrainLoss">The mean of the mini-batch losses, each weighted by its batch's number of rows (or examples), measured before each step. A loss reduced by <c>Sum</c> counts as its sum divided by the batch's rows: a loss per example.</param>
/// <param name="ValidationLoss">The loss on the validation rows after the epoch, in evaluation mode (per example, as the training loss); null without validation data.</param>
/// <param name="LearningRate">The optimizer's learning rate at the end of the epoch.</param>
/// <param name="Metric">The trainer's metric on the training rows after the epoch; null without a metric.</param>
/// <param name="ValidationMetric">The trainer's metric on the validation rows; null without a metric or validation data.</param>
public sealed record EpochRecord(int Epoch, double TrainLoss, double? ValidationLoss, double LearningRate,
                                 double? Metric = null, double? ValidationMetric = null);
