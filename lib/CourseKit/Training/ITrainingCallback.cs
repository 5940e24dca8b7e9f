using System.Numerics;

namespace CourseKit.Training;

/// <summary>Code that <see cref="Trainer{T}.Fit"/> runs around training, for example to stop early or to show progress.</summary>
public interface ITrainingCallback<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Called before the first epoch.</summary>
    void OnTrainBegin(Trainer<T> trainer) { }

    /// <summary>Called after every epoch with its record; return true to stop training after this epoch.</summary>
    bool OnEpochEnd(Trainer<T> trainer, EpochRecord record);

    /// <summary>Called once training ends, whether it ran every epoch or was stopped.</summary>
    void OnTrainEnd(Trainer<T> trainer) { }
}
