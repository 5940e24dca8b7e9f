// 12-sequence-tagging-bigru.cs: the lecture notebook notebooks/12-sequence-tagging-bigru.ipynb as a .NET 10 file-based app, without a notebook engine.
// Run it here with `dotnet run 12-sequence-tagging-bigru.cs`: text goes to the console, what the notebook displays to 12-sequence-tagging-bigru.html.
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

// # 12 · Sequence tagging with a bidirectional GRU
//
// *Lecture 6: "A bidirectional GRU is a good starting point for many sequence tagging tasks", and the RNN classwork's tags ADJ / DET / NOUN.*
//
// A **many-to-many** network: one output per input word. The classwork tagged "the red book" by hand with a tiny simple RNN; here a network learns part-of-speech tags from data. At step $t$ a bidirectional encoder has read the sentence in both directions,
//
// $$\mathbf{h}^{(t)} = \big[\,\overrightarrow{\mathbf{h}}^{(t)},\ \overleftarrow{\mathbf{h}}^{(t)}\,\big], \qquad \hat{\mathbf{y}}^{(t)} = \operatorname{softmax}\big(\mathbf{V}\,\mathbf{h}^{(t)} + \mathbf{c}\big),$$
//
// so the tag of word $t$ can depend on the words before it *and* after it. Whether "book" is a NOUN or a VERB is often decided by a neighbour.

// (Kit.Setup() connects the kit to a notebook's display; an app shows into its report.)

// ## The data
//
// Part-of-speech tagged sentences in CoNLL-U format, with the 17 universal POS tags (`ConllU.Read`). Train, dev (for watching training) and test (for the final number).

var train = ConllU.Read("../data/pos/train.conllu");
var dev = ConllU.Read("../data/pos/dev.conllu");
var test = ConllU.Read("../data/pos/test.conllu");
Console.WriteLine($"train {train.Count} sentences ({train.Sum(s => s.Length)} words), dev {dev.Count} ({dev.Sum(s => s.Length)}), test {test.Count} ({test.Sum(s => s.Length)})");
var first = train[0];
Console.WriteLine(first.Text);
Console.WriteLine(string.Join(" ", first.Words.Select((w, i) => w.PadRight(Math.Max(w.Length, first.Tags[i].Length)))));
Console.WriteLine(string.Join(" ", first.Tags.Select((t, i) => t.PadRight(Math.Max(first.Words[i].Length, t.Length)))));

var tagCounts = train.SelectMany(s => s.Tags).GroupBy(t => t).OrderByDescending(g => g.Count()).ToList();
Console.WriteLine(string.Join(", ", tagCounts.Select(g => $"{g.Key} {g.Count()}")));
Kit.Show(Plots.Bars($"Tag counts in the training set ({tagCounts.Count} tags)", "words", tagCounts.Select(g => g.Key).ToList(), tagCounts.Select(g => (double)g.Count()).ToList()));

// ## The baseline: each word's most frequent tag
//
// `MostFrequentTag` remembers, for every (lower-cased) training word, the tag it had most often, and tags unseen words NOUN. No context at all. Most words have only one tag, so this is already strong; it fails exactly on the **ambiguous** words.

var baseline = new MostFrequentTag(train);
double baselineAccuracy = baseline.Accuracy(test);
Console.WriteLine($"most-frequent-tag baseline on test: {baselineAccuracy:P1} (unseen words get {baseline.Fallback})");
var tagsOfWord = train.SelectMany(s => s.Words.Select(TaggingDataset.Normalize).Zip(s.Tags))
    .GroupBy(p => p.First)
    .ToDictionary(g => g.Key, g => g.GroupBy(p => p.Second).OrderByDescending(t => t.Count()).Select(t => (Tag: t.Key, Count: t.Count())).ToList());
var ambiguous = tagsOfWord.Where(kv => kv.Value.Count > 1).Select(kv => kv.Key).ToHashSet();
Console.WriteLine($"{ambiguous.Count} of {tagsOfWord.Count} training word types have more than one tag; the most frequent:");
foreach (var w in ambiguous.OrderByDescending(w => tagsOfWord[w].Sum(t => t.Count)).Take(14))
    Console.WriteLine($"   {w,-8} {string.Join(", ", tagsOfWord[w].Select(t => $"{t.Tag} {t.Count}"))}");
if (Math.Abs(baselineAccuracy - 0.907) > 0.005) throw new Exception($"the baseline should be about 90.7%, got {baselineAccuracy:P2}");

// "book" after "the" is a NOUN, after "I" or "to" a VERB; "that" can be DET, PRON or SCONJ. A tagger has to look at the neighbours — on both sides: in "Light every light." the first "light" is a VERB because a determiner *follows* it.
//
// ## A bidirectional GRU tagger
//
// `SequenceTagger` = embedding → encoder → a dense layer applied at every step. The encoder is a bidirectional GRU: one GRU reads left to right, another right to left, and their states are concatenated. Training minimises the cross-entropy averaged over all real (non-padding) words; padded positions are masked out of the loss.

var data = TaggingDataset.Create(train);
var (X, y) = data.Encode(train);
var (XDev, yDev) = data.Encode(dev);
var (XTest, yTest) = data.Encode(test);
Console.WriteLine($"{data.Words.Count} words in the vocabulary, {data.Tags.Count} tags: {string.Join(" ", data.Tags.Tokens)}");

int embeddingSize = 24, numHiddens = 24, epochs = 8, batchSize = 16;
double lr = 0.01;
var random = new Random(1);
var encoder = RecurrentEncoder.Create<double>(CellKind.Gru, embeddingSize, numHiddens, bidirectional: true, random: random);
var tagger = new SequenceTagger<double>(data.Words.Count, embeddingSize, encoder, data.Tags.Count, random);
Console.WriteLine($"{tagger}, {tagger.ParameterCount} parameters");
var watch = System.Diagnostics.Stopwatch.StartNew();
var trainer = new Trainer<double>(tagger, new Adam<double>(tagger.Parameters, lr)) { ClipNorm = 5 };   // clip exploding gradients through time
var history = trainer.Fit(X, y, epochs, batchSize, shuffleSeed: 2, validationData: (XDev, yDev));
Console.WriteLine($"trained {epochs} epochs in {watch.Elapsed.TotalSeconds:F1} s; loss {history.TrainLoss[0]:F3} → {history.TrainLoss[^1]:F3}, dev {history.ValidationLoss[0]:F3} → {history.ValidationLoss[^1]:F3}");
Kit.Show(Plots.Curves("BiGRU tagger: learning curves", "epoch", "cross-entropy per word", ("train", history.TrainLoss), ("dev", history.ValidationLoss)));

var yHat = tagger.Predict(XTest);
double accuracy = tagger.Accuracy(XTest, yTest);
Console.WriteLine($"BiGRU test accuracy {accuracy:P1} vs most-frequent-tag baseline {baselineAccuracy:P1}");
if (accuracy < baselineAccuracy + 0.03) throw new Exception($"the BiGRU ({accuracy:P1}) should clearly beat the baseline ({baselineAccuracy:P1})");

// ### Where the gain comes from: the ambiguous words
//
// Score only the test words whose type had more than one tag in training. That is where context is needed, and where the two taggers differ.

(double Model, double Baseline, int Count) AmbiguousAccuracy(int[][] predicted)
{
    int count = 0, model = 0, base_ = 0;
    for (int s = 0; s < test.Count; s++)
    {
        var baseTags = baseline.Tag(test[s].Words);
        for (int t = 0; t < test[s].Length; t++)
        {
            if (!ambiguous.Contains(TaggingDataset.Normalize(test[s].Words[t]))) continue;
            count++;
            if (predicted[s][t] == yTest[s][t]) model++;
            if (baseTags[t] == test[s].Tags[t]) base_++;
        }
    }
    return (model / (double)count, base_ / (double)count, count);
}
var amb = AmbiguousAccuracy(yHat);
Console.WriteLine($"{amb.Count} test words are ambiguous: BiGRU {amb.Model:P1}, baseline {amb.Baseline:P1}");
if (amb.Model <= amb.Baseline + 0.1) throw new Exception("the BiGRU should do much better than the baseline on ambiguous words");

// ### The confusion matrix
//
// Rows are the true tag, columns the predicted tag, over all test words. Almost everything sits on the diagonal; the few errors are between tags that share words.

var confusion = ConfusionMatrix.Count(yHat, yTest, data.Tags.Tokens);
Kit.Show(ConfusionCharts.Heatmap(confusion, "BiGRU tagger: test confusion matrix (17 UD tags)"));
Kit.Show(ConfusionCharts.Table(confusion, "BiGRU on the test set"));

var top = confusion.TopConfusions(5);
Console.WriteLine($"{confusion.Total - confusion.Correct} errors in {confusion.Total} test words; the most common confusions (true → predicted):");
foreach (var (trueTag, predictedTag, count) in top)
{
    var examples = new List<string>();
    for (int s = 0; s < test.Count && examples.Count < 2; s++)
        for (int t = 0; t < test[s].Length; t++)
            if (test[s].Tags[t] == trueTag && data.Tags.TokenOf(yHat[s][t]) == predictedTag)
                examples.Add($"\"{test[s].Words[t]}\" in \"{test[s].Text}\"");
    Console.WriteLine($"   {trueTag,-5} → {predictedTag,-5} {count}×   e.g. {string.Join("; ", examples.Take(2))}");
}
Console.WriteLine("per-tag recall on test: " + string.Join(", ", Enumerable.Range(0, confusion.Classes).Select(k => $"{confusion.Labels[k]} {confusion.Recall(k):P0}")));

// ### Does the backward direction help?
//
// The same tagger with a left-to-right GRU only (same sizes, seeds and epochs). A one-directional tagger must decide the tag of word $t$ before it has seen word $t+1$.

var uniRandom = new Random(1);
var uniTagger = new SequenceTagger<double>(data.Words.Count, embeddingSize,
    RecurrentEncoder.Create<double>(CellKind.Gru, embeddingSize, numHiddens, bidirectional: false, random: uniRandom), data.Tags.Count, uniRandom);
var uniHistory = new Trainer<double>(uniTagger, new Adam<double>(uniTagger.Parameters, lr)) { ClipNorm = 5 }
    .Fit(X, y, epochs, batchSize, shuffleSeed: 2, validationData: (XDev, yDev));
var uniAmb = AmbiguousAccuracy(uniTagger.Predict(XTest));
var comparison = new Tensor<double>(3, 4);
double[][] values =
{
    new[] { double.NaN, 100 * baseline.Accuracy(dev), 100 * baselineAccuracy, 100 * amb.Baseline },
    new[] { uniHistory.ValidationLoss[^1], 100 * uniTagger.Accuracy(XDev, yDev), 100 * uniTagger.Accuracy(XTest, yTest), 100 * uniAmb.Model },
    new[] { history.ValidationLoss[^1], 100 * tagger.Accuracy(XDev, yDev), 100 * accuracy, 100 * amb.Model },
};
for (int r = 0; r < 3; r++) for (int c = 0; c < 4; c++) comparison[r, c] = values[r][c];
Kit.Show(Kit.Table(comparison, "taggers compared (accuracy in %)", new[] { "most frequent tag", "GRU →", "BiGRU ⇄" },
    new[] { "dev loss", "dev acc.", "test acc.", "ambiguous test words" }, "G4"));
Kit.Show(Plots.Curves("dev loss: one direction vs both", "epoch", "cross-entropy per word", ("GRU →", uniHistory.ValidationLoss), ("BiGRU ⇄", history.ValidationLoss)));

// Both beat the baseline by far. The bidirectional tagger reaches a lower dev loss and does better on the ambiguous words; on the 827 test words the two overall accuracies are within a few words of each other, so do not read much into their order there. The difference shows in sentences where the deciding word comes *after* the ambiguous one — try the garden-path sentence below with both taggers.
//
// ## Tag your own sentence
//
// `Tokenizer` splits the text into words (keep the case: the tagger lower-cases for itself). Unknown words become `<unk>`, and the tagger must guess their tag from the context alone.

string mySentence = "the old man the boats .";
var tokenizer = new Tokenizer(lowercase: false);
string[] TagWith(SequenceTagger<double> model, IReadOnlyList<string> words) =>
    data.Tags.Decode(model.Predict(new[] { data.EncodeWords(words) })[0]);
var words = tokenizer.Tokenize(mySentence);
Console.WriteLine("BiGRU:    " + string.Join(" ", words.Zip(TagWith(tagger, words), (w, t) => $"{w}/{t}")));
Console.WriteLine("GRU →:    " + string.Join(" ", words.Zip(TagWith(uniTagger, words), (w, t) => $"{w}/{t}")));
Console.WriteLine("baseline: " + string.Join(" ", words.Zip(baseline.Tag(words), (w, t) => $"{w}/{t}")));
var unknown = words.Where(w => !data.Words.Contains(TaggingDataset.Normalize(w))).ToList();
if (unknown.Count > 0) Console.WriteLine($"unknown words: {string.Join(", ", unknown)}");

// "The old man the boats": the old (people) *man* (= staff) the boats. "man" is a VERB, which only the word *after* it can tell. Look at the "unknown words" line: if "man" is not even in the training vocabulary, whatever tag it gets comes from the context alone. Now the slide's classwork phrases and a few words that change tag with their neighbours:

string[] classwork = { "the red book", "a good movie", "Light every light.", "I will book the park.", "She said that the can is cold." };
foreach (var sentence in classwork)
{
    var w = tokenizer.Tokenize(sentence);
    Console.WriteLine(string.Join(" ", w.Zip(TagWith(tagger, w), (word, tag) => $"{word}/{tag}")));
}
var redBook = TagWith(tagger, tokenizer.Tokenize("the red book"));
if (string.Join(" ", redBook) != "DET ADJ NOUN") throw new Exception($"\"the red book\" should be DET ADJ NOUN, got {string.Join(" ", redBook)}");

// ## Exercises
//
// 1. **Garden paths.** Find a sentence where the one-directional GRU and the BiGRU disagree, and explain the disagreement from what each has read when it tags the word. ("The old man the boats." is one; try "Watch the watch." or "I can can the can." — which words are `<unk>`?)
// 2. **Capacity and time.** Halve `numHiddens` and `embeddingSize`, then double them. Plot the dev loss curves on one chart. How few parameters still beat the baseline by 5 points?
// 3. **Cells.** Replace `CellKind.Gru` by `CellKind.Lstm` and by `CellKind.SimpleRnn` (bidirectional in both cases). Compare parameter counts, dev loss and accuracy on the ambiguous words.
// 4. **Unknown words.** Count the test words that are `<unk>` for the tagger and measure its accuracy on them alone. What tag does it give an unknown word after "the"? After "I"? Why can it do better than the baseline's fixed NOUN?
// 5. **Errors.** For the most common confusion in the table above, read the sentences where it happens. Would a person need the left context, the right context, or both to get them right?
