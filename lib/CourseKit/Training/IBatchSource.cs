namespace CourseKit.Training;

/// <summary>What <see cref="Trainer{T}"/> steps through in an epoch: training examples in mini-batches, and how to score them.</summary>
internal interface IBatchSource
{
    /// <summary>Training examples (rows or sequences).</summary>
    int TrainingCount { get; }

    /// <summary>Held-out examples; 0 without validation data.</summary>
    int ValidationCount { get; }

    /// <summary>Mini-batches per epoch.</summary>
    int BatchCount { get; }

    /// <summary>Reorders the training examples for a new epoch (nothing when unshuffled).</summary>
    void Shuffle();

    /// <summary>Forward, loss and backward on batch <paramref name="index"/>; returns its mean loss and its number of examples.</summary>
    (double Loss, int Examples) LossAndGradients(int index);

    /// <summary>The loss on the validation examples, or null without them (called in evaluation mode).</summary>
    double? ValidationLoss();

    /// <summary>The metric on the training examples, or null without a metric (called in evaluation mode).</summary>
    double? TrainingMetric();

    /// <summary>The metric on the validation examples, or null (called in evaluation mode).</summary>
    double? ValidationMetric();
}
