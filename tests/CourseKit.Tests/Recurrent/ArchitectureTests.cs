using CourseKit.Optimizers;
using CourseKit.Recurrent.Architectures;
using CourseKit.Recurrent;
using CourseKit.Tensors;
using CourseKit.Text;
using CourseKit.Training;
using Xunit.Abstractions;

namespace CourseKit.Tests.Recurrent;

/// <summary>The "types of RNNs" on the shipped data: many-to-many tagging, many-to-one classification, one-to-many generation.</summary>
public class ArchitectureTests(ITestOutputHelper output)
{
    [Fact]
    public void BiGru_tagger_beats_the_most_frequent_tag_baseline_on_held_out_sentences()
    {
        var train = ConllU.Read(RepoData.File("pos", "train.conllu"));
        var test = ConllU.Read(RepoData.File("pos", "test.conllu"));
        var data = TaggingDataset.Create(train);
        var (trainWords, trainTags) = data.Encode(train);
        var (testWords, testTags) = data.Encode(test);

        var random = new Random(1);
        var encoder = RecurrentEncoder.Create<double>(CellKind.Gru, 24, 24, bidirectional: true, random: random);
        var tagger = new SequenceTagger<double>(data.Words.Count, 24, encoder, data.Tags.Count, random);
        var trainer = new Trainer<double>(tagger, new Adam<double>(tagger.Parameters, 0.01)) { ClipNorm = 5 };
        var history = trainer.Fit(trainWords, trainTags, epochs: 8, batchSize: 16, shuffleSeed: 2, validationData: (testWords, testTags));

        double baseline = new MostFrequentTag(train).Accuracy(test);
        double accuracy = tagger.Accuracy(testWords, testTags);
        output.WriteLine($"baseline {baseline:P2}, BiGRU {accuracy:P2}, loss {history.TrainLoss[0]:F3} → {history.TrainLoss[^1]:F3}");
        Assert.True(history.TrainLoss[^1] < history.TrainLoss[0] / 4);
        Assert.InRange(baseline, 0.85, 0.95);
        Assert.True(accuracy > baseline + 0.02, $"BiGRU {accuracy:P2} vs baseline {baseline:P2}");
    }

    [Fact]
    public void Many_to_one_classifier_beats_the_majority_class()
    {
        var train = LabeledText.Read(RepoData.File("sentences", "train.tsv"));
        var test = LabeledText.Read(RepoData.File("sentences", "test.tsv"));
        var data = ClassificationDataset.Create(train);
        var (trainTexts, trainLabels) = data.Encode(train);
        var (testTexts, testLabels) = data.Encode(test);

        var random = new Random(3);
        var encoder = RecurrentEncoder.Create<double>(CellKind.Gru, 16, 24, random: random);
        var classifier = new TextClassifier<double>(data.Words.Count, 16, encoder, data.Labels.Count, random);
        new Trainer<double>(classifier, new Adam<double>(classifier.Parameters, 0.01)) { ClipNorm = 5 }
            .Fit(trainTexts, trainLabels, epochs: 12, batchSize: 16, shuffleSeed: 4);

        double majority = ClassificationDataset.MajorityShare(testLabels);
        double accuracy = classifier.Accuracy(testTexts, testLabels);
        output.WriteLine($"majority {majority:P2}, GRU classifier {accuracy:P2}");
        Assert.True(accuracy > majority + 0.1, $"classifier {accuracy:P2} vs majority {majority:P2}");
        Assert.Equal(data.Labels.IdOf("positive"), classifier.Predict([data.EncodeText("a truly wonderful film")])[0]);
    }

    [Fact]
    public void One_to_many_generator_learns_to_spell_digits()
    {
        string[] names = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
        var letters = Vocabulary.ForLabels(["<s>", "</s>", .. names.SelectMany(n => n.Select(c => c.ToString())).Distinct().Order()]);
        var targets = names.Select(n => (int[])[.. letters.Encode(n.Select(c => c.ToString())), letters.IdOf("</s>")]).ToArray();
        var digits = Tensor.Identity<double>(10);
        var generator = new SequenceGenerator<double>(10, letters.Count, 8, 32, letters.IdOf("<s>"), letters.IdOf("</s>"), CellKind.Gru, new Random(5));
        new Trainer<double>(generator, new Adam<double>(generator.Parameters, 0.02)) { ClipNorm = 5 }
            .Fit(digits.SplitRows(), targets, epochs: 150, batchSize: 10, shuffleSeed: 6);
        for (int d = 0; d < 10; d++)
        {
            var written = generator.Generate(digits.RowTensor(d));
            Assert.Equal(names[d] + "</s>", string.Concat(letters.Decode(written)));
        }
    }

    [Fact]
    public void Sequence_cross_entropy_skips_ignored_rows_and_matches_the_plain_loss_otherwise()
    {
        var scores = Tensor.FromRows([[1.0, 2, 0.5], [0.3, -1, 2], [9.0, 9, 9]]);
        var gradient = new Tensor<double>(3, 3);
        double loss = SequenceCrossEntropy.Compute(scores, [1, 2, SequenceCrossEntropy.Ignore], gradient);
        var plain = new CourseKit.Losses.CrossEntropy<double>();
        var firstTwo = Tensor.FromRows([[1.0, 2, 0.5], [0.3, -1, 2]]);
        Assert.Equal(plain.Forward(firstTwo, [1, 2]), loss, 1e-15);   // measured: equal
        var expected = plain.Backward();
        for (int r = 0; r < 2; r++) Assert.Equal(expected.Row(r).ToArray(), gradient.Row(r).ToArray(), new ToleranceComparer(1e-15));   // measured 3.5e-18
        Assert.Equal([0.0, 0, 0], gradient.Row(2).ToArray());
        Assert.Throws<ArgumentException>(() => SequenceCrossEntropy.Compute(scores, [-1, -1, -1], gradient));
        Assert.Throws<ArgumentOutOfRangeException>(() => SequenceCrossEntropy.Compute(scores, [3, 0, 0], gradient));
        // Targets of sequences of lengths 2 and 1, time-major (row t·2 + b), padding ignored.
        Assert.Equal([5, 7, 6, SequenceCrossEntropy.Ignore], SequenceCrossEntropy.TimeMajor(2, 2, [[5, 6], [7]]));
    }

    [Fact]
    public void Bad_training_data_is_named()
    {
        var model = new SequenceTagger<double>(5, 2, RecurrentEncoder.Create<double>(CellKind.Lstm, 2, 2), 3);
        var trainer = new Trainer<double>(model, new Adam<double>(model.Parameters, 0.01));
        var e = Assert.Throws<ArgumentException>(() => trainer.Fit<int[], int[]>([[2, 3]], [[1]], epochs: 1));
        Assert.Contains("sentence 0 has 2 words but 1 tags", e.Message);
        var id = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit<int[], int[]>([[2, 9]], [[1, 1]], epochs: 1));
        Assert.Contains("token id 9", id.Message);
        var empty = Assert.Throws<ArgumentException>(() => model.Predict([[]]));
        Assert.Contains("example 0 has no tokens", empty.Message);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
