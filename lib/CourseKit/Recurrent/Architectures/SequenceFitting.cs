using System.Numerics;
using CourseKit.Layers;
using CourseKit.Optimizers;
using CourseKit.Training;

namespace CourseKit.Recurrent.Architectures;

/// <summary>The epoch loop shared by the sequence models: seeded shuffling, mini-batches, validation, divergence checks.</summary>
internal static class SequenceFitting
{
    /// <summary>
    /// Runs <paramref name="epochs"/> epochs. <paramref name="trainBatch"/> trains on the examples with the given indices
    /// and returns the batch's mean loss; <paramref name="validationLoss"/> (optional) measures held-out data after each epoch.
    /// </summary>
    public static History Fit<T>(int examples, int epochs, int batchSize, int seed, Optimizer<T> optimizer,
        IReadOnlyList<Parameter<T>> parameters, Func<int[], double> trainBatch, Func<double>? validationLoss, int validationCount,
        Action<EpochRecord>? progress) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentOutOfRangeException.ThrowIfLessThan(examples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var history = new History(examples, validationCount);
        var order = Enumerable.Range(0, examples).ToArray();
        var random = new Random(seed);
        int globalStep = 0;
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            random.Shuffle(order);
            double sum = 0;
            int step = 0;
            for (int start = 0; start < examples; start += batchSize)
            {
                var batch = order[start..Math.Min(examples, start + batchSize)];
                double loss = trainBatch(batch);
                step++;
                globalStep++;
                DivergenceCheck.ThrowIfDiverged(parameters, loss, epoch, step, globalStep);
                sum += loss * batch.Length;
            }
            history.Steps = globalStep;
            var record = new EpochRecord(epoch, sum / examples, validationLoss?.Invoke(), optimizer.LearningRate);
            history.Add(record);
            progress?.Invoke(record);
        }
        return history;
    }
}
