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
using CourseKit.Gradients;
using CourseKit.Examples;
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
// Regularization is any strategy that lowers the **generalization error** — the error on data the model has not seen — often at the price of a slightly higher training error. The running example is a small regression problem: learn $y = \sin(2\pi x)$ from **12 noisy points**, and judge the model on 200 fresh points.

// (Kit.Setup() connects the kit to a notebook's display; an app shows into its report.)

var rnd = new Random(7);
Tensor<double> Inputs(int n, Random r) => Tensor.Column(Enumerable.Range(0, n).Select(_ => r.NextDouble()).ToArray());
Tensor<double> Targets(Tensor<double> x, Random r, double noise) => x.Map(v => Math.Sin(2 * Math.PI * v) + noise * Tensor.Normal(1, 1, 0.0, 1.0, r)[0, 0]);
var Xtrain = Inputs(12, rnd);
var ytrain = Targets(Xtrain, rnd, 0.15);
var Xval = Inputs(200, rnd);
var yval = Targets(Xval, rnd, 0.15);
Console.WriteLine($"{Xtrain.Rows} training points, {Xval.Rows} validation points");

// One helper for the whole notebook: a network with `hidden` tanh units, trained full-batch with Adam.
(Sequential<double> Model, History History) Fit(int hidden, int epochs, double dropout = 0, int seed = 1,
    Tensor<double>? X = null, Tensor<double>? y = null, params ITrainingCallback<double>[] callbacks)
{
    var r = new Random(seed);
    var layers = new List<Layer<double>> { new Dense<double>(1, hidden, new Tanh<double>(), r) };
    if (dropout > 0) layers.Add(new Dropout<double>(dropout, r));
    layers.Add(new Dense<double>(hidden, hidden, new Tanh<double>(), r));
    if (dropout > 0) layers.Add(new Dropout<double>(dropout, r));
    layers.Add(new Dense<double>(hidden, 1, null, r));
    var model = new Sequential<double>(layers.ToArray());
    var trainer = new Trainer<double>(model, new MeanSquaredError<double>(), new Adam<double>(model.Parameters, 0.01));
    var history = trainer.Fit(X ?? Xtrain, y ?? ytrain, epochs, batchSize: 1000, validationData: (Xval, yval), callbacks: callbacks);
    return (model, history);
}

// ## Bias and variance
//
// * **High bias** (underfitting): the model is too simple to capture the relation — "observations don't matter".
// * **High variance** (overfitting): the model fits the noise of its few training points — "focusing too much on observations".
//
// A network with 1 hidden unit per layer underfits; one with 64 units per layer drives its training loss towards zero while its validation loss climbs.

var small = Fit(hidden: 1, epochs: 3000);
var large = Fit(hidden: 64, epochs: 3000);
Kit.Show(Plots.Curves("Too simple vs too flexible", "epoch", "mean squared error",
    ("1 unit: train", small.History.TrainLoss), ("1 unit: validation", small.History.ValidationLoss),
    ("64 units: train", large.History.TrainLoss), ("64 units: validation", large.History.ValidationLoss)));
double bestVal = large.History.ValidationLoss.Min();
Console.WriteLine($"1 unit  : train {small.History.TrainLoss[^1]:F4}, validation {small.History.ValidationLoss[^1]:F4}  (high bias)");
Console.WriteLine($"64 units: train {large.History.TrainLoss[^1]:F4}, validation {large.History.ValidationLoss[^1]:F4}, best validation {bestVal:F4}  (high variance)");
if (!(large.History.TrainLoss[^1] < small.History.TrainLoss[^1] && large.History.ValidationLoss[^1] > bestVal * 1.2)) throw new Exception("expected the large network to overfit");

// ## Early stopping
//
// "Stops when performance gets saturated … returns the best current model." `EarlyStopping` watches the validation loss, stops after `patience` epochs without improvement and puts back the weights of the best epoch.

var stopper = new EarlyStopping<double>(patience: 500);
var stopped = Fit(hidden: 64, epochs: 3000, callbacks: stopper);
Kit.Show(Plots.LossCurve(stopped.History.ValidationLoss, "Validation loss with early stopping", markEpoch: stopper.BestEpoch, yTitle: "validation MSE"));
Console.WriteLine($"best epoch {stopper.BestEpoch}, stopped at epoch {stopper.StoppedEpoch}, restored validation loss {stopper.BestValidationLoss:F4}");
// Same seed as the 64-unit run above, so its best validation loss is exactly the one that run passed through.
if (stopper.StoppedEpoch is null || stopper.BestValidationLoss != bestVal) throw new Exception("early stopping should stop and restore the best epoch");

// ## Dropout
//
// "Drops out (ignores) a layer's output with a probability $p$." CourseKit's `Dropout` is inverted dropout, as PyTorch's: in training each unit is zeroed with probability $p$ and the survivors are scaled by $1/(1-p)$; in evaluation it does nothing. The network can no longer rely on any single unit, which restrains overfitting.

var dropped = Fit(hidden: 64, epochs: 3000, dropout: 0.2);
Kit.Show(Plots.Curves("64 units with and without dropout (p = 0.2)", "epoch", "mean squared error",
    ("no dropout: train", large.History.TrainLoss), ("no dropout: validation", large.History.ValidationLoss),
    ("dropout 0.2: train", dropped.History.TrainLoss), ("dropout 0.2: validation", dropped.History.ValidationLoss)));
Console.WriteLine($"final validation loss: no dropout {large.History.ValidationLoss[^1]:F4}, dropout {dropped.History.ValidationLoss[^1]:F4}");

// ## Data augmentation by noise injection
//
// "Introduce new training data with variation; injects noise." `Augment.WithNoise` adds copies of the training inputs with small Gaussian noise (targets unchanged), so the model sees that nearby inputs should give nearby outputs.

var (Xaug, yaug) = Augment.WithNoise(Xtrain, ytrain, copies: 10, sigma: 0.03, new Random(3));
var augmented = Fit(hidden: 64, epochs: 3000, X: Xaug, y: yaug);
Console.WriteLine($"{Xaug.Rows} training rows after augmentation");
Console.WriteLine($"final validation loss: plain {large.History.ValidationLoss[^1]:F4}, augmented {augmented.History.ValidationLoss[^1]:F4}");

// ## L1 vs L2: weight paths as λ grows
//
// The penalty is added to the loss: L2 (ridge) adds $\lambda \sum w^2$, L1 (lasso) adds $\lambda \sum |w|$. (CourseKit's L2 is $\lambda \sum w^2$, without the ½, so its gradient is $2\lambda w$.) To see what each does to the weights, fit a linear model $\hat{y} = \mathbf{x}\mathbf{w}$ on 8 features of which only 3 matter, for growing λ.

var r8 = new Random(11);
var X8 = Tensor.Normal(200, 8, 0.0, 1.0, r8);
var trueW = Tensor.Column(3.0, -2.0, 1.5, 0, 0, 0, 0, 0);
var y8 = X8.MatMul(trueW).Add(Tensor.Normal(200, 1, 0.0, 0.5, r8));
var lambdas = new[] { 0.0, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0 };

double[][] Path(Func<double, WeightPenalty<double>> penalty)
{
    var weights = new List<double[]>();
    foreach (var lambda in lambdas)
    {
        var layer = new Dense<double>(Tensor.Zeros<double>(8, 1), bias: null);
        var net = new Sequential<double>(layer);
        var sgd = new GradientDescent<double>(net.Parameters, 0.01);
        var mse = new MeanSquaredError<double>();
        var pen = penalty(lambda);
        for (int step = 0; step < 3000; step++)
        {
            sgd.ZeroGradients();
            mse.Forward(net.Forward(X8), y8);
            net.Backward(mse.Backward());
            pen.AddGradient(net.Parameters);
            sgd.Step();
        }
        weights.Add(layer.Weights.Value.ToFlatArray());
    }
    return weights.ToArray();
}
var l2 = Path(l => new L2Penalty<double>(l));
var l1 = Path(l => new L1Penalty<double>(l));
var lamLabels = lambdas.Select(l => $"λ = {l}").ToArray();
var features = Enumerable.Range(1, 8).Select(i => $"w{i}").ToArray();
Kit.Show(Kit.Table(Tensor.FromRows(l2), "L2: weights per λ", lamLabels, features, "F3"));
Kit.Show(Kit.Table(Tensor.FromRows(l1), "L1: weights per λ", lamLabels, features, "F3"));
int l1Zeros = l1[4].Count(w => Math.Abs(w) < 0.01), l2Zeros = l2[4].Count(w => Math.Abs(w) < 0.01);
Console.WriteLine($"at λ = {lambdas[4]}: L1 leaves {l1Zeros} of 8 weights at ~0, L2 leaves {l2Zeros}; largest weight L1 {l1[4].Max(Math.Abs):F3}, L2 {l2[4].Max(Math.Abs):F3}");
if (l1Zeros < 5) throw new Exception("L1 should zero the five useless weights");

Plotly.NET.GenericChart WeightPaths(string title, double[][] path) =>
    Plots.Curves(title, "λ index (0, 0.01, 0.03, 0.1, 0.3, 1, 3)", "weight",
        Enumerable.Range(0, 8).Select(j => (features[j], (IReadOnlyList<double>)path.Select(row => row[j]).ToArray())).ToArray());
Kit.Show(WeightPaths("L2 shrinks every weight smoothly", l2));
Kit.Show(WeightPaths("L1 sets the small weights to zero: feature selection", l1));

// As the slide says: L2 "focuses on larger weights … no feature essentially goes away", while L1 has "equal focus, so … low-weight features go away": feature selection.
//
// ## Exercises
//
// 1. Raise the dropout to 0.5. Does the validation loss improve further, or does the model start to underfit?
// 2. Change `patience` to 50 and to 2000. What happens to the best epoch and to the restored validation loss?
// 3. Augment with `sigma: 0.2`. Why can too much noise hurt?
// 4. Add an L2 penalty to the 64-unit network (call `AddGradient` in a manual loop, as in the weight-path cell). Which λ gives the best validation loss?
// 5. With L1, plain gradient descent makes the zeroed weights jitter around 0 by about `lr · λ`. Why?
