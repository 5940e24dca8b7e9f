using System.Numerics;
using CourseKit.Tensors;

namespace CourseKit.Training;

/// <summary>
/// Stops training once the validation loss has not improved for <see cref="Patience"/> epochs and puts back the
/// weights of the best epoch, like Keras's <c>EarlyStopping(monitor='val_loss', restore_best_weights=True)</c>.
/// The best weights are restored at the end of training whether or not it stopped early.
/// </summary>
public sealed class EarlyStopping<T> : ITrainingCallback<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>[] best = [];

    /// <summary>Watches the validation loss.</summary>
    /// <param name="patience">How many epochs without improvement to allow before stopping (at least 1).</param>
    /// <param name="minDelta">How much lower than the best so far a loss must be to count as an improvement (≥ 0).</param>
    public EarlyStopping(int patience = 5, double minDelta = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(patience, 1);
        if (!(minDelta >= 0) || !double.IsFinite(minDelta))
            throw new ArgumentOutOfRangeException(nameof(minDelta), $"minDelta must be a finite number ≥ 0, got {minDelta}.");
        Patience = patience;
        MinDelta = minDelta;
    }

    /// <summary>How many epochs without improvement are allowed.</summary>
    public int Patience { get; }

    /// <summary>The smallest decrease that counts as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>The epoch (from 1) with the lowest validation loss; 0 before the first epoch.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>The lowest validation loss seen.</summary>
    public double BestValidationLoss { get; private set; } = double.PositiveInfinity;

    /// <summary>The epoch after which training was stopped, or null when it ran every epoch.</summary>
    public int? StoppedEpoch { get; private set; }

    /// <summary>Copies of the parameter values at <see cref="BestEpoch"/>, in the model's parameter order.</summary>
    public IReadOnlyList<Tensor<T>> BestWeights => best;

    /// <inheritdoc/>
    public void OnTrainBegin(Trainer<T> trainer)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        var parameters = trainer.Model.Parameters;
        best = [.. parameters.Select(p => new Tensor<T>(p.Value.Rows, p.Value.Cols))];   // allocated once, overwritten on improvement
        BestEpoch = 0;
        BestValidationLoss = double.PositiveInfinity;
        StoppedEpoch = null;
    }

    /// <inheritdoc/>
    public bool OnEpochEnd(Trainer<T> trainer, EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(record);
        double loss = record.ValidationLoss
            ?? throw new InvalidOperationException("EarlyStopping watches the validation loss: give Fit a validation split or a validation set.");
        if (loss < BestValidationLoss - MinDelta)
        {
            BestValidationLoss = loss;
            BestEpoch = record.Epoch;
            var parameters = trainer.Model.Parameters;
            for (int i = 0; i < parameters.Count; i++) parameters[i].Value.CopyTo(best[i]);
            return false;
        }
        if (record.Epoch - BestEpoch < Patience) return false;
        StoppedEpoch = record.Epoch;
        return true;
    }

    /// <inheritdoc/>
    public void OnTrainEnd(Trainer<T> trainer)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        if (BestEpoch == 0) return;   // no epoch finished: nothing better to restore
        var parameters = trainer.Model.Parameters;
        for (int i = 0; i < parameters.Count; i++) best[i].CopyTo(parameters[i].Value);
    }
}
