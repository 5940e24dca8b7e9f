using CourseKit.Activations;
using CourseKit.Recurrent.Architectures;
using CourseKit.Tensors;
using CourseKit.Text;

namespace CourseKit.Tests.Recurrent;

/// <summary>TextClassifier.Probabilities and SequenceTagger.Probabilities: the softmax of the scores, per sentence and per word.</summary>
public class ProbabilityTests
{
    private static readonly int[][] Sentences = [[2, 3, 4], [5], [4, 4, 2, 6, 3], [6, 2]];

    private static TextClassifier<double> Classifier(bool bidirectional = false)
    {
        var random = new Random(5);
        return new TextClassifier<double>(7, 4, RecurrentEncoder.Create<double>(CellKind.Gru, 4, 5, bidirectional, random: random), 3, random);
    }

    private static SequenceTagger<double> Tagger(bool bidirectional = true)
    {
        var random = new Random(6);
        return new SequenceTagger<double>(7, 4, RecurrentEncoder.Create<double>(CellKind.Lstm, 4, 5, bidirectional, random: random), 3, random);
    }

    [Fact]
    public void Classifier_probabilities_are_the_softmax_of_its_scores()
    {
        var model = Classifier();
        var p = model.Probabilities(Sentences);
        Assert.Equal((4, 3), (p.Rows, p.Cols));
        Assert.Equal(new Softmax<double>().Apply(model.Forward(TokenBatch.Pad(Sentences))), p);   // the same kernel, bit for bit
        for (int s = 0; s < p.Rows; s++) Assert.Equal(1.0, p.RowTensor(s).Sum(), 15);
        Assert.Equal(model.Predict(Sentences), p.ArgMaxRows());
    }

    [Fact]
    public void Classifier_probabilities_do_not_depend_on_the_other_sentences_in_the_batch()
    {
        var model = Classifier(bidirectional: true);
        var together = model.Probabilities(Sentences);
        for (int s = 0; s < Sentences.Length; s++)
            Assertions.Close(together.RowTensor(s), model.Probabilities([Sentences[s]]), 1e-15, $"sentence {s}");
    }

    [Fact]
    public void Tagger_probabilities_have_one_row_per_word_and_agree_with_predict()
    {
        var model = Tagger();
        var p = model.Probabilities(Sentences);
        var predicted = model.Predict(Sentences);
        var scores = model.Forward(TokenBatch.Pad(Sentences));   // time-major: row t·batch + s
        var softmax = new Softmax<double>();
        for (int s = 0; s < Sentences.Length; s++)
        {
            Assert.Equal((Sentences[s].Length, 3), (p[s].Rows, p[s].Cols));
            Assert.Equal(predicted[s], p[s].ArgMaxRows());
            for (int t = 0; t < Sentences[s].Length; t++)
            {
                Assert.Equal(softmax.Apply(scores.RowTensor(t * Sentences.Length + s)), p[s].RowTensor(t));
                Assert.Equal(1.0, p[s].RowTensor(t).Sum(), 15);
            }
            Assertions.Close(p[s], model.Probabilities([Sentences[s]])[0], 1e-15, $"sentence {s} alone");
        }
    }

    [Fact]
    public void More_sentences_than_one_chunk_keep_their_order()
    {
        var model = Classifier();
        var many = Enumerable.Range(0, 300).Select(i => Sentences[i % Sentences.Length]).ToArray();
        var p = model.Probabilities(many);
        var first = model.Probabilities(Sentences);
        Assert.Equal(300, p.Rows);
        for (int i = 256; i < 300; i++) Assertions.Close(first.RowTensor(i % Sentences.Length), p.RowTensor(i), 1e-15, $"sentence {i}");
        Assert.Equal(300, Tagger().Probabilities(many).Length);
    }

    [Fact]
    public void Bad_ids_are_reported_before_any_work()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Classifier().Probabilities([[1, 9]]));
        Assert.Contains("example 0 has token id 9, outside the vocabulary of 7", ex.Message);
        Assert.Throws<ArgumentException>(() => Tagger().Probabilities([[]]));
    }
}
