// 06-hyperparameters.cs: the lecture notebook notebooks/06-hyperparameters.ipynb as a .NET 10 file-based app, without a notebook engine.
// Run it here with `dotnet run 06-hyperparameters.cs`: text goes to the console, what the notebook displays to 06-hyperparameters.html.
// Made by `coursekit export --to app` from the notebook: edit the notebook and export again, not this file.
#:project ../../lib/CourseKit.Interactive/CourseKit.Interactive.csproj
#:property Configuration=Release
#:property Nullable=annotations
using CourseKit.Tensors;
using CourseKit.Activations;
using CourseKit.Layers;
using CourseKit.Losses;
using CourseKit.Optimizers;
using CourseKit.Gradients;
using CourseKit.Examples;
using CourseKit.Training;
using CourseKit.Interactive;
using CourseKit.Optimizers.Schedules;
using CourseKit.Interactive.Charts;

// The lesson reads its files relative to the notebook's folder, as it does in a notebook.
System.IO.Directory.SetCurrentDirectory(System.IO.Path.GetFullPath(System.IO.Path.Combine(
    (string)System.AppContext.GetData("EntryPointFileDirectoryPath")!, "..")));

// # 6 · Hyperparameters
//
// *Lecture 6: the slides **Hyperparameters** and **Other common hyperparameters**.*
//
// Parameters (weights) are learned; **hyperparameters** are the settings we choose that control the learning: the activation function, the optimizer, the learning rate, the number of epochs and the batch size. This notebook varies one at a time on the same task: classify points of two interleaved spirals-like moons — here, a ring inside a ring — with a 2-16-16-1 network.

// (Kit.Setup() connects the kit to a notebook's display; an app shows into its report.)

// Two classes: points inside radius 0.5 (class 0) and a ring from radius 0.7 to 1 (class 1), 400 points, seeded.
var rnd = new Random(5);
var rows = new List<double[]>();
var labels = new List<double>();
for (int i = 0; i < 400; i++)
{
    int cls = i % 2;
    double r = cls == 0 ? 0.5 * Math.Sqrt(rnd.NextDouble()) : 0.7 + 0.3 * rnd.NextDouble();
    double a = 2 * Math.PI * rnd.NextDouble();
    rows.Add(new[] { r * Math.Cos(a), r * Math.Sin(a) });
    labels.Add(cls);
}
var X = Tensor.FromRows(rows.ToArray());
var y = Tensor.Column(labels.ToArray());
double Accuracy(Tensor<double> logits, Tensor<double> target) =>
    Enumerable.Range(0, target.Rows).Count(i => (logits[i, 0] > 0 ? 1.0 : 0.0) == target[i, 0]) / (double)target.Rows;

// One helper: train a fresh seeded network and return its history; `progress` reports each epoch.
History Train(Func<IReadOnlyList<CourseKit.Layers.Parameter<double>>, Optimizer<double>> optimizer, int epochs, int batchSize,
              Func<Activation<double>>? activation = null, Action<EpochRecord>? progress = null, Func<Optimizer<double>, LearningRateSchedule<double>>? schedule = null)
{
    var r = new Random(1);
    var g = activation ?? (() => new Tanh<double>());
    var model = new Sequential<double>(new Dense<double>(2, 16, g(), r), new Dense<double>(16, 16, g(), r), new Dense<double>(16, 1, null, r));
    var opt = optimizer(model.Parameters);
    var s = schedule?.Invoke(opt);
    var callbacks = new List<ITrainingCallback<double>>();
    if (progress is not null) callbacks.Add(new ProgressCallback<double>(progress));
    var trainer = new Trainer<double>(model, new BinaryCrossEntropyWithLogits<double>(), opt, Accuracy) { Schedule = s };
    return trainer.Fit(X, y, epochs, batchSize, shuffleSeed: 2, validationSplit: 0.25, callbacks: callbacks);
}
Console.WriteLine($"{X.Rows} points; the last 25% are held out for validation");

// ## Learning rate
//
// "Low learning rate slows down the learning process but converges smoothly; larger learning rate speeds up the learning but may not converge." Plain gradient descent, full batch, three rates. The cell shows its progress while it runs.

var status = Kit.Show("starting…");
var byRate = new Dictionary<double, History>();
foreach (var lr in new[] { 0.01, 0.5, 8.0 })
    byRate[lr] = Train(p => new GradientDescent<double>(p, lr), epochs: 400, batchSize: 300,
        progress: r => { if (r.Epoch % 100 == 0) status.Update($"lr {lr}: epoch {r.Epoch}, training loss {r.TrainLoss:F4}"); });
status.Update("done");
Kit.Show(Plots.Curves("Learning rate: too small, right, too large", "epoch", "training loss",
    byRate.Select(kv => ($"lr = {kv.Key}", (IReadOnlyList<double>)kv.Value.TrainLoss)).ToArray()));
foreach (var (lr, h) in byRate) Console.WriteLine($"lr {lr,-5}: final training loss {h.TrainLoss[^1]:F4}, validation accuracy {h.Epochs[^1].ValidationMetric:P0}");
if (!(byRate[0.5].TrainLoss[^1] < byRate[0.01].TrainLoss[^1])) throw new Exception("lr 0.5 should beat lr 0.01 in 400 epochs");

// ## Decaying the learning rate
//
// "Decaying learning rate is preferred": large steps early, small steps late. Start at the too-large rate, and let a schedule shrink it: 1/t decay $\eta_t = \eta_0 / (1 + k t)$, exponential $\eta_0 \gamma^t$ and step decay.

var schedules = new (string Name, Func<Optimizer<double>, LearningRateSchedule<double>>? Make)[]
{
    ("constant 3", null),
    ("1/t, k = 0.05", o => new InverseTimeDecay<double>(o, 0.05)),
    ("exponential, γ = 0.99", o => new ExponentialDecay<double>(o, 0.99)),
    ("step: ×0.3 every 50", o => new StepDecay<double>(o, 50, 0.3)),
};
var bySchedule = schedules.Select(s => (s.Name, History: Train(p => new GradientDescent<double>(p, 3.0), 400, 300, schedule: s.Make))).ToList();
Kit.Show(Plots.Curves("Starting too large, then decaying", "epoch", "training loss",
    bySchedule.Select(s => (s.Name, (IReadOnlyList<double>)s.History.TrainLoss)).ToArray()));
foreach (var (name, h) in bySchedule) Console.WriteLine($"{name,-22}: final loss {h.TrainLoss[^1]:F4}, final lr {h.Epochs[^1].LearningRate:G3}");

// Read the numbers honestly: on this easy problem a constant rate of 3 is stable and ends lowest, and the decayed runs pay for their caution with slower progress late on. A schedule earns its keep when the starting rate is at the edge of diverging, or when mini-batch noise keeps a constant rate bouncing around the minimum (exercise 4).
//
// ## Batch size and epochs
//
// An **epoch** is one pass over the training data; weights are updated after each **mini-batch**. "Small mini batch → too many updates; large mini batch → too few updates, too many epochs to converge." Batch size 1 is stochastic gradient descent: cheap, noisy steps. The full batch is gradient descent: one smooth step per epoch.

var byBatch = new[] { 1, 10, 300 }.Select(b => (Batch: b, History: Train(p => new GradientDescent<double>(p, 0.05), 60, b))).ToList();
Kit.Show(Plots.Curves("Same learning rate, different batch sizes", "epoch", "training loss",
    byBatch.Select(b => ($"batch {b.Batch}", (IReadOnlyList<double>)b.History.TrainLoss)).ToArray()));
foreach (var (b, h) in byBatch) Console.WriteLine($"batch {b,-4}: {h.Steps / h.Epochs.Count,4} updates per epoch, final loss {h.TrainLoss[^1]:F4}");
if (byBatch[0].History.Steps != 60 * 300) throw new Exception("batch 1 should make one update per training example");

// ## Activation as a hyperparameter
//
// The first slide of this section: the activation function is a hyperparameter too. Same network, same Adam, four activations:

var activationsToTry = new (string Name, Func<Activation<double>> Make)[]
{
    ("ReLU", () => new Relu<double>()), ("LeakyReLU(0.1)", () => new LeakyRelu<double>(0.1)),
    ("tanh", () => new Tanh<double>()), ("sigmoid", () => new Sigmoid<double>()),
};
var byActivation = activationsToTry.Select(a => (a.Name, History: Train(p => new Adam<double>(p, 0.01), 150, 32, a.Make))).ToList();
Kit.Show(Plots.Curves("Activation as a hyperparameter (Adam, batch 32)", "epoch", "validation loss",
    byActivation.Select(a => (a.Name, (IReadOnlyList<double>)a.History.ValidationLoss)).ToArray()));
foreach (var (name, h) in byActivation)
    Console.WriteLine($"{name,-15}: validation loss {h.ValidationLoss[^1]:F4}, accuracy {h.Epochs[^1].ValidationMetric:P0}, epochs to 95% accuracy: {h.Epochs.FirstOrDefault(e => e.ValidationMetric >= 0.95)?.Epoch.ToString() ?? "never"}");

// ## Exercises
//
// 1. Find the largest learning rate for which full-batch gradient descent still converges here.
// 2. With batch size 1, how many epochs does it take to reach the loss that the full batch reaches in 60 epochs? Which is faster in wall-clock time (`System.Diagnostics.Stopwatch`)?
// 3. Try `new Adam<double>(p, 0.01)` in the learning-rate cell. Is Adam as sensitive to the rate?
// 4. Which schedule would you pick? Start the schedules at rate 8 instead of 3: why does none of them recover?
// 5. Make the network deeper (four hidden layers) and compare sigmoid with ReLU again.
