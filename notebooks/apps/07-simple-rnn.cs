// 07-simple-rnn.cs: the lecture notebook notebooks/07-simple-rnn.ipynb as a .NET 10 file-based app, without a notebook engine.
// Run it here with `dotnet run 07-simple-rnn.cs`: text goes to the console, what the notebook displays to 07-simple-rnn.html.
// Made by `coursekit export --to app` from the notebook: edit the notebook and export again, not this file.
#:project ../../lib/CourseKit.Interactive/CourseKit.Interactive.csproj
#:property Configuration=Release
#:property Nullable=annotations
using CourseKit.Tensors;
using CourseKit.Optimizers;
using CourseKit.Training;
using CourseKit.Recurrent;
using CourseKit.Recurrent.Architectures;
using CourseKit.Text;
using CourseKit.Interactive;
using CourseKit.Interactive.Charts;
using CourseKit.Interactive.Formatting;

// The lesson reads its files relative to the notebook's folder, as it does in a notebook.
System.IO.Directory.SetCurrentDirectory(System.IO.Path.GetFullPath(System.IO.Path.Combine(
    (string)System.AppContext.GetData("EntryPointFileDirectoryPath")!, "..")));

// # 7 · Simple recurrent networks
//
// *Lecture 6: the slides **Structure of an RNN**, **Types of RNNs**, **A completely unrolled Simple RNN**, **Simple RNN**, **Classwork** and **Drawbacks of simple RNN**.*
//
// A recurrent network reads a sequence one element at a time and keeps a **hidden state** $\mathbf{h}^{(t)}$ that summarises everything it has read so far. Unrolled over time it is a deep network with one layer per time step — and the same weights in every layer:
//
// $$\mathbf{h}^{(t)} = \tanh(\mathbf{U}\mathbf{h}^{(t-1)} + \mathbf{W}\mathbf{x}^{(t)}) \qquad \mathbf{o}^{(t)} = \mathrm{softmax}(\mathbf{V}\mathbf{h}^{(t)})$$
//
// The slide writes column vectors: $\mathbf{U}$ ($H \times H$) multiplies the previous state, $\mathbf{W}$ ($H \times \text{inputs}$) the current input, $\mathbf{V}$ ($\text{classes} \times H$) the state. CourseKit stores row-vector weights like PyTorch ($W_{hh} = \mathbf{U}^\top$, $W_{ih} = \mathbf{W}^\top$); `GateMatrices(0)` and `FromSlide` translate, so everything below is shown in the slide's notation.

// (Kit.Setup() connects the kit to a notebook's display; an app shows into its report.)

// ## The unrolled network, step by step
//
// A `SimpleRnnCell` with 3 inputs and 2 hidden units (random weights, PyTorch's initialisation, plus PyTorch's bias $\mathbf{b}$) runs over a 4-step sequence of one-hot inputs. `RecurrentLayer` unrolls it; `Trace()` returns every value at every step.

int numInputs = 3, numHiddens = 2;
var cell = new SimpleRnnCell<double>(numInputs, numHiddens, RnnNonlinearity.Tanh, new Random(0));
var (U, W, b) = cell.GateMatrices(0);      // the slide's U on h(t-1), W on x(t); b = b_ih + b_hh
Kit.Show(U.AsLatex(@"\mathbf{U}"));
Kit.Show(W.AsLatex(@"\mathbf{W}"));
Kit.Show(b.AsLatex(@"\mathbf{b}"));
var X = Tensor.FromRows(new[] { 1.0, 0, 0 }, new[] { 0.0, 1, 0 }, new[] { 0.0, 0, 1 },
                        new[] { 1.0, 0, 0 });
var layer = new RecurrentLayer<double>(cell);
var outputs = layer.Forward(SequenceBatch<double>.FromSequence(X));   // row t = h(t)
var trace = layer.Trace();
Kit.Show(trace);

// Each row is one copy of the cell in the unrolled picture: it reads $\mathbf{x}^{(t)}$ and the $\mathbf{h}^{(t-1)}$ handed over by the row above, and hands $\mathbf{h}^{(t)}$ to the row below. Recompute every row by hand with the slide's formula (column vectors, the same $\mathbf{U}$, $\mathbf{W}$, $\mathbf{b}$ each time) and compare. `X.RowAsColumn(t - 1)` is $\mathbf{x}^{(t)}$ as a column, and `Tensor.Stack` lays the hand-computed columns $\mathbf{h}^{(t)}$ out as rows, the layer's layout:

var h = new List<Tensor<double>> { Tensor.Zeros<double>(numHiddens, 1) };   // h(0) = 0
for (int t = 1; t <= X.Rows; t++)
    h.Add((U.MatMul(h[t - 1]) + W.MatMul(X.RowAsColumn(t - 1)) + b).Map(Math.Tanh));
var byHand = Tensor.Stack(h.Skip(1));
var steps = Enumerable.Range(1, X.Rows).Select(t => $"t = {t}").ToArray();
Kit.Show(Kit.Table(byHand, "by hand: tanh(U h(t-1) + W x(t) + b)", steps, null, "F6"));
Kit.Show(Kit.Table(outputs, "library: h(t)", steps, null, "F6"));
double handGap = byHand.MaxAbsDifference(outputs);
Console.WriteLine($"max |by hand − library| = {handGap:E2}");
if (handGap > 1e-12) throw new Exception("the layer differs from the slide's formula");

// The two tables agree to the last bit or two: the layer is the slide's formula, applied once per step with the same weights.
//
// ### The parameters are shared over time
//
// "The input and hidden state change at each time step; the parameters $\mathbf{W}$, $\mathbf{U}$, $\mathbf{V}$ are the same at each step." So a longer sequence means more computation, never more parameters:

Console.WriteLine($"parameters: U {numHiddens}×{numHiddens} + W {numHiddens}×{numInputs} "
    + $"+ two biases of {numHiddens} = {cell.ParameterCount}");
foreach (int stepsInner in new[] { 3, 30 })
{
    var sequence = Tensor.Normal<double>(stepsInner, numInputs, 0.0, 1.0, new Random(stepsInner));
    var hs = layer.Forward(SequenceBatch<double>.FromSequence(sequence));
    Console.WriteLine($"T = {stepsInner,2}: {hs.Rows} hidden states computed, "
        + $"parameters = {cell.ParameterCount}; a cell per step would need "
        + $"{stepsInner * cell.ParameterCount}");
}
if (cell.ParameterCount != numHiddens * numHiddens + numHiddens * numInputs + 2 * numHiddens)
    throw new Exception("unexpected parameter count");

// Ten times the steps, the same 14 parameters: the cost of a longer sequence is time, not memory for weights. (CourseKit keeps PyTorch's two bias vectors $b_{ih}$ and $b_{hh}$; the slide has none. Their sum is the $\mathbf{b}$ above.)
//
// ### …so their gradient is a sum over time steps
//
// Backpropagation through time (BPTT) runs the unrolled network backwards. Because $\mathbf{U}$ is used at every step, its gradient collects one contribution per step:
//
// $$\frac{\partial L}{\partial \mathbf{U}} = \sum_{t=1}^{T} \boldsymbol{\delta}^{(t)} \, \mathbf{h}^{(t-1)\top}, \qquad \boldsymbol{\delta}^{(t)} = \frac{\partial L}{\partial (\mathbf{U}\mathbf{h}^{(t-1)} + \mathbf{W}\mathbf{x}^{(t)} + \mathbf{b})}$$
//
// Make that visible by **untying** the weights: give every time step its own copy of the cell (same starting values), run the copies one after the other — each hands its state to the next, and on the way back each hands $\partial L/\partial \mathbf{h}^{(t-1)}$ to the one before — and look at each copy's gradient. The sum of the copies' gradients is exactly the shared cell's gradient. First the shared cell, backpropagated through all $T = 5$ steps at once. The loss here is $L = \sum_t \mathbf{g}^{(t)} \cdot \mathbf{h}^{(t)}$ with random $\mathbf{g}^{(t)}$, so $\partial L / \partial \mathbf{h}^{(t)} = \mathbf{g}^{(t)}$.

int T = 5;
var rng = new Random(1);
var shared = new SimpleRnnCell<double>(numInputs, numHiddens, RnnNonlinearity.Tanh, rng);
var Xs = Tensor.Normal<double>(T, numInputs, 0.0, 1.0, rng);
var G = Tensor.Normal<double>(T, numHiddens, 0.0, 1.0, rng);   // row t = ∂L/∂h(t)
var sharedLayer = new RecurrentLayer<double>(shared);
sharedLayer.Forward(SequenceBatch<double>.FromSequence(Xs));
sharedLayer.Backward(G);                                   // BPTT through all T steps at once
var dU = shared.HiddenWeights.Gradient.Transpose();        // ∂L/∂U in the slide's layout

// Now the untied version: one copy of the cell per time step, each started from the shared cell's weights. Forward, each copy reads its own $\mathbf{x}^{(t)}$ and the state the previous copy handed over; backward, each gets its $\mathbf{g}^{(t)}$ and the gradient the next copy sent back for its input state.

var copies = Enumerable.Range(0, T).Select(_ =>
{
    var copy = new SimpleRnnCell<double>(numInputs, numHiddens, RnnNonlinearity.Tanh);
    copy.SetFromPyTorch(shared.InputWeights.Value.Transpose(),
        shared.HiddenWeights.Value.Transpose(), shared.InputBias.Value, shared.HiddenBias.Value);
    return new RecurrentLayer<double>(copy);
}).ToArray();
Tensor<double> state = null, fromLater = null;   // h(0) = 0; nothing comes back from after step T
for (int t = 0; t < T; t++)
    state = copies[t].Forward(SequenceBatch<double>.FromSequence(Xs.RowTensor(t)), state);
for (int t = T - 1; t >= 0; t--)
{
    copies[t].Backward(G.RowTensor(t), fromLater);
    fromLater = copies[t].InitialStateGradient.Clone();  // ∂L/∂h(t-1), handed to the copy before
}

var perStep = copies.Select(c => c.Cell.HiddenWeights.Gradient.Transpose()).ToArray();
var sumOfSteps = perStep.Aggregate((a, c) => a + c);
for (int t = 0; t < T; t++)
    Kit.Show(perStep[t].AsLatex($@"\partial L / \partial \mathbf{{U}}\ \text{{from step {t + 1}}}"));
Kit.Show(sumOfSteps.AsLatex(@"\sum_t \text{contributions}"));
Kit.Show(dU.AsLatex(@"\partial L / \partial \mathbf{U}\ \text{(BPTT, shared)}"));
double gradientGap = sumOfSteps.MaxAbsDifference(dU);
Console.WriteLine($"max |Σ per-step contributions − shared gradient| = {gradientGap:E2}");
if (gradientGap > 1e-12) throw new Exception("the shared gradient should be the sum");

// The sum of the five contributions is the shared gradient, up to rounding. Step 1's contribution is zero: $\mathbf{h}^{(0)} = \mathbf{0}$, and $\mathbf{U}$ multiplied nothing there; the others differ in size and sign, and BPTT adds them all.
//
// ## Classwork
//
// The slide's RNN has no $\tanh$ (and no bias):
//
// $$\mathbf{h}^{(t)} = \mathbf{U}\mathbf{h}^{(t-1)} + \mathbf{W}\mathbf{x}^{(t)} \qquad \mathbf{o}^{(t)} = \mathrm{softmax}(\mathbf{V}\mathbf{h}^{(t)})$$
//
// $$\mathbf{U} = \begin{bmatrix} 2 & 0 \\ 1 & 2 \end{bmatrix} \quad \mathbf{W} = \begin{bmatrix} 2 & 0 & -1 \\ 1 & -1 & 1 \end{bmatrix} \quad \mathbf{V} = \begin{bmatrix} 1 & 0 \\ -1 & 1 \\ 0 & 3 \end{bmatrix} \quad \mathbf{h}^{(0)} = \begin{bmatrix} 1 \\ -1 \end{bmatrix} \quad \mathbf{x}^{(1)} = \begin{bmatrix} 1 \\ 0 \\ 0 \end{bmatrix} \quad \mathbf{x}^{(2)} = \begin{bmatrix} 0 \\ 0 \\ 1 \end{bmatrix}$$
//
// Which label is predicted for each word, if index 0 = ADJ, 1 = DET, 2 = NOUN? Work it out on paper first, then let the library show every number.

var U2 = Tensor.FromRows(new[] { 2.0, 0 }, new[] { 1.0, 2 });
var W2 = Tensor.FromRows(new[] { 2.0, 0, -1 }, new[] { 1.0, -1, 1 });
var V = Tensor.FromRows(new[] { 1.0, 0 }, new[] { -1.0, 1 }, new[] { 0.0, 3 });
var h0 = Tensor.Column(1.0, -1);
var X2 = Tensor.FromRows(new[] { 1.0, 0, 0 }, new[] { 0.0, 0, 1 });   // row t = x(t)
string[] labels = { "ADJ", "DET", "NOUN" };
var net = SimpleRnn<double>.FromSlide(U2, W2, V, RnnNonlinearity.None);
Kit.Show(net.Explain(X2, h0, labels));

var yHat = net.Predict(X2, h0);                 // row t = o(t)
var classwork = net.Layer.Trace();
var predicted = net.PredictLabels(X2, h0).Select(k => labels[k]).ToArray();
for (int t = 1; t <= X2.Rows; t++)
{
    var ht = classwork.At(t)["h"].Transpose();
    Console.WriteLine($"t={t}: h({t}) = {ht.Transpose()}   V h({t}) = {V.MatMul(ht).Transpose()}");
    Console.WriteLine($"     o({t}) = {yHat.RowTensor(t - 1).ToString("F4")}   → {predicted[t-1]}");
}
Console.WriteLine($"classwork labels: {string.Join(", ", predicted)}");
Kit.Show(Kit.Table(yHat, "o(t) = softmax(V h(t))", new[] { "t = 1", "t = 2" }, labels, "F4"));

// Check the classwork answer.
if (!classwork.At(1)["h"].Equals(Tensor.Row(4.0, 0))) throw new Exception("h(1) should be [4, 0]");
if (!classwork.At(2)["h"].Equals(Tensor.Row(7.0, 5))) throw new Exception("h(2) should be [7, 5]");
if (predicted[0] != "ADJ" || predicted[1] != "NOUN") throw new Exception("expected ADJ, NOUN");

// So: $\mathbf{h}^{(1)} = [4, 0]^\top$, $\mathbf{V}\mathbf{h}^{(1)} = [4, -4, 0]^\top$ → **ADJ**; $\mathbf{h}^{(2)} = [7, 5]^\top$, $\mathbf{V}\mathbf{h}^{(2)} = [7, -2, 15]^\top$ → **NOUN**. Softmax never changes which score is largest, so the labels can be read off $\mathbf{V}\mathbf{h}^{(t)}$; the probabilities say how sure the network is.
//
// ### The same network with tanh (slide "Simple RNN")
//
// Put the $\tanh$ back: $\mathbf{h}^{(t)} = \tanh(\mathbf{U}\mathbf{h}^{(t-1)} + \mathbf{W}\mathbf{x}^{(t)})$.

var netTanh = SimpleRnn<double>.FromSlide(U2, W2, V, RnnNonlinearity.Tanh);
Kit.Show(netTanh.Explain(X2, h0, labels));
var yHatTanh = netTanh.Predict(X2, h0);
var predictedTanh = netTanh.PredictLabels(X2, h0).Select(k => labels[k]).ToArray();
var tanhTrace = netTanh.Layer.Trace();
for (int t = 1; t <= X2.Rows; t++)
    Console.WriteLine($"tanh t={t}: h({t}) = {tanhTrace.At(t)["h"].ToString("F4")}\n          "
        + $"o({t}) = {yHatTanh.RowTensor(t - 1).ToString("F4")}   → {predictedTanh[t - 1]}");
Console.WriteLine($"tanh labels: {string.Join(", ", predictedTanh)}; "
    + $"labels changed: {!predicted.SequenceEqual(predictedTanh)}");
string Best(Tensor<double> o) => string.Join(", ", o.SplitRows().Select(r => $"{r.Max():F4}"));
Console.WriteLine($"confidence in the winning label: linear {Best(yHat)}; tanh {Best(yHatTanh)}");
if (string.Join(" ", predictedTanh) != "ADJ NOUN") throw new Exception("expected ADJ, NOUN");

// The labels stay ADJ, NOUN, but the network is far less sure: $\tanh$ squashes every state into $(-1, 1)$, so the scores $\mathbf{V}\mathbf{h}$ stay small. Without it the state can grow without bound — $\mathbf{h}^{(2)} = [7, 5]$ after two steps, and $\mathbf{U}$ has eigenvalue 2, so it would double every step on a longer sentence.
//
// ## Drawbacks of simple RNNs: vanishing (and exploding) gradients
//
// "Maintaining long-term memory is difficult." The gradient that reaches step $t$ from a loss at step $T$ passes through every step in between:
//
// $$\frac{\partial \mathbf{h}^{(T)}}{\partial \mathbf{h}^{(t)}} = \prod_{k=t+1}^{T} \mathrm{diag}\big(1 - (\mathbf{h}^{(k)})^2\big)\, \mathbf{U}$$
//
// a product of $T - t$ matrices. If they shrink vectors (small $\mathbf{U}$, or saturated $\tanh$ with $\tanh' \approx 0$), the gradient **vanishes** exponentially with distance; if they stretch them, it **explodes**.
//
// Measure it: a $\tanh$ RNN with 16 hidden units reads 50 random inputs; the loss reads only the last state, $L = \mathbf{1}^\top \mathbf{h}^{(50)}$. `Backward` returns $\partial L / \partial \mathbf{x}^{(t)}$ for every step; plot its norm against the distance $T - t$ on a log scale, where a straight line means exponential decay or growth. Three recurrent weight scales: PyTorch's default initialisation ($\times 1$), and $\mathbf{U}$ multiplied by 2 and by 6.

int numHiddens2 = 16, numInputs2 = 4, T2 = 50;
var X3 = Tensor.Normal<double>(T2, numInputs2, 0.0, 1.0, new Random(0));
static double Norm(IEnumerable<double> v) => Math.Sqrt(v.Sum(z => z * z));
static double SpectralNorm(Tensor<double> A)   // the largest singular value: power iteration on AᵀA
{
    var v = Tensor.Full<double>(A.Cols, 1, 1.0);
    for (int k = 0; k < 300; k++)
    {
        v = A.Transpose().MatMul(A.MatMul(v));
        v = v.Scale(1 / Norm(v.ToFlatArray()));
    }
    return Norm(A.MatMul(v).ToFlatArray());
}

(double[] Norms, RecurrentLayer<double> Layer) GradientByDistance(double scale)
{
    var cellInner = new SimpleRnnCell<double>(numInputs2, numHiddens2, RnnNonlinearity.Tanh, new(1));
    cellInner.HiddenWeights.Set(cellInner.HiddenWeights.Value.Scale(scale));          // U ← scale · U
    var layerInner = new RecurrentLayer<double>(cellInner);
    layerInner.Forward(SequenceBatch<double>.FromSequence(X3));
    var dX = layerInner.Backward(null, Tensor.Full<double>(1, numHiddens2, 1.0));    // ∂L/∂h(T) = 1 only
    return (Enumerable.Range(0, T2).Select(d => Norm(dX.Row(T2 - 1 - d).ToArray())).ToArray(), layerInner);
}

double[] scales = { 1, 2, 6 };
var runs = scales.Select(GradientByDistance).ToArray();
for (int k = 0; k < scales.Length; k++)
{
    var n = runs[k].Norms;
    double spectral = SpectralNorm(runs[k].Layer.Cell.GateMatrices(0).W);
    Console.WriteLine($"U × {scales[k]}: ‖U‖₂ = {spectral:F2}, ‖∂L/∂x(t)‖ at distance 0 / 10 / 40 "
        + $"= {n[0]:E2} / {n[10]:E2} / {n[40]:E2}");
    Console.WriteLine($"       distance 0 ÷ distance 40 = {n[0] / n[40]:E2}, "
        + $"average factor per step {Math.Pow(n[40] / n[0], 1.0 / 40):F3}");
}
Kit.Show(Plots.LogCurves("Gradient reaching x(t) from a loss on the last step",
    "steps back from the loss, T − t + 1", "‖∂L/∂x(t)‖",
    scales.Select((s, k) => ($"U × {s}", runs[k].Norms))));

// Check: with the default initialisation the gradient shrinks by orders of magnitude over 40 steps.
double vanishing = runs[0].Norms[0] / runs[0].Norms[40];
if (vanishing < 1e6) throw new Exception($"it should shrink 10^6-fold, not {vanishing:E2}");
if (runs[2].Norms[40] < runs[2].Norms[0]) throw new Exception("with U × 6 it should grow");

// With the default initialisation, $\|\mathbf{U}\|_2 \approx 0.99$: no step can stretch the gradient, and $\tanh' \le 1$ shrinks it further — on average to about 0.58 of its size per step, so the gradient from 40 steps back is about $3 \times 10^{-10}$ of the one from the last step (the blue line falls straight on the log scale): whatever the first words said, the loss at the end cannot teach the network to remember it. A larger $\mathbf{U}$ keeps the gradient alive and then makes it grow — irregularly, because $\tanh$ saturates (and $\tanh' \to 0$ there), which is why a $\tanh$ RNN explodes less cleanly than a linear one would.
//
// ### Gradient clipping
//
// Exploding gradients have a simple cure: **clip** the gradient's overall norm before each update. `GradientClipping.ClipNorm(parameters, maxNorm)` (PyTorch's `clip_grad_norm_`) rescales all the gradients together so their joint norm is at most `maxNorm`, and keeps their direction. The recurrent text models in CourseKit do this by default (`ClipNorm = 5`).

double maxNorm = 25;   // a little above the size of a normal gradient here
Console.WriteLine($"gradients of U, W, b for the loss above, clipped to norm {maxNorm}:");
foreach (var (s, k) in scales.Select((s, k) => (s, k)))
{
    var parameters = runs[k].Layer.Parameters;
    double before = GradientClipping.ClipNorm(parameters, maxNorm);
    double after = Norm(parameters.SelectMany(p => p.Gradient.ToFlatArray()));
    Console.WriteLine($"U × {s,-2}: ‖∇θ‖ = {before,9:F2} → after clipping {after,6:F2}  "
        + $"(scaled by {after / before:F4})");
}

// Only the exploding gradient ($\times 6$, norm in the thousands) is touched. Clipping bounds the size of a step, so one exploding batch cannot throw the weights far away. It does nothing for **vanishing** gradients: the gradient from distant steps is still $10^{-10}$ of the nearby one — clipping scales all of them by the same factor. Curing that needs a different cell. It is also the slide's other complaint, that a simple RNN "must forget the same amount of history at each time step": the same $\mathbf{U}$ and the same squashing apply at every step, whatever the input says. Gated cells, the LSTM and GRU of notebooks 9 and 10, decide at each step how much to keep. And the other drawback on the slide, "they can only see the past, not the future", is the subject of notebook 8 (bidirectional RNNs).
//
// ## Types of RNNs
//
// | slide | what goes in and out | example | CourseKit |
// |---|---|---|---|
// | one to one | one input, one output | an ordinary feedforward net | `Sequential` (notebooks 1–6) |
// | one to many | one input, a sequence out | caption an image, spell a number | `SequenceGenerator<T>`: the input sets $\mathbf{h}^{(0)}$, then it writes token by token |
// | many to one | a sequence in, one output | sentence classification (sentiment) | `TextClassifier<T>`: reads the whole sentence, classifies from the last state (notebook 11) |
// | many to many (aligned) | one output per input | part-of-speech tagging, the classwork | `SequenceTagger<T>`: $\mathbf{o}^{(t)}$ at every step (notebooks 8 and 12) |
// | many to many (encoder–decoder) | a sequence in, another out | translation | next lecture (seq2seq) |
//
// A tiny **one-to-many** model: given a digit as a one-hot vector, write its English name letter by letter. `SequenceGenerator` turns the digit into the starting state $\mathbf{h}^{(0)} = \tanh(\mathbf{z} W_z + b_z)$; every step reads the letter it wrote before (a start token `<s>` first) and stops at the end token `</s>`. Trained with Adam for 150 epochs on the ten digits:

string[] names = { "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine" };
var alphabet = names.SelectMany(n => n.Select(c => c.ToString())).Distinct().Order();
var letters = Vocabulary.ForLabels(new[] { "<s>", "</s>" }.Concat(alphabet));
int[] Spelling(string name) =>
    letters.Encode(name.Select(c => c.ToString())).Append(letters.IdOf("</s>")).ToArray();
var targets = names.Select(Spelling).ToArray();
var digits = Tensor.Identity<double>(10);                       // row d = one-hot digit d
Console.WriteLine($"{letters.Count} tokens; three → [{string.Join(", ", targets[3])}]");

var speller = new SequenceGenerator<double>(10, letters.Count, 8, 32, letters.IdOf("<s>"),
    letters.IdOf("</s>"), CellKind.Gru, new Random(5));
var adam = new Adam<double>(speller.Parameters, 0.02);
var spellerHistory = new Trainer<double>(speller, adam) { ClipNorm = 5 }
    .Fit(digits.SplitRows(), targets, epochs: 150, batchSize: 10, shuffleSeed: 6);
string Write(int d) => string.Concat(letters.Decode(speller.Generate(digits.RowTensor(d))));
var written = Enumerable.Range(0, 10).Select(Write).ToArray();
for (int d = 0; d < 10; d++) Console.WriteLine($"{d} → {written[d]}");
Console.WriteLine($"final loss per letter {spellerHistory.TrainLoss[^1]:F4}");
if (written[3] != "three</s>") throw new Exception($"the speller should write three</s> for 3");
Kit.Show(Plots.LossCurve(spellerHistory.TrainLoss, "One-to-many: learning to spell digits", logScale: true));

// All ten names come out right, each ending with its `</s>`: the model has learned both the letters and where to stop, from nothing but the digit in $\mathbf{h}^{(0)}$. On the log scale the loss per letter falls by three orders of magnitude to 0.0009. The speller uses a GRU cell (notebook 10) because it trains faster; `CellKind.SimpleRnn` works too, with more epochs.
//
// ## Exercises
//
// 1. In the classwork, start from $\mathbf{h}^{(0)} = [0, 0]^\top$ instead. Predict the two labels by hand, then check with `net.Explain`. Which entry of $\mathbf{W}$ would you change so that the second word becomes DET?
// 2. Add a third word $\mathbf{x}^{(3)} = [0, 1, 0]^\top$ to the classwork sequence. Compute $\mathbf{h}^{(3)}$ with and without $\tanh$. How large do the linear network's states get after 10 words? (Hint: the eigenvalues of $\mathbf{U}$.)
// 3. In the untied-weights experiment, put the loss on the last step only (make every row of `G` zero except the last). Which step now contributes the largest part of $\partial L / \partial \mathbf{U}$, and why?
// 4. Repeat the gradient-vs-distance experiment with `RnnNonlinearity.Relu` and with `RnnNonlinearity.None`. For the linear RNN, predict the slope of each curve on the log scale from $\|\mathbf{U}\|_2$.
// 5. Train the speller with `CellKind.SimpleRnn` instead of `CellKind.Gru`. How many epochs does it need to spell all ten digits? Try adding longer words ("eleven", "seventeen").
