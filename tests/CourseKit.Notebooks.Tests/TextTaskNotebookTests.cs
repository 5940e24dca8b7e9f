using System.Globalization;
using System.Text.RegularExpressions;

namespace CourseKit.Notebooks.Tests;

/// <summary>Notebooks 11 (many-to-one sentence classification) and 12 (BiGRU part-of-speech tagging).</summary>
[Collection("notebooks")]
public sealed class TextTaskNotebookTests(NotebookRun run)
{
    [Fact]
    public void Text_classification_notebook_beats_the_majority_class_and_reads_the_last_state()
    {
        var nb = run.Executed("11-rnn-text-classification");
        Assert.Contains("vocabulary size: 84", nb.CellWith("ClassificationDataset.Create(trainPart)").StreamText());
        var pad = nb.CellWith("TokenBatch.Pad(").AllText();
        Assert.Contains("TokenBatch(10 steps × 3, lengths [10, 8, 6])", pad);
        Assert.Contains("coursekit-tensor", pad);
        Assert.Contains("majority-class baseline (always \"negative\"): 54.0", nb.CellWith("MajorityShare(yTest)").StreamText());

        var result = nb.CellWith("double accuracy = model.Accuracy(").StreamText();
        double accuracy = Printed.Number(result, @"GRU test accuracy ([\d.]+) %");
        Assert.True(accuracy >= 90, $"GRU test accuracy {accuracy}%");

        // Probabilities agree with Predict: as many misclassified sentences as the accuracy says, each on the wrong side of 0.5.
        var probabilities = nb.CellWith("double[] PPositive(").StreamText();
        Assert.Equal(Math.Round(100 - accuracy), Printed.Number(probabilities, @"(\d+) misclassified test sentence"));
        var misclassified = probabilities[..probabilities.IndexOf("the five test sentences", StringComparison.Ordinal)];
        foreach (Match m in Regex.Matches(misclassified, @"P\(positive\) = ([\d.]+)  true (\w+)"))
            Assert.True(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) >= 0.5 == (m.Groups[2].Value == "negative"), m.Value);

        var confusion = nb.CellWith("ConfusionMatrix.Count(yHat, yTest").AllText();
        Assert.Contains("rows true, columns predicted; 100 examples", confusion);
        Assert.Contains("\"predicted\"", confusion);

        // The sentences that need word order (negation, contrast): the GRU gets most, not all; a bag of words gets about half.
        Assert.InRange(Printed.Number(nb.CellWith("int trickyRight").StreamText(), @"tricky sentences right: (\d) of 8"), 5, 8);
        var prefix = nb.CellWith("int weak = Array.IndexOf").StreamText();
        Assert.Contains("after \"weak\": 0.0", prefix);
        Assert.Contains("at the end: 1.00", prefix);
        var mine = nb.CellWith("string[] mySentences").StreamText();
        Assert.Contains("(unknown: truly)", mine);
        Assert.Contains("P(positive) = ", mine);
        var compare = nb.CellWith("var compare = Tensor.FromRows").StreamText();
        Assert.Contains("SimpleRnn  2402 parameters", compare);
        Assert.Contains("Lstm       5426 parameters", compare);
        Assert.True(nb.ChartCount() >= 4, $"expected the learning curves, the confusion heatmap and two prefix plots, found {nb.ChartCount()} charts");
    }

    [Fact]
    public void Tagging_notebook_trains_a_bigru_past_the_most_frequent_tag_baseline()
    {
        var nb = run.Executed("12-sequence-tagging-bigru");
        Assert.Contains("DET ADJ  NOUN VERB   PRON NOUN   PUNCT", nb.CellWith("var first = train[0];").StreamText());
        var baseline = nb.CellWith("new MostFrequentTag(train)").StreamText();
        Assert.Contains("most-frequent-tag baseline on test: 90.7 %", baseline);
        Assert.Contains("44 of 340 training word types have more than one tag", baseline);
        Assert.Contains("that     DET 44, PRON 33, SCONJ 13", baseline);

        var result = nb.CellWith("double accuracy = tagger.Accuracy(").StreamText();
        double accuracy = Printed.Number(result, @"BiGRU test accuracy ([\d.]+) %");
        Assert.True(accuracy >= 95, $"BiGRU test accuracy {accuracy}%");
        var ambiguous = nb.CellWith("var ambiguousIds = ").StreamText();
        Assert.Contains("197 test words are ambiguous", ambiguous);
        Assert.True(Printed.Number(ambiguous, @"BiGRU ([\d.]+) %") > Printed.Number(ambiguous, @"baseline ([\d.]+) %") + 10, ambiguous);

        Assert.Contains("rows true, columns predicted; 827 examples", nb.CellWith("ConfusionMatrix.Count(yHat, yTest").AllText());
        var confusions = nb.CellWith("confusion.TopConfusions(5)").StreamText();
        Assert.InRange(Printed.Number(confusions, @"(\d+) errors in 827 test words"), 1, 827 * 0.05);   // ≥ 95 % right, as above
        Assert.Matches(@"\n   [A-Z]+ +→ [A-Z]+ +\d+×\n      ""\w+"" in """, confusions);
        Assert.Contains("BiGRU ⇄", nb.CellWith("var uniTagger").AllText());
        // Backward direction: both beat the baseline by far; the BiGRU is ahead on the ambiguous words and in dev loss.
        var directions = nb.CellWith("ambiguous test words: GRU →").StreamText();
        double uniAmbiguous = Printed.Number(directions, @"ambiguous test words: GRU → ([\d.]+) %");
        double biAmbiguous = Printed.Number(directions, @"BiGRU ⇄ ([\d.]+) %");
        Assert.True(biAmbiguous > uniAmbiguous && uniAmbiguous > Printed.Number(ambiguous, @"baseline ([\d.]+) %") + 10, directions);
        Assert.True(Printed.Number(directions, @"dev loss: GRU → ([\d.]+)") > Printed.Number(directions, @"dev loss: .*BiGRU ⇄ ([\d.]+)"), directions);
        var mine = nb.CellWith("string mySentence =").StreamText();
        Assert.Contains("BiGRU:    the/DET old/ADJ man/", mine);
        var classwork = nb.CellWith("string[] classwork").StreamText();
        Assert.Contains("the/DET red/ADJ book/NOUN", classwork);
        Assert.True(nb.ChartCount() >= 4, $"expected tag counts, learning curves, confusion heatmap and the dev-loss comparison, found {nb.ChartCount()} charts");
    }
}
