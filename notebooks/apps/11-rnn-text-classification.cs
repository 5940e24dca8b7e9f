// 11-rnn-text-classification.cs: the lecture notebook notebooks/11-rnn-text-classification.ipynb as a .NET 10 file-based app, without a notebook engine.
// Run it here with `dotnet run 11-rnn-text-classification.cs`: text goes to the console, what the notebook displays to 11-rnn-text-classification.html.
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
using CourseKit.Recurrent;
using CourseKit.Text;
using CourseKit.Training;
using CourseKit.Interactive;
using CourseKit.Recurrent.Architectures;
using CourseKit.Interactive.Charts;

// The lesson reads its files relative to the notebook's folder, as it does in a notebook.
System.IO.Directory.SetCurrentDirectory(System.IO.Path.GetFullPath(System.IO.Path.Combine(
    (string)System.AppContext.GetData("EntryPointFileDirectoryPath")!, "..")));

// # 11 · RNNs for text classification
//
// *Lecture 6: the slide **Recurrent architectures for related tasks — RNNs for text classification**: "the last hidden state of the RNN represents the entire sentence".*
//
// A **many-to-one** network: the RNN reads the sentence word by word, and only its last hidden state $\mathbf{h}^{(T)}$ is classified,
//
// $$\hat{\mathbf{y}} = \operatorname{softmax}\big(\mathbf{V}\,\mathbf{h}^{(T)} + \mathbf{c}\big).$$
//
// Everything the classifier knows about the sentence has to be squeezed into that one vector. The data are short review sentences labelled positive or negative, written so that word order matters: negations ("not bad at all") and contrasts ("good actors but a boring plot").

// (Kit.Setup() connects the kit to a notebook's display; an app shows into its report.)

// ## The data
//
// `LabeledText.Read` reads one `text<TAB>label` per line. We keep the last 80 training sentences aside as a **validation** set (to watch the loss while training) and touch the test set only at the end.

var train = LabeledText.Read("../data/sentences/train.tsv");
var test = LabeledText.Read("../data/sentences/test.tsv");
var trainPart = train.Take(320).ToList();
var validPart = train.Skip(320).ToList();
foreach (var e in train.Take(6)) Console.WriteLine($"{e.Label,-9} {e.Text}");
Console.WriteLine($"train {trainPart.Count}, validation {validPart.Count}, test {test.Count} sentences");

// `ClassificationDataset.Create` builds the vocabulary from the training sentences only (plus `<pad>` = 0 and `<unk>` = 1 for words it has never seen) and the label ids. Each sentence becomes a list of ids: that is what the embedding layer looks up.

var data = ClassificationDataset.Create(trainPart);
var (X, y) = data.Encode(trainPart);
var (XValid, yValid) = data.Encode(validPart);
var (XTest, yTest) = data.Encode(test);
Console.WriteLine($"vocabulary size: {data.Words.Count} (including <pad> and <unk>)");
Console.WriteLine($"labels: {string.Join(", ", data.Labels.Tokens.Select((l, i) => $"{i} = {l}"))}");
foreach (var e in trainPart.Take(3))
{
    var tokens = data.Tokenizer.Tokenize(e.Text);
    Console.WriteLine($"{e.Text}\n   tokens: [{string.Join(", ", tokens)}]\n   ids:    [{string.Join(", ", data.Words.Encode(tokens))}]");
}
Console.WriteLine($"an unknown word: \"a truly wonderful film\" → [{string.Join(", ", data.EncodeText("a truly wonderful film"))}]");

// ### Padding and masking
//
// Sentences have different lengths, but a mini-batch is one tensor. `TokenBatch.Pad` fills the short sentences with `<pad>` (id 0) up to the longest, **time-major**: row $t$ holds word $t$ of every sentence. The mask is 1 at real words and 0 at padding. The recurrent layer uses the lengths: after a sentence ends its state is carried unchanged, so $\mathbf{h}^{(T)}$ is the state at *its own* last word, not after a run of padding.

var batch = TokenBatch.Pad(new[] { X[0], X[1], X[2] });
Console.WriteLine(batch);     // · marks padding
Kit.Show(Kit.Table(batch.Mask<double>(), "mask (steps × sentences)", Enumerable.Range(1, batch.Steps).Select(t => $"t={t}").ToList(), new[] { "s1", "s2", "s3" }));
if (batch.Lengths.Max() != batch.Steps || batch.Mask<double>().Span.ToArray().Sum() != batch.Lengths.Sum()) throw new Exception("mask should have one 1 per real word");

// ### The baseline to beat
//
// A classifier that ignores the text and always answers the same label scores the share of that label. Even granting it the test set's own majority label, that is what a real model must clearly beat.

double majority = ClassificationDataset.MajorityShare(yTest);
string majorityLabel = data.Labels.TokenOf(yTest.GroupBy(l => l).MaxBy(g => g.Count())!.Key);
Console.WriteLine($"test: {yTest.Count(l => l == data.Labels.IdOf("positive"))} positive, {yTest.Count(l => l == data.Labels.IdOf("negative"))} negative");
Console.WriteLine($"majority-class baseline (always \"{majorityLabel}\"): {majority:P1}");

// ## A GRU sentence classifier
//
// `TextClassifier` = embedding ($\mathbf{x}^{(t)}$ = a learned vector per word id) → GRU → dense layer on the last hidden state. The GRU is the slide's gated cell,
//
// $$\mathbf{u}^{(t)} = \sigma(\mathbf{b}_u + \mathbf{W}_u \mathbf{h}^{(t-1)} + \mathbf{U}_u \mathbf{x}^{(t)}), \qquad \mathbf{r}^{(t)} = \sigma(\mathbf{b}_r + \mathbf{W}_r \mathbf{h}^{(t-1)} + \mathbf{U}_r \mathbf{x}^{(t)})$$
//
// $$\mathbf{h}^{(t)} = (1 - \mathbf{u}^{(t)}) \odot \mathbf{h}^{(t-1)} + \mathbf{u}^{(t)} \odot \tanh(\mathbf{b}_h + \mathbf{W}_h (\mathbf{r}^{(t)} \odot \mathbf{h}^{(t-1)}) + \mathbf{U}_h \mathbf{x}^{(t)})$$
//
// (`CellKind.Gru` applies the reset gate after the matrix product, as PyTorch does; `CellKind.GruSlides` is the form above. Both train equally well here.) Training is back-propagation through time with Adam and gradients clipped to norm 5.

int embeddingSize = 16, numHiddens = 24, epochs = 10, batchSize = 16;
double lr = 0.01;
var random = new Random(3);
var encoder = RecurrentEncoder.Create<double>(CellKind.Gru, embeddingSize, numHiddens, random: random);
var model = new TextClassifier<double>(data.Words.Count, embeddingSize, encoder, data.Labels.Count, random);
Console.WriteLine(model);
Console.WriteLine($"{model.ParameterCount} parameters");
var watch = System.Diagnostics.Stopwatch.StartNew();
var trainer = new Trainer<double>(model, new Adam<double>(model.Parameters, lr)) { ClipNorm = 5 };   // clip exploding gradients through time
var history = trainer.Fit(X, y, epochs, batchSize, shuffleSeed: 4, validationData: (XValid, yValid));
Console.WriteLine($"trained {epochs} epochs in {watch.Elapsed.TotalSeconds:F1} s; loss {history.TrainLoss[0]:F3} → {history.TrainLoss[^1]:F3}, validation {history.ValidationLoss[0]:F3} → {history.ValidationLoss[^1]:F3}");
Kit.Show(Plots.Curves("GRU classifier: learning curves", "epoch", "cross-entropy", ("train", history.TrainLoss), ("validation", history.ValidationLoss)));

var yHat = model.Predict(XTest);
double accuracy = model.Accuracy(XTest, yTest);
Console.WriteLine($"GRU test accuracy {accuracy:P1} vs majority baseline {majority:P1}");
if (accuracy < majority + 0.25) throw new Exception($"the GRU ({accuracy:P1}) should beat the majority baseline ({majority:P1}) by a clear margin");

// Far above the baseline, and also far above the 63% a bag-of-words naive Bayes gets on this test set (data/README.md): counting words cannot tell "not good" from "good, not bad", reading them in order can.
//
// ### Where are the errors?
//
// Rows are the true label, columns the prediction; the diagonal is right.

var confusion = ConfusionMatrix.Count(yHat, yTest, data.Labels.Tokens);
Kit.Show(ConfusionCharts.Table(confusion, "GRU on the test set"));
Kit.Show(ConfusionCharts.Heatmap(confusion, "GRU sentence classifier: test confusion matrix"));

// To read the model's confidence we need probabilities, not just the winning label: the classifier's `Forward` gives the two scores $\mathbf{V}\mathbf{h}^{(T)} + \mathbf{c}$ of every sentence in a batch, and the softmax turns them into $P(\text{positive})$.

int positive = data.Labels.IdOf("positive");
double[] PositiveProbability(TextClassifier<double> m, IReadOnlyList<int[]> sentences)
{
    var scores = m.Forward(TokenBatch.Pad(sentences));        // (sentences × 2) scores, V h(T) + c
    var p = new double[sentences.Count];
    for (int i = 0; i < sentences.Count; i++)
    {
        double top = Math.Max(scores[i, 0], scores[i, 1]);
        double e0 = Math.Exp(scores[i, 0] - top), e1 = Math.Exp(scores[i, 1] - top);
        p[i] = (positive == 0 ? e0 : e1) / (e0 + e1);
    }
    return p;
}
var testProbability = PositiveProbability(model, XTest);
var wrong = Enumerable.Range(0, test.Count).Where(i => yHat[i] != yTest[i]).ToList();
Console.WriteLine($"{wrong.Count} misclassified test sentence(s):");
foreach (int i in wrong) Console.WriteLine($"   P(positive) = {testProbability[i]:F2}  true {test[i].Label,-8}  {test[i].Text}");
var leastSure = Enumerable.Range(0, test.Count).OrderBy(i => Math.Abs(testProbability[i] - 0.5)).Take(5).ToList();
Console.WriteLine("the five test sentences it is least sure about:");
foreach (int i in leastSure) Console.WriteLine($"   P(positive) = {testProbability[i]:F2}  true {test[i].Label,-8}  {test[i].Text}");

// ### Tricky sentences
//
// Negations and contrasts, written for this notebook (not in any of the files). The expected label is what a person would say.

var tricky = new (string Text, string Expected)[]
{
    ("Not bad at all!", "positive"),
    ("The acting was not good.", "negative"),
    ("The acting was good but the plot was boring.", "negative"),
    ("Good actors but a boring plot.", "negative"),
    ("Boring actors but a good plot.", "positive"),
    ("Although the plot was weak, the acting was great.", "positive"),
    ("The story could not be better.", "positive"),
    ("The camera was never dull.", "positive"),
};
var trickyProbability = PositiveProbability(model, tricky.Select(t => data.EncodeText(t.Text)).ToList());
int trickyRight = 0;
for (int i = 0; i < tricky.Length; i++)
{
    string label = trickyProbability[i] >= 0.5 ? "positive" : "negative";
    if (label == tricky[i].Expected) trickyRight++;
    Console.WriteLine($"{(label == tricky[i].Expected ? "✓" : "✗")} {label,-8} P(positive) = {trickyProbability[i]:F2}   {tricky[i].Text}");
}
Console.WriteLine($"tricky sentences right: {trickyRight} of {tricky.Length}");

// A probability near 0.5 means the last hidden state does not settle the question. Where the model is wrong, look at which half of the sentence it followed: with "X but Y" sentences it has learned that the part after "but" usually decides, and it can still be fooled when the two halves use words it mostly saw in the other role.

// ## The last hidden state represents the sentence
//
// The classifier sees only $\mathbf{h}^{(T)}$. Run it on every **prefix** of a sentence — "The", "The music", "The music was", … — and the prediction after word $t$ is what $\mathbf{h}^{(t)}$ says about the sentence so far. Watch it change its mind.

(string[] Words, double[] P) Prefixes(string text)
{
    var ids = data.EncodeText(text);
    var prefixes = Enumerable.Range(1, ids.Length).Select(k => ids[..k]).ToList();
    return (data.Words.Decode(ids), PositiveProbability(model, prefixes));
}
var contrast = Prefixes("The music was weak, but the ending was exciting.");
var negation = Prefixes("Not bad at all!");
Console.WriteLine(string.Join("  ", contrast.Words.Zip(contrast.P, (w, p) => $"{w}:{p:F2}")));
Console.WriteLine(string.Join("  ", negation.Words.Zip(negation.P, (w, p) => $"{w}:{p:F2}")));
Kit.Show(WordPlots.OverWords("P(positive) after each word: a contrast", "P(positive)", contrast.Words, ("The music was weak, but the ending was exciting.", contrast.P)));
Kit.Show(WordPlots.OverWords("P(positive) after each word: a negation", "P(positive)", negation.Words, ("Not bad at all!", negation.P)));

int weak = Array.IndexOf(contrast.Words, "weak"), but = Array.IndexOf(contrast.Words, "but");
Console.WriteLine($"after \"weak\": {contrast.P[weak]:F2}, after \"but\": {contrast.P[but]:F2}, at the end: {contrast.P[^1]:F2}");
if (!(contrast.P[weak] < 0.5 && contrast.P[^1] > 0.5)) throw new Exception("the contrast sentence should start negative and end positive");
if (!(negation.P[1] < 0.5 && negation.P[^1] > 0.5)) throw new Exception("\"not bad\" should read negative until \"at all\" resolves it");

// After "weak" the state says *negative*; then "but" flips it: the word announces that the second half will decide, and in the training data a "but" after a negative first half nearly always led to a positive sentence, so the prediction jumps before the second half has said anything. "Not" alone is strongly negative, "not bad" is undecided, and "at all" turns it positive. The network has learned where in a sentence the evidence that counts tends to be — information carried in $\mathbf{h}^{(t)}$ from word to word.
//
// ## Classify your own sentences
//
// Edit the sentences and re-run the cell. Words the training set never saw become `<unk>` (listed after the sentence): the model treats them all alike.

string[] mySentences =
{
    "The film was wonderful.",
    "A truly wonderful film.",
    "The plot was not boring at all!",
    "Great songs but the story was dull.",
    "I would not recommend this phone.",
};
var myProbability = PositiveProbability(model, mySentences.Select(data.EncodeText).ToList());
for (int i = 0; i < mySentences.Length; i++)
{
    var unknown = data.Tokenizer.Tokenize(mySentences[i]).Where(w => !data.Words.Contains(w)).ToList();
    Console.WriteLine($"{(myProbability[i] >= 0.5 ? "positive" : "negative"),-8} P(positive) = {myProbability[i]:F2}   {mySentences[i]}{(unknown.Count > 0 ? $"   (unknown: {string.Join(", ", unknown)})" : "")}");
}

// Do not expect too much from 320 training sentences built from a few patterns ("The X was Y.", "Y Xs but a Z W.", …). A sentence outside those patterns, such as a bare noun phrase like "A truly wonderful film.", can get a confident wrong answer: the last hidden state has learned where the evidence sits in the training patterns more than what "wonderful" means on its own.
//
// ## Simple RNN vs GRU vs LSTM
//
// Same embedding, same hidden size, same optimizer and seeds, and the same budget of 8 epochs each; only the cell changes. Two seeds each, to see how much of a difference is luck.

var rows = new List<(string Cell, int Parameters, double Seed1, double Seed2)>();
foreach (var kind in new[] { CellKind.SimpleRnn, CellKind.Gru, CellKind.Lstm })
{
    var scores = new List<double>();
    int count = 0;
    foreach (int seed in new[] { 3, 5 })
    {
        var r = new Random(seed);
        var m = new TextClassifier<double>(data.Words.Count, embeddingSize, RecurrentEncoder.Create<double>(kind, embeddingSize, numHiddens, random: r), data.Labels.Count, r);
        new Trainer<double>(m, new Adam<double>(m.Parameters, lr)) { ClipNorm = 5 }.Fit(X, y, epochs: 8, batchSize, shuffleSeed: seed + 1);
        scores.Add(m.Accuracy(XTest, yTest));
        count = m.ParameterCount;
    }
    rows.Add((kind.ToString(), count, scores[0], scores[1]));
}
var compare = new Tensor<double>(rows.Count, 3);
for (int i = 0; i < rows.Count; i++) { compare[i, 0] = rows[i].Parameters; compare[i, 1] = 100 * rows[i].Seed1; compare[i, 2] = 100 * rows[i].Seed2; }
Kit.Show(Kit.Table(compare, "test accuracy (%) after the same training budget", rows.Select(r => r.Cell).ToList(), new[] { "parameters", "seed 3", "seed 5" }, "G4"));
foreach (var r in rows) Console.WriteLine($"{r.Cell,-9} {r.Parameters,5} parameters   test accuracy {r.Seed1:P1}, {r.Seed2:P1}");
if (rows.Any(r => Math.Min(r.Seed1, r.Seed2) <= majority)) throw new Exception("every cell should beat the majority baseline");

// On sentences this short (4–12 words) even the simple RNN carries the sentiment to the end; the gated cells get there with smoother training and, on longer texts, hold on to early words much better ("much better at using long distance information"). The GRU has 3/4 of the LSTM's recurrent weights — "GRUs generally perform as well or better than LSTMs, with fewer parameters".
//
// ## Exercises
//
// 1. **Only the last state.** Build a sentence whose sentiment is decided by its *first* clause, e.g. "Although the acting was great, the plot was weak." Where does the prefix curve flip? Write a long sentence (repeat "and the music was good" several times before the decisive clause) and see whether the GRU still gets it.
// 2. **Bidirectional.** Pass `bidirectional: true` to `RecurrentEncoder.Create`: the sentence vector becomes $[\mathbf{h}_f^{(T)}, \mathbf{h}_b^{(1)}]$. Does the test accuracy or the number of tricky sentences right change? What does the prefix experiment mean for a bidirectional model?
// 3. **Capacity.** Retrain with `numHiddens = 4` and `numHiddens = 64`, and with `embeddingSize = 2`. Which setting underfits, which overfits (compare the train and validation curves)?
// 4. **Unknown words.** Find three sentences in `mySentences` style that the model gets wrong because of `<unk>`. Why does every unknown word push the prediction the same way?
// 5. **Order matters.** Shuffle the words of every test sentence (keep the labels) and measure the accuracy. Compare with the 63% of the bag-of-words baseline: what does the gap tell you?
