namespace CourseKit.Training;

/// <summary>
/// (input, target) examples for an <see cref="ISupervisedModel{TInput, TTarget}"/>: mini-batches of example indices in a
/// seeded shuffled order, explicit validation examples, and an optional metric of (inputs, targets).
/// </summary>
internal sealed class ExampleBatches<TInput, TTarget> : IBatchSource
{
    private readonly ISupervisedModel<TInput, TTarget> model;
    private readonly IReadOnlyList<TInput> inputs;
    private readonly IReadOnlyList<TTarget> targets;
    private readonly (IReadOnlyList<TInput> Inputs, IReadOnlyList<TTarget> Targets)? validation;
    private readonly Func<IReadOnlyList<TInput>, IReadOnlyList<TTarget>, double>? metric;
    private readonly int[] order;
    private readonly Random? random;
    private readonly int batchSize;

    public ExampleBatches(ISupervisedModel<TInput, TTarget> model, IReadOnlyList<TInput> inputs, IReadOnlyList<TTarget> targets, int batchSize,
        int? shuffleSeed, (IReadOnlyList<TInput> Inputs, IReadOnlyList<TTarget> Targets)? validation,
        Func<IReadOnlyList<TInput>, IReadOnlyList<TTarget>, double>? metric)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        SameCount(inputs, targets, "training data");
        model.CheckExamples(inputs, targets, "training data");
        if (validation is (var vi, var vt))
        {
            SameCount(vi, vt, "validation data");
            model.CheckExamples(vi, vt, "validation data");
        }
        this.model = model;
        this.inputs = inputs;
        this.targets = targets;
        this.validation = validation;
        this.metric = metric;
        this.batchSize = Math.Min(batchSize, inputs.Count);
        order = [.. Enumerable.Range(0, inputs.Count)];
        random = shuffleSeed is int seed ? new Random(seed) : null;
    }

    public int TrainingCount => inputs.Count;

    public int ValidationCount => validation?.Inputs.Count ?? 0;

    public int BatchCount => (inputs.Count + batchSize - 1) / batchSize;

    public void Shuffle() => random?.Shuffle(order);

    public (double Loss, int Examples) LossAndGradients(int index)
    {
        int start = index * batchSize, count = Math.Min(batchSize, order.Length - start);
        return (model.LossAndGradients(inputs, targets, order.AsSpan(start, count)), count);
    }

    public double? ValidationLoss() => validation is (var vi, var vt) ? model.Loss(vi, vt) : null;

    public double? TrainingMetric() => metric?.Invoke(inputs, targets);

    public double? ValidationMetric() => metric is not null && validation is (var vi, var vt) ? metric(vi, vt) : null;

    private static void SameCount(IReadOnlyList<TInput> inputs, IReadOnlyList<TTarget> targets, string what)
    {
        if (inputs.Count != targets.Count)
            throw new ArgumentException($"The {what} has {inputs.Count} inputs but {targets.Count} targets: they pair up one to one.");
        if (inputs.Count == 0) throw new ArgumentException($"The {what} has no examples.");
    }
}
