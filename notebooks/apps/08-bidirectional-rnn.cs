// 08-bidirectional-rnn.cs: the lecture notebook notebooks/08-bidirectional-rnn.ipynb as a .NET 10 file-based app, without a notebook engine.
// Run it here with `dotnet run 08-bidirectional-rnn.cs`: text goes to the console, what the notebook displays to 08-bidirectional-rnn.html.
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
using CourseKit.Recurrent;
using CourseKit.Text;
using CourseKit.Interactive;
using CourseKit.Recurrent.Architectures;
using CourseKit.Interactive.Charts;
using CourseKit.Interactive.Formatting;

// The lesson reads its files relative to the notebook's folder, as it does in a notebook.
System.IO.Directory.SetCurrentDirectory(System.IO.Path.GetFullPath(System.IO.Path.Combine(
    (string)System.AppContext.GetData("EntryPointFileDirectoryPath")!, "..")));

// # 8 · Bidirectional RNNs
//
// *Lecture 6: the slides **Drawbacks of simple RNN** and **Bidirectional RNNs**.*
//
// A simple RNN "can only see the past, not the future": $\mathbf{h}^{(t)}$ has read $\mathbf{x}^{(1)}, \dots, \mathbf{x}^{(t)}$ and nothing after. But the right tag for a word often depends on what comes next — *book* is a verb in "book the room" and a noun in "book prices fell". The fix on the slide: run one RNN forward, one backward, and combine their outputs:
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
var birnn = new Bidirectional<double>(new SimpleRnnCell<double>(numInputs, numHiddens, RnnNonlinearity.Tanh, rng),
                                      new SimpleRnnCell<double>(numInputs, numHiddens, RnnNonlinearity.Tanh, rng));
var H = birnn.Forward(SequenceBatch<double>.FromSequence(X));    // row t = [h_f(t), h_b(t)]
Kit.Show(birnn.Forwards.Trace());
Kit.Show(birnn.Backwards.Trace());
Kit.Show(Kit.Table(H, "concatenated output [h_f(t), h_b(t)]", sentence.Select((w, t) => $"t={t + 1} {w}").ToArray(), new[] { "h_f[1]", "h_f[2]", "h_b[1]", "h_b[2]" }, "F4"));

// The forward trace runs top to bottom, $t = 1, 2, 3, 4$; the backward trace runs $t = 4, 3, 2, 1$, and its $\mathbf{h}(t-1)$ column is really the slide's $\mathbf{h}_b^{(t+1)}$, the state handed over from the word *after*. At $t = 1$ ("the"), $\mathbf{h}_f$ has read one word while $\mathbf{h}_b$ has read the whole phrase.
//
// Recompute both directions by hand from the slide's equations (each cell's $\mathbf{U}$, $\mathbf{W}$ and bias from `GateMatrices(0)`):

var (Uf, Wf, bf) = birnn.Forwards.Cell.GateMatrices(0);
var (Ub, Wb, bb) = birnn.Backwards.Cell.GateMatrices(0);
int T = X.Rows;
var hf = new Tensor<double>[T + 2];
var hb = new Tensor<double>[T + 2];
hf[0] = Tensor.Zeros<double>(numHiddens, 1);
hb[T + 1] = Tensor.Zeros<double>(numHiddens, 1);
Tensor<double> x(int t) => Tensor.Column(X.Row(t - 1).ToArray());
for (int t = 1; t <= T; t++) hf[t] = (Uf.MatMul(hf[t - 1]) + Wf.MatMul(x(t)) + bf).Map(Math.Tanh);   // forward: t = 1 … T
for (int t = T; t >= 1; t--) hb[t] = (Ub.MatMul(hb[t + 1]) + Wb.MatMul(x(t)) + bb).Map(Math.Tanh);   // backward: t = T … 1
double directionGap = 0;
for (int t = 1; t <= T; t++)
{
    var rowInner = Tensor.Row(hf[t].ToFlatArray().Concat(hb[t].ToFlatArray()).ToArray());
    directionGap = Math.Max(directionGap, rowInner.MaxAbsDifference(Tensor.Row(H.Row(t - 1).ToArray())));
    Console.WriteLine($"t={t} {sentence[t - 1],-4}: h_f = {hf[t].Transpose().ToString("F4")}  h_b = {hb[t].Transpose().ToString("F4")}");
}
Console.WriteLine($"max difference from the library's [h_f, h_b]: {directionGap:E2}");
if (directionGap > 1e-12) throw new Exception("the bidirectional output differs from the slide's equations");

// ## Combining the two directions
//
// The slide adds two products, $\mathbf{V}_f \mathbf{h}_f^{(t)} + \mathbf{V}_b \mathbf{h}_b^{(t)}$. Stacking the states, $[\mathbf{h}_f; \mathbf{h}_b]$, and the matrices side by side, $[\mathbf{V}_f \; \mathbf{V}_b]$, gives the same sum as one product:
//
// $$\mathbf{V}_f \mathbf{h}_f + \mathbf{V}_b \mathbf{h}_b = \begin{bmatrix} \mathbf{V}_f & \mathbf{V}_b \end{bmatrix} \begin{bmatrix} \mathbf{h}_f \\ \mathbf{h}_b \end{bmatrix}$$
//
// In CourseKit's row layout that is `[h_f h_b] × [V_fᵀ; V_bᵀ]` for all time steps at once: one dense layer on the concatenated output, which is exactly what `SequenceTagger` puts on a bidirectional encoder. Check with random $\mathbf{V}_f$, $\mathbf{V}_b$ (3 tags):

int classes = 3;
var Vf = Tensor.Normal<double>(classes, numHiddens, 0.0, 1.0, new Random(4));
var Vb = Tensor.Normal<double>(classes, numHiddens, 0.0, 1.0, new Random(5));
var softmax = new Softmax<double>();
// Slide form, one column at a time: o(t) = softmax(V_f h_f(t) + V_b h_b(t)).
var oSlide = new Tensor<double>(T, classes);
for (int t = 1; t <= T; t++) softmax.Apply((Vf.MatMul(hf[t]) + Vb.MatMul(hb[t])).Transpose()).Row(0).CopyTo(oSlide.Row(t - 1));
// Row form, every step at once: softmax([h_f h_b] × [V_fᵀ; V_bᵀ]).
var stacked = new Tensor<double>(2 * numHiddens, classes);
for (int k = 0; k < numHiddens; k++)
    for (int c = 0; c < classes; c++) { stacked[k, c] = Vf[c, k]; stacked[numHiddens + k, c] = Vb[c, k]; }
var oConcat = softmax.Apply(H.MatMul(stacked));
Kit.Show(LatexDisplay.Math($@"\mathbf{{o}}^{{(1)}} = \mathrm{{softmax}}\left({Vf.ToLatex()} {hf[1].ToLatex()} + {Vb.ToLatex()} {hb[1].ToLatex()}\right) = {Tensor.Column(oSlide.Row(0).ToArray()).ToLatex()}"));
Kit.Show(Kit.Table(oSlide, "softmax(V_f h_f(t) + V_b h_b(t))", sentence, new[] { "tag 0", "tag 1", "tag 2" }, "F6"));
Kit.Show(Kit.Table(oConcat, "softmax([h_f h_b] × [V_fᵀ; V_bᵀ])", sentence, new[] { "tag 0", "tag 1", "tag 2" }, "F6"));
double formGap = oSlide.MaxAbsDifference(oConcat);
Console.WriteLine($"max |slide form − concatenated form| = {formGap:E2}");
if (formGap > 1e-12) throw new Exception("the two forms of o(t) should agree");

// ## Why tagging needs the future
//
// A toy language makes the point sharply. Its sentences come in four shapes, and in each pair the ambiguous word is tagged by **what follows it** — the words before it are the same:
//
// | shape | example | ambiguous word |
// |---|---|---|
// | command | *book the red table .* | *book* = VERB (followed by a determiner) |
// | compound subject | *book prices fell today .* | *book* = NOUN (followed by a noun) |
// | pronoun object | *we liked that again .* | *that* = PRON (nothing after it but an adverb or the end) |
// | determiner | *we liked that old film .* | *that* = DET (followed by an adjective or noun) |
//
// Eight ambiguous nouns/verbs (*book, watch, cook, plan, light, park, record, judge*) and *that*. Generate 300 training and 100 test sentences:

string[] ambiguousWords = { "book", "watch", "cook", "plan", "light", "park", "record", "judge", "that" };
string[] dets = { "the", "a", "this", "every" }, adjs = { "red", "big", "old", "new" }, nouns = { "table", "room", "game", "car", "film", "trip" };
string[] plurals = { "prices", "sales", "fans", "owners", "clubs" }, pasts = { "fell", "rose", "won", "left", "grew" };
string[] advs = { "today", "again", "quickly" }, prons = { "we", "they", "you", "i" }, verbs = { "liked", "saw", "wanted", "hated" };
List<TaggedSentence> ToyLanguage(int count, int seed)
{
    var r = new Random(seed);
    string Pick(string[] options) => options[r.Next(options.Length)];
    var result = new List<TaggedSentence>();
    for (int i = 0; i < count; i++)
    {
        var words = new List<string>(); var tags = new List<string>();
        void Add(string word, string tag) { words.Add(word); tags.Add(tag); }
        bool maybe() => r.Next(2) == 0;
        switch (r.Next(4))
        {
            case 0: Add(Pick(ambiguousWords[..8]), "VERB"); Add(Pick(dets), "DET"); if (maybe()) Add(Pick(adjs), "ADJ"); Add(Pick(nouns), "NOUN"); break;
            case 1: Add(Pick(ambiguousWords[..8]), "NOUN"); Add(Pick(plurals), "NOUN"); Add(Pick(pasts), "VERB"); if (maybe()) Add(Pick(advs), "ADV"); break;
            case 2: Add(Pick(prons), "PRON"); Add(Pick(verbs), "VERB"); Add("that", "PRON"); if (maybe()) Add(Pick(advs), "ADV"); break;
            default: Add(Pick(prons), "PRON"); Add(Pick(verbs), "VERB"); Add("that", "DET"); if (maybe()) Add(Pick(adjs), "ADJ"); Add(Pick(nouns), "NOUN"); break;
        }
        Add(".", "PUNCT");
        result.Add(new TaggedSentence(words, tags, null, null));
    }
    return result;
}
var toyTrain = ToyLanguage(300, 1);
var toyTest = ToyLanguage(100, 2);
foreach (var s in toyTrain.Take(6)) Console.WriteLine(s);
var toyData = TaggingDataset.Create(toyTrain);
var (Xtrain, ytrain) = toyData.Encode(toyTrain);
var (Xtest, ytest) = toyData.Encode(toyTest);
var toyAmbiguous = ambiguousWords.Select(toyData.Words.IdOf).ToHashSet();
int ambiguousTokens = Xtest.Sum(s => s.Count(toyAmbiguous.Contains));
Console.WriteLine($"{toyTrain.Count} training / {toyTest.Count} test sentences, {toyData.Words.Count} word ids, tags {string.Join(" ", toyData.Tags.Tokens)}");
Console.WriteLine($"test: {Xtest.Sum(s => s.Length)} words, {ambiguousTokens} of them ambiguous; most-frequent-tag baseline {new MostFrequentTag(toyTrain).Accuracy(toyTest):P1}");

// Train two GRU taggers (`SequenceTagger` over `RecurrentEncoder.Create(CellKind.Gru, …)`, the cell of notebook 10; a simple RNN behaves the same way here, only slower to train) with the same data, epochs, batch size, learning rate and seeds. The unidirectional one gets 24 hidden units, the bidirectional one 16 per direction, so both have about the same number of parameters. After every epoch, measure the accuracy on the test sentences, overall and on the ambiguous words only.

(SequenceTagger<double> Tagger, List<double> Overall, List<double> Ambiguous) TrainTagger(
    bool bidirectional, int hidden, TaggingDataset data, int[][] Xtr, int[][] ytr, int[][] Xte, int[][] yte, HashSet<int> ambiguous,
    int embedding, int epochs, double lr)
{
    var random = new Random(7);
    var encoder = RecurrentEncoder.Create<double>(CellKind.Gru, embedding, hidden, bidirectional: bidirectional, random: random);
    var tagger = new SequenceTagger<double>(data.Words.Count, embedding, encoder, data.Tags.Count, random);
    var overall = new List<double>();
    var onAmbiguous = new List<double>();
    var trainer = new Trainer<double>(tagger, new Adam<double>(tagger.Parameters, lr)) { ClipNorm = 5 };
    trainer.Fit(Xtr, ytr, epochs, batchSize: 16, shuffleSeed: 3, callbacks: new[] { new ProgressCallback<double>(_ =>
    {
        var predicted = tagger.Predict(Xte);
        int right = 0, total = 0, ambiguousRight = 0, ambiguousTotal = 0;
        for (int i = 0; i < Xte.Length; i++)
            for (int t = 0; t < Xte[i].Length; t++)
            {
                bool ok = predicted[i][t] == yte[i][t];
                total++; if (ok) right++;
                if (ambiguous.Contains(Xte[i][t])) { ambiguousTotal++; if (ok) ambiguousRight++; }
            }
        overall.Add(right / (double)total);
        onAmbiguous.Add(ambiguousRight / (double)ambiguousTotal);
    }) });
    return (tagger, overall, onAmbiguous);
}
double lr = 0.02;
int epochs = 10;
var uni = TrainTagger(false, 24, toyData, Xtrain, ytrain, Xtest, ytest, toyAmbiguous, embedding: 8, epochs, lr);
var bi = TrainTagger(true, 16, toyData, Xtrain, ytrain, Xtest, ytest, toyAmbiguous, embedding: 8, epochs, lr);
Console.WriteLine($"unidirectional GRU ({uni.Tagger.ParameterCount} parameters): accuracy {uni.Overall[^1]:P1}, on ambiguous words {uni.Ambiguous[^1]:P1}");
Console.WriteLine($"bidirectional GRU  ({bi.Tagger.ParameterCount} parameters): accuracy {bi.Overall[^1]:P1}, on ambiguous words {bi.Ambiguous[^1]:P1}");
Kit.Show(Plots.Curves("Toy language: test accuracy after each epoch", "epoch", "accuracy",
    ("unidirectional, all words", uni.Overall), ("bidirectional, all words", bi.Overall),
    ("unidirectional, ambiguous words", uni.Ambiguous), ("bidirectional, ambiguous words", bi.Ambiguous)));

// Check: the bidirectional tagger wins clearly, and the unidirectional one cannot do better than guessing on the ambiguous words.
if (bi.Ambiguous[^1] < 0.95) throw new Exception($"the bidirectional tagger should tag the ambiguous words (got {bi.Ambiguous[^1]:P1})");
if (uni.Ambiguous[^1] > 0.75) throw new Exception($"the unidirectional tagger should not be able to tag the ambiguous words (got {uni.Ambiguous[^1]:P1})");
if (bi.Overall[^1] < uni.Overall[^1] + 0.05) throw new Exception("the bidirectional tagger should beat the unidirectional one by at least 5 points");

// The unidirectional tagger learns everything else quickly, but on the ambiguous words it stays near a coin flip, and overall it does no better than the most-frequent-tag baseline: when it must tag *book*, it has not yet read the word that decides. The bidirectional tagger gets every word right within a few epochs. Look at its output for the first word of two sentences that differ only **after** it:

double[] FirstWordTags(SequenceTagger<double> tagger, string text)
{
    var ids = toyData.EncodeWords(text.Split(' '));
    var scores = tagger.Forward(TokenBatch.Pad(new[] { ids }));   // (steps × tags), batch of one
    return new Softmax<double>().Apply(Tensor.Row(scores.Row(0).ToArray())).ToFlatArray();
}
string[] pair = { "book the red table .", "book prices fell today ." };
var tagNames = toyData.Tags.Tokens.ToArray();
var firstWord = new Tensor<double>(4, tagNames.Length);
string[] rowNames = new string[4];
int row = 0;
foreach (var (name, model) in new[] { ("unidirectional", uni.Tagger), ("bidirectional", bi.Tagger) })
    foreach (var text in pair)
    {
        var p = FirstWordTags(model, text);
        p.CopyTo(firstWord.Row(row));
        rowNames[row++] = $"{name}: \"{text}\"";
        Console.WriteLine($"{name,-14} \"{text}\": book → {tagNames[Array.IndexOf(p, p.Max())]} (p = {p.Max():F3})");
    }
Kit.Show(Kit.Table(firstWord, "o(1): tag probabilities for the first word, book", rowNames, tagNames, "F3"));
double uniGap = Tensor.Row(firstWord.Row(0).ToArray()).MaxAbsDifference(Tensor.Row(firstWord.Row(1).ToArray()));
Console.WriteLine($"unidirectional: max difference between the two rows = {uniGap}");
if (uniGap != 0) throw new Exception("a forward RNN's output at t = 1 can depend only on x(1)");

// The unidirectional rows are identical to the last digit: $\mathbf{h}^{(1)}$ depends on $\mathbf{x}^{(1)}$ alone, so the two sentences are the same to it at $t = 1$. The bidirectional tagger's $\mathbf{h}_b^{(1)}$ has read the rest of the sentence and tells them apart.
//
// ## On the shipped part-of-speech corpus
//
// The kit's POS data (`../data/pos`, 420 training and 90 test sentences, 17 universal tags) is closer to real English, where the **previous** word decides most ambiguities (*the book* vs *I book*). Same comparison, 10 epochs:

var posTrain = ConllU.Read("../data/pos/train.conllu");
var posTest = ConllU.Read("../data/pos/test.conllu");
var posData = TaggingDataset.Create(posTrain);
var (posXtrain, posYtrain) = posData.Encode(posTrain);
var (posXtest, posYtest) = posData.Encode(posTest);
// Word types seen with more than one tag in training.
var posAmbiguous = posTrain.SelectMany(s => s.Words.Select((w, i) => (Word: TaggingDataset.Normalize(w), Tag: s.Tags[i])))
    .GroupBy(p => p.Word).Where(g => g.Select(p => p.Tag).Distinct().Count() > 1).Select(g => posData.Words.IdOf(g.Key)).ToHashSet();
var posUni = TrainTagger(false, 32, posData, posXtrain, posYtrain, posXtest, posYtest, posAmbiguous, embedding: 16, epochs: 10, lr: 0.01);
var posBi = TrainTagger(true, 24, posData, posXtrain, posYtrain, posXtest, posYtest, posAmbiguous, embedding: 16, epochs: 10, lr: 0.01);
Console.WriteLine($"most-frequent-tag baseline: {new MostFrequentTag(posTrain).Accuracy(posTest):P1}; {posAmbiguous.Count} ambiguous word types");
Console.WriteLine($"POS unidirectional GRU ({posUni.Tagger.ParameterCount} parameters): accuracy {posUni.Overall[^1]:P1}, on ambiguous words {posUni.Ambiguous[^1]:P1}");
Console.WriteLine($"POS bidirectional GRU  ({posBi.Tagger.ParameterCount} parameters): accuracy {posBi.Overall[^1]:P1}, on ambiguous words {posBi.Ambiguous[^1]:P1}");
Kit.Show(Plots.Curves("POS corpus: test accuracy after each epoch", "epoch", "accuracy",
    ("unidirectional, all words", posUni.Overall), ("bidirectional, all words", posBi.Overall),
    ("unidirectional, ambiguous words", posUni.Ambiguous), ("bidirectional, ambiguous words", posBi.Ambiguous)));

// Both beat the most-frequent-tag baseline by far, because both see the left context. The bidirectional tagger is still ahead, most clearly on the ambiguous words, where the right context settles what the left context cannot (*that* before a noun or at the end, a sentence-initial command). "A bidirectional GRU is a good starting point for many sequence tagging tasks," as a later slide puts it.
//
// A bidirectional RNN needs the whole sequence before it can emit the first output, so it fits tagging and classification of a finished sentence, not generating text word by word or recognising speech as it arrives.
//
// ## Exercises
//
// 1. In the first section, change the last word from "." to "book" and re-run. Which of $\mathbf{h}_f^{(t)}$, $\mathbf{h}_b^{(t)}$ change, and at which $t$? Predict it before running.
// 2. Give the unidirectional toy tagger a chance: shift the targets so that it must output the tag of word $t$ at step $t + 1$ (append a dummy end word). How accurate is it on the ambiguous words now? What does this have in common with a bidirectional RNN?
// 3. Make the toy language harder: let the deciding word come two positions later (e.g. *book the prices* …). Does the bidirectional tagger still solve it? What about `CellKind.SimpleRnn` instead of `CellKind.Gru`?
// 4. Train the POS taggers with the same number of hidden units per direction (24 and 24) instead of the same number of parameters. Does the comparison change?
// 5. Find the POS test words that the unidirectional tagger gets wrong and the bidirectional one gets right. What follows them?
