using System.Numerics;
using CourseKit.Optimizers;
using CourseKit.Layers;
using CourseKit.Tensors;
using CourseKit.Text;
using CourseKit.Training;

namespace CourseKit.Recurrent.Architectures;

/// <summary>
/// Many-to-one ("RNNs for text classification"): the encoder reads the whole sentence and its last hidden state,
/// which represents the entire sentence, is classified: <c>scores = h(T) V + c</c>. For a bidirectional encoder the
/// sentence vector is <c>[h_f(T), h_b(1)]</c>.
/// </summary>
public sealed class TextClassifier<T> : RecurrentTextModel<T>, ISupervisedModel<int[], int> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A classifier over <paramref name="encoder"/> (build one with <see cref="RecurrentEncoder.Create{T}"/>).</summary>
    public TextClassifier(int vocabularySize, int embeddingSize, SequenceLayer<T> encoder, int classes, Random? random = null)
        : base(vocabularySize, embeddingSize, encoder, classes, random ?? DefaultRandom.Next()) { }

    /// <summary>Class scores (logits) for a batch, (Batch × classes), <c>V h(T) + c</c>; the caller owns them.</summary>
    public Tensor<T> Forward(TokenBatch tokens) => Scores(tokens).Clone();

    /// <inheritdoc/>
    public double LossAndGradients(IReadOnlyList<int[]> sentences, IReadOnlyList<int> labels, ReadOnlySpan<int> batch)
    {
        var (loss, gradient) = CrossEntropy(Scores(Batch(sentences, batch)), Pick(labels, batch));
        BackwardEncoder(null, Head.Backward(gradient));       // only the last state feeds the loss
        return loss;
    }

    /// <summary>Mean cross-entropy over the examples (no training).</summary>
    public double Loss(IReadOnlyList<int[]> sentences, IReadOnlyList<int> labels)
    {
        CheckExamples(sentences, labels, "Text classifier evaluation data");
        double total = 0;
        InChunks(sentences.Count, chunk =>
            total += CrossEntropy(Scores(Batch(sentences, chunk)), Pick(labels, chunk)).Loss * chunk.Length);
        return total / sentences.Count;
    }

    /// <summary>The most likely class of each sentence.</summary>
    public int[] Predict(IReadOnlyList<int[]> sentences)
    {
        CheckTokens(sentences, "Text classifier input");
        var result = new int[sentences.Count];
        InChunks(sentences.Count, chunk =>
        {
            var best = Scores(Batch(sentences, chunk)).ArgMaxRows();
            for (int k = 0; k < chunk.Length; k++) result[chunk[k]] = best[k];
        });
        return result;
    }

    /// <summary>
    /// The class probabilities of each sentence, (sentences × classes): <c>o = softmax(h(T) V + c)</c>, the slides'
    /// <c>softmax(V h)</c> of the scores <see cref="Forward"/> returns; each row sums to 1 and its largest entry is the class
    /// <see cref="Predict"/> gives. These are the probabilities the training loss (cross-entropy on the scores) was
    /// computed from. The caller owns the tensor.
    /// </summary>
    public Tensor<T> Probabilities(IReadOnlyList<int[]> sentences)
    {
        CheckTokens(sentences, "Text classifier input");
        var result = new Tensor<T>(sentences.Count, Classes);
        InChunks(sentences.Count, chunk =>
        {
            var scores = Scores(Batch(sentences, chunk));
            for (int k = 0; k < chunk.Length; k++) Softmax(scores.Row(k), result.Row(chunk[k]));
        });
        return result;
    }

    /// <summary>Fraction of sentences whose predicted class is right.</summary>
    public double Accuracy(IReadOnlyList<int[]> sentences, IReadOnlyList<int> labels)
    {
        var predicted = Predict(sentences);
        return predicted.Where((p, i) => p == labels[i]).Count() / (double)predicted.Length;
    }

    /// <inheritdoc/>
    public void CheckExamples(IReadOnlyList<int[]> sentences, IReadOnlyList<int> labels, string what)
    {
        CheckTokens(sentences, what);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != sentences.Count)
            throw new ArgumentException($"{what}: {sentences.Count} sentences but {labels.Count} labels.", nameof(labels));
        for (int i = 0; i < labels.Count; i++)
            if ((uint)labels[i] >= (uint)Classes)
                throw new ArgumentOutOfRangeException(nameof(labels), $"{what}: example {i} has label {labels[i]}, outside the {Classes} classes.");
    }

    private Tensor<T> Scores(TokenBatch tokens)
    {
        Encode(tokens);
        return Head.ForwardBorrowed(Encoder.FinalState);
    }
}
