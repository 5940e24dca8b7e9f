// 08-bidirectional-rnn.cs: the lecture notebook notebooks/08-bidirectional-rnn.ipynb as a .NET 10 file-based app, without a notebook engine.
// Run it here with `dotnet run 08-bidirectional-rnn.cs`: text goes to the console, what the notebook displays to 08-bidirectional-rnn.html.
// Made by `coursekit export --to app` from the notebook: edit the notebook and export again, not this file.
#:project ../../lib/CourseKit.Interactive/CourseKit.Interactive.csproj
#:property Configuration=Release
#:property Nullable=annotations
using CourseKit.Tensors;
using CourseKit.Activations;
using CourseKit.Optimizers;
using CourseKit.Training;
using CourseKit.Examples;
using CourseKit.Recurrent;
using CourseKit.Recurrent.Architectures;
using CourseKit.Text;
using CourseKit.Interactive;
using CourseKit.Interactive.Charts;
using CourseKit.Interactive.Formatting;

// The lesson reads its files relative to the notebook's folder, as it does in a notebook.
System.IO.Directory.SetCurrentDirectory(System.IO.Path.GetFullPath(System.IO.Path.Combine(
    (string)System.AppContext.GetData("EntryPointFileDirectoryPath")!, "..")));

// # 8 · Bidirectional RNNs
//
// *Lecture 6: the slides **Drawbacks of simple RNN** and **Bidirectional RNNs**.*
//
// A simple RNN "can only see the past, not the future": $\mathbf{h}^{(t)}$ has read $\mathbf{x}^{(1)}, \dots, \mathbf{x}^{(t)}$ and nothing after. But the right tag for a word often depends on what comes next: *book* is a verb in "book the room" and a noun in "book prices fell". The fix on the slide: run one RNN forward, one backward, and combine their outputs:
//
// $$\mathbf{h}_f^{(t)} = \tanh(\mathbf{U}_f \mathbf{h}_f^{(t-1)} + \mathbf{W}_f \mathbf{x}^{(t)}) \qquad \mathbf{h}_b^{(t)} = \tanh(\mathbf{U}_b \mathbf{h}_b^{(t+1)} + \mathbf{W}_b \mathbf{x}^{(t)})$$
//
// $$\mathbf{o}^{(t)} = \mathrm{softmax}(\mathbf{V}_f \mathbf{h}_f^{(t)} + \mathbf{V}_b \mathbf{h}_b^{(t)})$$
//
// The backward RNN starts at the end of the sentence ($\mathbf{h}_b^{(T+1)} = \mathbf{0}$) and runs to the beginning, so $\mathbf{h}_b^{(t)}$ has read $\mathbf{x}^{(t)}, \dots, \mathbf{x}^{(T)}$. Together, the output at step $t$ has seen the whole sentence.

// (Kit.Setup() connects the kit to a notebook's display; an app shows into its report.)

// ## Forward and backward passes side by side
//
// `Bidirectional<T>` holds two recurrent layers with their own weights: `Forwards` (reads $t = 1 \dots T$) and `Backwards` (reads $t = T \dots 1$). Run two small $\tanh$ cells (2 hidden units each) over the phrase *the red book .* with one-hot words:

string[] sentence = { "the", "red", "book", "." };
int numInputs = sentence.Length, numHiddens = 2;
var X = Tensor.Identity<double>(numInputs);          // row t = one-hot x(t)
var rng = new Random(3);
SimpleRnnCell<double> Cell() => new(numInputs, numHiddens, RnnNonlinearity.Tanh, rng);
var birnn = new Bidirectional<double>(Cell(), Cell());
var H = birnn.Forward(SequenceBatch<double>.FromSequence(X));    // row t = [h_f(t), h_b(t)]
Kit.Show(birnn.Forwards.Trace());
Kit.Show(birnn.Backwards.Trace());
var steps = sentence.Select((w, t) => $"t={t + 1} {w}").ToArray();
string[] units = { "h_f[1]", "h_f[2]", "h_b[1]", "h_b[2]" };
Kit.Show(Kit.Table(H, "concatenated output [h_f(t), h_b(t)]", steps, units, "F4"));

// The forward trace runs top to bottom, $t = 1, 2, 3, 4$; the backward trace runs $t = 4, 3, 2, 1$, and its $\mathbf{h}(t-1)$ column is really the slide's $\mathbf{h}_b^{(t+1)}$, the state handed over from the word *after*. At $t = 1$ ("the"), $\mathbf{h}_f$ has read one word while $\mathbf{h}_b$ has read the whole phrase.
//
// Recompute both directions by hand from the slide's equations, in column vectors, with each cell's $\mathbf{U}$, $\mathbf{W}$ and bias from `GateMatrices(0)`. `X.RowAsColumn(t - 1)` is $\mathbf{x}^{(t)}$ as a column; `Tensor.Concat(0, hf[t], hb[t])` stacks the two states into $[\mathbf{h}_f^{(t)}; \mathbf{h}_b^{(t)}]$, and `Tensor.Stack` lays those columns out as the rows of a table, the layer's layout:

var (Uf, Wf, bf) = birnn.Forwards.Cell.GateMatrices(0);
var (Ub, Wb, bb) = birnn.Backwards.Cell.GateMatrices(0);
int T = X.Rows;
Tensor<double> x(int t) => X.RowAsColumn(t - 1);
var hf = new Tensor<double>[T + 2];
var hb = new Tensor<double>[T + 2];
hf[0] = hb[T + 1] = Tensor.Zeros<double>(numHiddens, 1);        // the states before the first step
for (int t = 1; t <= T; t++) hf[t] = (Uf.MatMul(hf[t - 1]) + Wf.MatMul(x(t)) + bf).Map(Math.Tanh);
for (int t = T; t >= 1; t--) hb[t] = (Ub.MatMul(hb[t + 1]) + Wb.MatMul(x(t)) + bb).Map(Math.Tanh);
var byHand = Tensor.Stack(Enumerable.Range(1, T).Select(t => Tensor.Concat(0, hf[t], hb[t])));
Kit.Show(Kit.Table(byHand, "by hand: [h_f(t); h_b(t)] as rows", steps, null, "F4"));
double directionGap = byHand.MaxAbsDifference(H);
Console.WriteLine($"max difference from the library's [h_f, h_b]: {directionGap:E2}");
if (directionGap > 1e-12) throw new Exception("the layer differs from the slide's equations");

// The hand computation agrees with the layer to the last bit or two: the library runs exactly the slide's two recurrences.
//
// ## Combining the two directions
//
// The slide adds two products, $\mathbf{V}_f \mathbf{h}_f^{(t)} + \mathbf{V}_b \mathbf{h}_b^{(t)}$. Stacking the states, $[\mathbf{h}_f; \mathbf{h}_b]$, and putting the matrices side by side, $[\mathbf{V}_f \; \mathbf{V}_b]$, gives the same sum as one product:
//
// $$\mathbf{V}_f \mathbf{h}_f + \mathbf{V}_b \mathbf{h}_b = \begin{bmatrix} \mathbf{V}_f & \mathbf{V}_b \end{bmatrix} \begin{bmatrix} \mathbf{h}_f \\ \mathbf{h}_b \end{bmatrix}$$
//
// In CourseKit's row layout that is `[h_f h_b] × [V_fᵀ; V_bᵀ]` for all time steps at once: one dense layer on the concatenated output, which is exactly what `SequenceTagger` puts on a bidirectional encoder. Check with random $\mathbf{V}_f$, $\mathbf{V}_b$ (3 tags):

var Vf = Tensor.Normal<double>(3, numHiddens, 0.0, 1.0, new Random(4));     // 3 tags
var Vb = Tensor.Normal<double>(3, numHiddens, 0.0, 1.0, new Random(5));
var softmax = new Softmax<double>();
// Slide form, one column per step: softmax(V_f h_f(t) + V_b h_b(t)), laid out as rows.
var scores = Tensor.Stack(Enumerable.Range(1, T).Select(t => Vf.MatMul(hf[t]) + Vb.MatMul(hb[t])));
var oSlide = softmax.Apply(scores);
var oConcat = softmax.Apply(H.MatMul(Tensor.Concat(0, Vf.Transpose(), Vb.Transpose())));
string sum = $"{Vf.ToLatex()} {hf[1].ToLatex()} + {Vb.ToLatex()} {hb[1].ToLatex()}";
Kit.Show(LatexDisplay.Math($@"\mathbf{{o}}^{{(1)}} = \mathrm{{softmax}}\left({sum}\right) = "
    + oSlide.RowAsColumn(0).ToLatex()));
Kit.Show(Kit.Table(oConcat, "o(t) = softmax([h_f h_b] × [V_fᵀ; V_bᵀ])", sentence, null, "F6"));
double formGap = oSlide.MaxAbsDifference(oConcat);
Console.WriteLine($"max |slide form − concatenated form| = {formGap:E2}");
if (formGap > 1e-12) throw new Exception("the two forms of o(t) should agree");

// The first row of the table is the $\mathbf{o}^{(1)}$ written out above, and the two forms differ only by rounding. These weights are random, so the probabilities mean nothing yet; training sets them.
//
// ## Why tagging needs the future
//
// A toy language makes the point sharply. `ToyTagging.Sentences` draws sentences of four shapes, and in each pair of shapes the ambiguous word is tagged by **what follows it**, while the words before it are the same:
//
// | shape | example | ambiguous word |
// |---|---|---|
// | command | *book the red table .* | *book* = VERB (followed by a determiner) |
// | compound subject | *book prices fell today .* | *book* = NOUN (followed by a noun) |
// | pronoun object | *we liked that again .* | *that* = PRON (nothing after it but an adverb or the end) |
// | determiner | *we liked that old film .* | *that* = DET (followed by an adjective or noun) |
//
// Eight ambiguous nouns/verbs (*book, watch, cook, plan, light, park, record, judge*) and *that*. Draw 300 training and 100 test sentences:

var toyTrain = ToyTagging.Sentences(300, seed: 1);
var toyTest = ToyTagging.Sentences(100, seed: 2);
foreach (var s in toyTrain.Take(6)) Console.WriteLine(s);
var toyData = TaggingDataset.Create(toyTrain);
var (Xtrain, ytrain) = toyData.Encode(toyTrain);
var (Xtest, ytest) = toyData.Encode(toyTest);
var ambiguous = ToyTagging.AmbiguousWords.Select(toyData.Words.IdOf).ToHashSet();
int ambiguousTokens = Xtest.Sum(s => s.Count(ambiguous.Contains));
Console.WriteLine($"{toyTrain.Count} training / {toyTest.Count} test sentences, "
    + $"{toyData.Words.Count} word ids, tags {string.Join(" ", toyData.Tags.Tokens)}");
Console.WriteLine($"test: {Xtest.Sum(s => s.Length)} words, {ambiguousTokens} of them ambiguous; "
    + $"most-frequent-tag baseline {new MostFrequentTag(toyTrain).Accuracy(toyTest):P1}");

// Exactly one word per sentence is ambiguous, and the baseline that always gives a word its most frequent tag is right on everything else.
//
// Train two GRU taggers (`SequenceTagger` over `RecurrentEncoder.Create(CellKind.Gru, …)`, the cell of notebook 10; a simple RNN behaves the same way here, only slower to train) with the same data, epochs, batch size, learning rate and seeds. The unidirectional one gets 24 hidden units, the bidirectional one 16 per direction, so both have about the same number of parameters. The trainer's metric is the test accuracy on the ambiguous words alone, measured after every epoch.

SequenceTagger<double> NewTagger(bool bidirectional, int hidden)
{
    var random = new Random(7);
    var encoder = RecurrentEncoder.Create<double>(CellKind.Gru, 8, hidden, bidirectional,
        random: random);
    return new SequenceTagger<double>(toyData.Words.Count, 8, encoder, toyData.Tags.Count, random);
}
History Fit(SequenceTagger<double> tagger) =>
    new Trainer<double>(tagger, new Adam<double>(tagger.Parameters, 0.02)) { ClipNorm = 5 }.Fit(
        Xtrain, ytrain, epochs: 10, batchSize: 16, shuffleSeed: 3, validationData: (Xtest, ytest),
        metric: (X, y) => tagger.Accuracy(X, y, ambiguous.Contains));
var uni = NewTagger(bidirectional: false, hidden: 24);
var bi = NewTagger(bidirectional: true, hidden: 16);
var (uniHistory, biHistory) = (Fit(uni), Fit(bi));

var (uniAll, biAll) = (uni.Accuracy(Xtest, ytest), bi.Accuracy(Xtest, ytest));
var (uniAmbiguous, biAmbiguous) = (uniHistory.ValidationMetric[^1], biHistory.ValidationMetric[^1]);
Console.WriteLine($"unidirectional GRU ({uni.ParameterCount} parameters): accuracy {uniAll:P1}, "
    + $"on ambiguous words {uniAmbiguous:P1}");
Console.WriteLine($"bidirectional GRU  ({bi.ParameterCount} parameters): accuracy {biAll:P1}, "
    + $"on ambiguous words {biAmbiguous:P1}");
Kit.Show(Plots.Curves("Toy language: test accuracy on the ambiguous words", "epoch", "accuracy",
    ("unidirectional", uniHistory.ValidationMetric),
    ("bidirectional", biHistory.ValidationMetric)));
// Check: the bidirectional tagger solves the ambiguous words; the unidirectional one cannot.
if (biAmbiguous < 0.95) throw new Exception("the bidirectional tagger should get them right");
if (uniAmbiguous > 0.75) throw new Exception("the unidirectional tagger cannot know their tags");
if (biAll < uniAll + 0.05) throw new Exception("the bidirectional tagger should win by 5 points");

// The bidirectional tagger gets every ambiguous word right from the second epoch on. The unidirectional one wanders between 45% and 55% on them for all ten epochs: a coin flip, since each ambiguous word is a verb or a noun (or a determiner or a pronoun) about equally often. It tags everything else right, so its overall 90.3% is no better than the most-frequent-tag baseline. No amount of training can help it: when it must tag *book*, it has not yet read the word that decides.
//
// Look at both taggers' output for the first word of two sentences that differ only **after** it. `Probabilities` gives $\mathbf{o}^{(t)}$, the softmax of the tag scores, for every word of every sentence; row 0 is $\mathbf{o}^{(1)}$. The table's rows marked → are the unidirectional tagger's, ⇄ the bidirectional one's.

string[] pair = { "book the red table .", "book prices fell today ." };
var pairIds = pair.Select(p => toyData.EncodeWords(p.Split(' '))).ToArray();
var firstWord = Tensor.Stack(new[] { uni, bi }    // o(1) of each tagger for each sentence: 4 rows
    .SelectMany(tagger => tagger.Probabilities(pairIds)).Select(o => o.RowTensor(0)));
var tagNames = toyData.Tags.Tokens.ToArray();
string[] taggerNames = { "unidirectional", "unidirectional", "bidirectional", "bidirectional" };
for (int k = 0; k < 4; k++)
    Console.WriteLine($"{taggerNames[k],-14} \"{pair[k % 2]}\": book → "
        + $"{tagNames[firstWord.ArgMaxRows()[k]]} (p = {firstWord.RowTensor(k).Max():F3})");
var rowNames = pair.Select(p => $"→ {p}").Concat(pair.Select(p => $"⇄ {p}")).ToArray();
Kit.Show(Kit.Table(firstWord, "o(1): tag probabilities of book", rowNames, tagNames, "F3"));
double uniGap = firstWord.RowTensor(0).MaxAbsDifference(firstWord.RowTensor(1));
Console.WriteLine($"unidirectional: max difference between the two rows = {uniGap}");
if (uniGap != 0) throw new Exception("a forward RNN's output at t = 1 can depend only on x(1)");

// The unidirectional rows are identical to the last digit: $\mathbf{h}^{(1)}$ depends on $\mathbf{x}^{(1)}$ alone, so at $t = 1$ the two sentences are the same sentence to it, and it can only split its bet (0.505 for VERB). The bidirectional tagger's $\mathbf{h}_b^{(1)}$ has read the rest of the sentence: VERB with 0.995 before *the*, NOUN with 1.000 before *prices*.
//
// Real English is kinder to a left-to-right tagger than this toy language, because the **previous** word decides most ambiguities (*the book* vs *I book*). Notebook 12 makes the same comparison on the kit's part-of-speech corpus: there both taggers beat the baseline by far, and the bidirectional one is still ahead on the ambiguous words. "A bidirectional GRU is a good starting point for many sequence tagging tasks."
//
// A bidirectional RNN needs the whole sequence before it can emit the first output, so it fits tagging and classification of a finished sentence, not generating text word by word or recognising speech as it arrives.
//
// ## Exercises
//
// 1. In the first section, change the last word from "." to "book" and re-run. Which of $\mathbf{h}_f^{(t)}$, $\mathbf{h}_b^{(t)}$ change, and at which $t$? Predict it before running.
// 2. Give the unidirectional toy tagger a chance: shift the targets so that it must output the tag of word $t$ at step $t + 1$ (append a dummy end word). How accurate is it on the ambiguous words now? What does this have in common with a bidirectional RNN?
// 3. Make the toy language harder: let the deciding word come two positions later (e.g. *book the prices* …; copy `ToyTagging.Sentences` into a cell). Does the bidirectional tagger still solve it? What about `CellKind.SimpleRnn` instead of `CellKind.Gru`?
// 4. Give both toy taggers 16 hidden units per direction instead of the same number of parameters. Does the comparison change?
// 5. In notebook 12, find the test words that the unidirectional tagger gets wrong and the bidirectional one gets right. What follows them?
