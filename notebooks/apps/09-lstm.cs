// 09-lstm.cs: the lecture notebook notebooks/09-lstm.ipynb as a .NET 10 file-based app, without a notebook engine.
// Run it here with `dotnet run 09-lstm.cs`: text goes to the console, what the notebook displays to 09-lstm.html.
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

// # 9 · Gated RNNs: the LSTM
//
// *Lecture 6: the slides **Gated RNNs**, **LSTM**, **Forget gate**, **Input gate**, **Cell update**, **Output gate**, **One LSTM cell**, **LSTM** (the three steps) and **LSTM Network**.*
//
// A simple RNN squeezes everything it remembers through $\mathbf{h}(t) = \tanh(\mathbf{U}\mathbf{h}(t-1) + \mathbf{W}\mathbf{x}(t))$ at every step, so gradients through many steps vanish (or explode) and it forgets the distant past. A **gated** RNN adds a second state, the cell $\mathbf{c}(t)$, which is updated *additively* and guarded by gates: numbers between 0 and 1 that decide what to forget, what to write and what to show.
//
// The second LSTM slide set writes it in column vectors, **with $\mathbf{W}$ on the hidden state and $\mathbf{U}$ on the input** (the reverse of the simple-RNN slide):
//
// $$\mathbf{f}^{(t)} = \sigma(\mathbf{b}_f + \mathbf{W}_f\mathbf{h}^{(t-1)} + \mathbf{U}_f\mathbf{x}^{(t)}) \qquad \mathbf{i}^{(t)} = \sigma(\mathbf{b}_i + \mathbf{W}_i\mathbf{h}^{(t-1)} + \mathbf{U}_i\mathbf{x}^{(t)}) \qquad \mathbf{o}^{(t)} = \sigma(\mathbf{b}_o + \mathbf{W}_o\mathbf{h}^{(t-1)} + \mathbf{U}_o\mathbf{x}^{(t)})$$
//
// $$\tilde{\mathbf{c}}^{(t)} = \tanh(\mathbf{b}_c + \mathbf{W}_c\mathbf{h}^{(t-1)} + \mathbf{U}_c\mathbf{x}^{(t)}) \qquad \mathbf{c}^{(t)} = \mathbf{f}^{(t)} \odot \mathbf{c}^{(t-1)} + \mathbf{i}^{(t)} \odot \tilde{\mathbf{c}}^{(t)} \qquad \mathbf{h}^{(t)} = \mathbf{o}^{(t)} \odot \tanh(\mathbf{c}^{(t)})$$
//
// Step 1: compute the three gates. Step 2: update the cell (forget some old, add some new). Step 3: output some of the cell.

// (Kit.Setup() connects the kit to a notebook's display; an app shows into its report.)

// ## One LSTM step with numbers
//
// Hidden size 2, input size 3, small hand-picked weights. Each gate has its own $\mathbf{W}$ (2 × 2, on $\mathbf{h}^{(t-1)}$), $\mathbf{U}$ (2 × 3, on $\mathbf{x}^{(t)}$) and $\mathbf{b}$.

var Wf = Tensor.FromRows(new[] { 0.5, -0.2 }, new[] { 0.1, 0.4 });
var Uf = Tensor.FromRows(new[] { 0.3, 0.0, -0.1 }, new[] { 0.2, 0.5, 0.1 });
var bf = Tensor.Column(0.1, -0.1);
var Wi = Tensor.FromRows(new[] { 0.2, 0.1 }, new[] { -0.3, 0.2 });
var Ui = Tensor.FromRows(new[] { 0.1, -0.2, 0.4 }, new[] { 0.0, 0.3, 0.2 });
var bi = Tensor.Column(0.0, 0.2);
var Wc = Tensor.FromRows(new[] { 0.4, 0.0 }, new[] { 0.1, -0.5 });
var Uc = Tensor.FromRows(new[] { 0.5, 0.1, 0.0 }, new[] { -0.2, 0.3, 0.6 });
var bc = Tensor.Column(0.0, 0.1);
var Wo = Tensor.FromRows(new[] { 0.1, 0.3 }, new[] { 0.2, 0.1 });
var Uo = Tensor.FromRows(new[] { -0.1, 0.2, 0.3 }, new[] { 0.4, 0.0, -0.2 });
var bo = Tensor.Column(0.2, 0.0);
var x = Tensor.Column(1.0, 0.5, -1.0);      // x(t)
var hPrev = Tensor.Column(0.5, -0.5);        // h(t-1)
var cPrev = Tensor.Column(1.0, -0.5);        // c(t-1)
var cell = LstmCell<double>.FromSlide(forget: (Wf, Uf, bf), input: (Wi, Ui, bi), candidate: (Wc, Uc, bc), output: (Wo, Uo, bo));
Console.WriteLine($"{cell}: {cell.ParameterCount} parameters = 4 gates × (W 2·2 + U 2·3 + two bias vectors 2·2); the library keeps PyTorch's b_ih and b_hh, FromSlide puts b in b_ih and zeroes b_hh");
Kit.Show(cell.ExplainStep(x, hPrev, cPrev));

// Read it top to bottom: the forget gate keeps 70% and 52% of the two units of the old cell, the input gate lets in 41% and 48% of the candidate, and the output gate passes 45% and 66% of $\tanh(\mathbf{c}^{(t)})$ on as the new hidden state.
//
// ### The same step by hand
//
// No library cell this time: plain matrix products in the slide's column form.

Tensor<double> Sigmoid(Tensor<double> z) => z.Map(v => 1 / (1 + Math.Exp(-v)));
Tensor<double> Tanh(Tensor<double> z) => z.Map(Math.Tanh);
var f = Sigmoid(bf + Wf.MatMul(hPrev) + Uf.MatMul(x));          // step 1: forget gate
var i = Sigmoid(bi + Wi.MatMul(hPrev) + Ui.MatMul(x));          //         input gate
var o = Sigmoid(bo + Wo.MatMul(hPrev) + Uo.MatMul(x));          //         output gate
var cTilde = Tanh(bc + Wc.MatMul(hPrev) + Uc.MatMul(x));        // step 2: candidate
var c = f.Hadamard(cPrev) + i.Hadamard(cTilde);                 //         c = f ⊙ c(t-1) + i ⊙ c̃
var h = o.Hadamard(Tanh(c));                                    // step 3: h = o ⊙ tanh(c)
Console.WriteLine($"f = {f.Transpose()}  i = {i.Transpose()}  o = {o.Transpose()}");
Console.WriteLine($"c̃ = {cTilde.Transpose()}");
Console.WriteLine($"c(t) = {c.Transpose()}");
Console.WriteLine($"h(t) = {h.Transpose()}");

// check: the library's step (row vectors inside) against the hand computation
var step = cell.Step(x.Transpose(), hPrev.Transpose(), cPrev.Transpose());
var pairs = new[] { ("f", f), ("i", i), ("o", o), ("g", cTilde), ("c", c), ("h", h) };
foreach (var (name, hand) in pairs)
{
    double diff = step[name].MaxAbsDifference(hand.Transpose());
    Console.WriteLine($"{name,-2} max |library − hand| = {diff:E1}");
    if (diff > 1e-12) throw new Exception($"{name} differs from the hand computation by {diff}");
}

// (The library stores gates in PyTorch's order i, f, g, o and calls the candidate `g`; the slide's $\tilde{\mathbf{c}}$ is that block.)
//
// ### The first slide set's form: one matrix on $[\mathbf{h}, \mathbf{x}]$
//
// The first LSTM slides (**Forget gate**, **Input gate**, **Cell update**, **Output gate**) write every gate with one matrix on the concatenation $[h_{t-1}, x_t]$:
//
// $$f_t = \sigma(W_f \cdot [h_{t-1}, x_t] + b_f) \quad i_t = \sigma(W_i \cdot [h_{t-1}, x_t] + b_i) \quad \tilde{C}_t = \tanh(W_C \cdot [h_{t-1}, x_t] + b_C) \quad C_t = f_t * C_{t-1} + i_t * \tilde{C}_t \quad o_t = \sigma(W_o [h_{t-1}, x_t] + b_o) \quad h_t = o_t * \tanh(C_t)$$
//
// ($*$ is the elementwise product $\odot$, $C$ the cell $\mathbf{c}$.) Stacking $\mathbf{h}$ on top of $\mathbf{x}$ and putting the two matrices side by side, $[\mathbf{W}_f\ \mathbf{U}_f]$, gives exactly the same product:
//
// $$[\mathbf{W}_f\ \mathbf{U}_f] \begin{bmatrix}\mathbf{h}^{(t-1)} \\ \mathbf{x}^{(t)}\end{bmatrix} = \mathbf{W}_f\mathbf{h}^{(t-1)} + \mathbf{U}_f\mathbf{x}^{(t)}$$

Tensor<double> SideBySide(Tensor<double> a, Tensor<double> b)
{
    var m = new Tensor<double>(a.Rows, a.Cols + b.Cols);
    for (int r = 0; r < a.Rows; r++)
    {
        for (int k = 0; k < a.Cols; k++) m[r, k] = a[r, k];
        for (int k = 0; k < b.Cols; k++) m[r, a.Cols + k] = b[r, k];
    }
    return m;
}
var WfConcat = SideBySide(Wf, Uf);                                   // 2 × 5
var hx = SideBySide(hPrev.Transpose(), x.Transpose()).Transpose();   // [h; x], 5 × 1
var fConcat = Sigmoid(WfConcat.MatMul(hx) + bf);
Kit.Show(Kit.Table(WfConcat, "[W_f U_f]", new[] { "unit 1", "unit 2" }, new[] { "h₁", "h₂", "x₁", "x₂", "x₃" }));
Console.WriteLine($"σ([W_f U_f]·[h, x] + b_f) = {fConcat.Transpose()},  separate form f = {f.Transpose()}");
if (fConcat.MaxAbsDifference(f) > 1e-12) throw new Exception("the concatenated form should give the same forget gate");

// ## A task that needs memory
//
// *Remember the first symbol.* Each sequence starts with one of four symbols **A, B, C, D**, followed by $D$ distractor tokens (drawn at random from four others, **w x y z**). At the end the network must say which symbol came first: many-to-one, a `TextClassifier` reading the final hidden state. This is the **LSTM network** slide's picture: one cell, with the same weights, applied at every step (embedding → LSTM → dense layer on $\mathbf{h}^{(T)}$). Chance is 1/4 = 25%.
//
// The information is all at step 1; the loss is at step $D+1$. To learn it, the gradient has to travel back through all $D$ steps.

const int symbols = 4, vocab = 9;                                    // ids 1–4: A B C D, ids 5–8: w x y z (0 is padding)
string[] tokenNames = { "<pad>", "A", "B", "C", "D", "w", "x", "y", "z" };
(List<int[]> X, List<int> y) MemoryTask(int D, int n, int seed)
{
    var rng = new Random(seed);
    var X = new List<int[]>(); var y = new List<int>();
    for (int k = 0; k < n; k++)
    {
        int s = rng.Next(symbols);
        var seq = new int[D + 1];
        seq[0] = 1 + s;                                                  // the symbol to remember
        for (int t = 1; t <= D; t++) seq[t] = 1 + symbols + rng.Next(4); // distractors
        X.Add(seq); y.Add(s);
    }
    return (X, y);
}
var (Xdemo, ydemo) = MemoryTask(10, 3, 7);
for (int k = 0; k < 3; k++) Console.WriteLine($"{string.Join(" ", Xdemo[k].Select(id => tokenNames[id]))}   →  {tokenNames[1 + ydemo[k]]}");

// Both networks get the same embedding size, hidden size, data (512 training sequences), optimizer (Adam, `lr` = 0.01), batch size and number of epochs; accuracy is measured on 200 fresh sequences.
//
// One detail for the LSTM: its forget-gate bias starts at **+3**, so $\mathbf{f} \approx \sigma(3) = 0.95$ and the cell *remembers by default* (Gers et al. 2000; Jozefowicz et al. 2015 recommend at least +1). With PyTorch's default (bias near 0, $\mathbf{f} \approx 0.5$) the gradient through 40 steps is multiplied by about $0.5^{40}$ and even the LSTM cannot start learning in this small budget. The simple RNN has no such knob: its only path back in time goes through $\tanh$ and $\mathbf{U}$ at every step.

int numHiddens = 12, embedding = 8, epochs = 16, batchSize = 16;
double lr = 0.01;
const double forgetBias = 3.0;
TextClassifier<double> MemoryModel(CellKind kind)
{
    var model = new TextClassifier<double>(vocab, embedding, RecurrentEncoder.Create<double>(kind, embedding, numHiddens, random: new Random(0)), symbols, new Random(0));
    if (kind == CellKind.Lstm)
    {
        var lstm = ((RecurrentLayer<double>)model.Encoder).Cell;
        for (int j = 0; j < numHiddens; j++) { lstm.InputBias.Value[0, numHiddens + j] = forgetBias; lstm.HiddenBias.Value[0, numHiddens + j] = 0; } // block 1 = f
    }
    return model;
}
int[] distances = { 5, 20, 40 };
var rnnAccuracy = new List<double>(); 
var lstmAccuracy = new List<double>();
TextClassifier<double> lstm40 = null;
var clock = System.Diagnostics.Stopwatch.StartNew();
foreach (int D in distances)
{
    var (Xtrain, ytrain) = MemoryTask(D, 512, 1);
    var (Xtest, ytest) = MemoryTask(D, 200, 999);
    foreach (var kind in new[] { CellKind.SimpleRnn, CellKind.Lstm })
    {
        var model = MemoryModel(kind);
        var history = new Trainer<double>(model, new Adam<double>(model.Parameters, lr)) { ClipNorm = 5 }.Fit(Xtrain, ytrain, epochs, batchSize, shuffleSeed: 0);
        double acc = model.Accuracy(Xtest, ytest);
        (kind == CellKind.Lstm ? lstmAccuracy : rnnAccuracy).Add(acc);
        if (kind == CellKind.Lstm && D == 40) lstm40 = model;
        Console.WriteLine($"D = {D,2}  {(kind == CellKind.Lstm ? "LSTM      " : "simple RNN")}  ({model.ParameterCount,4} parameters)  train loss {history.TrainLoss[^1]:F3}  test accuracy {acc:P1}");
    }
}
Console.WriteLine($"chance = {1.0 / symbols:P0}; trained in {clock.Elapsed.TotalSeconds:F1} s");

var barLabels = distances.SelectMany(D => new[] { $"D={D} simple RNN", $"D={D} LSTM" }).ToArray();
var barValues = distances.SelectMany((D, k) => new[] { rnnAccuracy[k], lstmAccuracy[k] }).ToArray();
Kit.Show(Plots.Bars("Remember the first symbol: test accuracy (chance 0.25)", "accuracy", barLabels, barValues));

// check: at the longest distance the LSTM must beat the simple RNN clearly
Console.WriteLine($"D = 40: LSTM {lstmAccuracy[^1]:P1} vs simple RNN {rnnAccuracy[^1]:P1}");
if (lstmAccuracy[^1] < rnnAccuracy[^1] + 0.3) throw new Exception("the LSTM should beat the simple RNN at D = 40");
if (lstmAccuracy[^1] < 0.9) throw new Exception("the LSTM should remember the first symbol at D = 40");

// At short distances both networks solve it. As $D$ grows the simple RNN falls toward chance: it has to carry the symbol through $D$ squashing $\tanh$ steps, and the gradient that would teach it to do so vanishes on the way back. The LSTM's cell is a near-identity path ($\mathbf{c}^{(t)} = \mathbf{f} \odot \mathbf{c}^{(t-1)} + \dots$ with $\mathbf{f} \approx 1$), so both the symbol and its gradient survive.
//
// ## Looking inside: the gates over one sequence
//
// Run the trained $D = 40$ LSTM over one test sequence and record every gate at every step (`RecurrentLayer.Trace`). Each heatmap is units × time.

var (Xone, yone) = MemoryTask(40, 1, 2024);
int predicted = lstm40.Predict(Xone)[0];                               // runs the encoder on this one sequence
var trace = ((RecurrentLayer<double>)lstm40.Encoder).Trace(0);
Console.WriteLine($"sequence: {string.Join(" ", Xone[0].Select(id => tokenNames[id]))}");
Console.WriteLine($"first symbol {tokenNames[1 + yone[0]]}, LSTM says {tokenNames[1 + predicted]}; {trace.Steps.Count} steps traced: {string.Join(", ", trace.Names)}");
var stepLabels = Xone[0].Select((id, t) => $"{t + 1}:{tokenNames[id]}").ToArray();
var unitLabels = Enumerable.Range(1, numHiddens).Select(j => $"unit {j}").ToArray();
Tensor<double> UnitsByTime(string name)
{
    var m = new Tensor<double>(numHiddens, trace.Steps.Count);
    for (int j = 0; j < numHiddens; j++)
    {
        var series = trace.Series(name, j);
        for (int t = 0; t < series.Length; t++) m[j, t] = series[t];
    }
    return m;
}
var gateF = UnitsByTime("f"); 
var gateI = UnitsByTime("i"); 
var gateO = UnitsByTime("o");
double MeanAfterFirst(Tensor<double> m) { double s = 0; for (int j = 0; j < m.Rows; j++) for (int t = 1; t < m.Cols; t++) s += m[j, t]; return s / (m.Rows * (m.Cols - 1)); }
double MeanAt(Tensor<double> m, int t) { double s = 0; for (int j = 0; j < m.Rows; j++) s += m[j, t]; return s / m.Rows; }
Console.WriteLine($"mean forget gate over the distractors {MeanAfterFirst(gateF):F3}; mean input gate at step 1 {MeanAt(gateI, 0):F3}, over the distractors {MeanAfterFirst(gateI):F3}");
Kit.Show(Plots.Heatmap(gateF, "forget gate f (units × time)", unitLabels, stepLabels));
Kit.Show(Plots.Heatmap(gateI, "input gate i", unitLabels, stepLabels));
Kit.Show(Plots.Heatmap(gateO, "output gate o", unitLabels, stepLabels));

var cellStates = UnitsByTime("c");
int last = cellStates.Cols - 1;
Console.WriteLine("unit   c after step 1   c after step 41");
for (int j = 0; j < numHiddens; j++) Console.WriteLine($"{j + 1,4}   {cellStates[j, 0],14:F3}   {cellStates[j, last],15:F3}");
Kit.Show(Plots.Heatmap(cellStates, "cell state c", unitLabels, stepLabels));
Kit.Show(Plots.Heatmap(UnitsByTime("h"), "hidden state h", unitLabels, stepLabels));
if (predicted != yone[0]) throw new Exception("the trained LSTM should recall this sequence's first symbol");

// the same distractors after each of the four symbols: what does the final hidden state look like?
var probe = Xone[0].ToArray();
var lstmLayer = (RecurrentLayer<double>)lstm40.Encoder;
for (int s = 0; s < symbols; s++)
{
    probe[0] = 1 + s;
    int said = lstm40.Predict(new[] { probe })[0];
    var hLast = lstmLayer.Trace(0).At(probe.Length)["h"];
    Console.WriteLine($"starts with {tokenNames[1 + s]} → LSTM says {tokenNames[1 + said]};  h(41) = [{string.Join(", ", hLast.ToFlatArray().Select(v => v.ToString("F2")))}]");
    if (said != s) throw new Exception($"the LSTM should recall {tokenNames[1 + s]}");
}

// What to notice:
//
// - Over the distractors the **forget gate** stays close to 1 (mean ≈ 0.97 above): the cell is hardly ever erased, so what was written at step 1 is not lost.
// - The cell is **not frozen**, though: the input gate stays about half open and the cell keeps adding candidates, so in most units $|\mathbf{c}|$ grows far beyond 1 by step 41 (up to about 15 in the table above). The network found its own solution: the symbol at step 1 sets $\mathbf{h}^{(1)}$, which steers what is added afterwards.
// - $\mathbf{h} = \mathbf{o} \odot \tanh(\mathbf{c})$ saturates for large $|\mathbf{c}|$, so the last hidden state is a pattern of mostly large values, a clearly different one for each first symbol (printed above): that is what the classifier reads.
//
// Change the seed 2024 to look at other sequences.
//
// ## Exercises
//
// 1. Change the hand-picked weights so that the forget gate is nearly 0 (e.g. $\mathbf{b}_f = [-5, -5]$). What happens to $\mathbf{c}^{(t)}$? Verify with `ExplainStep` and with your hand computation.
// 2. Set `forgetBias` to 0 (PyTorch's default) and re-run the memory experiment. At which $D$ does the LSTM start to fail within this budget? Why does the forget bias matter so much for long $D$?
// 3. Give the simple RNN more help: a larger `numHiddens`, more epochs, or a ReLU instead of tanh (`new SimpleRnnCell<double>(…, RnnNonlinearity.Relu, …)`). Can it solve $D = 40$?
// 4. Write the output gate in the first slide set's concatenated form, $\mathbf{o}_t = \sigma(\mathbf{W}_o \cdot [\mathbf{h}_{t-1}, \mathbf{x}_t] + \mathbf{b}_o)$, and check it against `step["o"]`.
// 5. Count the LSTM's parameters for input size $I$ and hidden size $H$ by hand (four gates, each with $\mathbf{W}$, $\mathbf{U}$, $\mathbf{b}$) and compare with `cell.ParameterCount` (which keeps PyTorch's two bias vectors).
