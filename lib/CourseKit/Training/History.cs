namespace CourseKit.Training;

/// <summary>The record of one <see cref="Trainer{T}.Fit"/> call: one <see cref="EpochRecord"/> per epoch run.</summary>
public sealed class History
{
    private readonly List<EpochRecord> epochs = [];

    internal History(int trainingRows, int validationRows)
    {
        TrainingRows = trainingRows;
        ValidationRows = validationRows;
    }

    /// <summary>The epochs run, first to last (fewer than asked for when a callback stopped training).</summary>
    public IReadOnlyList<EpochRecord> Epochs => epochs;

    /// <summary>How many optimizer steps (mini-batches) were taken in all.</summary>
    public int Steps { get; internal set; }

    /// <summary>How many rows were trained on.</summary>
    public int TrainingRows { get; }

    /// <summary>How many rows were held out for validation (0 without validation data).</summary>
    public int ValidationRows { get; }

    /// <summary>The training loss of every epoch, for plotting.</summary>
    public double[] TrainLoss => [.. epochs.Select(e => e.TrainLoss)];

    /// <summary>The validation loss of every epoch (NaN where there was none), for plotting.</summary>
    public double[] ValidationLoss => [.. epochs.Select(e => e.ValidationLoss ?? double.NaN)];

    /// <summary>The trainer's metric on the training data after every epoch (NaN where there was none), for plotting.</summary>
    public double[] Metric => [.. epochs.Select(e => e.Metric ?? double.NaN)];

    /// <summary>The trainer's metric on the validation data after every epoch (NaN where there was none), for plotting.</summary>
    public double[] ValidationMetric => [.. epochs.Select(e => e.ValidationMetric ?? double.NaN)];

    internal void Add(EpochRecord record) => epochs.Add(record);
}
