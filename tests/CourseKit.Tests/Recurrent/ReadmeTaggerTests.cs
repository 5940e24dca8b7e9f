using CourseKit.Optimizers;
using CourseKit.Recurrent.Architectures;
using CourseKit.Text;
using CourseKit.Training;
using Xunit.Abstractions;

namespace CourseKit.Tests.Recurrent;

/// <summary>The README's one-page example (an LSTM tagger trained with the one Trainer) runs, learns, and is the code the README shows.</summary>
[Collection(RunsAloneCollection.Name)]   // it sets the current folder, as the README's reader stands at the repository's root
public class ReadmeTaggerTests(ITestOutputHelper output)
{
    [Fact]
    public void The_readme_lstm_tagger_trains_past_the_most_frequent_tag_baseline()
    {
        var folder = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(RepoData.Root);
        try { TrainAndCheck(); }
        finally { Directory.SetCurrentDirectory(folder); }
    }

    private void TrainAndCheck()
    {
        // README: begin
        var train = ConllU.Read("data/pos/train.conllu");
        var dev = ConllU.Read("data/pos/dev.conllu");
        var data = TaggingDataset.Create(train);              // the word and tag vocabularies
        var (words, tags) = data.Encode(train);               // token ids per sentence, a tag id per word
        var (devWords, devTags) = data.Encode(dev);

        var random = new Random(1);
        var encoder = RecurrentEncoder.Create<double>(CellKind.Lstm, inputs: 24, hidden: 32, random: random);
        var tagger = new SequenceTagger<double>(data.Words.Count, embeddingSize: 24, encoder, data.Tags.Count, random);
        Console.WriteLine($"{tagger}: {tagger.ParameterCount} parameters");

        var adam = new Adam<double>(tagger.Parameters, learningRate: 0.01);
        var trainer = new Trainer<double>(tagger, adam) { ClipNorm = 5 };   // clip exploding gradients through time
        var history = trainer.Fit(words, tags, epochs: 8, batchSize: 16, shuffleSeed: 2,
            validationData: (devWords, devTags), metric: tagger.Accuracy,
            callbacks: [new EarlyStopping<double>(patience: 2)]);   // keeps the best epoch's weights

        foreach (var epoch in history.Epochs)
            Console.WriteLine($"epoch {epoch.Epoch}: loss {epoch.TrainLoss:F3}, dev loss {epoch.ValidationLoss:F3}, dev accuracy {epoch.ValidationMetric:P1}");
        var tagged = tagger.Predict([data.EncodeWords(["the", "old", "man", "the", "boats", "."])]);
        Console.WriteLine(string.Join(" ", data.Tags.Decode(tagged[0])));
        // README: end

        double baseline = new MostFrequentTag(train).Accuracy(dev);
        double accuracy = tagger.Accuracy(devWords, devTags);
        output.WriteLine($"LSTM tagger {accuracy:P2} on dev, most frequent tag {baseline:P2}; loss {history.TrainLoss[0]:F3} → {history.TrainLoss[^1]:F3}");
        Assert.True(accuracy > baseline, $"LSTM {accuracy:P2} vs baseline {baseline:P2}");
        Assert.Equal(history.ValidationLoss.Min(), trainer.Evaluate(devWords, devTags), 12);   // early stopping put the best epoch back
        Assert.Equal(6, tagged[0].Length);
    }

    [Fact]
    public void The_readme_shows_exactly_the_tested_code()
    {
        var test = File.ReadAllText(Path.Combine(RepoData.Root, "tests", "CourseKit.Tests", "Recurrent", "ReadmeTaggerTests.cs"));
        var tested = Between(test, "// README: begin\n", "        // README: end");
        var code = string.Join("\n", tested.Split('\n').Select(l => l.Length >= 8 ? l[8..] : l.TrimStart())).Trim();
        var readme = File.ReadAllText(Path.Combine(RepoData.Root, "README.md"));
        Assert.Contains(code, readme.Replace("\r\n", "\n"));
    }

    private static string Between(string text, string start, string end)
    {
        int from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }
}
