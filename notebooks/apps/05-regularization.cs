// 05-regularization.cs: the lecture notebook notebooks/05-regularization.ipynb as a .NET 10 file-based app, without a notebook engine.
// Run it here with `dotnet run 05-regularization.cs`: text goes to the console, what the notebook displays to 05-regularization.html.
// Made by `coursekit export --to app` from the notebook: edit the notebook and export again, not this file.
#:project ../../lib/CourseKit.Interactive/CourseKit.Interactive.csproj
#:property Configuration=Release
#:property Nullable=annotations
using CourseKit.Tensors;
using CourseKit.Activations;
using CourseKit.Layers;
using CourseKit.Losses;
using CourseKit.Optimizers;
using CourseKit.Regularization;
using CourseKit.Training;
using CourseKit.Interactive;
using CourseKit.Interactive.Charts;

// The lesson reads its files relative to the notebook's folder, as it does in a notebook.
System.IO.Directory.SetCurrentDirectory(System.IO.Path.GetFullPath(System.IO.Path.Combine(
    (string)System.AppContext.GetData("EntryPointFileDirectoryPath")!, "..")));

// # 5 · Regularization
//
// *Lecture 6: the slides **Regularization** (bias–variance), **Regularization techniques** (L1, L2) and the one on dropout, early stopping and data augmentation.*
//
// Regularization is any strategy that lowers the **generalization error**, the error on data the model has not seen, often at the price of a slightly higher training error. The running example is a small regression problem: learn $y = \sin(2\pi x)$ from **12 noisy points**, and judge the model on 200 fresh points.

// (Kit.Setup() connects the kit to a notebook's display; an app shows into its report.)

// ## The data
//
// Each $x$ is drawn uniformly from $[0, 1)$ and its target is $y = \sin(2\pi x) + \varepsilon$ with Gaussian noise $\varepsilon \sim \mathcal{N}(0, 0.15^2)$. The 12 training points are all a model gets to learn from; the 200 validation points, drawn the same way, measure how well it generalizes.

var rnd = new Random(7);
Tensor<double> Inputs(int n) =>
    Tensor.Column(Enumerable.Range(0, n).Select(_ => rnd.NextDouble()).ToArray());
Tensor<double> Targets(Tensor<double> x) =>
    x.Map(v => Math.Sin(2 * Math.PI * v)).Add(Tensor.Normal(x.Rows, 1, 0.0, 0.15, rnd));
var Xtrain = Inputs(12);
var ytrain = Targets(Xtrain);
var Xval = Inputs(200);
var yval = Targets(Xval);
Console.WriteLine($"{Xtrain.Rows} training points, {Xval.Rows} validation points");

// ## The model and how it is trained
//
// `Network(hidden)` builds $1 \to$ `hidden` $\to$ `hidden` $\to 1$: two tanh layers and a linear output, with the same seeded starting weights every time, and optionally a dropout layer after each tanh layer. `Train` fits it full-batch with Adam (`lr` = 0.01) on the mean squared error for 3000 epochs, and measures the validation loss after every epoch.

Sequential<double> Network(int hidden, double dropout = 0)
{
    var r = new Random(1);
    var layers = new List<Layer<double>> { new Dense<double>(1, hidden, new Tanh<double>(), r) };
    if (dropout > 0) layers.Add(new Dropout<double>(dropout, r));
    layers.Add(new Dense<double>(hidden, hidden, new Tanh<double>(), r));
    if (dropout > 0) layers.Add(new Dropout<double>(dropout, r));
    layers.Add(new Dense<double>(hidden, 1, null, r));
    return new Sequential<double>(layers.ToArray());
}
History Train(Sequential<double> net, Tensor<double> X, Tensor<double> y,
                params ITrainingCallback<double>[] callbacks) =>
    new Trainer<double>(net, new MeanSquaredError<double>(), new Adam<double>(net.Parameters, 0.01))
        .Fit(X, y, epochs: 3000, batchSize: 1000, validationData: (Xval, yval),
             callbacks: callbacks);

// ## Bias and variance
//
// * **High bias** (underfitting): the model is too simple to capture the relation, so "observations don't matter".
// * **High variance** (overfitting): the model fits the noise of its few training points, "focusing too much on observations".
//
// Train a network with 1 hidden unit per layer and one with 64, on the same 12 points:

var small = Network(hidden: 1);
var large = Network(hidden: 64);
var smallHistory = Train(small, Xtrain, ytrain);
var largeHistory = Train(large, Xtrain, ytrain);
double bestVal = largeHistory.ValidationLoss.Min();
Console.WriteLine($"1 unit  : train {smallHistory.TrainLoss[^1]:F4}, "
    + $"validation {smallHistory.ValidationLoss[^1]:F4}  (high bias)");
Console.WriteLine($"64 units: train {largeHistory.TrainLoss[^1]:F4}, "
    + $"validation {largeHistory.ValidationLoss[^1]:F4}, "
    + $"best validation {bestVal:F4}  (high variance)");
bool overfits = largeHistory.TrainLoss[^1] < smallHistory.TrainLoss[^1]
    && largeHistory.ValidationLoss[^1] > bestVal * 1.2;
if (!overfits) throw new Exception("expected the large network to overfit");

Kit.Show(Plots.Fits("What each network learned from 12 points", Xtrain, ytrain, 0, 1,
    ("1 unit", small), ("64 units", large)));

// The 1-unit network (one tanh unit per layer) can draw only one smooth step, high on the left and low on the right: it misses the rise at both ends. Its training and validation errors are the same, 0.092 and 0.094, which is the mark of **high bias**: more data would not help it, a more flexible model would.
//
// The 64-unit network goes through every training point (training MSE 0.0018, far below the noise variance $0.15^2 = 0.0225$, so it has fitted the noise too) and swings between them: near $x = 0.2$, where the sine peaks at 1 and no training point lies, it dips to −0.3. Its validation error, 0.21, is more than a hundred times its training error: **high variance**.

Kit.Show(Plots.LogCurves("Too simple vs too flexible", "epoch", "mean squared error",
    ("1 unit: train", smallHistory.TrainLoss),
    ("1 unit: validation", smallHistory.ValidationLoss),
    ("64 units: train", largeHistory.TrainLoss),
    ("64 units: validation", largeHistory.ValidationLoss)));

// On the log scale the story is in the purple curve: the 64-unit network's validation loss is lowest early on (0.038 near epoch 235) and then climbs for 2700 epochs while its training loss keeps falling. Every step after that fits the noise of the 12 points a little better and the function between them a little worse. The 1-unit network's two curves lie on top of each other at 0.09.
//
// ## Early stopping
//
// "Stops when performance gets saturated … returns the best current model." `EarlyStopping` watches the validation loss, stops after `patience` epochs without improvement and puts back the weights of the best epoch. Same 64-unit network, same seed:

var stopper = new EarlyStopping<double>(patience: 500);
var stopped = Network(hidden: 64);
var stoppedHistory = Train(stopped, Xtrain, ytrain, stopper);
Kit.Show(Plots.LossCurve(stoppedHistory.ValidationLoss, "Validation loss with early stopping",
    markEpoch: stopper.BestEpoch, yTitle: "validation MSE"));
Console.WriteLine($"best epoch {stopper.BestEpoch}, stopped at epoch {stopper.StoppedEpoch}, "
    + $"restored validation loss {stopper.BestValidationLoss:F4}");
Kit.Show(Plots.Fits($"64 units: after 3000 epochs and at epoch {stopper.BestEpoch}", Xtrain, ytrain,
    0, 1, ("3000 epochs", large), ($"epoch {stopper.BestEpoch} (restored)", stopped)));
// Same seed as the 64-unit run above: its best validation loss is the one that run passed through.
if (stopper.StoppedEpoch is null || stopper.BestValidationLoss != bestVal)
    throw new Exception("early stopping should stop and restore the best epoch");

// Training stopped at epoch 735, 500 epochs after the best one, and the weights of epoch 235 came back: validation loss 0.0383 instead of 0.2112, within a factor of 2 of what a perfect model would score (the noise variance, 0.0225). Its curve is a smooth wave close to the sine; the red curve is the same network trained on into the noise. Early stopping costs only a validation set.
//
// ## Dropout
//
// "Drops out (ignores) a layer's output with a probability $p$." CourseKit's `Dropout` is inverted dropout, as PyTorch's: in training each unit is zeroed with probability $p$ and the survivors are scaled by $1/(1-p)$; in evaluation it does nothing. The network can no longer rely on any single unit, which restrains overfitting.

var dropped = Network(hidden: 64, dropout: 0.2);
var droppedHistory = Train(dropped, Xtrain, ytrain);
Kit.Show(Plots.LogCurves("64 units with and without dropout (p = 0.2)", "epoch", "MSE",
    ("no dropout: train", largeHistory.TrainLoss),
    ("no dropout: validation", largeHistory.ValidationLoss),
    ("dropout 0.2: train", droppedHistory.TrainLoss),
    ("dropout 0.2: validation", droppedHistory.ValidationLoss)));
Kit.Show(Plots.Fits("64 units with and without dropout", Xtrain, ytrain, 0, 1,
    ("no dropout", large), ("dropout 0.2", dropped)));
Console.WriteLine($"final training loss: no dropout {largeHistory.TrainLoss[^1]:F4}, "
    + $"dropout {droppedHistory.TrainLoss[^1]:F4}");
Console.WriteLine($"final validation loss: no dropout {largeHistory.ValidationLoss[^1]:F4}, "
    + $"dropout {droppedHistory.ValidationLoss[^1]:F4}");

// With dropout the training loss stays near 0.04 instead of falling to 0.0018, and it jitters: every step trains a different random sub-network, so no single unit can be tuned to one noisy point. The validation loss ends at 0.093 instead of 0.211, less than half. The curve has lost the swings between the points, but it is still too flat near $x = 0.2$, where no training point says that the sine peaks.
//
// ## Data augmentation by noise injection
//
// "Introduce new training data with variation; injects noise." `Augment.WithNoise` appends 10 copies of the 12 training inputs, each moved by Gaussian noise with $\sigma = 0.03$, and keeps their targets: the model is told that nearby inputs should give nearby outputs.

var (Xaug, yaug) = Augment.WithNoise(Xtrain, ytrain, copies: 10, sigma: 0.03, new Random(3));
var augmented = Network(hidden: 64);
var augmentedHistory = Train(augmented, Xaug, yaug);
Console.WriteLine($"{Xaug.Rows} training rows after augmentation");
Console.WriteLine($"final validation loss: plain {largeHistory.ValidationLoss[^1]:F4}, "
    + $"augmented {augmentedHistory.ValidationLoss[^1]:F4}");
Kit.Show(Plots.Fits("64 units on the 12 points and on 132 augmented rows", Xaug, yaug, 0, 1,
    ("plain", large), ("augmented", augmented)));

// The chart draws the 132 training rows: each original point smeared sideways into a short streak with the same $y$. A function that has to pass through a whole streak cannot turn sharply there, so the swings between the points shrink and the validation loss falls from 0.211 to 0.065. The noise adds no information about the sine; it says "be smooth at this scale".

string[] remedies = { "none", "early stopping", "dropout 0.2", "augmentation" };
double[] remedyLoss = { largeHistory.ValidationLoss[^1], stopper.BestValidationLoss,
    droppedHistory.ValidationLoss[^1], augmentedHistory.ValidationLoss[^1] };
for (int k = 0; k < remedies.Length; k++)
    Console.WriteLine($"{remedies[k],-15}: validation MSE {remedyLoss[k]:F4}");
Kit.Show(Plots.Bars("64 units on 12 points: validation loss", "validation MSE", remedies, remedyLoss));

// Each remedy cuts the validation error of the 3000-epoch network by a factor of 2 to 5, and here early stopping does best. None reaches the noise floor of 0.0225: with 12 points and none between $x = 0.05$ and $0.35$, no method can know where the sine peaks. The remedies also combine (exercise 4 adds a penalty to the network).
//
// ## L1 vs L2: weight paths as λ grows
//
// The penalty is added to the loss: L2 (ridge) adds $\lambda \sum w^2$, L1 (lasso) adds $\lambda \sum |w|$. (CourseKit's L2 is $\lambda \sum w^2$, without the ½, so its gradient is $2\lambda w$.) To see what each does to the weights, fit a linear model $\hat{y} = \mathbf{x}\mathbf{w}$ on 8 features of which only the first 3 matter, $\mathbf{w}_{\text{true}} = [3, -2, 1.5, 0, 0, 0, 0, 0]$, for growing λ:

var r8 = new Random(11);
var X8 = Tensor.Normal(200, 8, 0.0, 1.0, r8);
var trueW = Tensor.Column(3.0, -2.0, 1.5, 0, 0, 0, 0, 0);
var y8 = X8.MatMul(trueW).Add(Tensor.Normal(200, 1, 0.0, 0.5, r8));
var lambdas = new[] { 0.0, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0 };

// The training loop written out, so the penalty's place in it is visible: its gradient is added after the backward pass and before the step, $\nabla_\mathbf{w} (L + \Omega) = \nabla_\mathbf{w} L + \nabla_\mathbf{w} \Omega$. Plain gradient descent, 3000 steps, once per λ:

double[][] Path(Func<double, WeightPenalty<double>> penalty) => lambdas.Select(lambda =>
{
    var layer = new Dense<double>(Tensor.Zeros<double>(8, 1), bias: null);
    var sgd = new GradientDescent<double>(layer.Parameters, 0.01);
    var mse = new MeanSquaredError<double>();
    for (int step = 0; step < 3000; step++)
    {
        sgd.ZeroGradients();
        mse.Forward(layer.Forward(X8), y8);
        layer.Backward(mse.Backward());
        penalty(lambda).AddGradient(layer.Parameters);
        sgd.Step();
    }
    return layer.Weights.Value.ToFlatArray();
}).ToArray();

var l2 = Path(l => new L2Penalty<double>(l));
var l1 = Path(l => new L1Penalty<double>(l));
var lamLabels = lambdas.Select(l => $"λ = {l}").ToArray();
var features = Enumerable.Range(1, 8).Select(i => $"w{i}").ToArray();
Kit.Show(Kit.Table(Tensor.FromRows(l2), "L2: weights per λ", lamLabels, features, "F3"));
Kit.Show(Kit.Table(Tensor.FromRows(l1), "L1: weights per λ", lamLabels, features, "F3"));
int l1Zeros = l1[4].Count(w => Math.Abs(w) < 0.01), l2Zeros = l2[4].Count(w => Math.Abs(w) < 0.01);
Console.WriteLine($"at λ = {lambdas[4]}: L1 leaves {l1Zeros} of 8 weights at ~0, "
    + $"L2 leaves {l2Zeros}; largest weight L1 {l1[4].Max(Math.Abs):F3}, "
    + $"L2 {l2[4].Max(Math.Abs):F3}");
if (l1Zeros < 5) throw new Exception("L1 should zero the five useless weights");

(string, IReadOnlyList<double>) Weight(double[][] path, int j) =>
    (features[j], path.Select(w => w[j]).ToArray());
Plotly.NET.GenericChart WeightPaths(string title, double[][] path) =>
    Plots.Curves(title, "λ index (0, 0.01, 0.03, 0.1, 0.3, 1, 3)", "weight",
        Enumerable.Range(0, 8).Select(j => Weight(path, j)).ToArray());
Kit.Show(WeightPaths("L2 shrinks every weight smoothly", l2));
Kit.Show(WeightPaths("L1 sets the small weights to zero: feature selection", l1));

// Read the two tables row by row:
//
// * **L2** shrinks every weight in proportion to its size: the three true weights fall smoothly (3.10 → 2.30 → 0.70 for $w_1$ at λ = 0, 0.3, 3), while the five useless ones are never exactly 0. They even grow a little, to about 0.05, picking up part of what the shrunken true weights leave unexplained. As the slide says, L2 "focuses on larger weights … no feature essentially goes away".
// * **L1** pulls every weight towards 0 with the same force, a gradient of $\lambda\,\mathrm{sign}(w)$ whatever the weight's size, so small weights reach 0 and stay there: from λ = 0.3 the five useless weights are 0 to two decimals, while the true ones lose only a little (3.10 → 2.92 for $w_1$). "Equal focus, so … low-weight features go away": **feature selection**. Too strong an L1 removes real features as well: at λ = 3 it has nearly zeroed $w_2$ and $w_3$.
//
// ## Exercises
//
// 1. Raise the dropout to 0.5. Does the validation loss improve further, or does the model start to underfit?
// 2. Change `patience` to 50 and to 2000. What happens to the best epoch and to the restored validation loss?
// 3. Augment with `sigma: 0.2`. Why can too much noise hurt?
// 4. Add an L2 penalty to the 64-unit network (call `AddGradient` in a manual loop, as in the weight-path cell). Which λ gives the best validation loss?
// 5. With L1, plain gradient descent makes the zeroed weights jitter around 0 by about `lr · λ`. Why?
