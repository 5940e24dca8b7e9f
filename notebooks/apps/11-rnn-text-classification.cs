// 11-rnn-text-classification.cs: the lecture notebook notebooks/11-rnn-text-classification.ipynb as a .NET 10 file-based app, without a notebook engine.
// Run it here with `dotnet run 11-rnn-text-classification.cs`: text goes to the console, what the notebook displays to 11-rnn-text-classification.html.
// Made by `coursekit export --to app` from the notebook: edit the notebook and export again, not this file.
#:project ../../lib/CourseKit.Interactive/CourseKit.Interactive.csproj
#:property Configuration=Release
#:property Nullable=annotations
using CourseKit.Tensors;
using CourseKit.Optimizers;
using CourseKit.Text;
using CourseKit.Training;
using CourseKit.Recurrent.Architectures;
using CourseKit.Interactive;
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
Console.WriteLine($"train {trainPart.Count}, validation {validPart.Count}, test {test.Count}");

// `ClassificationDataset.Create` builds the vocabulary from the training sentences only (plus `<pad>` = 0 and `<unk>` = 1 for words it has never seen) and the label ids. Each sentence becomes a list of ids: that is what the embedding layer looks up.

var data = ClassificationDataset.Create(trainPart);
var (X, y) = data.Encode(trainPart);
var (XValid, yValid) = data.Encode(validPart);
var (XTest, yTest) = data.Encode(test);
Console.WriteLine($"vocabulary size: {data.Words.Count} (including <pad> and <unk>)");
var labelIds = data.Labels.Tokens.Select((l, i) => $"{i} = {l}");
Console.WriteLine($"labels: {string.Join(", ", labelIds)}");
foreach (var e in trainPart.Take(3))
{
    var tokens = data.Tokenizer.Tokenize(e.Text);
    Console.WriteLine($"{e.Text}\n   tokens: [{string.Join(", ", tokens)}]\n"
        + $"   ids:    [{string.Join(", ", data.Words.Encode(tokens))}]");
}
var unknown = data.EncodeText("a truly wonderful film");
Console.WriteLine($"an unknown word: \"a truly wonderful film\" → [{string.Join(", ", unknown)}]");

// The word *truly* never occurs in the training sentences, so it becomes id 1, `<unk>`.
//
// ### Padding and masking
//
// Sentences have different lengths, but a mini-batch is one tensor. `TokenBatch.Pad` fills the short sentences with `<pad>` (id 0) up to the longest, **time-major**: row $t$ holds word $t$ of every sentence. The mask is 1 at real words and 0 at padding. The recurrent layer uses the lengths: after a sentence ends its state is carried unchanged, so $\mathbf{h}^{(T)}$ is the state at *its own* last word, not after a run of padding.

var batch = TokenBatch.Pad(new[] { X[0], X[1], X[2] });
Console.WriteLine(batch);     // · marks padding
var steps = Enumerable.Range(1, batch.Steps).Select(t => $"t={t}").ToList();
var mask = batch.Mask<double>();
Kit.Show(Kit.Table(mask, "mask (steps × sentences)", steps, new[] { "s1", "s2", "s3" }));
if (batch.Lengths.Max() != batch.Steps || mask.Sum() != batch.Lengths.Sum())
    throw new Exception("the mask should have one 1 per real word");

// The three sentences have 10, 8 and 6 words; the shorter two get 2 and 4 steps of padding, and the mask's columns sum to their lengths.
//
// ### The baseline to beat
//
// A classifier that ignores the text and always answers the same label scores the share of that label. Even granting it the test set's own majority label, that is what a real model must clearly beat.

double majority = ClassificationDataset.MajorityShare(yTest);
string majorityLabel = data.Labels.TokenOf(yTest.GroupBy(l => l).MaxBy(g => g.Count())!.Key);
int positive = data.Labels.IdOf("positive");
int positives = yTest.Count(l => l == positive);
Console.WriteLine($"test: {positives} positive, {yTest.Length - positives} negative");
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
var encoder = RecurrentEncoder.Create<double>(CellKind.Gru, embeddingSize, numHiddens,
    random: random);
var model = new TextClassifier<double>(data.Words.Count, embeddingSize, encoder, data.Labels.Count,
    random);
Console.WriteLine($"{model}\n{model.ParameterCount} parameters");
var trainer = new Trainer<double>(model, new Adam<double>(model.Parameters, lr)) { ClipNorm = 5 };
var history = trainer.Fit(X, y, epochs, batchSize, shuffleSeed: 4,
    validationData: (XValid, yValid));
Console.WriteLine($"loss {history.TrainLoss[0]:F3} → {history.TrainLoss[^1]:F3}, "
    + $"validation {history.ValidationLoss[0]:F3} → {history.ValidationLoss[^1]:F3}");
Kit.Show(Plots.LogCurves("GRU classifier: learning curves", "epoch", "cross-entropy",
    ("train", history.TrainLoss), ("validation", history.ValidationLoss)));

// The first epoch's loss, 0.695, is $\ln 2$: a coin flip between two labels. Both curves fall steeply from the third epoch on; the training loss ends at 0.001, and the validation loss levels off at about 0.036 from epoch 7, and stays there. After that, more training only makes the model surer of its training sentences.

var yHat = model.Predict(XTest);
double accuracy = model.Accuracy(XTest, yTest);
Console.WriteLine($"GRU test accuracy {accuracy:P1} vs majority baseline {majority:P1}");
if (accuracy < majority + 0.25) throw new Exception("the GRU should beat the baseline clearly");

// Far above the baseline, and also far above the 63% a bag-of-words naive Bayes gets on this test set (data/README.md): counting words cannot tell "not good" from "good, not bad", reading them in order can.
//
// ### Where are the errors?
//
// Rows are the true label, columns the prediction; the diagonal is right.

var confusion = ConfusionMatrix.Count(yHat, yTest, data.Labels.Tokens);
Kit.Show(ConfusionCharts.Table(confusion, "GRU on the test set"));
Kit.Show(ConfusionCharts.Heatmap(confusion, "GRU sentence classifier: test confusion matrix"));

// One test sentence out of 100 is wrong: a negative one called positive (the red cell of the table). Which one, and how sure was the model?
//
// To read the model's confidence we need probabilities, not just the winning label. `Probabilities` gives $\hat{\mathbf{y}} = \operatorname{softmax}(\mathbf{V}\mathbf{h}^{(T)} + \mathbf{c})$ for every sentence, one row per sentence and one column per label; the `positive` column is $P(\text{positive})$.

double[] PPositive(IReadOnlyList<int[]> sentences) =>
    model.Probabilities(sentences).SplitRows().Select(p => p[0, positive]).ToArray();
var testProbability = PPositive(XTest);
void Show(int i) => Console.WriteLine($"   P(positive) = {testProbability[i]:F2}  "
    + $"true {test[i].Label,-8}  {test[i].Text}");
var wrong = Enumerable.Range(0, test.Count).Where(i => yHat[i] != yTest[i]).ToList();
Console.WriteLine($"{wrong.Count} misclassified test sentence(s):");
wrong.ForEach(Show);
Console.WriteLine("the five test sentences it is least sure about:");
var leastSure = Enumerable.Range(0, test.Count).OrderBy(i => Math.Abs(testProbability[i] - 0.5));
leastSure.Take(5).ToList().ForEach(Show);

// The one error is a negation, *not good*, which the model calls positive with P = 0.67: it has not fully learned to turn *good* around. The sentences it is least sure about are negations and contrasts too; everything else it classifies with a probability near 0 or 1.
//
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

var trickyProbability = PPositive(tricky.Select(t => data.EncodeText(t.Text)).ToList());
int trickyRight = 0;
for (int i = 0; i < tricky.Length; i++)
{
    string label = trickyProbability[i] >= 0.5 ? "positive" : "negative";
    if (label == tricky[i].Expected) trickyRight++;
    Console.WriteLine($"{(label == tricky[i].Expected ? "✓" : "✗")} {label,-8} "
        + $"P(positive) = {trickyProbability[i]:F2}   {tricky[i].Text}");
}
Console.WriteLine($"tricky sentences right: {trickyRight} of {tricky.Length}");

// Six of eight. *The acting was not good.* sits exactly on the fence (0.50, rounded; just enough to count as positive): the last hidden state does not settle the question. *Boring actors but a good plot.* is called negative although the part after *but* is positive: it has learned that the part after *but* usually decides, and can still be fooled when the two halves use words it mostly saw in the other role.
//
// ## The last hidden state represents the sentence
//
// The classifier sees only $\mathbf{h}^{(T)}$. Run it on every **prefix** of a sentence — "The", "The music", "The music was", … — and the prediction after word $t$ is what $\mathbf{h}^{(t)}$ says about the sentence so far. Watch it change its mind.

(string[] Words, double[] P) Prefixes(string text)
{
    var ids = data.EncodeText(text);
    var prefixes = Enumerable.Range(1, ids.Length).Select(k => ids[..k]).ToList();
    return (data.Words.Decode(ids), PPositive(prefixes));
}
var contrast = Prefixes("The music was weak, but the ending was exciting.");
var negation = Prefixes("Not bad at all!");
Kit.Show(WordPlots.OverWords("P(positive) after each word: a contrast", "P(positive)",
    contrast.Words, ("The music was weak, but the ending was exciting.", contrast.P)));
Kit.Show(WordPlots.OverWords("P(positive) after each word: a negation", "P(positive)", negation.Words,
    ("Not bad at all!", negation.P)));

int weak = Array.IndexOf(contrast.Words, "weak"), but = Array.IndexOf(contrast.Words, "but");
Console.WriteLine($"after \"weak\": {contrast.P[weak]:F2}, after \"but\": {contrast.P[but]:F2}, "
    + $"at the end: {contrast.P[^1]:F2}");
Console.WriteLine($"after \"not\": {negation.P[0]:F2}, after \"bad\": {negation.P[1]:F2}, "
    + $"after \"at\": {negation.P[2]:F2}, at the end: {negation.P[^1]:F2}");
if (!(contrast.P[weak] < 0.5 && contrast.P[^1] > 0.5)) throw new Exception("expected a flip");
if (!(negation.P[1] < 0.5 && negation.P[^1] > 0.5)) throw new Exception("expected a flip");

// After "weak" the state says *negative*; then "but" flips it: the word announces that the second half will decide, and in the training data a "but" after a negative first half nearly always led to a positive sentence, so the prediction jumps before the second half has said anything. "Not" alone is strongly negative, "not bad" is undecided, and "at all" turns it positive. The network has learned where in a sentence the evidence that counts tends to be — information carried in $\mathbf{h}^{(t)}$ from word to word.
//
// ## Classify your own sentences
//
// Edit the sentences and re-run the cell. Words the training set never saw become `<unk>` (listed after the sentence): the model treats them all alike.

string[] mySentences =
{
    "The film was wonderful.", "A truly wonderful film.", "The plot was not boring at all!",
    "Great songs but the story was dull.", "I would not recommend this phone.",
};
var myProbability = PPositive(mySentences.Select(data.EncodeText).ToList());
for (int i = 0; i < mySentences.Length; i++)
{
    var unknownWords = data.Tokenizer.Tokenize(mySentences[i]).Where(w => !data.Words.Contains(w));
    string note = unknownWords.Any() ? $"   (unknown: {string.Join(", ", unknownWords)})" : "";
    Console.WriteLine($"{(myProbability[i] >= 0.5 ? "positive" : "negative"),-8} "
        + $"P(positive) = {myProbability[i]:F2}   {mySentences[i]}{note}");
}

// Do not expect too much from 320 training sentences built from a few patterns ("The X was Y.", "Y Xs but a Z W.", …). A sentence outside those patterns, such as a bare noun phrase like "A truly wonderful film.", can get a confident wrong answer: the last hidden state has learned where the evidence sits in the training patterns more than what "wonderful" means on its own.
//
// ## Simple RNN vs GRU vs LSTM
//
// Same embedding, same hidden size, same optimizer and seeds, and the same budget of 8 epochs each; only the cell changes. Two seeds each, to see how much of a difference is luck.

(int Parameters, double Accuracy) TrainCell(CellKind kind, int seed)
{
    var r = new Random(seed);
    var encoderInner = RecurrentEncoder.Create<double>(kind, embeddingSize, numHiddens, random: r);
    var m = new TextClassifier<double>(data.Words.Count, embeddingSize, encoderInner, data.Labels.Count,
        r);
    new Trainer<double>(m, new Adam<double>(m.Parameters, lr)) { ClipNorm = 5 }
        .Fit(X, y, epochs: 8, batchSize, shuffleSeed: seed + 1);
    return (m.ParameterCount, m.Accuracy(XTest, yTest));
}
var kinds = new[] { CellKind.SimpleRnn, CellKind.Gru, CellKind.Lstm };
var byCell = kinds.Select(kind => (Seed3: TrainCell(kind, 3), Seed5: TrainCell(kind, 5))).ToArray();

var compare = Tensor.FromRows(byCell.Select(c => new double[]
    { c.Seed3.Parameters, 100 * c.Seed3.Accuracy, 100 * c.Seed5.Accuracy }).ToArray());
Kit.Show(Kit.Table(compare, "test accuracy (%) after the same training budget",
    kinds.Select(k => k.ToString()).ToList(), new[] { "parameters", "seed 3", "seed 5" }, "G4"));
for (int k = 0; k < kinds.Length; k++)
    Console.WriteLine($"{kinds[k],-9} {byCell[k].Seed3.Parameters,5} parameters   "
        + $"test accuracy {byCell[k].Seed3.Accuracy:P1}, {byCell[k].Seed5.Accuracy:P1}");
if (byCell.Any(c => Math.Min(c.Seed3.Accuracy, c.Seed5.Accuracy) <= majority))
    throw new Exception("every cell should beat the majority baseline");

// On sentences this short (4–12 words) even the simple RNN carries the sentiment to the end; the gated cells get there with smoother training and, on longer texts, hold on to early words much better ("much better at using long distance information"). The GRU has 3/4 of the LSTM's recurrent weights — "GRUs generally perform as well or better than LSTMs, with fewer parameters".
//
// ## Exercises
//
// 1. **Only the last state.** Build a sentence whose sentiment is decided by its *first* clause, e.g. "Although the acting was great, the plot was weak." Where does the prefix curve flip? Write a long sentence (repeat "and the music was good" several times before the decisive clause) and see whether the GRU still gets it.
// 2. **Bidirectional.** Pass `bidirectional: true` to `RecurrentEncoder.Create`: the sentence vector becomes $[\mathbf{h}_f^{(T)}, \mathbf{h}_b^{(1)}]$. Does the test accuracy or the number of tricky sentences right change? What does the prefix experiment mean for a bidirectional model?
// 3. **Capacity.** Retrain with `numHiddens = 4` and `numHiddens = 64`, and with `embeddingSize = 2`. Which setting underfits, which overfits (compare the train and validation curves)?
// 4. **Unknown words.** Find three sentences in `mySentences` style that the model gets wrong because of `<unk>`. Why does every unknown word push the prediction the same way?
// 5. **Order matters.** Shuffle the words of every test sentence (keep the labels) and measure the accuracy. Compare with the 63% of the bag-of-words baseline: what does the gap tell you?
