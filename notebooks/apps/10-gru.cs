// 10-gru.cs: the lecture notebook notebooks/10-gru.ipynb as a .NET 10 file-based app, without a notebook engine.
// Run it here with `dotnet run 10-gru.cs`: text goes to the console, what the notebook displays to 10-gru.html.
// Made by `coursekit export --to app` from the notebook: edit the notebook and export again, not this file.
#:project ../../lib/CourseKit.Interactive/CourseKit.Interactive.csproj
#:property Configuration=Release
#:property Nullable=annotations
using CourseKit.Tensors;
using CourseKit.Training;
using CourseKit.Activations;
using CourseKit.Layers;
using CourseKit.Losses;
using CourseKit.Optimizers;
using CourseKit.Gradients;
using CourseKit.Examples;
using CourseKit.Interactive;
using CourseKit.Recurrent;
using CourseKit.Text;
using CourseKit.Recurrent.Architectures;
using CourseKit.Interactive.Charts;

// The lesson reads its files relative to the notebook's folder, as it does in a notebook.
System.IO.Directory.SetCurrentDirectory(System.IO.Path.GetFullPath(System.IO.Path.Combine(
    (string)System.AppContext.GetData("EntryPointFileDirectoryPath")!, "..")));

// # 10 · Gated RNNs: the GRU
//
// *Lecture 6: the slides **GRU** (both versions) and **Gated RNNs**.*
//
// The gated recurrent unit keeps the LSTM's idea (gates decide what to keep and what to write) with one state instead of two and two gates instead of three. The second GRU slide, in column vectors with **$\mathbf{W}$ on the hidden state and $\mathbf{U}$ on the input**:
//
// $$\mathbf{u}^{(t)} = \sigma(\mathbf{b}_u + \mathbf{W}_u\mathbf{h}^{(t-1)} + \mathbf{U}_u\mathbf{x}^{(t)}) \qquad \mathbf{r}^{(t)} = \sigma(\mathbf{b}_r + \mathbf{W}_r\mathbf{h}^{(t-1)} + \mathbf{U}_r\mathbf{x}^{(t)})$$
//
// $$\mathbf{h}^{(t)} = (1 - \mathbf{u}^{(t)}) \odot \mathbf{h}^{(t-1)} + \mathbf{u}^{(t)} \odot \tanh\big(\mathbf{b}_h + \mathbf{W}_h(\mathbf{r}^{(t)} \odot \mathbf{h}^{(t-1)}) + \mathbf{U}_h\mathbf{x}^{(t)}\big)$$
//
// The **update gate** $\mathbf{u}$ plays the role of the LSTM's forget and input gates together: one knob mixes old state and new candidate. The **reset gate** $\mathbf{r}$ decides how much of the old state the candidate may look at.
//
// The first GRU slide writes the same thing as $z_t = \sigma(W_z \cdot [h_{t-1}, x_t])$, $r_t = \sigma(W_r \cdot [h_{t-1}, x_t])$, $\tilde{h}_t = \tanh(W \cdot [r_t * h_{t-1}, x_t])$, $h_t = (1 - z_t) * h_{t-1} + z_t * \tilde{h}_t$: its $z$ is this slide's $\mathbf{u}$, its $\tilde{h}$ the $\tanh(\dots)$ candidate, and $W \cdot [\cdot, \cdot]$ is $[\mathbf{W}\ \mathbf{U}]$ side by side, as in the LSTM notebook.

// (Kit.Setup() connects the kit to a notebook's display; an app shows into its report.)

// ## One GRU step with numbers
//
// Hidden size 2, input size 3, small hand-picked weights.

var Wu = Tensor.FromRows(new[] { 0.3, -0.1 }, new[] { 0.2, 0.4 });
var Uu = Tensor.FromRows(new[] { 0.2, 0.1, -0.3 }, new[] { 0.0, 0.4, 0.1 });
var bu = Tensor.Column(0.1, -0.2);
var Wr = Tensor.FromRows(new[] { -0.2, 0.3 }, new[] { 0.5, 0.1 });
var Ur = Tensor.FromRows(new[] { 0.4, 0.0, 0.2 }, new[] { -0.1, 0.2, 0.3 });
var br = Tensor.Column(-1.0, 1.5);
var Wh = Tensor.FromRows(new[] { 0.6, -0.4 }, new[] { 0.3, 0.5 });
var Uh = Tensor.FromRows(new[] { 0.1, 0.5, 0.0 }, new[] { 0.3, -0.2, 0.4 });
var bh = Tensor.Column(0.1, 0.0);
var x = Tensor.Column(1.0, 0.5, -1.0);      // x(t)
var hPrev = Tensor.Column(0.5, -0.5);        // h(t-1)
var cell = GruCell<double>.FromSlide(update: (Wu, Uu, bu), reset: (Wr, Ur, br), candidate: (Wh, Uh, bh));
Console.WriteLine($"{cell}: reset {cell.Reset}, gates {string.Join(", ", cell.GateNames)}, {cell.ParameterCount} parameters");
Kit.Show(cell.ExplainStep(x, hPrev));

// ### The same step by hand

Tensor<double> Sigmoid(Tensor<double> z) => z.Map(v => 1 / (1 + Math.Exp(-v)));
Tensor<double> Tanh(Tensor<double> z) => z.Map(Math.Tanh);
var ones = Tensor.Ones<double>(2, 1);
var u = Sigmoid(bu + Wu.MatMul(hPrev) + Uu.MatMul(x));                    // update gate
var r = Sigmoid(br + Wr.MatMul(hPrev) + Ur.MatMul(x));                    // reset gate
var hTilde = Tanh(bh + Wh.MatMul(r.Hadamard(hPrev)) + Uh.MatMul(x));      // candidate: reset BEFORE the product
var h = (ones - u).Hadamard(hPrev) + u.Hadamard(hTilde);                  // forget some old, add some new
Console.WriteLine($"u = {u.Transpose()}  r = {r.Transpose()}");
Console.WriteLine($"h̃ = {hTilde.Transpose()}");
Console.WriteLine($"h(t) = {h.Transpose()}");

// check: the library's step against the hand computation
var step = cell.Step(x.Transpose(), hPrev.Transpose());
foreach (var (name, hand) in new[] { ("u", u), ("r", r), ("h̃", hTilde), ("h", h) })
{
    double diff = step[name].MaxAbsDifference(hand.Transpose());
    Console.WriteLine($"{name,-2} max |library − hand| = {diff:E1}");
    if (diff > 1e-12) throw new Exception($"{name} differs from the hand computation by {diff}");
}

// ## Where does the reset go? The slide vs PyTorch
//
// PyTorch's `nn.GRU` (and cuDNN) writes the GRU differently:
//
// $$\mathbf{z} = \sigma(\dots) \qquad \mathbf{n} = \tanh\big(\mathbf{b}_{in} + \mathbf{U}_n\mathbf{x} + \mathbf{r} \odot (\mathbf{W}_n\mathbf{h}^{(t-1)} + \mathbf{b}_{hn})\big) \qquad \mathbf{h}^{(t)} = (1 - \mathbf{z}) \odot \mathbf{n} + \mathbf{z} \odot \mathbf{h}^{(t-1)}$$
//
// Two differences:
//
// 1. **$\mathbf{z}$ is a *keep* gate**, the slide's $\mathbf{u}$ a *write* gate: $\mathbf{u} = 1 - \mathbf{z}$. Since $1 - \sigma(a) = \sigma(-a)$, negating the update gate's weights and bias turns one into the other exactly.
// 2. **The reset acts after the product**: $\mathbf{r} \odot (\mathbf{W}_n\mathbf{h})$ instead of $\mathbf{W}_h(\mathbf{r} \odot \mathbf{h})$.
//
// Build PyTorch's cell from the *same* numbers (z's block negated, everything else unchanged) and take the same step:

Tensor<double> Stack(params Tensor<double>[] blocks)   // blocks on top of each other (PyTorch's gate stacking)
{
    var m = new Tensor<double>(blocks.Sum(b => b.Rows), blocks[0].Cols);
    int row = 0;
    foreach (var b in blocks) { for (int k = 0; k < b.Rows; k++, row++) for (int j = 0; j < b.Cols; j++) m[row, j] = b[k, j]; }
    return m;
}
var pytorchCell = new GruCell<double>(3, 2, GruResetPlacement.AfterMatmul);
pytorchCell.SetFromPyTorch(Stack(Ur, -1.0 * Uu, Uh), Stack(Wr, -1.0 * Wu, Wh), Stack(br, -1.0 * bu, bh).Transpose(), null);   // order r, z, n
Kit.Show(pytorchCell.ExplainStep(x, hPrev));
var pyStep = pytorchCell.Step(x.Transpose(), hPrev.Transpose());
var zPlusU = pyStep["z"] + step["u"];
var hDifference = pyStep["h"] - step["h"];
Console.WriteLine($"z + u = {zPlusU}   (u = 1 − z)");
Console.WriteLine($"slide (reset before): h(t) = {step["h"]}");
Console.WriteLine($"PyTorch (reset after): h(t) = {pyStep["h"]}");
Console.WriteLine($"difference = {hDifference}");
if (zPlusU.MaxAbsDifference(Tensor.Ones<double>(1, 2)) > 1e-12) throw new Exception("z should be 1 − u");
if (pyStep["r"].MaxAbsDifference(step["r"]) > 1e-12) throw new Exception("the reset gates should agree");
if (hDifference.MaxAbsDifference(Tensor.Zeros<double>(1, 2)) < 1e-3) throw new Exception("the two placements should give different states");

// PyTorch's candidate by hand, to be sure the difference is only where r goes
var nHand = Tanh(bh + Uh.MatMul(x) + r.Hadamard(Wh.MatMul(hPrev)));
var hPyTorchHand = u.Hadamard(nHand) + (ones - u).Hadamard(hPrev);      // (1 − z) ⊙ n + z ⊙ h with z = 1 − u
Console.WriteLine($"W_h (r ⊙ h) = {Wh.MatMul(r.Hadamard(hPrev)).Transpose()}   vs   r ⊙ (W_h h) = {r.Hadamard(Wh.MatMul(hPrev)).Transpose()}");
if (pyStep["h"].MaxAbsDifference(hPyTorchHand.Transpose()) > 1e-12) throw new Exception("PyTorch's form by hand should match the library");

// Same weights, same gates, different new state: the two placements are **different functions**, not two spellings of one.
//
// **Why no change of weights converts one into the other.** Write the reset as a diagonal matrix, $\mathbf{r} \odot \mathbf{v} = \mathrm{diag}(\mathbf{r})\,\mathbf{v}$. The slide computes $\mathbf{W}_h\,\mathrm{diag}(\mathbf{r})\,\mathbf{h}$: the reset scales the *columns* of $\mathbf{W}_h$ (which old units the candidate may read). PyTorch computes $\mathrm{diag}(\mathbf{r})\,\mathbf{W}_n\mathbf{h}$: it scales the *rows* (which candidate units hear from the past at all). To turn one into the other we would need $\mathbf{W}_n = \mathrm{diag}(\mathbf{r})^{-1}\,\mathbf{W}_h\,\mathrm{diag}(\mathbf{r})$, but $\mathbf{r}$ changes with every input and every step, while the weights are fixed. It works for all $\mathbf{r}$ only when $\mathbf{W}_h$ is diagonal (and PyTorch's extra bias $\mathbf{b}_{hn}$ inside the reset has no counterpart on the slide). That is why exchange formats carry a flag: ONNX's `linear_before_reset` (1 = PyTorch's form) and Keras's `reset_after` (True = PyTorch's form, the default since TF 2; False = the slide's and Cho et al.'s). The library supports both: `GruResetPlacement.BeforeMatmul` (slides, `CellKind.GruSlides`) and `AfterMatmul` (PyTorch, `CellKind.Gru`).
//
// ## Fewer parameters than the LSTM
//
// Each gate (or candidate) has a $\mathbf{W}$ ($H \times H$), a $\mathbf{U}$ ($H \times I$) and, in PyTorch's convention, two bias vectors. The simple RNN has one such block, the GRU three, the LSTM four:
//
// $$\text{simple RNN: } H(I + H) + 2H \qquad \text{GRU: } 3\big(H(I + H) + 2H\big) \qquad \text{LSTM: } 4\big(H(I + H) + 2H\big)$$

var sizes = new (int I, int H)[] { (3, 2), (10, 20), (50, 100), (100, 256), (300, 512) };
var counts = new Tensor<double>(sizes.Length, 4);
for (int k = 0; k < sizes.Length; k++)
{
    var (I, H) = sizes[k];
    int block = H * (I + H) + 2 * H;
    int rnnCount = new SimpleRnnCell<double>(I, H, RnnNonlinearity.Tanh, new Random(0)).ParameterCount;
    int gruCount = new GruCell<double>(I, H).ParameterCount;
    int lstmCount = new LstmCell<double>(I, H).ParameterCount;
    if (rnnCount != block || gruCount != 3 * block || lstmCount != 4 * block) throw new Exception($"parameter counts differ from the formula at I={I}, H={H}");
    (counts[k, 0], counts[k, 1], counts[k, 2], counts[k, 3]) = (rnnCount, gruCount, lstmCount, (double)gruCount / lstmCount);
    Console.WriteLine($"I = {I,3}, H = {H,3}: simple RNN {rnnCount,9:N0}   GRU {gruCount,9:N0}   LSTM {lstmCount,9:N0}   GRU/LSTM = {(double)gruCount / lstmCount:F2}");
}
Kit.Show(Kit.Table(counts, "parameters per layer", sizes.Select(s => $"I={s.I}, H={s.H}").ToArray(), new[] { "simple RNN", "GRU", "LSTM", "GRU / LSTM" }));
Kit.Show(Plots.Bars("Parameters of one layer, I = 100, H = 256", "parameters", new[] { "simple RNN", "GRU", "LSTM" }, new[] { counts[3, 0], counts[3, 1], counts[3, 2] }));

// Always 3/4 of the LSTM: a GRU layer saves a quarter of the parameters (and of the work per step).
//
// ## "GRUs generally perform as well or better than LSTMs with fewer parameters"
//
// A quick check on the memory task of the LSTM notebook: each sequence starts with one of four symbols A–D, then $D$ random distractors; at the end the network must name the first symbol (chance 25%). Same embedding, hidden size, data, optimizer and epochs for both. Both get the same "remember by default" initialisation of the gate that keeps the old state: the LSTM's forget bias and the GRU's keep-gate bias (PyTorch's $\mathbf{z}$, i.e. the slide's $\mathbf{u}$ biased toward 0) start at +3.

const int symbols = 4, vocab = 9;                                    // ids 1–4: A B C D, ids 5–8: distractors (0 is padding)
(List<int[]> X, List<int> y) MemoryTask(int D, int n, int seed)
{
    var rng = new Random(seed);
    var X = new List<int[]>(); var y = new List<int>();
    for (int k = 0; k < n; k++)
    {
        int s = rng.Next(symbols);
        var seq = new int[D + 1];
        seq[0] = 1 + s;
        for (int t = 1; t <= D; t++) seq[t] = 1 + symbols + rng.Next(4);
        X.Add(seq); y.Add(s);
    }
    return (X, y);
}
int numHiddens = 12, embedding = 8, epochs = 16, batchSize = 16;
double lr = 0.01;
const double keepBias = 3.0;
TextClassifier<double> MemoryModel(CellKind kind)
{
    var model = new TextClassifier<double>(vocab, embedding, RecurrentEncoder.Create<double>(kind, embedding, numHiddens, random: new Random(0)), symbols, new Random(0));
    var gated = ((RecurrentLayer<double>)model.Encoder).Cell;
    for (int j = 0; j < numHiddens; j++) { gated.InputBias.Value[0, numHiddens + j] = keepBias; gated.HiddenBias.Value[0, numHiddens + j] = 0; }  // block 1: LSTM f, GRU z
    return model;
}
int[] distances = { 20, 40 };
var results = new List<(int D, string Cell, int Parameters, double Accuracy)>();
foreach (int D in distances)
{
    var (Xtrain, ytrain) = MemoryTask(D, 512, 1);
    var (Xtest, ytest) = MemoryTask(D, 200, 999);
    foreach (var kind in new[] { CellKind.Gru, CellKind.Lstm })
    {
        var model = MemoryModel(kind);
        var history = new Trainer<double>(model, new Adam<double>(model.Parameters, lr)) { ClipNorm = 5 }.Fit(Xtrain, ytrain, epochs, batchSize, shuffleSeed: 0);
        double acc = model.Accuracy(Xtest, ytest);
        string name = kind == CellKind.Gru ? "GRU" : "LSTM";
        results.Add((D, name, model.ParameterCount, acc));
        Console.WriteLine($"D = {D}  {name,-4}  {model.ParameterCount,5} parameters (recurrent layer {model.Encoder.ParameterCount,4})  train loss {history.TrainLoss[^1]:F3}  test accuracy {acc:P1}");
    }
}

Kit.Show(Plots.Bars("Remember the first symbol: GRU vs LSTM, test accuracy", "accuracy", results.Select(x => $"D={x.D} {x.Cell}").ToArray(), results.Select(x => x.Accuracy).ToArray()));
// check: the GRU keeps up with the LSTM while using fewer parameters
foreach (int D in distances)
{
    var gru = results.Single(x => x.D == D && x.Cell == "GRU");
    var lstm = results.Single(x => x.D == D && x.Cell == "LSTM");
    if (gru.Parameters >= lstm.Parameters) throw new Exception("the GRU model should be smaller");
    if (gru.Accuracy < lstm.Accuracy - 0.05) throw new Exception($"at D = {D} the GRU should do about as well as the LSTM");
}
Console.WriteLine("GRU: as accurate as the LSTM with fewer parameters");

// One small task is not a benchmark, but it matches what larger comparisons found (Chung et al. 2014; Jozefowicz et al. 2015): on many tasks the GRU does as well as the LSTM with 3/4 of the parameters, with neither winning everywhere. The LSTM's separate cell and output gate can still help on some tasks (e.g. counting or very long contexts).
//
// **Gated RNNs**, the slide's properties:
//
// - *They can forget different amounts at each time step*: the gates are learned, input-dependent numbers in (0, 1), one per unit and step (the heatmaps in the LSTM notebook show them).
// - *They are much better at using long-distance information*: the state is updated by mixing old and new, not squashed through a matrix at every step, so information and gradients cross many steps. Both cells remember the first symbol after 40 distractors, where the simple RNN is at chance.
// - *A bidirectional GRU is a good starting point for many sequence tagging tasks*: in this kit, a `SequenceTagger` over `RecurrentEncoder.Create<double>(CellKind.Gru, inputs, hidden, bidirectional: true)`.
//
// ## Exercises
//
// 1. Change $\mathbf{b}_u$ to $[-5, -5]$ in the worked step. What is $\mathbf{h}^{(t)}$ now, and why? What LSTM gate settings would have the same effect?
// 2. Show by hand that the two reset placements agree whenever $\mathbf{r} = [1, 1]$ or $\mathbf{W}_h$ is diagonal (with $\mathbf{b}_{hn} = 0$). Check it with `ExplainStep` of both cells.
// 3. Rerun the GRU vs LSTM comparison with `keepBias = 0` (PyTorch's default initialisation). Which cell suffers more at $D = 40$?
// 4. Give the GRU the LSTM's parameter budget: how large can `numHiddens` be for the GRU so its recurrent layer has about as many parameters as the LSTM's with 12 units? Does it do better?
// 5. Train the same comparison with `CellKind.GruSlides` (the slide's reset placement). Does the placement matter on this task?
