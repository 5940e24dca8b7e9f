// 02-activation-functions.cs: the lecture notebook notebooks/02-activation-functions.ipynb as a .NET 10 file-based app, without a notebook engine.
// Run it here with `dotnet run 02-activation-functions.cs`: text goes to the console, what the notebook displays to 02-activation-functions.html.
// Made by `coursekit export --to app` from the notebook: edit the notebook and export again, not this file.
#:project ../../lib/CourseKit.Interactive/CourseKit.Interactive.csproj
#:property Configuration=Release
#:property Nullable=annotations
using CourseKit.Tensors;
using CourseKit.Activations;
using CourseKit.Layers;
using CourseKit.Losses;
using CourseKit.Interactive;
using CourseKit.Interactive.Charts;
using CourseKit.Interactive.Formatting;

// The lesson reads its files relative to the notebook's folder, as it does in a notebook.
System.IO.Directory.SetCurrentDirectory(System.IO.Path.GetFullPath(System.IO.Path.Combine(
    (string)System.AppContext.GetData("EntryPointFileDirectoryPath")!, "..")));

// # 2 · Activation functions
//
// *Lecture 6: the slides **Activation functions**, **Common activation functions in hidden units**, **Why linear functions are not preferred?**, **ReLU**, **ReLU is non-differentiable**, **Leaky ReLU** and **Sigmoid and tanh**.*
//
// A hidden layer computes $\mathbf{h} = g(\mathbf{W}^\top \mathbf{x} + \mathbf{b})$: an affine map followed by an activation $g$. (That slide uses column vectors; with CourseKit's row vectors the same layer is $\mathbf{h} = g(\mathbf{x}\mathbf{W} + \mathbf{b})$ — the same $\mathbf{W}$.) The slides ask two questions of every $g$: *what behaviour does it give*, and *how will its gradients behave?* Training follows gradients, so the second question matters as much as the first.

// (Kit.Setup() connects the kit to a notebook's display; an app shows into its report.)

// ## Each activation and its gradient
//
// For every function below, the chart draws $g(x)$ and its derivative $g'(x)$, both computed by the library: the derivative comes from the same backward pass that training uses.

var activations = new ElementwiseActivation<double>[]
{
    new Relu<double>(), new LeakyRelu<double>(0.1), new LeakyRelu<double>(0.01),
    new Sigmoid<double>(), new Tanh<double>(),
};
foreach (var g in activations)
{
    Kit.Show(LatexDisplay.Math(g.Formula));
    Kit.Show(Plots.Activation(g));
}

// Two families. ReLU and its leaky variants are straight lines on each side of 0, so their derivative is a constant there: 1 on the right, 0 (or the leak, 0.1 or 0.01) on the left. Sigmoid and tanh are S-curves whose derivative is a bump at 0 that flattens out on both sides.
//
// The same information as numbers, at a few points. Read the $g'$ rows as *how much of the error signal passes backwards through this unit*.

var xs = new[] { -10.0, -2.0, -0.5, 0.0, 0.5, 2.0, 10.0 };
var x = Tensor.Row(xs);
var table = Tensor.Stack(activations.SelectMany(g => new[] { g.Apply(x), g.Derivative(x) }));
var names = activations.SelectMany(g => new[] { $"{g.Name}(x)", $"{g.Name}'(x)" }).ToList();
var columns = xs.Select(v => $"x = {v}").ToArray();
Kit.Show(Kit.Table(table, "activations and their derivatives", names, columns, "G4"));

// The sigmoid passes back at most a quarter of the error signal ($\sigma'(0) = 0.25$), and at $x = \pm 10$ only $4.5 \times 10^{-5}$ of it; tanh passes back all of it at 0 and almost none at $\pm 10$. ReLU passes back all of it for every positive input and nothing for a negative one; the leaky versions keep 0.1 or 0.01.
//
// ## ReLU at zero
//
// ReLU, $\max(0, z)$, has a kink at $z = 0$: the derivative from the left is 0 and from the right is 1, so strictly it has none there. The slide's answer: a few such points do not matter, and *software simply returns one of the one-sided derivatives*. PyTorch returns the left one, 0, and so does CourseKit:

var relu = new Relu<double>();
Console.WriteLine($"ReLU'(-1) = {relu.Derivative(-1.0)}, ReLU'(0) = {relu.Derivative(0.0)}, "
    + $"ReLU'(1) = {relu.Derivative(1.0)}");
if (relu.Derivative(0.0) != 0.0) throw new Exception("ReLU'(0) should be 0, as in PyTorch");

// ## The dead ReLU problem
//
// A ReLU unit whose input is negative for *every* example outputs 0 and passes back a gradient of exactly 0: its weights never change again. This can happen after one large update pushes the bias far negative. Below, a unit's bias is −10 while its inputs are small, so $z < 0$ everywhere. Its weight gradient is all zeros — the unit is dead. Leaky ReLU keeps a small slope for $z < 0$, so the same unit still gets a gradient and can recover.

var random = new Random(2);
var X = Tensor.Normal(64, 3, 0.0, 1.0, random);    // 64 examples, 3 features
var target = Tensor.Normal(64, 1, 0.0, 1.0, random);
var W = Tensor.Normal(3, 1, 0.0, 0.5, random);
var deadBias = Tensor.Row(-10.0);
foreach (var g in new Activation<double>[] { new Relu<double>(), new LeakyRelu<double>(0.01) })
{
    var unit = new Dense<double>(W, deadBias, g);
    var mse = new MeanSquaredError<double>();
    mse.Forward(unit.Forward(X), target);
    unit.Backward(mse.Backward());
    double gradNorm = Math.Sqrt(unit.Weights.Gradient.Map(v => v * v).Sum());
    double positive = unit.Forward(X).Map(v => v > 0 ? 1.0 : 0.0).Sum();
    Console.WriteLine($"{g.Name,-16} outputs > 0: {positive,3}   |∂L/∂W| = {gradNorm:G3}");
}

// Neither unit outputs anything positive for any of the 64 examples. The ReLU's gradient is exactly 0, so no optimizer will ever move its weights: it is dead. The leaky unit's gradient is small (0.007) but not zero, so training can still pull its bias back up.
//
// ## Saturation: why sigmoid and tanh learn slowly
//
// The slides: sigmoid and tanh *saturate across most of their domain*. Far from 0 they are flat, so their derivative is nearly 0: $\sigma'(10) \approx 4.5 \times 10^{-5}$. Even at its best, $\sigma'(0) = 1/4$, while $\tanh'(0) = 1$ — tanh looks like the identity near 0, which is why it *optimizes slightly better*.
//
// Backpropagation multiplies one such derivative per layer. Here is a 10-layer network with the same random weights each time and only the activation changed; the chart shows the size of the gradient that reaches each layer's weights.

double Norm(Tensor<double> t) => Math.Sqrt(t.Map(v => v * v).Sum());
double[] GradientNormPerLayer(Func<Activation<double>> g)
{
    var rnd = new Random(3);
    Layer<double> Hidden() => new Dense<double>(16, 16, g(), rnd, WeightInit.XavierNormal);
    var layers = Enumerable.Range(0, 10).Select(_ => Hidden()).ToList();
    layers.Add(new Dense<double>(16, 1, null, rnd));         // drawn after the ten hidden layers
    var net = new Sequential<double>(layers.ToArray());
    var inputsInner = Tensor.Normal(32, 16, 0.0, 1.0, new Random(4));
    var loss = new MeanSquaredError<double>();
    loss.Forward(net.Forward(inputsInner), Tensor.Ones<double>(32, 1));
    net.Backward(loss.Backward());
    return net.Layers.Take(10).Select(l => Norm(((Dense<double>)l).Weights.Gradient)).ToArray();
}

var sigmoidNorms = GradientNormPerLayer(() => new Sigmoid<double>());
var tanhNorms = GradientNormPerLayer(() => new Tanh<double>());
var reluNorms = GradientNormPerLayer(() => new Relu<double>());
Kit.Show(Plots.LogCurves("Gradient norm reaching each layer (layer 1 is furthest from the loss)",
    "layer", "|∂L/∂W|", ("sigmoid", sigmoidNorms), ("tanh", tanhNorms), ("ReLU", reluNorms)));
var byActivation = new[] { ("sigmoid", sigmoidNorms), ("tanh", tanhNorms), ("ReLU", reluNorms) };
foreach (var (name, norms) in byActivation)
    Console.WriteLine($"{name,-7}: layer 1 gets {norms[0] / norms[9]:E2} of layer 10's gradient");
if (!(sigmoidNorms[0] < sigmoidNorms[9] / 100)) throw new Exception("the gradient should vanish");

// On the log scale the sigmoid's line falls by more than six orders of magnitude from layer 10 back to layer 1: the first layer gets $2.6 \times 10^{-7}$ of the last one's gradient, so it hardly learns at all. Each sigmoid layer multiplies the error signal by at most 1/4. Tanh's gradient keeps its size through all ten layers (1.27), and ReLU's shrinks by a factor of about 7 (0.14): a ReLU passes the signal unchanged where it is active and not at all where it is not.
//
// ## Why not a linear activation?
//
// If $g$ is the identity, a stack of layers is still one linear map:
//
// $$\left(\left(\mathbf{i}\mathbf{W}^1 + \mathbf{b}^1\right)\mathbf{W}^2 + \mathbf{b}^2\right)\mathbf{W}^3 + \mathbf{b}^3 = \mathbf{i}\,\underbrace{\mathbf{W}^1\mathbf{W}^2\mathbf{W}^3}_{\mathbf{W}} + \underbrace{\left(\mathbf{b}^1\mathbf{W}^2 + \mathbf{b}^2\right)\mathbf{W}^3 + \mathbf{b}^3}_{\mathbf{b}}$$
//
// So depth buys nothing without a non-linearity: "multiple linear transformation is basically one giant linear transformation". Numerically:

var rng = new Random(5);
var linearNet = new Sequential<double>(new Dense<double>(3, 5, null, rng),
    new Dense<double>(5, 4, null, rng), new Dense<double>(4, 2, null, rng));
foreach (var p in linearNet.Parameters.Where(p => p.Name.EndsWith(".b")))
    p.Set(Tensor.Normal(1, p.Value.Cols, 0.0, 1.0, rng));
var d = linearNet.Layers.Cast<Dense<double>>().ToArray();
var Wall = d[0].Weights.Value.MatMul(d[1].Weights.Value).MatMul(d[2].Weights.Value);
var ball = d[0].Bias.Value.MatMul(d[1].Weights.Value).Add(d[1].Bias.Value)
    .MatMul(d[2].Weights.Value).Add(d[2].Bias.Value);
var inputs = Tensor.Normal(6, 3, 0.0, 1.0, rng);
var (deep, single) = (linearNet.Predict(inputs), inputs.MatMul(Wall).Add(ball));
Kit.Show(Wall.AsLatex(@"\mathbf{W} = \mathbf{W}^1\mathbf{W}^2\mathbf{W}^3"));
Console.WriteLine($"three linear layers vs one: max difference {deep.MaxAbsDifference(single):E2}");
if (deep.MaxAbsDifference(single) > 1e-12) throw new Exception("a linear stack is one linear map");

// Six inputs through three layers, or through the single matrix $\mathbf{W} = \mathbf{W}^1\mathbf{W}^2\mathbf{W}^3$ and bias $\mathbf{b}$: the outputs agree to rounding (about $10^{-16}$). The three layers were one linear map all along.
//
// The third point on that slide — *cannot use backpropagation as the derivative is constant* — means the gradient of a linear unit does not depend on its input, so it cannot learn *where* to bend. The next notebook shows the consequence: a linear model cannot learn XOR.
//
// ## Exercises
//
// 1. Plot `new LeakyReLU<double>(0.3)` with `Plots.Activation`. Where is its derivative discontinuous?
// 2. In the dead-ReLU cell, change the bias to −1. How many outputs are positive now, and is the gradient still zero?
// 3. Re-run the gradient-norm experiment with `WeightInit.HeNormal` for ReLU. Does the ReLU gradient stay steadier across layers?
// 4. Show with a 1×1 example that $\sigma'(x) = \sigma(x)(1 - \sigma(x))$: compute both sides at $x = 0.7$.
// 5. Why is a softmax not an `ElementwiseActivation` in CourseKit? (Hint: what does output 1 depend on?)
