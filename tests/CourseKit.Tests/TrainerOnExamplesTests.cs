using CourseKit.Layers;
using CourseKit.Losses;
using CourseKit.Optimizers;
using CourseKit.Optimizers.Schedules;
using CourseKit.Recurrent.Architectures;
using CourseKit.Tensors;
using CourseKit.Training;

namespace CourseKit.Tests;

/// <summary>The one <see cref="Trainer{T}"/> fitting models that compute their own loss (the text models): the same callbacks, schedule and clipping as for rows.</summary>
public class TrainerOnExamplesTests
{
    // Sentences of ids 1–4 whose label is whether id 1 occurs in them: learnable in a few epochs.
    private static (int[][] X, int[] Y) Sentences(int count, int seed)
    {
        var random = new Random(seed);
        var x = new int[count][];
        var y = new int[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = [.. Enumerable.Range(0, 2 + random.Next(4)).Select(_ => 1 + random.Next(4))];
            y[i] = x[i].Contains(1) ? 1 : 0;
        }
        return (x, y);
    }

    private static TextClassifier<double> Classifier(int seed = 1) =>
        new(5, 4, RecurrentEncoder.Create<double>(CellKind.Gru, 4, 6, random: new Random(seed)), 2, new Random(seed));

    [Fact]
    public void A_text_model_gets_the_schedule_the_callbacks_and_a_metric_per_epoch()
    {
        var (x, y) = Sentences(64, 1);
        var (vx, vy) = Sentences(32, 2);
        var model = Classifier();
        var adam = new Adam<double>(model.Parameters, 0.05);
        var trainer = new Trainer<double>(model, adam) { Schedule = new StepDecay<double>(adam, stepSize: 2, gamma: 0.5), ClipNorm = 5 };
        var seen = new List<EpochRecord>();
        var stopping = new EarlyStopping<double>(patience: 100);

        var history = trainer.Fit(x, y, epochs: 6, batchSize: 8, shuffleSeed: 3, validationData: (vx, vy),
            callbacks: [new ProgressCallback<double>(seen.Add), stopping], metric: model.Accuracy);

        Assert.Equal(history.Epochs, seen);
        Assert.Equal([0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125], history.Epochs.Select(e => e.LearningRate));
        Assert.Equal(6 * 8, history.Steps);
        Assert.True(history.TrainLoss[^1] < history.TrainLoss[0] * 0.7, $"train loss {string.Join(", ", history.TrainLoss)}");
        Assert.Equal(model.Accuracy(vx, vy), seen[^1].ValidationMetric);
        Assert.InRange(seen[^1].Metric!.Value, 0.8, 1.0);
        Assert.Equal(seen.Select(e => e.Metric!.Value), history.Metric);                   // the per-epoch arrays, for plotting
        Assert.Equal(seen.Select(e => e.ValidationMetric!.Value), history.ValidationMetric);
        Assert.Equal(history.ValidationLoss.Min(), stopping.BestValidationLoss);
        Assert.Equal(stopping.BestValidationLoss, trainer.Evaluate(vx, vy), 12);   // the best epoch's weights are back
    }

    [Fact]
    public void Clipping_is_what_the_trainer_is_told_and_nothing_otherwise()
    {
        var (x, y) = Sentences(16, 4);
        double Moved(double? clip)
        {
            var model = Classifier();
            var before = model.Parameters.SelectMany(p => p.Value.ToFlatArray()).ToArray();
            new Trainer<double>(model, new GradientDescent<double>(model.Parameters, 1.0)) { ClipNorm = clip }.Fit(x, y, epochs: 1, batchSize: 16);
            var after = model.Parameters.SelectMany(p => p.Value.ToFlatArray()).ToArray();
            return Math.Sqrt(before.Zip(after, (a, b) => (a - b) * (a - b)).Sum());
        }
        double free = Moved(null), clipped = Moved(1e-3);
        Assert.True(free > 1e-2, $"an unclipped step moved the weights by {free}");
        // One step of lr 1 moves the weights by the gradient itself; clipped, by max_norm · ‖g‖ / (‖g‖ + 1e−6), as PyTorch's clip_grad_norm_.
        double expected = 1e-3 * free / (free + 1e-6);
        Assert.True(Math.Abs(clipped - expected) < 1e-14, $"clipped step {clipped}, expected {expected}");
    }

    [Fact]
    public void Fitting_the_wrong_kind_of_data_says_what_the_model_takes()
    {
        var tagger = new SequenceTagger<double>(5, 2, RecurrentEncoder.Create<double>(CellKind.Gru, 2, 3, random: new Random(1)), 3, new Random(1));
        var onRows = new Trainer<double>(tagger, new Adam<double>(tagger.Parameters, 0.01));
        var rows = Assert.Throws<InvalidOperationException>(() => onRows.Fit(Tensor.Ones<double>(2, 2), Tensor.Ones<double>(2, 1), epochs: 1));
        Assert.Equal("SequenceTagger is not a layer of rows: fit it on its own kind of examples (inputs and targets).", rows.Message);
        var labels = Assert.Throws<InvalidOperationException>(() => onRows.Fit<int[], int>([[1, 2]], [1], epochs: 1));
        Assert.Equal("SequenceTagger does not compute a loss on examples of Int32[] with targets Int32.", labels.Message);

        var net = new Sequential<double>(new Dense<double>(2, 1, null, new Random(1)));
        var withoutLoss = new Trainer<double>(net, new Adam<double>(net.Parameters, 0.01));
        var noLoss = Assert.Throws<InvalidOperationException>(() => withoutLoss.Fit(Tensor.Ones<double>(2, 2), Tensor.Ones<double>(2, 1), epochs: 1));
        Assert.Contains("made without a loss", noLoss.Message);
        var counts = Assert.Throws<ArgumentException>(() => onRows.Fit<int[], int[]>([[1, 2], [3]], [[1, 1]], epochs: 1));
        Assert.Equal("The training data has 2 inputs but 1 targets: they pair up one to one.", counts.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer<double>(net, new MeanSquaredError<double>(), new Adam<double>(net.Parameters, 0.01)) { ClipNorm = 0 });
    }
}
