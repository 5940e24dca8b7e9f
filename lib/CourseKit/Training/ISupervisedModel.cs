namespace CourseKit.Training;

/// <summary>
/// A model that computes its own loss on (input, target) examples, so that <see cref="Trainer{T}"/> can fit it: the
/// text models, whose loss is the cross-entropy of every predicted label or token.
/// </summary>
/// <typeparam name="TInput">One example's input, for example a sentence's token ids.</typeparam>
/// <typeparam name="TTarget">One example's target, for example its label or its tags.</typeparam>
public interface ISupervisedModel<TInput, TTarget>
{
    /// <summary>
    /// Forward pass, loss and backward pass on the examples at <paramref name="batch"/>: adds every parameter's
    /// gradient and returns the batch's mean loss. The optimizer step is the trainer's.
    /// </summary>
    double LossAndGradients(IReadOnlyList<TInput> inputs, IReadOnlyList<TTarget> targets, ReadOnlySpan<int> batch);

    /// <summary>The mean loss over all examples, changing nothing (the trainer sets evaluation mode around it).</summary>
    double Loss(IReadOnlyList<TInput> inputs, IReadOnlyList<TTarget> targets);

    /// <summary>Throws an error naming the first example that does not fit the model (called before any training).</summary>
    void CheckExamples(IReadOnlyList<TInput> inputs, IReadOnlyList<TTarget> targets, string what);
}
