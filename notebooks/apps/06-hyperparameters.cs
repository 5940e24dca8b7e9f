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
using CourseKit.Optimizers.Schedules;
using CourseKit.Training;
using CourseKit.Interactive;
using CourseKit.Interactive.Charts;

// The lesson reads its files relative to the notebook's folder, as it does in a notebook.
System.IO.Directory.SetCurrentDirectory(System.IO.Path.GetFullPath(System.IO.Path.Combine(
    (string)System.AppContext.GetData("EntryPointFileDirectoryPath")!, "..")));

// # 6 · Hyperparameters
//
// *Lecture 6: the slides **Hyperparameters** and **Other common hyperparameters**.*
//
// Parameters (weights) are learned; **hyperparameters** are the settings we choose that control the learning: the activation function, the optimizer, the learning rate, the number of epochs and the batch size. This notebook varies one at a time, on the same task and the same 2-16-16-1 network, and watches what changes.

// (Kit.Setup() connects the kit to a notebook's display; an app shows into its report.)

// ## The data: a disc inside a ring
//
// 400 points in the plane. The even-numbered ones fall inside a disc of radius 0.5 (class 0), the odd-numbered ones on a ring between radius 0.7 and 1 around it (class 1). No straight line separates the two classes: the network has to learn a round boundary. As in Keras, the last 25% of the rows (100 points) are held out for validation.

var rnd = new Random(5);
var points = Enumerable.Range(0, 400).Select(i =>
{
    double r = i % 2 == 0 ? 0.5 * Math.Sqrt(rnd.NextDouble()) : 0.7 + 0.3 * rnd.NextDouble();
    double a = 2 * Math.PI * rnd.NextDouble();
    return new[] { r * Math.Cos(a), r * Math.Sin(a) };
}).ToArray();
var X = Tensor.FromRows(points);
var y = Tensor.Column(Enumerable.Range(0, 400).Select(i => (double)(i % 2)).ToArray());
Console.WriteLine($"{X.Rows} points: {y.Sum()} on the ring (class 1), "
    + $"{X.Rows - y.Sum()} in the disc (class 0)");

// ## The network and its training
//
// `Network()` builds 2 → 16 → 16 → 1 with tanh (or the activation it is given) and the same seeded starting weights every time. Its output is a logit: the network says class 1 when it is above 0, and `Accuracy` counts how often that is right. `Train` minimises the binary cross-entropy of the logits with the optimizer it is given, reshuffles the 300 training rows every epoch, and records the losses and the validation accuracy after each epoch.

Sequential<double> Network(Func<Activation<double>> g = null)
{
    g ??= () => new Tanh<double>();
    var r = new Random(1);
    return new Sequential<double>(new Dense<double>(2, 16, g(), r),
        new Dense<double>(16, 16, g(), r), new Dense<double>(16, 1, null, r));
}
double Accuracy(Tensor<double> logits, Tensor<double> target) => Enumerable.Range(0, target.Rows)
    .Count(i => (logits[i, 0] > 0 ? 1.0 : 0.0) == target[i, 0]) / (double)target.Rows;
History Train(Sequential<double> net, Optimizer<double> optimizer, int epochs, int batchSize,
              LearningRateSchedule<double> schedule = null) =>
    new Trainer<double>(net, new BinaryCrossEntropyWithLogits<double>(), optimizer, Accuracy)
        { Schedule = schedule }.Fit(X, y, epochs, batchSize, shuffleSeed: 2, validationSplit: 0.25);

// ## Learning rate
//
// "Low learning rate slows down the learning process but converges smoothly; larger learning rate speeds up the learning but may not converge." Plain gradient descent on the full batch (300 rows, one step per epoch) with three rates. The losses span three orders of magnitude, so the chart has a log scale.

double[] rates = { 0.01, 0.5, 8.0 };
var rateNets = rates.Select(_ => Network()).ToArray();
var byRate = rates.Select((lr, k) =>
    Train(rateNets[k], new GradientDescent<double>(rateNets[k].Parameters, lr), 400, 300))
    .ToArray();
for (int k = 0; k < rates.Length; k++)
    Console.WriteLine($"lr {rates[k],-5}: final training loss {byRate[k].TrainLoss[^1]:F4}, "
        + $"validation accuracy {byRate[k].Epochs[^1].ValidationMetric:P0}");
Kit.Show(Plots.LogCurves("Learning rate: too small, right, too large", "epoch", "training loss",
    rates.Select((lr, k) => ($"lr = {lr}", byRate[k].TrainLoss))));
if (!(byRate[1].TrainLoss[^1] < byRate[0].TrainLoss[^1]))
    throw new Exception("lr 0.5 should beat lr 0.01 in 400 epochs");

// Three behaviours, as the slide says. With `lr` = 0.01 the loss has hardly moved from 0.69, which is $\ln 2$, the loss of answering "50 : 50" for every point: after 400 steps the network is still close to where it started, and 55% validation accuracy is little better than guessing. With 0.5 the loss falls steadily to 0.016 and every validation point is right. With 8 the first steps overshoot: the loss jumps above 10 and stays there, oscillating, and the network is no better than a coin (50%).

Kit.Show(Plots.DecisionBoundary(rateNets[0], X, y, -1.1, 1.1, title: "lr = 0.01 after 400 epochs"));
Kit.Show(Plots.DecisionBoundary(rateNets[1], X, y, -1.1, 1.1, title: "lr = 0.5 after 400 epochs"));

// The colour is the network's output (its logit) over the plane, blue for class 1 and red for class 0, with the data on top. After 400 small steps the `lr` = 0.01 network's output is still nearly flat (from −0.4 to 0.3) and tilted from bottom to top: a straight boundary for a round problem. The `lr` = 0.5 network has bent the boundary into a closed curve between the disc and the ring, with logits from about −8 inside to +10 outside.
//
// ## Decaying the learning rate
//
// "Decaying learning rate is preferred": large steps early, small steps late. Mini-batches of 30 rows give 10 updates per epoch, and at that pace a constant rate of 4 is too large. Start at 4 anyway and let a schedule shrink the rate after every epoch $t$: 1/t decay $\eta_t = \eta_0 / (1 + k t)$, exponential decay $\eta_0 \gamma^t$, and step decay (× 0.3 every 50 epochs). A constant rate of 2 runs alongside for comparison.

var schedules = new (string Name, double Lr,
                      Func<Optimizer<double>, LearningRateSchedule<double>> Make)[]
{
    ("constant 4", 4, o => null), ("constant 2", 2, o => null),
    ("1/t, k = 0.05", 4, o => new InverseTimeDecay<double>(o, 0.05)),
    ("exponential, γ = 0.99", 4, o => new ExponentialDecay<double>(o, 0.99)),
    ("step: ×0.3 every 50", 4, o => new StepDecay<double>(o, 50, 0.3)),
};
var bySchedule = schedules.Select(s =>
{
    var net = Network();
    var sgd = new GradientDescent<double>(net.Parameters, s.Lr);
    return Train(net, sgd, epochs: 100, batchSize: 30, s.Make(sgd));
}).ToArray();

for (int k = 0; k < schedules.Length; k++)
{
    var loss = bySchedule[k].TrainLoss;
    int settled = loss.Length - loss.Reverse().TakeWhile(l => l < 0.1).Count() + 1;   // stays < 0.1
    Console.WriteLine($"{schedules[k].Name,-22}: final loss {loss[^1]:F4}, "
        + $"final lr {bySchedule[k].Epochs[^1].LearningRate:G3}, "
        + $"below 0.1 from epoch {(settled <= loss.Length ? settled.ToString() : "–")}");
}
Kit.Show(Plots.LogCurves("Starting at rate 4 with mini-batches of 30", "epoch", "training loss",
    schedules.Select((s, k) => (s.Name, bySchedule[k].TrainLoss))));

// Every run that starts at 4 jumps to a loss near 8 within a few epochs (its tanh units saturate) and stays there while its rate is above about 2. Each decayed run recovers some epochs after its rate has come down to about 2: 1/t decay first (its rate is 2 at epoch 20 and 1.3 at epoch 40; its loss stays below 0.1 from epoch 44), step decay right after its first cut at epoch 50, to 1.2 (from epoch 52), exponential decay last (its rate is still 2.1 at epoch 63; from epoch 65). The constant rate of 4 never settles; it dips below 0.1 once, near epoch 56, and is thrown out again.
//
// So a schedule rescues a starting rate that is too large: "large steps early, small steps late". It cannot give back the epochs spent at a useless rate, though: the run that started at a good constant rate of 2 is ahead all the way (below 0.1 from epoch 24) and ends lowest. On this data the loss can go all the way to 0, so a constant good rate never has to slow down. Where mini-batch noise keeps a constant rate bouncing around the minimum (the noisy-gradient path of notebook 4), decay is what lets it settle; in practice one starts from a good rate and decays from there.
//
// ## Batch size and epochs
//
// An **epoch** is one pass over the training data; weights are updated after each **mini-batch**. "Small mini batch → too many updates; large mini batch → too few updates, too many epochs to converge." Batch size 1 is stochastic gradient descent: cheap, noisy steps. The full batch is gradient descent: one smooth step per epoch. Same rate (0.05), same 60 epochs:

int[] batchSizes = { 1, 10, 300 };
var byBatch = batchSizes.Select(b =>
{
    var net = Network();
    return Train(net, new GradientDescent<double>(net.Parameters, 0.05), epochs: 60, batchSize: b);
}).ToArray();
for (int k = 0; k < batchSizes.Length; k++)
    Console.WriteLine($"batch {batchSizes[k],-4}: "
        + $"{byBatch[k].Steps / byBatch[k].Epochs.Count,4} updates per epoch, "
        + $"final loss {byBatch[k].TrainLoss[^1]:F4}");
Kit.Show(Plots.LogCurves("Same learning rate, different batch sizes", "epoch", "training loss",
    batchSizes.Select((b, k) => ($"batch {b}", byBatch[k].TrainLoss))));
if (byBatch[0].Steps != 60 * 300)
    throw new Exception("batch 1 should make one update per training example");

// Same rate, same 60 epochs: batch size 1 makes 300 updates per epoch and drives the loss to 0.002, batch 10 makes 30 and reaches 0.096, and the full batch, 60 updates in all, is still at 0.69, where it started. Counted per epoch, small batches win because they update more often; their updates are noisier (the spike near epoch 18) but the noise does no harm here. Counted per update, the full batch is the most accurate, and on parallel hardware its 300 rows cost little more than one. Exercise 2 asks which wins on the clock here.
//
// ## Activation as a hyperparameter
//
// The first slide of this section: the activation function is a hyperparameter too. Same network, same Adam (`lr` = 0.01), batches of 32, four activations:

var activationsToTry = new (string Name, Func<Activation<double>> Make)[]
{
    ("ReLU", () => new Relu<double>()), ("LeakyReLU(0.1)", () => new LeakyRelu<double>(0.1)),
    ("tanh", () => new Tanh<double>()), ("sigmoid", () => new Sigmoid<double>()),
};
var byActivation = activationsToTry.Select(a =>
{
    var net = Network(a.Make);
    return Train(net, new Adam<double>(net.Parameters, 0.01), epochs: 150, batchSize: 32);
}).ToArray();
Kit.Show(Plots.LogCurves("The activation as a hyperparameter", "epoch", "validation loss",
    activationsToTry.Select((a, k) => (a.Name, byActivation[k].ValidationLoss))));

for (int k = 0; k < activationsToTry.Length; k++)
{
    var h = byActivation[k];
    var reached = h.Epochs.FirstOrDefault(e => e.ValidationMetric >= 0.95);
    Console.WriteLine($"{activationsToTry[k].Name,-15}: validation loss {h.ValidationLoss[^1]:F4}, "
        + $"accuracy {h.Epochs[^1].ValidationMetric:P0}, "
        + $"epochs to 95% accuracy: {reached?.Epoch.ToString() ?? "never"}");
}

// ReLU and Leaky ReLU reach 95% validation accuracy after 4 epochs, tanh after 18 and the sigmoid after 53. At the end all four classify every validation point correctly, but their validation losses still differ by a factor of about 20. This is notebook 2's gradient story: the sigmoid's derivative is at most 1/4 and tanh's at most 1, so the error signal shrinks at every layer on its way back, while a ReLU passes it on unchanged wherever the unit is active.
//
// ## Exercises
//
// 1. Find the largest learning rate for which full-batch gradient descent still converges here.
// 2. With batch size 1, how many epochs does it take to reach the loss that the full batch reaches in 60 epochs? Which is faster in wall-clock time (`System.Diagnostics.Stopwatch`)?
// 3. Try `new Adam<double>(net.Parameters, 0.01)` in the learning-rate cell. Is Adam as sensitive to the rate?
// 4. Start the schedules at rate 8 instead of 4. Does any of them recover within 100 epochs? Why does a network whose tanh units have saturated learn so slowly?
// 5. Make the network deeper (four hidden layers) and compare sigmoid with ReLU again.
