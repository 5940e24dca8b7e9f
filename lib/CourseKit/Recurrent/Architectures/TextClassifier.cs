using System.Numerics;
using CourseKit.Optimizers;
using CourseKit.Tensors;
using CourseKit.Text;
using CourseKit.Training;

namespace CourseKit.Recurrent.Architectures;

/// <summary>
/// Many-to-one ("RNNs for text classification"): the encoder reads the whole sentence and its last hidden state,
/// which represents the entire sentence, is classified: <c>scores = h(T) V + c</c>. For a bidirectional encoder the
/// sentence vector is <c>[h_f(T), h_b(1)]</c>.
/// </summary>
public sealed class TextClassifier<T> : RecurrentTextModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A classifier over <paramref name="encoder"/> (build one with <see cref="RecurrentEncoder.Create{T}"/>).</summary>
    public TextClassifier(int vocabularySize, int embeddingSize, SequenceLayer<T> encoder, int classes, Random? random = null)
        : base(vocabularySize, embeddingSize, encoder, classes, random ?? new Random(0)) { }

    /// <summary>Class scores (logits) for a batch, (Batch × classes); a reused buffer.</summary>
    public Tensor<T> Forward(TokenBatch tokens)
    {
        Encode(tokens);
        return Head.Forward(Encoder.FinalState);
    }

    /// <summary>One training step on a batch: forward, loss, backward through time, update. Returns the batch loss.</summary>
    public double TrainStep(TokenBatch tokens, IReadOnlyList<int> labels, Optimizer<T> optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        optimizer.ZeroGradients();
        var (loss, gradient) = CrossEntropy(Forward(tokens), labels);
        BackwardEncoder(null, Head.Backward(gradient));       // only the last state feeds the loss
        Update(optimizer);
        return loss;
    }

    /// <summary>
    /// Trains for <paramref name="epochs"/> passes over the sentences (token ids) and their labels, in shuffled mini-batches.
    /// With validation data, each epoch also records the validation loss.
    /// </summary>
    public History Fit(IReadOnlyList<int[]> sentences, IReadOnlyList<int> labels, Optimizer<T> optimizer, int epochs = 10, int batchSize = 16,
        int seed = 0, (IReadOnlyList<int[]> Sentences, IReadOnlyList<int> Labels)? validation = null, Action<EpochRecord>? progress = null)
    {
        CheckExamples(sentences, labels, "Text classifier training data");
        if (validation is { } v) CheckExamples(v.Sentences, v.Labels, "Text classifier validation data");
        return SequenceFitting.Fit(sentences.Count, epochs, batchSize, seed, optimizer, Parameters,
            batch => TrainStep(Batch(sentences, batch), batch.Select(i => labels[i]).ToArray(), optimizer),
            validation is { } val ? () => Loss(val.Sentences, val.Labels) : null, validation?.Sentences.Count ?? 0, progress);
    }

    /// <summary>Mean cross-entropy over the examples (no training).</summary>
    public double Loss(IReadOnlyList<int[]> sentences, IReadOnlyList<int> labels)
    {
        CheckExamples(sentences, labels, "Text classifier evaluation data");
        double total = 0;
        InChunks(sentences.Count, chunk =>
            total += CrossEntropy(Forward(Batch(sentences, chunk)), chunk.Select(i => labels[i]).ToArray()).Loss * chunk.Length);
        return total / sentences.Count;
    }

    /// <summary>The most likely class of each sentence.</summary>
    public int[] Predict(IReadOnlyList<int[]> sentences)
    {
        CheckTokens(sentences, "Text classifier input");
        var result = new int[sentences.Count];
        InChunks(sentences.Count, chunk =>
        {
            var best = Forward(Batch(sentences, chunk)).ArgMaxRows();
            for (int k = 0; k < chunk.Length; k++) result[chunk[k]] = best[k];
        });
        return result;
    }

    /// <summary>Fraction of sentences whose predicted class is right.</summary>
    public double Accuracy(IReadOnlyList<int[]> sentences, IReadOnlyList<int> labels)
    {
        var predicted = Predict(sentences);
        return predicted.Where((p, i) => p == labels[i]).Count() / (double)predicted.Length;
    }

    private void CheckExamples(IReadOnlyList<int[]> sentences, IReadOnlyList<int> labels, string what)
    {
        CheckTokens(sentences, what);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != sentences.Count)
            throw new ArgumentException($"{what}: {sentences.Count} sentences but {labels.Count} labels.", nameof(labels));
        for (int i = 0; i < labels.Count; i++)
            if ((uint)labels[i] >= (uint)Classes)
                throw new ArgumentOutOfRangeException(nameof(labels), $"{what}: example {i} has label {labels[i]}, outside the {Classes} classes.");
    }
}
