using System.Numerics;

namespace CourseKit.Training;

/// <summary>Hands every epoch's record to an action, so a notebook can update a table or plot while training runs.</summary>
public sealed class ProgressCallback<T>(Action<EpochRecord> report) : ITrainingCallback<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Action<EpochRecord> report = report ?? throw new ArgumentNullException(nameof(report));

    /// <inheritdoc/>
    public bool OnEpochEnd(Trainer<T> trainer, EpochRecord record)
    {
        report(record);
        return false;
    }
}
