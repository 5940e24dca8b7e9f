// 03-xor.cs: the lecture notebook notebooks/03-xor.ipynb as a .NET 10 file-based app, without a notebook engine.
// Run it here with `dotnet run 03-xor.cs`: text goes to the console, what the notebook displays to 03-xor.html.
// Made by `coursekit export --to app` from the notebook: edit the notebook and export again, not this file.
#:project ../../lib/CourseKit.Interactive/CourseKit.Interactive.csproj
#:property Configuration=Release
#:property Nullable=annotations
using CourseKit.Tensors;
using CourseKit.Activations;
using CourseKit.Layers;
using CourseKit.Losses;
using CourseKit.Gradients;
using CourseKit.Examples;
using CourseKit.Interactive;
using CourseKit.Interactive.Charts;
using CourseKit.Interactive.Formatting;

// The lesson reads its files relative to the notebook's folder, as it does in a notebook.
System.IO.Directory.SetCurrentDirectory(System.IO.Path.GetFullPath(System.IO.Path.Combine(
    (string)System.AppContext.GetData("EntryPointFileDirectoryPath")!, "..")));

// # 3 · Learning XOR
//
// *Lecture 6: the slides **Learning the XOR** and **Solving XOR with NNs**.*
//
// XOR is 1 when exactly one input is 1:
//
// $$\mathbf{X} = \begin{bmatrix} 0 & 0 \\ 0 & 1 \\ 1 & 0 \\ 1 & 1 \end{bmatrix} \qquad \mathbf{y} = \begin{bmatrix} 0 \\ 1 \\ 1 \\ 0 \end{bmatrix}$$
//
// No straight line separates the 1s from the 0s, so no linear model can learn it — "no such weights exist!" — while one hidden ReLU layer solves it exactly. This notebook shows both, then trains the network from random weights.

// (Kit.Setup() connects the kit to a notebook's display; an app shows into its report.)

var X = Xor.Inputs<double>();
var y = Xor.Targets<double>();
var rows = new[] { "[0, 0]", "[0, 1]", "[1, 0]", "[1, 1]" };
Kit.Show(Kit.Table(y, "XOR truth table: y", rows, new[] { "y" }));

// ## Can you solve it with linear regression?
//
// The slide asks for $\mathbf{W}$ and $b$ with $\mathbf{y} = \mathbf{X}\mathbf{W} + b$. Four equations, three unknowns: there is no exact solution, so take the **least-squares** one, the $\mathbf{W}, b$ that make the squared error smallest. `Xor.LeastSquares` solves it with a QR decomposition (MathNet.Numerics).

var fit = Xor.LeastSquares();
Kit.Show(fit.Weights.AsLatex(@"\mathbf{W}"));
Kit.Show(LatexDisplay.Math($"b = {fit.Bias}"));
Kit.Show(Kit.Table(fit.Predictions, "least-squares predictions XW + b", rows, new[] { "ŷ" }));
Console.WriteLine($"least squares: W = [{fit.Weights[0, 0]}, {fit.Weights[1, 0]}], b = {fit.Bias}, "
    + $"mean squared error = {fit.MeanSquaredError}");
if (fit.Weights[0, 0] != 0 || fit.Weights[1, 0] != 0 || fit.Bias != 0.5)
    throw new Exception("expected W = [0, 0], b = 0.5");

// The best linear fit is $\mathbf{W} = [0, 0]$, $b = 0.5$: it ignores the inputs and predicts 0.5 for everything. A mean squared error of 0.25 is exactly what always guessing the average earns. The linear model has learned nothing.
//
// ## Solving XOR with a neural network
//
// The slide's network adds one hidden layer of two ReLU units:
//
// $$f(\mathbf{X}; \mathbf{W}, \mathbf{c}, \mathbf{w}, b) = \max(0, \mathbf{X}\mathbf{W} + \mathbf{c})\,\mathbf{w} + b$$
//
// with the hand-set weights $\mathbf{W} = \begin{bmatrix} 1 & 1 \\ 1 & 1 \end{bmatrix}$, $\mathbf{c} = \begin{bmatrix} 0 & -1 \end{bmatrix}$, $\mathbf{w} = \begin{bmatrix} 1 \\ -2 \end{bmatrix}$, $b = 0$. `Xor.SlideNetwork` builds exactly this; here it is step by step, all four inputs at once, in the slide's symbols.

var net = Xor.SlideNetwork<double>();
var hiddenLayer = (Dense<double>)net.Layers[0];
var outputLayer = (Dense<double>)net.Layers[1];
var hiddenSteps = hiddenLayer.Explain(X, @"\mathbf{X}", @"\mathbf{W}", @"\mathbf{c}", @"\mathbf{h}",
    times: " ");
Kit.Show(hiddenSteps);
var h = hiddenSteps.Result;
Kit.Show(outputLayer.Explain(h, @"\mathbf{h}", @"\mathbf{w}", "b", @"f(\mathbf{X})", times: " "));

var output = net.Predict(X);
Kit.Show(Kit.Table(h, "hidden values h = max(0, XW + c)", rows, new[] { "h₁", "h₂" }));
Kit.Show(Kit.Table(output, "network output f(X)", rows, new[] { "f(X)" }));
Console.WriteLine($"hidden = {h}");
Console.WriteLine($"output = {output}");
var slideHidden = Tensor.FromRows(new[] { 0.0, 0.0 }, new[] { 1.0, 0.0 }, new[] { 1.0, 0.0 },
                                  new[] { 2.0, 1.0 });
if (!h.Equals(slideHidden)) throw new Exception("hidden values differ from the slide");
if (!output.Equals(y)) throw new Exception("the slide's network should reproduce XOR exactly");

// The hidden layer has moved the points: $[0,1]$ and $[1,0]$ both land on $[1, 0]$, and the four inputs now sit where a straight line (the output unit, $h_1 - 2h_2$) *can* separate them. That is what a hidden layer is for.
//
// The network's output over the whole plane shows where it draws the boundary between 0 and 1 (the colour is $f(x_1, x_2)$, the crosses are the inputs with $y = 0$ and the rings those with $y = 1$):

Kit.Show(Plots.DecisionBoundary(net, X, y, title: "The slide's hand-set network"));

// With $s = x_1 + x_2$ the network computes $\max(0, s) - 2\max(0, s - 1)$: a ridge along the line $s = 1$, where the two rings lie and the output is 1 (dark blue), falling off on both sides to 0 at the crosses ($s = 0$ and $s = 2$) and below 0 beyond them. The two ReLU units bend the plane twice, at $s = 0$ and at $s = 1$, which no single line can do.
//
// ## Learning the weights instead of setting them
//
// Nobody sets weights by hand in practice. Start a 2-2-1 network (ReLU hidden layer, linear output) from random weights drawn with a seed, and let full-batch Adam lower the mean squared error. `Xor.Train` runs the loop you will meet again and again:
//
// ```
// optimizer.ZeroGradients();
// loss = lossFunction.Forward(model.Forward(X), y);   // forward
// model.Backward(lossFunction.Backward());           // backpropagation
// optimizer.Step();                                  // update
// ```
//
// Change `seed`, `epochs` or `lr` and re-run.

int seed = 0, epochs = 1000;
double lr = 0.05;
var run = Xor.Train<double>(seed, epochs, lr);
Kit.Show(Plots.LossCurve(run.LossHistory, $"XOR training loss (seed {seed}, Adam, lr {lr})",
    logScale: true));
Kit.Show(Kit.Table(run.Predictions, "trained network's predictions", rows, new[] { "ŷ" }, "F4"));
Console.WriteLine($"seed {seed}: final loss {run.LossHistory[^1]:E2}, solved = {run.Solved}");
foreach (var p in run.Model.Parameters) Console.WriteLine($"{p.Name} = {p.Value}");

if (!run.Solved) throw new Exception("seed 0 should learn XOR");
Kit.Show(Plots.DecisionBoundary(run.Model, X, y, title: $"Learned from random weights (seed {seed})"));

// The loss falls from 1.66 to $10^{-33}$, which is zero in double precision, and the four predictions are exactly 0, 1, 1, 0. The learned weights look nothing like the slide's, but they are the slide's network in disguise: unit 2 computes $\max(0, 1.38\,s)$ and unit 1 $\max(0, 1.23\,(s - 1))$, and the output weights 0.73 and −1.63 rescale them back to $1.006\,s - 2.006 \max(0, s - 1)$. The units are swapped and scaled; the function on the four inputs is the same. There are many solutions.
//
// ### Is backpropagation right?
//
// The gradients that trained this network came from the backward passes. A gradient check compares them with finite differences, $\big(L(\theta + \varepsilon) - L(\theta - \varepsilon)\big) / 2\varepsilon$, number by number:

var model = Xor.Train<double>(seed: 0, epochs: 10).Model;
var check = GradientCheck.Check(model, new MeanSquaredError<double>(), X, y);
Kit.Show(check);
if (!check.Passed) throw new Exception("gradient check failed");

// Every gradient, including the one with respect to the inputs, agrees with its finite-difference estimate to better than $10^{-10}$: the difference left is the estimate's own error, not a mistake in backpropagation.
//
// ## Not every seed learns
//
// With only two hidden ReLU units there is little room for error: if a unit starts (or is pushed) where its input is negative for all four examples, it is dead (notebook 2) and the network is stuck, often at the linear answer 0.5. Count how many of 100 seeds learn XOR with each hidden activation:

var candidates = new (string Name, Func<Activation<double>> Make)[]
{
    ("ReLU", () => new Relu<double>()), ("LeakyReLU(0.1)", () => new LeakyRelu<double>(0.1)),
    ("tanh", () => new Tanh<double>()), ("sigmoid", () => new Sigmoid<double>()),
};
double Solved(Func<Activation<double>> g) =>
    Enumerable.Range(0, 100).Count(s => Xor.Train<double>(s, 1000, 0.05, g()).Solved);
var solvedCounts = candidates.Select(c => Solved(c.Make)).ToArray();
for (int k = 0; k < candidates.Length; k++)
    Console.WriteLine($"{candidates[k].Name,-15} solved {solvedCounts[k]} of 100 seeds");
Kit.Show(Plots.Bars("Seeds (of 100) that learn XOR with a 2-2-1 network", "seeds solved",
    candidates.Select(c => c.Name).ToArray(), solvedCounts));

// Only 19 of 100 ReLU networks solve it, against 65 with Leaky ReLU and more than 80 with tanh or the sigmoid. ReLU's hard zero makes dead units common in so small a network; Leaky ReLU's slope keeps gradients flowing, and the smooth tanh and sigmoid rarely get stuck here. With more hidden units (try it in the exercises) almost every seed works for every activation.
//
// ## Exercises
//
// 1. Find a seed for which the ReLU network fails. Plot its decision boundary and look at its hidden layer's weights: which unit is dead?
// 2. Give the network 4 hidden units instead of 2 (copy the body of `Xor.Train` into a cell). How many of 100 ReLU seeds succeed now?
// 3. Replace Adam by `new GradientDescent<double>(model.Parameters, 0.1)`. How many epochs does seed 0 need?
// 4. The trained network is the slide's with its units swapped and rescaled. Find a rescaling of the slide's weights that still gives exactly $[0, 1, 1, 0]$, and explain why ReLU allows it (hint: $\max(0, a z) = a \max(0, z)$ for $a > 0$).
// 5. Why is the least-squares $b$ exactly the mean of $\mathbf{y}$ when $\mathbf{W} = 0$?
