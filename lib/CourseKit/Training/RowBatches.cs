using System.Numerics;
using CourseKit.Layers;
using CourseKit.Losses;
using CourseKit.Tensors;

namespace CourseKit.Training;

/// <summary>
/// Rows of X and y for a <see cref="Layer{T}"/> and a <see cref="Loss{T}"/>: mini-batches copied into reused buffers,
/// validation rows split off the end (as Keras) or given, and an optional metric of (predictions, targets).
/// </summary>
internal sealed class RowBatches<T> : IBatchSource where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Layer<T> model;
    private readonly Loss<T> loss;
    private readonly Func<Tensor<T>, Tensor<T>, double>? metric;
    private readonly MiniBatches<T> batches;
    private readonly Tensor<T> metricX, metricY;
    private readonly Tensor<T>? validationX, validationY;

    public RowBatches(Layer<T> model, Loss<T> loss, Func<Tensor<T>, Tensor<T>, double>? metric, Tensor<T> x, Tensor<T> y,
        int batchSize, int? shuffleSeed, double validationSplit, (Tensor<T> X, Tensor<T> Y)? validationData)
    {
        SameRows(x, y, "training data");
        if (!(validationSplit >= 0 && validationSplit < 1))
            throw new ArgumentOutOfRangeException(nameof(validationSplit), $"validationSplit must be in [0, 1), got {validationSplit}.");
        if (validationSplit > 0 && validationData is not null)
            throw new ArgumentException("Give either a validationSplit or validationData, not both.", nameof(validationData));
        this.model = model;
        this.loss = loss;
        this.metric = metric;
        // Keras's split: train on the first rows, validate on the rest; the epsilon keeps 10 × 0.3 at 3, not 4.
        int validationRows = validationSplit > 0 ? (int)Math.Ceiling(x.Rows * validationSplit - 1e-9) : 0;
        TrainingCount = x.Rows - validationRows;
        if (TrainingCount < 1)
            throw new ArgumentException($"No rows are left to train on: {x.Rows} rows with validationSplit {validationSplit}.", nameof(validationSplit));
        if (validationRows > 0)
        {
            validationX = Rows(x, TrainingCount, validationRows);
            validationY = Rows(y, TrainingCount, validationRows);
        }
        else if (validationData is (Tensor<T> vx, Tensor<T> vy))
        {
            SameRows(vx, vy, "validation data");
            if (vx.Cols != x.Cols || vy.Cols != y.Cols)
                throw new ShapeMismatchException($"Validation data {vx.Shape} and {vy.Shape} must have the columns of training data {x.Shape} and {y.Shape}.");
            (validationX, validationY) = (vx, vy);
        }
        ValidationCount = validationX?.Rows ?? 0;
        // The metric looks at the training rows as a whole, so copy them once when a split cut them off.
        (metricX, metricY) = metric is null || validationRows == 0 ? (x, y) : (Rows(x, 0, TrainingCount), Rows(y, 0, TrainingCount));
        batches = new MiniBatches<T>(x, y, TrainingCount, batchSize, shuffleSeed);
    }

    public int TrainingCount { get; }

    public int ValidationCount { get; }

    public int BatchCount => batches.Count;

    public void Shuffle() => batches.Shuffle();

    public (double Loss, int Examples) LossAndGradients(int index)
    {
        var (x, y) = batches.Batch(index);
        double value = double.CreateChecked(loss.Forward(model.ForwardBorrowed(x), y));
        model.Backward(loss.Backward());
        return (PerExample(loss, value, x.Rows), x.Rows);
    }

    public double? ValidationLoss() => validationX is null ? null : LossOn(model, loss, validationX, validationY!);

    public double? TrainingMetric() => metric?.Invoke(model.ForwardBorrowed(metricX), metricY);

    public double? ValidationMetric() => metric is null || validationX is null ? null : metric(model.ForwardBorrowed(validationX), validationY!);

    /// <summary>The loss of <paramref name="model"/> on (<paramref name="x"/>, <paramref name="y"/>) in its current mode, per example.</summary>
    public static double LossOn(Layer<T> model, Loss<T> loss, Tensor<T> x, Tensor<T> y)
    {
        SameRows(x, y, "evaluation data");
        return PerExample(loss, double.CreateChecked(loss.Forward(model.ForwardBorrowed(x), y)), x.Rows);
    }

    // The history's losses are means per example whatever the reduction, so a curve does not change with the batch size.
    private static double PerExample(Loss<T> loss, double value, int rows) => loss.Reduction == LossReduction.Sum ? value / rows : value;

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
