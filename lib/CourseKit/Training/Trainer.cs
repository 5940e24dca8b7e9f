using System.Numerics;
using CourseKit.Layers;
using CourseKit.Losses;
using CourseKit.Optimizers;
using CourseKit.Optimizers.Schedules;
using CourseKit.Tensors;

namespace CourseKit.Training;

/// <summary>
/// The training loop, written once for every model: mini-batches, shuffling, validation, a per-epoch
/// <see cref="History"/>, callbacks, a learning-rate schedule, gradient clipping, and a loud stop when training diverges.
/// </summary>
/// <remarks>
/// <para>Each step is the lecture's recipe: zero the gradients, forward pass, loss, backward pass, (clip,) optimizer
/// step. After every step the loss and every parameter are checked; a NaN or infinity throws
/// <see cref="TrainingDivergedException"/> instead of training on silently.</para>
/// <para>Two kinds of model: a <see cref="Layer{T}"/> (for example a <see cref="Sequential{T}"/>) with a
/// <see cref="Loss{T}"/>, fitted on rows of X and y; or a model that computes its own loss on examples
/// (<see cref="ISupervisedModel{TInput, TTarget}"/>: the text classifier, the tagger, the generator), fitted on lists of
/// inputs and targets. Both get the same loop, callbacks, schedule and clipping.</para>
/// </remarks>
public sealed class Trainer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Trains <paramref name="model"/> on <paramref name="loss"/> with <paramref name="optimizer"/>.</summary>
    /// <param name="model">The network; the optimizer should update its parameters.</param>
    /// <param name="loss">The loss to minimise.</param>
    /// <param name="optimizer">The update rule.</param>
    /// <param name="metric">An optional extra number per epoch, for example accuracy, from (predictions, targets).</param>
    public Trainer(Layer<T> model, Loss<T> loss, Optimizer<T> optimizer, Func<Tensor<T>, Tensor<T>, double>? metric = null)
        : this((Module<T>)model, optimizer)
    {
        Loss = loss ?? throw new ArgumentNullException(nameof(loss));
        if (loss.Reduction == LossReduction.None)
            throw new ArgumentException($"The trainer needs one number to minimise: give {loss.Name} the reduction Mean or Sum, not None.", nameof(loss));
        Metric = metric;
    }

    /// <summary>Trains <paramref name="model"/>, which computes its own loss (an <see cref="ISupervisedModel{TInput, TTarget}"/>), with <paramref name="optimizer"/>.</summary>
    public Trainer(Module<T> model, Optimizer<T> optimizer)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        if (model.Parameters.Count == 0) throw new ArgumentException($"The model {model} has no parameters to train.", nameof(model));
    }

    /// <summary>The model being trained.</summary>
    public Module<T> Model { get; }

    /// <summary>The loss being minimised for a <see cref="Layer{T}"/>; null for a model that computes its own.</summary>
    public Loss<T>? Loss { get; }

    /// <summary>The optimizer taking the steps.</summary>
    public Optimizer<T> Optimizer { get; }

    /// <summary>The optional per-epoch metric of a <see cref="Layer{T}"/>, from (predictions, targets).</summary>
    public Func<Tensor<T>, Tensor<T>, double>? Metric { get; }

    /// <summary>
    /// If set, the gradients of all parameters together are scaled down to this norm before each step when they are
    /// longer (PyTorch: <c>clip_grad_norm_</c>), against exploding gradients through time. Null (the default): no clipping.
    /// </summary>
    public double? ClipNorm
    {
        get;
        init => field = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(ClipNorm), $"ClipNorm must be positive, got {value}.");
    }

    /// <summary>A learning-rate schedule of <see cref="Optimizer"/>, stepped after every epoch; null keeps the rate.</summary>
    public LearningRateSchedule<T>? Schedule
    {
        get;
        init => field = value is null || ReferenceEquals(value.Optimizer, Optimizer) ? value
            : throw new ArgumentException("The schedule must be made for this trainer's optimizer.", nameof(Schedule));
    }

    /// <summary>The history of the current or most recent <c>Fit</c> call; null before the first.</summary>
    public History? History { get; private set; }

    /// <summary>Trains a <see cref="Layer{T}"/> for up to <paramref name="epochs"/> epochs on rows of X and y; returns the per-epoch history.</summary>
    /// <param name="x">Inputs, one example per row.</param>
    /// <param name="y">Targets, one row per example.</param>
    /// <param name="epochs">How many passes over the training rows (at least 1).</param>
    /// <param name="batchSize">Rows per mini-batch (at least 1; capped at the number of training rows, which gives full-batch gradient descent). The last batch of an epoch may be smaller.</param>
    /// <param name="shuffleSeed">Seed for reshuffling the training rows every epoch; null keeps their order.</param>
    /// <param name="validationSplit">
    /// Fraction in [0, 1) of rows to hold out for validation. As in Keras, the held-out rows are the LAST
    /// ⌈fraction × rows⌉ rows of <paramref name="x"/> and <paramref name="y"/>, taken before any shuffling — so shuffle
    /// the data first if its order means something.
    /// </param>
    /// <param name="validationData">An explicit validation set instead of a split.</param>
    /// <param name="callbacks">Run around training, for example <see cref="EarlyStopping{T}"/> or <see cref="ProgressCallback{T}"/>.</param>
    /// <exception cref="ShapeMismatchException">x and y (or the validation set's) row counts or column counts do not fit.</exception>
    /// <exception cref="TrainingDivergedException">A step made the loss or a parameter NaN or infinite.</exception>
    public History Fit(Tensor<T> x, Tensor<T> y, int epochs, int batchSize = 32, int? shuffleSeed = null, double validationSplit = 0,
                       (Tensor<T> X, Tensor<T> Y)? validationData = null, IReadOnlyList<ITrainingCallback<T>>? callbacks = null)
    {
        CheckCounts(epochs, batchSize);
        return Run(new RowBatches<T>(AsLayer(), LossOrThrow(), Metric, x, y, batchSize, shuffleSeed, validationSplit, validationData), epochs, callbacks);
    }

    /// <summary>
    /// Trains a model that computes its own loss for up to <paramref name="epochs"/> epochs on (input, target) examples;
    /// returns the per-epoch history.
    /// </summary>
    /// <param name="inputs">The examples' inputs, for example token ids per sentence.</param>
    /// <param name="targets">Their targets, paired by position.</param>
    /// <param name="epochs">How many passes over the examples (at least 1).</param>
    /// <param name="batchSize">Examples per mini-batch; the last batch of an epoch may be smaller.</param>
    /// <param name="shuffleSeed">Seed for reshuffling the examples every epoch; null keeps their order.</param>
    /// <param name="validationData">Held-out examples whose loss is measured after every epoch.</param>
    /// <param name="callbacks">Run around training, as for rows.</param>
    /// <param name="metric">An optional extra number per epoch from (inputs, targets), for example the model's accuracy.</param>
    /// <exception cref="InvalidOperationException">The model does not compute a loss on these kinds of examples.</exception>
    public History Fit<TInput, TTarget>(IReadOnlyList<TInput> inputs, IReadOnlyList<TTarget> targets, int epochs, int batchSize = 32,
        int? shuffleSeed = null, (IReadOnlyList<TInput> Inputs, IReadOnlyList<TTarget> Targets)? validationData = null,
        IReadOnlyList<ITrainingCallback<T>>? callbacks = null, Func<IReadOnlyList<TInput>, IReadOnlyList<TTarget>, double>? metric = null)
    {
        CheckCounts(epochs, batchSize);
        return Run(new ExampleBatches<TInput, TTarget>(AsSupervised<TInput, TTarget>(), inputs, targets, batchSize, shuffleSeed, validationData, metric),
            epochs, callbacks);
    }

    /// <summary>The loss of a <see cref="Layer{T}"/> on (<paramref name="x"/>, <paramref name="y"/>) in evaluation mode, changing nothing.</summary>
    public double Evaluate(Tensor<T> x, Tensor<T> y)
    {
        var (model, loss) = (AsLayer(), LossOrThrow());
        return InEvaluationMode(() => RowBatches<T>.LossOn(model, loss, x, y));
    }

    /// <summary>The loss of a model that computes its own on (<paramref name="inputs"/>, <paramref name="targets"/>), in evaluation mode.</summary>
    public double Evaluate<TInput, TTarget>(IReadOnlyList<TInput> inputs, IReadOnlyList<TTarget> targets) =>
        InEvaluationMode(() => AsSupervised<TInput, TTarget>().Loss(inputs, targets));

    private History Run(IBatchSource source, int epochs, IReadOnlyList<ITrainingCallback<T>>? callbacks)
    {
        callbacks ??= [];
        var history = History = new History(source.TrainingCount, source.ValidationCount);
        var parameters = Model.Parameters;
        Model.IsTraining = true;
        foreach (var callback in callbacks) callback.OnTrainBegin(this);
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            source.Shuffle();
            double weightedLoss = 0;
            double learningRate = Optimizer.LearningRate;
            for (int b = 0; b < source.BatchCount; b++)
            {
                Optimizer.ZeroGradients();
                var (loss, examples) = source.LossAndGradients(b);
                if (ClipNorm is double limit) GradientClipping.ClipNorm(parameters, limit);
                Optimizer.Step();
                history.Steps++;
                DivergenceCheck.ThrowIfDiverged(parameters, loss, epoch, b + 1, history.Steps);
                weightedLoss += loss * examples;   // weighted by examples so a short last batch counts less
            }
            // Scored in evaluation mode (dropout off), without a closure: an epoch allocates only its record.
            Model.IsTraining = false;
            EpochRecord record;
            try { record = new(epoch, weightedLoss / source.TrainingCount, source.ValidationLoss(), learningRate, source.TrainingMetric(), source.ValidationMetric()); }
            finally { Model.IsTraining = true; }
            history.Add(record);
            Schedule?.Step();
            bool stop = false;
            foreach (var callback in callbacks) stop |= callback.OnEpochEnd(this, record);   // every callback sees every epoch
            if (stop) break;
        }
        foreach (var callback in callbacks) callback.OnTrainEnd(this);
        return history;
    }

    private TResult InEvaluationMode<TResult>(Func<TResult> compute)
    {
        bool wasTraining = Model.IsTraining;
        Model.IsTraining = false;
        try { return compute(); }
        finally { Model.IsTraining = wasTraining; }
    }

    private static void CheckCounts(int epochs, int batchSize)
    {
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), $"epochs must be at least 1, got {epochs}.");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), $"batchSize must be at least 1, got {batchSize}.");
    }

    private Layer<T> AsLayer() => Model as Layer<T>
        ?? throw new InvalidOperationException($"{Model.GetType().Name.Split('`')[0]} is not a layer of rows: fit it on its own kind of examples (inputs and targets).");

    private Loss<T> LossOrThrow() => Loss
        ?? throw new InvalidOperationException("This trainer was made without a loss: make it with new Trainer<T>(model, loss, optimizer) to fit rows of X and y.");

    private ISupervisedModel<TInput, TTarget> AsSupervised<TInput, TTarget>() => Model as ISupervisedModel<TInput, TTarget>
        ?? throw new InvalidOperationException(
            $"{Model.GetType().Name.Split('`')[0]} does not compute a loss on examples of {Name(typeof(TInput))} with targets {Name(typeof(TTarget))}.");

    private static string Name(Type type) => type.IsArray ? Name(type.GetElementType()!) + "[]" : type.Name.Split('`')[0];
}
