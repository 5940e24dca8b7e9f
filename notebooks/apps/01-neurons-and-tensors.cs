// 01-neurons-and-tensors.cs: the lecture notebook notebooks/01-neurons-and-tensors.ipynb as a .NET 10 file-based app, without a notebook engine.
// Run it here with `dotnet run 01-neurons-and-tensors.cs`: text goes to the console, what the notebook displays to 01-neurons-and-tensors.html.
// Made by `coursekit export --to app` from the notebook: edit the notebook and export again, not this file.
#:project ../../lib/CourseKit.Interactive/CourseKit.Interactive.csproj
#:property Configuration=Release
#:property Nullable=annotations
using CourseKit.Tensors;
using CourseKit.Activations;
using CourseKit.Layers;
using CourseKit.Interactive;
using CourseKit.Interactive.Formatting;

// The lesson reads its files relative to the notebook's folder, as it does in a notebook.
System.IO.Directory.SetCurrentDirectory(System.IO.Path.GetFullPath(System.IO.Path.Combine(
    (string)System.AppContext.GetData("EntryPointFileDirectoryPath")!, "..")));

// # 1 · Neurons and tensors
//
// *Lecture 6, "Neural Nets and RNN": the slides **Neuron in an ML model**, **Class work**, **Unit calculations as tensor arithmetic** and **A feedforward network as composition**.*
//
// A unit (an artificial neuron) does two things: it takes a **weighted sum** of its inputs, and it passes that sum through an **activation function** $g$. This notebook computes a unit's output by hand, then shows that the same arithmetic, written with vectors and matrices, is what a whole layer and a whole network do.
//
// The slides write inputs as a **row vector** $\mathbf{i}$ and put the weight from input $k$ to unit $j$ in $W_{k,j}$, so a layer is $\mathbf{o} = g(\mathbf{i} \times \mathbf{W})$. CourseKit's `Tensor<double>` and `Dense<double>` use exactly this layout.
//
// Run the first cell once: it loads the kit.

// (Kit.Setup() connects the kit to a notebook's display; an app shows into its report.)

// ## Class work: calculate the output of this unit
//
// The slide draws a unit with its inputs, weights and activation. Here is one with numbers: three inputs, three weights, a bias and a sigmoid activation.
//
// | input $i_k$ | weight $w_k$ |
// |---|---|
// | $i_1 = 1$ | $w_1 = 0.5$ |
// | $i_2 = 2$ | $w_2 = -0.25$ |
// | $i_3 = -1$ | $w_3 = 1$ |
//
// bias $b = 0.5$, activation $g = \sigma$ (the sigmoid, $\sigma(z) = 1 / (1 + e^{-z})$).
//
// Work it out on paper first: $z = \sum_k i_k w_k + b$, then $o = \sigma(z)$. Then run the cell.

var i = Tensor.Row(1.0, 2.0, -1.0);                    // the inputs, a 1×3 row vector
var w = Tensor.Column(0.5, -0.25, 1.0);                // one unit's weights, a 3×1 column of W
var unit = new Dense<double>(w, Tensor.Row(0.5), new Sigmoid<double>());
Kit.Show(unit.ExplainUnit(i));

// Check: z = 1·0.5 + 2·(−0.25) + (−1)·1 + 0.5 = −0.5 and σ(−0.5) = 1 / (1 + e^0.5)
var o = unit.Forward(i)[0, 0];
Console.WriteLine($"unit output o = {o:F6}");
if (Math.Abs(o - 1 / (1 + Math.Exp(0.5))) > 1e-12) throw new Exception($"not σ(−0.5): {o}");

// The weighted sum is $z = 0.5 - 0.5 - 1 + 0.5 = -0.5$, and the sigmoid turns it into $o = 1/(1 + e^{0.5}) \approx 0.378$: a negative sum gives an output below one half.
//
// ## What is a tensor?
//
// A tensor is an array of numbers with some number of axes: a scalar has none, a vector one, a matrix two. Everything in this lecture fits in two axes, so every CourseKit `Tensor` is a matrix with a shape written *(rows × columns)*:
//
// * a row vector such as the input $\mathbf{i}$ is $(1 \times n)$,
// * a weight matrix $\mathbf{W}$ for $n$ inputs and $m$ units is $(n \times m)$,
// * a **batch** of inputs is just more rows: $(\text{batch} \times n)$.

var W = Tensor.FromRows(
    new[] { 0.5, 1.0 },
    new[] { -0.25, 0.0 },
    new[] { 1.0, -2.0 });
Kit.Show(i);
Kit.Show(W);
Kit.Show(W.AsLatex(@"\mathbf{W}"));

// The input $\mathbf{i}$ is $(1 \times 3)$ and $\mathbf{W}$ is $(3 \times 2)$: three inputs, two units. Column 1 of $\mathbf{W}$ is the class-work unit's weights; column 2 is a second unit's.
//
// ## Three ways to write the same unit
//
// The slide writes unit $j$'s output three times:
//
// $$o_j = g\left(\sum_k i_k w_{k,j}\right) \qquad o_j = g\left(\mathbf{i} \times \mathbf{w}_{*,j}\right) \qquad \mathbf{o} = g(\mathbf{i} \times \mathbf{W})$$
//
// The summation is a loop, the vector form is a dot product with column $j$ of $\mathbf{W}$, and the matrix form computes every unit at once. Here they are side by side (without bias, as on the slide), with $g$ = identity so the numbers are easy to follow.

// 1. summation: a loop over the inputs, for each unit j
var bySum = new double[W.Cols];
for (int j = 0; j < W.Cols; j++)
    for (int k = 0; k < W.Rows; k++)
        bySum[j] += i[0, k] * W[k, j];
Console.WriteLine($"summation : [{string.Join(", ", bySum)}]");

// 2. vector form: i × (column j of W)
var columns = W.Transpose();                          // row j of Wᵀ is column j of W
var byVector = new double[W.Cols];
for (int j = 0; j < W.Cols; j++)
    byVector[j] = i.MatMul(columns.RowAsColumn(j))[0, 0];
Console.WriteLine($"vector    : [{string.Join(", ", byVector)}]");

// 3. matrix form: i × W, all units at once
var byMatrix = i.MatMul(W);
Console.WriteLine($"matrix    : {byMatrix}");
for (int j = 0; j < W.Cols; j++)
    if (bySum[j] != byVector[j] || bySum[j] != byMatrix[0, j])
        throw new Exception($"unit {j} differs");

// All three give $[-1, 3]$, to the last bit: they are the same multiply-adds in a different order of writing.
//
// The matrix form is the one computers like: one matrix product does all the multiply-adds, and CourseKit runs it on a vectorized kernel. A layer is the same product followed by $g$, and `Explain` writes it out step by step with the actual numbers:

var layer = new Dense<double>(W, bias: null, activation: new Relu<double>());
Kit.Show(layer.Explain(i));

// ReLU keeps the 3 and sets the −1 to 0: $\mathbf{o} = [0, 3]$.
//
// ## A batch is more rows
//
// Stack several inputs as the rows of $\mathbf{X}$ and one product computes every unit for every input: row $r$ of $\mathbf{X}\mathbf{W}$ is input $r$'s layer output.

var X = Tensor.FromRows(
    new[] { 1.0, 2.0, -1.0 },
    new[] { 0.0, 1.0, 0.0 },
    new[] { 3.0, -1.0, 2.0 },
    new[] { 1.0, 1.0, 1.0 });
var O = layer.Forward(X);
Kit.Show(Kit.Table(O, "ReLU(X × W)", new[] { "input 1", "input 2", "input 3", "input 4" },
    new[] { "unit 1", "unit 2" }));
// Row 1 is the single input i from above.
if (O[0, 0] != Math.Max(0, byMatrix[0, 0]) || O[0, 1] != Math.Max(0, byMatrix[0, 1]))
    throw new Exception("row 1 should equal ReLU(i × W)");

// Row 1 is the single input $\mathbf{i}$ from above, $[0, 3]$; each other row is another input through the same weights. Input 2, $[0, 1, 0]$, picks row 2 of $\mathbf{W}$, $[-0.25, 0]$, and ReLU turns it into zeros.
//
// ## A feedforward network is a composition
//
// Feed one layer's output into the next and you have a network. With three layers:
//
// $$\mathbf{o} = g\left(g\left(g\left(\mathbf{i} \times \mathbf{W}^1\right) \times \mathbf{W}^2\right) \times \mathbf{W}^3\right)$$
//
// `Sequential` composes layers in order; its parameters are named by position, so `layer1.W` is $\mathbf{W}^1$. The weights below are random but seeded, so everyone running this notebook sees the same numbers.

var random = new Random(6);
var net = new Sequential<double>(
    new Dense<double>(3, 4, new Tanh<double>(), random, bias: false),
    new Dense<double>(4, 3, new Tanh<double>(), random, bias: false),
    new Dense<double>(3, 2, new Tanh<double>(), random, bias: false));
Console.WriteLine(net);
Console.WriteLine($"parameters: {string.Join(", ", net.Parameters)}; {net.ParameterCount} numbers");
Kit.Show(net.Explain(i));

// The same thing written as the slide's nested formula
var tanh = new Tanh<double>();
Tensor<double> Wk(int k) => ((Dense<double>)net.Layers[k - 1]).Weights.Value;
var nested = tanh.Apply(tanh.Apply(tanh.Apply(i.MatMul(Wk(1))).MatMul(Wk(2))).MatMul(Wk(3)));
var composed = net.Predict(i);
Console.WriteLine($"nested formula : {nested}");
Console.WriteLine($"Sequential     : {composed}");
if (!nested.AllClose(composed, 1e-15)) throw new Exception("differs from the nested formula");

// Three layers, $3 \to 4 \to 3 \to 2$, hold $12 + 12 + 6 = 30$ weights, and `Sequential` computes exactly the slide's nested formula: $\mathbf{o} = [0.434, -0.528]$ both ways.
//
// ## When shapes do not fit
//
// $\mathbf{i} \times \mathbf{W}$ needs as many columns in $\mathbf{i}$ as rows in $\mathbf{W}$. Get it wrong and CourseKit says which shapes clashed, rather than failing somewhere deep inside:

try
{
    Tensor.Row(1.0, 2.0).MatMul(W);   // (1×2) × (3×2): the inner sizes differ
}
catch (ShapeMismatchException e)
{
    Console.WriteLine(e.Message);
}

// The message names both shapes and the two inner sizes that should have been equal.
//
// ## Exercises
//
// 1. Change the class-work unit's activation to `new ReLU<double>()` and to `new Tanh<double>()`. Predict each output before you run the cell.
// 2. Which input of the class-work unit would you change, and by how much, to make $z = 0$? What is $\sigma(0)$?
// 3. Add a fourth unit to $\mathbf{W}$ (a fourth column). What shape does $\mathbf{i} \times \mathbf{W}$ have now? Check with `.Shape`.
// 4. In the three-layer network, how many numbers does each $\mathbf{W}^k$ hold? Confirm `net.ParameterCount`.
// 5. Write the batch computation $\mathbf{X}\mathbf{W}$ as a triple loop and compare it with `X.MatMul(W)` element by element.
