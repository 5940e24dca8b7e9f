// 10-gru.cs: the lecture notebook notebooks/10-gru.ipynb as a .NET 10 file-based app, without a notebook engine.
// Run it here with `dotnet run 10-gru.cs`: text goes to the console, what the notebook displays to 10-gru.html.
// Made by `coursekit export --to app` from the notebook: edit the notebook and export again, not this file.
#:project ../../lib/CourseKit.Interactive/CourseKit.Interactive.csproj
#:property Configuration=Release
#:property Nullable=annotations
using CourseKit.Tensors;
using CourseKit.Optimizers;
using CourseKit.Training;
using CourseKit.Examples;
using CourseKit.Recurrent;
using CourseKit.Recurrent.Architectures;
using CourseKit.Interactive;
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
// Hidden size 2, input size 3, small hand-picked weights; `GruCell.FromSlide` takes each gate's $(\mathbf{W}, \mathbf{U}, \mathbf{b})$ as the slide writes them, and `ExplainStep` writes the step out with every number.

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
var cell = GruCell<double>.FromSlide(update: (Wu, Uu, bu), reset: (Wr, Ur, br),
                                     candidate: (Wh, Uh, bh));
Console.WriteLine($"{cell}: gates {string.Join(", ", cell.GateNames)}");
Kit.Show(cell.ExplainStep(x, hPrev));

// ### The same step by hand
//
// Plain matrix products in the slide's column form:

Tensor<double> Sigmoid(Tensor<double> z) => z.Map(v => 1 / (1 + Math.Exp(-v)));
Tensor<double> Tanh(Tensor<double> z) => z.Map(Math.Tanh);
var ones = Tensor.Ones<double>(2, 1);
var u = Sigmoid(bu + Wu.MatMul(hPrev) + Uu.MatMul(x));                 // update gate
var r = Sigmoid(br + Wr.MatMul(hPrev) + Ur.MatMul(x));                 // reset gate
var hTilde = Tanh(bh + Wh.MatMul(r.Hadamard(hPrev)) + Uh.MatMul(x));   // candidate: r before W_h
var h = (ones - u).Hadamard(hPrev) + u.Hadamard(hTilde);               // old kept + new written
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

// The library and the hand computation agree to the last bit or two. Read the numbers: the reset gate lets the candidate see 26% of unit 1's old state and 80% of unit 2's; the update gate then takes 70% of the candidate into unit 1 and keeps 30% of its old value, $0.3 \cdot 0.5 + 0.7 \cdot 0.597 = 0.568$, while unit 2 takes 45% of its candidate.
//
// ## Where does the reset go? The slide vs PyTorch
//
// PyTorch's `nn.GRU` (and cuDNN) writes the GRU differently:
//
// $$\mathbf{z} = \sigma(\dots) \qquad \mathbf{n} = \tanh\big(\mathbf{b}_{in} + \mathbf{U}_n\mathbf{x} + \mathbf{r} \odot (\mathbf{W}_n\mathbf{h}^{(t-1)} + \mathbf{b}_{hn})\big) \qquad \mathbf{h}^{(t)} = (1 - \mathbf{z}) \odot \mathbf{n} + \mathbf{z} \odot \mathbf{h}^{(t-1)}$$
//
// 1. **$\mathbf{z}$ is a *keep* gate**, the slide's $\mathbf{u}$ a *write* gate: $\mathbf{u} = 1 - \mathbf{z}$. Since $1 - \sigma(a) = \sigma(-a)$, negating the update gate's weights and bias turns one into the other exactly.
// 2. **The reset acts after the product**: $\mathbf{r} \odot (\mathbf{W}_n\mathbf{h})$ instead of $\mathbf{W}_h(\mathbf{r} \odot \mathbf{h})$.
//
// Build PyTorch's cell from the *same* numbers: PyTorch stacks its gates' matrices on top of each other in the order r, z, n, which `Tensor.Concat(0, …)` does, with z's block negated.

var pytorchCell = new GruCell<double>(3, 2, GruResetPlacement.AfterMatmul);
pytorchCell.SetFromPyTorch(Tensor.Concat(0, Ur, -1.0 * Uu, Uh), Tensor.Concat(0, Wr, -1.0 * Wu, Wh),
    Tensor.Concat(0, br, -1.0 * bu, bh), null);                          // order r, z, n
Kit.Show(pytorchCell.ExplainStep(x, hPrev));
var pyStep = pytorchCell.Step(x.Transpose(), hPrev.Transpose());
var zPlusU = pyStep["z"] + step["u"];
Console.WriteLine($"z + u = {zPlusU}   (u = 1 − z)");
Console.WriteLine($"slide (reset before): h(t) = {step["h"]}");
Console.WriteLine($"PyTorch (reset after): h(t) = {pyStep["h"]}");
Console.WriteLine($"W_h (r ⊙ h) = {Wh.MatMul(r.Hadamard(hPrev)).Transpose()}");
Console.WriteLine($"r ⊙ (W_h h) = {r.Hadamard(Wh.MatMul(hPrev)).Transpose()}");
bool agree = zPlusU.AllClose(Tensor.Ones<double>(1, 2)) && pyStep["r"].AllClose(step["r"]);
if (!agree) throw new Exception("z should be 1 − u, and the reset gates should agree");
if (pyStep["h"].AllClose(step["h"], 1e-3)) throw new Exception("the placements should differ");

// Same weights, same gates ($\mathbf{z} + \mathbf{u} = 1$ exactly, the same $\mathbf{r}$), yet a different new state: the two placements are **different functions**, not two spellings of one. The last two lines show where they part: $\mathbf{W}_h(\mathbf{r} \odot \mathbf{h})$ and $\mathbf{r} \odot (\mathbf{W}_h\mathbf{h})$ differ by almost a factor of 2 here.
//
// No change of weights converts one into the other: the slide's reset scales the *columns* of $\mathbf{W}_h$ (which old units the candidate may read), PyTorch's scales its *rows* (which candidate units hear from the past at all), and $\mathbf{r}$ changes with every input while the weights are fixed. So exchange formats carry a flag: ONNX's `linear_before_reset` and Keras's `reset_after` (1 / True = PyTorch's form). The library has both: `GruResetPlacement.BeforeMatmul` (the slides, `CellKind.GruSlides`) and `AfterMatmul` (PyTorch, `CellKind.Gru`).
//
// ## Fewer parameters than the LSTM
//
// Each gate (or candidate) has a $\mathbf{W}$ ($H \times H$), a $\mathbf{U}$ ($H \times I$) and, in PyTorch's convention, two bias vectors. The simple RNN has one such block, the GRU three, the LSTM four:
//
// $$\text{simple RNN: } H(I + H) + 2H \qquad \text{GRU: } 3\big(H(I + H) + 2H\big) \qquad \text{LSTM: } 4\big(H(I + H) + 2H\big)$$

var sizes = new (int I, int H)[] { (3, 2), (10, 20), (50, 100), (100, 256), (300, 512) };
var counts = Tensor.FromRows(sizes.Select(s => new double[]
{
    new SimpleRnnCell<double>(s.I, s.H, RnnNonlinearity.Tanh, new Random(0)).ParameterCount,
    new GruCell<double>(s.I, s.H).ParameterCount, new LstmCell<double>(s.I, s.H).ParameterCount,
}).ToArray());
Kit.Show(Kit.Table(counts, "parameters per layer", sizes.Select(s => $"I={s.I}, H={s.H}").ToArray(),
    new[] { "simple RNN", "GRU", "LSTM" }, "#,0"));

int Block(int I, int H) => H * (I + H) + 2 * H;       // one gate: W (H×H), U (H×I), two biases
for (int k = 0; k < sizes.Length; k++)
{
    var (I, H) = sizes[k];
    var (rnn, gru, lstm) = (counts[k, 0], counts[k, 1], counts[k, 2]);
    Console.WriteLine($"I = {I,3}, H = {H,3}: simple RNN {rnn,9:N0}   GRU {gru,9:N0}   "
        + $"LSTM {lstm,9:N0}   GRU/LSTM = {gru / lstm:F2}");
    if (rnn != Block(I, H) || gru != 3 * Block(I, H) || lstm != 4 * Block(I, H))
        throw new Exception($"parameter counts differ from the formula at I={I}, H={H}");
}

// Always 3/4 of the LSTM, at every size: a GRU layer saves a quarter of the parameters (and of the work per step). At I = 300, H = 512, a typical size for word vectors, that is 1,250,304 numbers instead of 1,667,072.
//
// ## "GRUs generally perform as well or better than LSTMs with fewer parameters"
//
// A quick check on the memory task of the LSTM notebook, `FirstSymbolTask`: each sequence starts with one of four symbols A–D, then $D$ random distractors; at the end the network must name the first symbol (chance 25%). Same embedding, hidden size, data, optimizer and epochs for both cells. Both get the same "remember by default" start: the bias of the gate that keeps the old state is set to +3, the LSTM's forget gate `"f"` and PyTorch's keep gate `"z"` (the slide's $\mathbf{u}$ is $1 - \mathbf{z}$, so $\mathbf{u} \approx \sigma(-3) = 0.05$: write little, keep much).

int numHiddens = 12, embedding = 8, epochs = 16, batchSize = 16;
double lr = 0.01, keepBias = 3.0;
TextClassifier<double> MemoryModel(CellKind kind)
{
    var cellInner = RecurrentEncoder.Cell<double>(kind, embedding, numHiddens, new Random(0));
    cellInner.SetGateBias(kind == CellKind.Lstm ? "f" : "z", keepBias);      // remember by default
    return new TextClassifier<double>(FirstSymbolTask.VocabularySize, embedding,
        new RecurrentLayer<double>(cellInner), FirstSymbolTask.Symbols, new Random(0));
}

(int Parameters, double Loss, double Accuracy) Run(CellKind kind, int D)
{
    var (Xtrain, ytrain) = FirstSymbolTask.Generate(D, 512, seed: 1);
    var (Xtest, ytest) = FirstSymbolTask.Generate(D, 200, seed: 999);
    var model = MemoryModel(kind);
    var adam = new Adam<double>(model.Parameters, lr);
    var history = new Trainer<double>(model, adam) { ClipNorm = 5 }
        .Fit(Xtrain, ytrain, epochs, batchSize, shuffleSeed: 0);
    return (model.ParameterCount, history.TrainLoss[^1], model.Accuracy(Xtest, ytest));
}

var results = new List<(int D, string Cell, int Parameters, double Accuracy)>();
foreach (int D in new[] { 20, 40 })
    foreach (var (kind, name) in new[] { (CellKind.Gru, "GRU"), (CellKind.Lstm, "LSTM") })
    {
        var (parameters, loss, accuracy) = Run(kind, D);
        results.Add((D, name, parameters, accuracy));
        Console.WriteLine($"D = {D}  {name,-4}  {parameters,5} parameters  train loss {loss:F3}  "
            + $"test accuracy {accuracy:P1}");
    }
Kit.Show(Plots.Bars("Remember the first symbol: GRU vs LSTM, test accuracy", "accuracy",
    results.Select(x => $"D={x.D} {x.Cell}").ToArray(), results.Select(x => x.Accuracy).ToArray()));

// check: the GRU keeps up with the LSTM while using fewer parameters
foreach (int D in new[] { 20, 40 })
{
    var gru = results.Single(x => x.D == D && x.Cell == "GRU");
    var lstm = results.Single(x => x.D == D && x.Cell == "LSTM");
    if (gru.Parameters >= lstm.Parameters) throw new Exception("the GRU model should be smaller");
    if (gru.Accuracy < lstm.Accuracy - 0.05) throw new Exception($"the GRU lags at D = {D}");
}
Console.WriteLine("GRU: as accurate as the LSTM with fewer parameters");

// Both cells recall the first symbol in all 200 test sequences at both distances and drive the training loss to about 0.001. The GRU does it with 916 parameters against the LSTM's 1180: its recurrent layer has 3/4 of the LSTM's (792 against 1056), and the embedding and the output layer are the same. One small task is not a benchmark, but it matches what larger comparisons found (Chung et al. 2014; Jozefowicz et al. 2015): on many tasks the GRU does as well as the LSTM with 3/4 of the parameters, and neither wins everywhere.
//
// **Gated RNNs**, the slide's properties:
//
// - *They can forget different amounts at each time step*: the gates are learned, input-dependent numbers in (0, 1), one per unit and step (the heatmaps in the LSTM notebook show them).
// - *They are much better at using long-distance information*: the state is updated by mixing old and new, not squashed through a matrix at every step, so information and gradients cross many steps. Both cells remember the first symbol after 40 distractors, where the simple RNN of notebook 9 is at chance.
// - *A bidirectional GRU is a good starting point for many sequence tagging tasks*: in this kit, a `SequenceTagger` over `RecurrentEncoder.Create<double>(CellKind.Gru, inputs, hidden, bidirectional: true)` (notebook 12).
//
// ## Exercises
//
// 1. Change $\mathbf{b}_u$ to $[-5, -5]$ in the worked step. What is $\mathbf{h}^{(t)}$ now, and why? What LSTM gate settings would have the same effect?
// 2. Show by hand that the two reset placements agree whenever $\mathbf{r} = [1, 1]$ or $\mathbf{W}_h$ is diagonal (with $\mathbf{b}_{hn} = 0$). Check it with `ExplainStep` of both cells.
// 3. Rerun the GRU vs LSTM comparison with `keepBias = 0` (PyTorch's default initialisation). Which cell suffers more at $D = 40$?
// 4. Give the GRU the LSTM's parameter budget: how large can `numHiddens` be for the GRU so its recurrent layer has about as many parameters as the LSTM's with 12 units? Does it do better?
// 5. Train the same comparison with `CellKind.GruSlides` (the slide's reset placement; its keep gate is `"u"`, so set its bias to −3). Does the placement matter on this task?
