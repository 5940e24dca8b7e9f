using System.Numerics;
using CourseKit.Layers;
using CourseKit.Losses;
using CourseKit.Optimizers;
using CourseKit.Tensors;

namespace CourseKit.Training;

/// <summary>
/// The training loop of the Xor example, written once: mini-batches, shuffling, validation, a per-epoch
/// <see cref="History"/>, callbacks, and a loud stop when training diverges.
/// </summary>
/// <remarks>
/// Each step is the lecture's recipe: zero the gradients, forward pass, loss, backward pass, optimizer step.
/// After every step the loss and every parameter are checked; a NaN or infinity throws
/// <see cref="TrainingDivergedException"/> instead of training on silently.
/// </remarks>
public sealed class Trainer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Trains <paramref name="model"/> on <paramref name="loss"/> with <paramref name="optimizer"/>.</summary>
    /// <param name="model">The network; the optimizer should update its parameters.</param>
    /// <param name="loss">The loss to minimise.</param>
    /// <param name="optimizer">The update rule.</param>
    /// <param name="metric">An optional extra number per epoch, for example accuracy, from (predictions, targets).</param>
    public Trainer(Layer<T> model, Loss<T> loss, Optimizer<T> optimizer, Func<Tensor<T>, Tensor<T>, double>? metric = null)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Loss = loss ?? throw new ArgumentNullException(nameof(loss));
        Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        if (model.Parameters.Count == 0) throw new ArgumentException($"The model {model} has no parameters to train.", nameof(model));
        Metric = metric;
    }

    /// <summary>The network being trained.</summary>
    public Layer<T> Model { get; }

    /// <summary>The loss being minimised.</summary>
    public Loss<T> Loss { get; }

    /// <summary>The optimizer taking the steps.</summary>
    public Optimizer<T> Optimizer { get; }

    /// <summary>The optional per-epoch metric, from (predictions, targets).</summary>
    public Func<Tensor<T>, Tensor<T>, double>? Metric { get; }

    /// <summary>The history of the current or most recent <see cref="Fit"/> call; null before the first.</summary>
    public History? History { get; private set; }

    /// <summary>
    /// Trains for up to <paramref name="epochs"/> epochs and returns the per-epoch history.
    /// </summary>
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
        SameRows(x, y, "training data");
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), $"epochs must be at least 1, got {epochs}.");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), $"batchSize must be at least 1, got {batchSize}.");
        if (!(validationSplit >= 0 && validationSplit < 1))
            throw new ArgumentOutOfRangeException(nameof(validationSplit), $"validationSplit must be in [0, 1), got {validationSplit}.");
        if (validationSplit > 0 && validationData is not null)
            throw new ArgumentException("Give either a validationSplit or validationData, not both.", nameof(validationData));
        callbacks ??= [];

        // Keras's split: train on the first rows, validate on the rest; the epsilon keeps 10 × 0.3 at 3, not 4.
        int validationRows = validationSplit > 0 ? (int)Math.Ceiling(x.Rows * validationSplit - 1e-9) : 0;
        int trainRows = x.Rows - validationRows;
        if (trainRows < 1)
            throw new ArgumentException($"No rows are left to train on: {x.Rows} rows with validationSplit {validationSplit}.", nameof(validationSplit));
        Tensor<T>? validationX = null, validationY = null;
        if (validationRows > 0)
        {
            validationX = Rows(x, trainRows, validationRows);
            validationY = Rows(y, trainRows, validationRows);
        }
        else if (validationData is (Tensor<T> vx, Tensor<T> vy))
        {
            SameRows(vx, vy, "validation data");
            if (vx.Cols != x.Cols || vy.Cols != y.Cols)
                throw new ShapeMismatchException($"Validation data {vx.Shape} and {vy.Shape} must have the columns of training data {x.Shape} and {y.Shape}.");
            (validationX, validationY) = (vx, vy);
            validationRows = vx.Rows;
        }
        // The metric looks at the training rows as a whole, so copy them once when a split cut them off.
        var (metricX, metricY) = Metric is null || validationSplit == 0 ? (x, y) : (Rows(x, 0, trainRows), Rows(y, 0, trainRows));

        var batches = new MiniBatches<T>(x, y, trainRows, batchSize, shuffleSeed);
        var history = History = new History(trainRows, validationRows);
        Model.IsTraining = true;
        foreach (var callback in callbacks) callback.OnTrainBegin(this);
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            batches.Shuffle();
            double weightedLoss = 0;
            for (int b = 0; b < batches.Count; b++)
            {
                var (bx, by) = batches.Batch(b);
                double loss = Step(bx, by);
                history.Steps++;
                CheckFinite(loss, epoch, b + 1, history.Steps);
                weightedLoss += loss * bx.Rows;   // weighted by rows so a short last batch counts less
            }
            var record = new EpochRecord(
                epoch, weightedLoss / trainRows,
                validationX is null ? null : Evaluate(validationX, validationY!),
                Optimizer.LearningRate,
                Metric is null ? null : MetricOf(metricX, metricY),
                Metric is null || validationX is null ? null : MetricOf(validationX, validationY!));
            history.Add(record);
            bool stop = false;
            foreach (var callback in callbacks) stop |= callback.OnEpochEnd(this, record);   // every callback sees every epoch
            if (stop) break;
        }
        foreach (var callback in callbacks) callback.OnTrainEnd(this);
        return history;
    }

    /// <summary>The loss of the model on (<paramref name="x"/>, <paramref name="y"/>) in evaluation mode, without changing anything.</summary>
    public double Evaluate(Tensor<T> x, Tensor<T> y)
    {
        SameRows(x, y, "evaluation data");
        return WithEvaluationMode(() => double.CreateChecked(Loss.Forward(Model.Forward(x), y)));
    }

    private double MetricOf(Tensor<T> x, Tensor<T> y) => WithEvaluationMode(() => Metric!(Model.Forward(x), y));

    private double WithEvaluationMode(Func<double> compute)
    {
        bool wasTraining = Model.IsTraining;
        Model.IsTraining = false;
        try { return compute(); }
        finally { Model.IsTraining = wasTraining; }
    }

    /// <summary>One optimizer step on one batch; returns the batch loss measured before the step.</summary>
    private double Step(Tensor<T> x, Tensor<T> y)
    {
        Optimizer.ZeroGradients();
        double loss = double.CreateChecked(Loss.Forward(Model.Forward(x), y));
        Model.Backward(Loss.Backward());
        Optimizer.Step();
        return loss;
    }

    private void CheckFinite(double loss, int epoch, int step, int globalStep) =>
        DivergenceCheck.ThrowIfDiverged(Model.Parameters, loss, epoch, step, globalStep);

    private static void SameRows(Tensor<T> x, Tensor<T> y, string what)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Rows != y.Rows)
            throw new ShapeMismatchException(
                $"The {what} has inputs X of shape {x.Shape} but targets y of shape {y.Shape}: they need the same number of rows, one per example.");
        if (x.Rows == 0) throw new ArgumentException($"The {what} has no rows.", nameof(x));
    }

    /// <summary>A copy of <paramref name="count"/> rows of <paramref name="t"/> from row <paramref name="start"/>.</summary>
    private static Tensor<T> Rows(Tensor<T> t, int start, int count) =>
        new(count, t.Cols, t.ReadOnlySpan.Slice(start * t.Cols, count * t.Cols).ToArray());
}
