// 12-sequence-tagging-bigru.cs: the lecture notebook notebooks/12-sequence-tagging-bigru.ipynb as a .NET 10 file-based app, without a notebook engine.
// Run it here with `dotnet run 12-sequence-tagging-bigru.cs`: text goes to the console, what the notebook displays to 12-sequence-tagging-bigru.html.
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
Console.WriteLine($"train {train.Count} sentences ({train.Sum(s => s.Length)} words), "
    + $"dev {dev.Count} ({dev.Sum(s => s.Length)}), test {test.Count} ({test.Sum(s => s.Length)})");
var first = train[0];
int Width(int i) => Math.Max(first.Words[i].Length, first.Tags[i].Length);
Console.WriteLine(first.Text);
Console.WriteLine(string.Join(" ", first.Words.Select((w, i) => w.PadRight(Width(i)))));
Console.WriteLine(string.Join(" ", first.Tags.Select((t, i) => t.PadRight(Width(i)))));

var tagCounts = train.SelectMany(s => s.Tags).GroupBy(t => t).OrderByDescending(g => g.Count())
    .ToList();
foreach (var line in tagCounts.Chunk(9))
    Console.WriteLine(string.Join(", ", line.Select(g => $"{g.Key} {g.Count()}")));
Kit.Show(Plots.Bars($"Tag counts in the training set ({tagCounts.Count} tags)", "words",
    tagCounts.Select(g => g.Key).ToList(), tagCounts.Select(g => (double)g.Count()).ToList()));

// Nouns, determiners, punctuation and verbs make up more than half of the words; X (other) and SYM (symbols) occur only a dozen times each, too rarely for a tagger to learn much about them.
//
// ## The baseline: each word's most frequent tag
//
// `MostFrequentTag` remembers, for every (lower-cased) training word, the tag it had most often, and tags unseen words NOUN. No context at all. Most words have only one tag, so this is already strong; it fails exactly on the **ambiguous** words.
//
// `TaggingDataset.AmbiguousWords` lists the word types that carry more than one tag in the training sentences.

var baseline = new MostFrequentTag(train);
double baselineAccuracy = baseline.Accuracy(test);
Console.WriteLine($"most-frequent-tag baseline on test: {baselineAccuracy:P1} "
    + $"(unseen words get {baseline.Fallback})");
var ambiguous = TaggingDataset.AmbiguousWords(train);
var tagsOf = train.SelectMany(s => s.Words.Select(TaggingDataset.Normalize).Zip(s.Tags))
    .ToLookup(p => p.First, p => p.Second);      // each word type: its tag at every occurrence
Console.WriteLine($"{ambiguous.Count} of {tagsOf.Count} training word types have more than one tag;"
    + " the most frequent:");
foreach (var w in ambiguous.OrderByDescending(w => tagsOf[w].Count()).Take(14))
{
    var counts = tagsOf[w].GroupBy(t => t).OrderByDescending(g => g.Count());
    Console.WriteLine($"   {w,-8} {string.Join(", ", counts.Select(g => $"{g.Key} {g.Count()}"))}");
}
if (Math.Abs(baselineAccuracy - 0.907) > 0.005) throw new Exception("the baseline should be 90.7%");

// "book" after "the" is a NOUN, after "I" or "to" a VERB; "that" can be DET, PRON or SCONJ. A tagger has to look at the neighbours — on both sides: in "Light every light." the first "light" is a VERB because a determiner *follows* it.
//
// ## A bidirectional GRU tagger
//
// `SequenceTagger` = embedding → encoder → a dense layer applied at every step. The encoder is a bidirectional GRU: one GRU reads left to right, another right to left, and their states are concatenated. Training minimises the cross-entropy averaged over all real (non-padding) words; padded positions are masked out of the loss.

var data = TaggingDataset.Create(train);
var (X, y) = data.Encode(train);
var (XDev, yDev) = data.Encode(dev);
var (XTest, yTest) = data.Encode(test);
Console.WriteLine($"{data.Words.Count} words in the vocabulary, {data.Tags.Count} tags:");
Console.WriteLine(string.Join(" ", data.Tags.Tokens));

int embeddingSize = 24, numHiddens = 24, epochs = 8, batchSize = 16;
double lr = 0.01;
SequenceTagger<double> NewTagger(bool bidirectional)
{
    var random = new Random(1);
    var encoder = RecurrentEncoder.Create<double>(CellKind.Gru, embeddingSize, numHiddens,
        bidirectional, random: random);
    return new SequenceTagger<double>(data.Words.Count, embeddingSize, encoder, data.Tags.Count,
        random);
}
History Fit(SequenceTagger<double> model) =>
    new Trainer<double>(model, new Adam<double>(model.Parameters, lr)) { ClipNorm = 5 }
        .Fit(X, y, epochs, batchSize, shuffleSeed: 2, validationData: (XDev, yDev));

var tagger = NewTagger(bidirectional: true);
Console.WriteLine($"{tagger}\n{tagger.ParameterCount} parameters");
var history = Fit(tagger);
Console.WriteLine($"loss {history.TrainLoss[0]:F3} → {history.TrainLoss[^1]:F3}, "
    + $"dev {history.ValidationLoss[0]:F3} → {history.ValidationLoss[^1]:F3}");
Kit.Show(Plots.LogCurves("BiGRU tagger: learning curves", "epoch", "cross-entropy per word",
    ("train", history.TrainLoss), ("dev", history.ValidationLoss)));

// Both losses fall fast and together: after 8 epochs the training loss is 0.009 per word and the dev loss 0.047, still falling slowly. The dev loss is the one to watch: it is measured on sentences the tagger never trained on.

var yHat = tagger.Predict(XTest);
double accuracy = tagger.Accuracy(XTest, yTest);
Console.WriteLine($"BiGRU test accuracy {accuracy:P1} vs most-frequent-tag baseline "
    + $"{baselineAccuracy:P1}");
if (accuracy < baselineAccuracy + 0.03) throw new Exception("the BiGRU should beat the baseline");

// ### Where the gain comes from: the ambiguous words
//
// Score only the test words whose type had more than one tag in training: `Accuracy` takes which words to count, as word ids for the tagger and as words for the baseline. That is where context is needed, and where the two taggers differ.

var ambiguousIds = ambiguous.Select(data.Words.IdOf).ToHashSet();
int ambiguousCount = XTest.Sum(s => s.Count(ambiguousIds.Contains));
double taggerOnAmbiguous = tagger.Accuracy(XTest, yTest, ambiguousIds.Contains);
double baselineOnAmbiguous = baseline.Accuracy(test, ambiguous.Contains);
Console.WriteLine($"{ambiguousCount} test words are ambiguous: BiGRU {taggerOnAmbiguous:P1}, "
    + $"baseline {baselineOnAmbiguous:P1}");
if (taggerOnAmbiguous <= baselineOnAmbiguous + 0.1) throw new Exception("expected a clear gain");

// On the 197 ambiguous test words the baseline is right only 67.5% of the time, since it always gives a word its most common tag; the BiGRU gets 94.4%. That is the whole gain: on the other 630 words both are right about 98% of the time.
//
// ### The confusion matrix
//
// Rows are the true tag, columns the predicted tag, over all test words. Almost everything sits on the diagonal; the few errors are between tags that share words.

var confusion = ConfusionMatrix.Count(yHat, yTest, data.Tags.Tokens);
Kit.Show(ConfusionCharts.Heatmap(confusion, "BiGRU tagger: test confusion matrix (17 UD tags)"));
Kit.Show(ConfusionCharts.Table(confusion, "BiGRU on the test set"));

int errors = confusion.Total - confusion.Correct;
Console.WriteLine($"{errors} errors in {confusion.Total} test words; "
    + "the most common confusions (true → predicted):");
foreach (var (trueTag, predictedTag, count) in confusion.TopConfusions(5))
{
    Console.WriteLine($"   {trueTag,-5} → {predictedTag,-5} {count}×");
    var examples = test.Select((s, i) => (s, i)).SelectMany(p => Enumerable.Range(0, p.s.Length)
        .Where(t => p.s.Tags[t] == trueTag && data.Tags.TokenOf(yHat[p.i][t]) == predictedTag)
        .Select(t => $"\"{p.s.Words[t]}\" in \"{p.s.Text}\""));
    foreach (var example in examples.Take(2)) Console.WriteLine($"      {example}");
}

// 22 errors in 827 words. The most common, NOUN → VERB, falls on words that are nouns and verbs in the training data (*paint* is a noun 11 times and a verb 7 times) or that the tagger has never seen (*gate* is `<unk>`): it has to judge from the neighbours alone. ADP → SCONJ is *After* at the start of a sentence: whether it opens a phrase or a clause is decided by whether a verb follows, several words later.
//
// ### Does the backward direction help?
//
// The same tagger with a left-to-right GRU only (same sizes, seeds and epochs). A one-directional tagger must decide the tag of word $t$ before it has seen word $t+1$.

var uniTagger = NewTagger(bidirectional: false);
var uniHistory = Fit(uniTagger);
double uniOnAmbiguous = uniTagger.Accuracy(XTest, yTest, ambiguousIds.Contains);
double[] Row(double devLoss, double devAccuracy, double testAccuracy, double onAmbiguous) =>
    new[] { devLoss, 100 * devAccuracy, 100 * testAccuracy, 100 * onAmbiguous };
var comparison = Tensor.FromRows(
    Row(double.NaN, baseline.Accuracy(dev), baselineAccuracy, baselineOnAmbiguous),
    Row(uniHistory.ValidationLoss[^1], uniTagger.Accuracy(XDev, yDev),
        uniTagger.Accuracy(XTest, yTest), uniOnAmbiguous),
    Row(history.ValidationLoss[^1], tagger.Accuracy(XDev, yDev), accuracy, taggerOnAmbiguous));
Kit.Show(Kit.Table(comparison, "taggers compared (accuracy in %)",
    new[] { "most frequent tag", "GRU →", "BiGRU ⇄" },
    new[] { "dev loss", "dev acc.", "test acc.", "ambiguous test words" }, "G4"));

Console.WriteLine($"ambiguous test words: GRU → {uniOnAmbiguous:P1}, "
    + $"BiGRU ⇄ {taggerOnAmbiguous:P1}");
Console.WriteLine($"dev loss: GRU → {uniHistory.ValidationLoss[^1]:F4}, "
    + $"BiGRU ⇄ {history.ValidationLoss[^1]:F4}");
Kit.Show(Plots.LogCurves("dev loss: one direction vs both", "epoch", "cross-entropy per word",
    ("GRU →", uniHistory.ValidationLoss), ("BiGRU ⇄", history.ValidationLoss)));

// Both beat the baseline by far. The bidirectional tagger reaches a lower dev loss (0.047 against 0.135) and does better on the ambiguous test words (94.4% against 91.9%); the two overall test accuracies, 97.3% and 97.7%, differ by 3 of 827 words, so do not read much into their order. The difference shows in sentences where the deciding word comes *after* the ambiguous one: try the garden-path sentence below with both taggers.
//
// ## Tag your own sentence
//
// `Tokenizer` splits the text into words (keep the case: the tagger lower-cases for itself). Unknown words become `<unk>`, and the tagger must guess their tag from the context alone.

string mySentence = "the old man the boats .";
var tokenizer = new Tokenizer(lowercase: false);
string[] TagWith(SequenceTagger<double> model, IReadOnlyList<string> words) =>
    data.Tags.Decode(model.Predict(new[] { data.EncodeWords(words) })[0]);
string Tagged(IReadOnlyList<string> words, IEnumerable<string> tags) =>
    string.Join(" ", words.Zip(tags, (w, t) => $"{w}/{t}"));
var words = tokenizer.Tokenize(mySentence);
Console.WriteLine("BiGRU:    " + Tagged(words, TagWith(tagger, words)));
Console.WriteLine("GRU →:    " + Tagged(words, TagWith(uniTagger, words)));
Console.WriteLine("baseline: " + Tagged(words, baseline.Tag(words)));
var unknown = words.Where(w => !data.Words.Contains(TaggingDataset.Normalize(w))).ToList();
if (unknown.Count > 0) Console.WriteLine($"unknown words: {string.Join(", ", unknown)}");

// "The old man the boats": the old (people) *man* (= staff) the boats. "man" is a VERB, which only the word *after* it can tell. Look at the "unknown words" line: if "man" is not even in the training vocabulary, whatever tag it gets comes from the context alone. Now the slide's classwork phrases and a few words that change tag with their neighbours:

string[] classwork = { "the red book", "a good movie", "Light every light.",
                       "I will book the park.", "She said that the can is cold." };
foreach (var sentence in classwork)
{
    var w = tokenizer.Tokenize(sentence);
    Console.WriteLine(Tagged(w, TagWith(tagger, w)));
}
var redBook = string.Join(" ", TagWith(tagger, tokenizer.Tokenize("the red book")));
if (redBook != "DET ADJ NOUN") throw new Exception($"\"the red book\" gets {redBook}");

// The classwork's phrase comes out as on the slide, *the*/DET *red*/ADJ *book*/NOUN, and each ambiguous word is settled by its neighbours: *book* is a VERB after *will*, the first *light* a VERB because *every* follows it and the second a NOUN, *that* an SCONJ after *said* and *can* a NOUN after *the*.
//
// ## Exercises
//
// 1. **Garden paths.** Find a sentence where the one-directional GRU and the BiGRU disagree, and explain the disagreement from what each has read when it tags the word. ("The old man the boats." is one; try "Watch the watch." or "I can can the can." — which words are `<unk>`?)
// 2. **Capacity and time.** Halve `numHiddens` and `embeddingSize`, then double them. Plot the dev loss curves on one chart. How few parameters still beat the baseline by 5 points?
// 3. **Cells.** Replace `CellKind.Gru` by `CellKind.Lstm` and by `CellKind.SimpleRnn` (bidirectional in both cases). Compare parameter counts, dev loss and accuracy on the ambiguous words.
// 4. **Unknown words.** Count the test words that are `<unk>` for the tagger and measure its accuracy on them alone. What tag does it give an unknown word after "the"? After "I"? Why can it do better than the baseline's fixed NOUN?
// 5. **Errors.** For the most common confusion in the table above, read the sentences where it happens. Would a person need the left context, the right context, or both to get them right?
