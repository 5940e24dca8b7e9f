using System.Text.RegularExpressions;
using CourseKit.Activations;
using CourseKit.Examples;
using CourseKit.Layers;
using CourseKit.Losses;
using CourseKit.Optimizers;
using CourseKit.Tensors;
using CourseKit.Training;

namespace CourseKit.Tests;

public class TrainerTests
{
    // y = 2 x1 − 3 x2 + 0.5 + small noise, rows drawn with a fixed seed.
    private static (Tensor<double> X, Tensor<double> Y) Linear(int rows, int seed = 42, double noise = 0.01)
    {
        var random = new Random(seed);
        var x = Tensor.Uniform(rows, 2, -1.0, 1.0, random);
        var y = new Tensor<double>(rows, 1);
        for (int r = 0; r < rows; r++) y[r, 0] = 2 * x[r, 0] - 3 * x[r, 1] + 0.5 + noise * (random.NextDouble() - 0.5);
        return (x, y);
    }

    private static Trainer<double> LinearTrainer(double learningRate = 0.1, int seed = 1)
    {
        var model = new Sequential<double>(new Dense<double>(2, 1, null, new Random(seed)));
        return new Trainer<double>(model, new MeanSquaredError<double>(), new GradientDescent<double>(model.Parameters, learningRate));
    }

    private static double[] Flatten(IReadOnlyList<Parameter<double>> parameters) => [.. parameters.SelectMany(p => p.Value.ToFlatArray())];

    [Fact]
    public void Same_seed_gives_a_bit_identical_history_and_another_seed_a_different_one()
    {
        var (x, y) = Linear(20);
        double[] Run(int shuffleSeed) => LinearTrainer().Fit(x, y, epochs: 15, batchSize: 4, shuffleSeed: shuffleSeed, validationSplit: 0.2)
            .Epochs.SelectMany(e => new[] { e.TrainLoss, e.ValidationLoss!.Value }).ToArray();
        var first = Run(7);
        Assert.Equal(first, Run(7));
        Assert.NotEqual(first, Run(8));
    }

    [Fact]
    public void Linear_regression_loss_falls_to_the_noise_floor()
    {
        var (x, y) = Linear(64);
        var trainer = LinearTrainer(learningRate: 0.1);
        var history = trainer.Fit(x, y, epochs: 100, batchSize: 8, shuffleSeed: 3);
        Assert.True(history.TrainLoss[0] > 0.5, $"first loss {history.TrainLoss[0]}");
        Assert.True(history.TrainLoss[^1] < 1e-4, $"final loss {history.TrainLoss[^1]}");
        var dense = (Dense<double>)((Sequential<double>)trainer.Model).Layers[0];
        Assert.Equal(2.0, dense.Weights.Value[0, 0], 0.01);
        Assert.Equal(-3.0, dense.Weights.Value[1, 0], 0.01);
        Assert.Equal(0.5, dense.Bias!.Value[0, 0], 0.01);
    }

    [Fact]
    public void A_2_4_1_tanh_network_learns_xor_with_adam_and_reports_accuracy()
    {
        var random = new Random(0);
        var model = new Sequential<double>(new Dense<double>(2, 4, new Tanh<double>(), random), new Dense<double>(4, 1, null, random));
        static double Accuracy(Tensor<double> p, Tensor<double> t) =>
            Enumerable.Range(0, p.Rows).Count(r => (p[r, 0] > 0.5) == (t[r, 0] > 0.5)) / (double)p.Rows;
        var trainer = new Trainer<double>(model, new MeanSquaredError<double>(), new Adam<double>(model.Parameters, 0.05), Accuracy);
        var history = trainer.Fit(Xor.Inputs<double>(), Xor.Targets<double>(), epochs: 500, batchSize: 4);
        Assert.True(history.TrainLoss[0] > 0.1, $"first loss {history.TrainLoss[0]}");
        Assert.True(history.TrainLoss[^1] < 1e-3, $"final loss {history.TrainLoss[^1]}");
        Assert.Equal(1.0, history.Epochs[^1].Metric);
        Assert.Null(history.Epochs[^1].ValidationMetric);
        Assert.Equal(history.Epochs.Select(e => e.Metric!.Value), history.Metric);
        Assert.All(history.ValidationMetric, m => Assert.True(double.IsNaN(m)));   // no validation data
        Assert.Equal(0.05, history.Epochs[^1].LearningRate);
    }

    [Fact]
    public void Train_loss_is_the_row_weighted_mean_of_uneven_batches()
    {
        // With learning rate 0 nothing moves, so the weighted mean of batch MSEs must equal the MSE over all rows.
        var (x, y) = Linear(10);
        var trainer = LinearTrainer(learningRate: 0);
        var history = trainer.Fit(x, y, epochs: 1, batchSize: 4, shuffleSeed: 5);
        Assert.Equal(trainer.Evaluate(x, y), history.TrainLoss[0], 1e-15);
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(4, 3)]
    [InlineData(10, 1)]
    [InlineData(100, 1)]
    public void Steps_per_epoch_follow_the_batch_size(int batchSize, int stepsPerEpoch)
    {
        var (x, y) = Linear(10);
        var trainer = LinearTrainer(learningRate: 0.01);
        var history = trainer.Fit(x, y, epochs: 3, batchSize: batchSize, shuffleSeed: 1);
        Assert.Equal(3 * stepsPerEpoch, history.Steps);
        Assert.Equal(3 * stepsPerEpoch, trainer.Optimizer.StepCount);
        Assert.Equal([1, 2, 3], history.Epochs.Select(e => e.Epoch));
    }

    [Theory]
    [InlineData(0.0, 10, 0)]
    [InlineData(0.2, 8, 2)]
    [InlineData(0.25, 7, 3)]
    [InlineData(0.3, 7, 3)]
    [InlineData(0.05, 9, 1)]
    public void Validation_split_holds_out_the_last_rows(double split, int trainRows, int validationRows)
    {
        var (x, y) = Linear(10);
        var trainer = LinearTrainer(learningRate: 0);
        var history = trainer.Fit(x, y, epochs: 1, batchSize: 3, shuffleSeed: 2, validationSplit: split);
        Assert.Equal(trainRows, history.TrainingRows);
        Assert.Equal(validationRows, history.ValidationRows);
        if (validationRows == 0) { Assert.Null(history.Epochs[0].ValidationLoss); return; }
        // The last rows, before shuffling: their loss under the untouched model is the recorded validation loss.
        var lastX = Tensor.FromRows(Enumerable.Range(trainRows, validationRows).Select(r => x.Row(r).ToArray()).ToArray());
        var lastY = Tensor.FromRows(Enumerable.Range(trainRows, validationRows).Select(r => y.Row(r).ToArray()).ToArray());
        Assert.Equal(trainer.Evaluate(lastX, lastY), history.Epochs[0].ValidationLoss);
        var firstX = Tensor.FromRows(Enumerable.Range(0, trainRows).Select(r => x.Row(r).ToArray()).ToArray());
        var firstY = Tensor.FromRows(Enumerable.Range(0, trainRows).Select(r => y.Row(r).ToArray()).ToArray());
        Assert.Equal(trainer.Evaluate(firstX, firstY), history.TrainLoss[0], 1e-15);
    }

    [Fact]
    public void Early_stopping_restores_the_weights_of_the_best_epoch()
    {
        // Overfit: 8 noisy points, a wide network, a fresh noisy validation set from the same line.
        var random = new Random(11);
        Tensor<double> Noisy(int rows)
        {
            var t = new Tensor<double>(rows, 2);
            for (int r = 0; r < rows; r++) { t[r, 0] = random.NextDouble() * 2 - 1; t[r, 1] = t[r, 0] + 0.5 * (random.NextDouble() - 0.5); }
            return t;
        }
        var train = Noisy(8);
        var valid = Noisy(32);
        Tensor<double> Col(Tensor<double> t, int c) => Tensor.Column(Enumerable.Range(0, t.Rows).Select(r => t[r, c]).ToArray());
        var model = new Sequential<double>(new Dense<double>(1, 32, new Tanh<double>(), random),
                                           new Dense<double>(32, 32, new Tanh<double>(), random),
                                           new Dense<double>(32, 1, null, random));
        var trainer = new Trainer<double>(model, new MeanSquaredError<double>(), new Adam<double>(model.Parameters, 0.01));
        var snapshots = new Dictionary<int, double[]>();
        var stopping = new EarlyStopping<double>(patience: 20);
        var progress = new ProgressCallback<double>(r => snapshots[r.Epoch] = Flatten(model.Parameters));
        var history = trainer.Fit(Col(train, 0), Col(train, 1), epochs: 3000, batchSize: 8,
                                  validationData: (Col(valid, 0), Col(valid, 1)), callbacks: [progress, stopping]);

        Assert.NotNull(stopping.StoppedEpoch);
        Assert.Equal(history.Epochs.Count, stopping.StoppedEpoch);
        Assert.Equal(stopping.BestEpoch + stopping.Patience, stopping.StoppedEpoch);
        Assert.True(stopping.BestEpoch > 1);
        // Overfitting really happened: training kept improving after the best validation epoch.
        Assert.True(history.TrainLoss[^1] < history.TrainLoss[stopping.BestEpoch - 1]);
        var best = history.Epochs.MinBy(e => e.ValidationLoss)!;
        Assert.Equal(best.Epoch, stopping.BestEpoch);
        Assert.Equal(best.ValidationLoss, stopping.BestValidationLoss);
        Assert.NotEqual(snapshots[stopping.StoppedEpoch!.Value], snapshots[stopping.BestEpoch]);
        Assert.Equal(snapshots[stopping.BestEpoch], Flatten(model.Parameters));
        Assert.Equal(best.ValidationLoss, trainer.Evaluate(Col(valid, 0), Col(valid, 1)));
    }

    [Fact]
    public void Early_stopping_without_validation_data_says_what_it_needs()
    {
        var (x, y) = Linear(10);
        var error = Assert.Throws<InvalidOperationException>(() =>
            LinearTrainer().Fit(x, y, epochs: 3, callbacks: [new EarlyStopping<double>()]));
        Assert.Contains("validation", error.Message);
    }

    [Fact]
    public void An_absurd_learning_rate_throws_naming_epoch_step_and_parameter()
    {
        var (x, y) = Linear(10);
        var trainer = LinearTrainer(learningRate: 1e6);
        var seen = new List<int>();
        var error = Assert.Throws<TrainingDivergedException>(() =>
            trainer.Fit(x, y, epochs: 1000, batchSize: 5, callbacks: [new ProgressCallback<double>(r => seen.Add(r.Epoch))]));

        Assert.True(error.Epoch > 1, error.Message);
        Assert.Equal(error.Epoch - 1, seen.Count);   // every finished epoch was reported, none after the divergence
        Assert.Equal((error.Epoch - 1) * 2 + error.Step, error.GlobalStep);
        Assert.Contains($"Training diverged at epoch {error.Epoch}, step {error.Step} (global step {error.GlobalStep}): loss = ", error.Message);
        Assert.Matches(new Regex(@"layer1\.(W|b)\[\d+, 0\] = \S+\. Try a smaller learning rate\.$"), error.Message);
        // Squared error overflows before the weights do: the loss is infinite and the blamed weight is the largest one.
        Assert.Equal(double.PositiveInfinity, error.Loss);
        Assert.False(error.ParameterIsNonFinite);
        Assert.Contains("every parameter is still finite, the largest is " + error.Parameter, error.Message);
        var all = Flatten(trainer.Model.Parameters).Select(Math.Abs);
        var parameter = trainer.Model.Parameters.Single(p => p.Name == error.Parameter);
        Assert.Equal(all.Max(), Math.Abs(parameter.Value[error.Row, error.Col]));
        Assert.Equal(parameter.Value[error.Row, error.Col], error.Value);
    }

    [Fact]
    public void A_weight_that_overflows_is_named_with_its_index()
    {
        // W = [[0], [1e150]]: the loss (~1e300) is still finite, but a step of 1e200 × gradient (~1e150) overflows W[1, 0].
        var x = Tensor.FromRows([0.0, 1.0], [0.0, 2.0]);
        var y = Tensor.Column(0.0, 0.0);
        var model = new Sequential<double>(new Dense<double>(Tensor.Column(0.0, 1e150), Tensor.Row(0.0)));
        var trainer = new Trainer<double>(model, new MeanSquaredError<double>(), new GradientDescent<double>(model.Parameters, 1e200));
        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(x, y, epochs: 5, batchSize: 2));
        Assert.True(double.IsFinite(error.Loss));
        string loss = error.Loss.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"Training diverged at epoch 1, step 1 (global step 1): loss = {loss}; "
                   + "first non-finite parameter: layer1.W[1, 0] = -Infinity. Try a smaller learning rate.", error.Message);
        Assert.Equal(("layer1.W", 1, 0), (error.Parameter, error.Row, error.Col));
        Assert.True(error.ParameterIsNonFinite);
    }

    [Fact]
    public void Mismatched_rows_name_both_shapes()
    {
        var (x, _) = Linear(10);
        var error = Assert.Throws<ShapeMismatchException>(() => LinearTrainer().Fit(x, new Tensor<double>(9, 1), epochs: 1));
        Assert.Contains("(10×2)", error.Message);
        Assert.Contains("(9×1)", error.Message);
    }

    [Theory]
    [InlineData(0, 4, 0.0, "epochs")]
    [InlineData(1, 0, 0.0, "batchSize")]
    [InlineData(1, 4, 1.0, "validationSplit")]
    [InlineData(1, 4, -0.1, "validationSplit")]
    [InlineData(1, 4, double.NaN, "validationSplit")]
    public void Bad_settings_are_rejected_by_name(int epochs, int batchSize, double split, string name)
    {
        var (x, y) = Linear(10);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LinearTrainer().Fit(x, y, epochs, batchSize, validationSplit: split));
        Assert.Equal(name, error.ParamName);
        Assert.Contains(name + " must", error.Message);
    }

    [Fact]
    public void A_split_and_a_validation_set_together_are_rejected()
    {
        var (x, y) = Linear(10);
        Assert.Throws<ArgumentException>(() => LinearTrainer().Fit(x, y, 1, validationSplit: 0.2, validationData: (x, y)));
    }

    [Fact]
    public void Steady_state_steps_allocate_no_more_than_a_bare_training_step()
    {
        // 1000 extra steps (100 epochs of batch size 1) may cost what the bare zero/forward/loss/backward/step costs
        // (the loss builds a message string for its shape check) plus one record per epoch — nothing per step from the trainer.
        var (x, y) = Linear(10);
        long Allocated(int epochs)
        {
            var trainer = LinearTrainer(learningRate: 0.01);
            trainer.Fit(x, y, epochs: 1, batchSize: 1, shuffleSeed: 1);   // warm up: JIT and layer buffers
            long before = GC.GetAllocatedBytesForCurrentThread();
            trainer.Fit(x, y, epochs: epochs, batchSize: 1, shuffleSeed: 1);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        long extra = Allocated(110) - Allocated(10);

        var model = new Sequential<double>(new Dense<double>(2, 1, null, new Random(1)));
        var loss = new MeanSquaredError<double>();
        var optimizer = new GradientDescent<double>(model.Parameters, 0.01);
        var (bx, by) = (new Tensor<double>(1, 2), new Tensor<double>(1, 1));
        void Steps(int n)
        {
            for (int i = 0; i < n; i++)
            {
                optimizer.ZeroGradients();
                loss.Forward(model.ForwardBorrowed(bx), by);
                model.Backward(loss.Backward());
                optimizer.Step();
            }
        }
        Steps(10);
        long start = GC.GetAllocatedBytesForCurrentThread();
        Steps(1000);
        long bare = GC.GetAllocatedBytesForCurrentThread() - start;

        Assert.True(extra - bare < 100 * 200, $"1000 extra steps allocated {extra} bytes, bare steps {bare}");
    }

    [Fact]
    public void Progress_sees_every_record_in_order_with_validation_metrics()
    {
        var (x, y) = Linear(20);
        var model = new Sequential<double>(new Dense<double>(2, 1, null, new Random(1)));
        static double MeanAbsoluteError(Tensor<double> p, Tensor<double> t) => p.Subtract(t).Map(Math.Abs).Mean();
        var trainer = new Trainer<double>(model, new MeanSquaredError<double>(), new GradientDescent<double>(model.Parameters, 0.1), MeanAbsoluteError);
        var seen = new List<EpochRecord>();
        var history = trainer.Fit(x, y, epochs: 4, batchSize: 5, validationSplit: 0.25, callbacks: [new ProgressCallback<double>(seen.Add)]);
        Assert.Equal(history.Epochs, seen);
        Assert.Same(history, trainer.History);
        var lastX = Tensor.FromRows(Enumerable.Range(15, 5).Select(r => x.Row(r).ToArray()).ToArray());
        var lastY = Tensor.FromRows(Enumerable.Range(15, 5).Select(r => y.Row(r).ToArray()).ToArray());
        Assert.Equal(MeanAbsoluteError(model.Predict(lastX), lastY), seen[^1].ValidationMetric);
        Assert.NotNull(seen[^1].Metric);
        Assert.NotEqual(seen[^1].Metric, seen[^1].ValidationMetric);
    }

    [Fact]
    public void A_summed_loss_reports_per_example_losses_and_an_unreduced_one_is_refused()
    {
        var (x, y) = Linear(20);
        History Fit(LossReduction reduction, double learningRate)
        {
            var model = new Sequential<double>(new Dense<double>(2, 1, null, new Random(1)));
            var trainer = new Trainer<double>(model, new MeanSquaredError<double>(reduction), new GradientDescent<double>(model.Parameters, learningRate));
            return trainer.Fit(x, y, epochs: 5, batchSize: 20, validationData: (x, y));
        }
        // Full batch: a sum's gradient is 20 means', so a 20 times smaller rate takes the same steps.
        var mean = Fit(LossReduction.Mean, 0.1);
        var sum = Fit(LossReduction.Sum, 0.1 / 20);
        for (int e = 0; e < 5; e++)
        {
            Assert.Equal(mean.TrainLoss[e], sum.TrainLoss[e], 1e-14);
            Assert.Equal(mean.ValidationLoss[e], sum.ValidationLoss[e], 1e-14);
        }
        var model = new Sequential<double>(new Dense<double>(2, 1, null, new Random(1)));
        var none = Assert.Throws<ArgumentException>(() => new Trainer<double>(model, new MeanSquaredError<double>(LossReduction.None), new GradientDescent<double>(model.Parameters, 0.1)));
        Assert.StartsWith("The trainer needs one number to minimise: give mean squared error the reduction Mean or Sum, not None.", none.Message);
    }

    [Fact]
    public void A_model_without_parameters_is_rejected()
    {
        var dense = new Dense<double>(2, 1, null, new Random(1));
        var error = Assert.Throws<ArgumentException>(() => new Trainer<double>(new ActivationLayer<double>(new Tanh<double>()),
            new MeanSquaredError<double>(), new GradientDescent<double>(dense.Parameters, 0.1)));
        Assert.Contains("no parameters", error.Message);
    }
}
