using System.Numerics;
using CourseKit.Optimizers;
using CourseKit.Layers;
using CourseKit.Tensors;
using CourseKit.Text;
using CourseKit.Training;

namespace CourseKit.Recurrent.Architectures;

/// <summary>
/// Many-to-many, aligned (sequence tagging, such as part-of-speech tags): one prediction per input word,
/// <c>o(t) = softmax(h(t) V + c)</c>. With a bidirectional encoder, <c>h(t) = [h_f(t), h_b(t)]</c> and this is the slide's
/// <c>o(t) = softmax(V_f h_f(t) + V_b h_b(t))</c>: each tag sees the words before and after it.
/// </summary>
public sealed class SequenceTagger<T> : RecurrentTextModel<T>, ISupervisedModel<int[], int[]> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A tagger over <paramref name="encoder"/> (build one with <see cref="RecurrentEncoder.Create{T}"/>).</summary>
    public SequenceTagger(int vocabularySize, int embeddingSize, SequenceLayer<T> encoder, int tags, Random? random = null)
        : base(vocabularySize, embeddingSize, encoder, tags, random ?? DefaultRandom.Next()) { }

    /// <summary>Tag scores for every position, (Steps·Batch × tags), time-major; padded rows are meaningless. The caller owns them.</summary>
    public Tensor<T> Forward(TokenBatch tokens) => Scores(tokens).Clone();

    /// <inheritdoc/>
    public double LossAndGradients(IReadOnlyList<int[]> sentences, IReadOnlyList<int[]> tags, ReadOnlySpan<int> batch)
    {
        var tokens = Batch(sentences, batch);
        var (loss, gradient) = CrossEntropy(Scores(tokens), SequenceCrossEntropy.TimeMajor(tokens.Steps, tokens.Batch, Pick(tags, batch)));
        BackwardEncoder(Head.Backward(gradient), null);
        return loss;
    }

    /// <summary>Mean cross-entropy per word over the examples (no training).</summary>
    public double Loss(IReadOnlyList<int[]> sentences, IReadOnlyList<int[]> tags)
    {
        CheckExamples(sentences, tags, "Tagger evaluation data");
        double total = 0;
        int words = 0;
        InChunks(sentences.Count, chunk =>
        {
            var batch = Batch(sentences, chunk);
            int n = chunk.Sum(i => sentences[i].Length);
            total += CrossEntropy(Scores(batch), SequenceCrossEntropy.TimeMajor(batch.Steps, batch.Batch, Pick(tags, chunk))).Loss * n;
            words += n;
        });
        return total / words;
    }

    /// <summary>The most likely tag of every word of every sentence.</summary>
    public int[][] Predict(IReadOnlyList<int[]> sentences)
    {
        CheckTokens(sentences, "Tagger input");
        var result = new int[sentences.Count][];
        InChunks(sentences.Count, chunk =>
        {
            var batch = Batch(sentences, chunk);
            var best = Scores(batch).ArgMaxRows();
            for (int k = 0; k < chunk.Length; k++)
            {
                var tagsOf = new int[batch.Lengths[k]];
                for (int t = 0; t < tagsOf.Length; t++) tagsOf[t] = best[t * batch.Batch + k];
                result[chunk[k]] = tagsOf;
            }
        });
        return result;
    }

    /// <summary>
    /// The tag probabilities of every word: for each sentence a (words × tags) tensor whose row t is
    /// <c>o(t) = softmax(h(t) V + c)</c>, the slides' <c>softmax(V h(t))</c> (bidirectional: <c>softmax(V_f h_f(t) + V_b h_b(t))</c>).
    /// Each row sums to 1 and its largest entry is the tag <see cref="Predict"/> gives; padding never reaches a sentence's
    /// rows. The caller owns the tensors.
    /// </summary>
    public Tensor<T>[] Probabilities(IReadOnlyList<int[]> sentences)
    {
        CheckTokens(sentences, "Tagger input");
        var result = new Tensor<T>[sentences.Count];
        InChunks(sentences.Count, chunk =>
        {
            var batch = Batch(sentences, chunk);
            var scores = Scores(batch);
            for (int k = 0; k < chunk.Length; k++)
            {
                var words = new Tensor<T>(batch.Lengths[k], Classes);
                for (int t = 0; t < words.Rows; t++) Softmax(scores.Row(t * batch.Batch + k), words.Row(t));
                result[chunk[k]] = words;
            }
        });
        return result;
    }

    /// <summary>Fraction of words tagged right.</summary>
    public double Accuracy(IReadOnlyList<int[]> sentences, IReadOnlyList<int[]> tags) => Accuracy(sentences, tags, _ => true);

    /// <summary>
    /// Fraction of the words whose id <paramref name="counted"/> accepts that are tagged right, for example only the
    /// ambiguous words (<see cref="TaggingDataset.AmbiguousWords"/>); NaN when it accepts none.
    /// </summary>
    public double Accuracy(IReadOnlyList<int[]> sentences, IReadOnlyList<int[]> tags, Func<int, bool> counted)
    {
        ArgumentNullException.ThrowIfNull(counted);
        CheckExamples(sentences, tags, "Tagger accuracy");
        var predicted = Predict(sentences);
        int right = 0, total = 0;
        for (int i = 0; i < predicted.Length; i++)
            for (int t = 0; t < predicted[i].Length; t++)
            {
                if (!counted(sentences[i][t])) continue;
                total++;
                if (predicted[i][t] == tags[i][t]) right++;
            }
        return total == 0 ? double.NaN : right / (double)total;
    }

    /// <inheritdoc/>
    public void CheckExamples(IReadOnlyList<int[]> sentences, IReadOnlyList<int[]> tags, string what)
    {
        CheckTokens(sentences, what);
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.Count != sentences.Count)
            throw new ArgumentException($"{what}: {sentences.Count} sentences but {tags.Count} tag sequences.", nameof(tags));
        for (int i = 0; i < tags.Count; i++)
        {
            if (tags[i] is null || tags[i].Length != sentences[i].Length)
                throw new ArgumentException($"{what}: sentence {i} has {sentences[i].Length} words but {tags[i]?.Length ?? 0} tags.", nameof(tags));
            foreach (int tag in tags[i])
                if ((uint)tag >= (uint)Classes)
                    throw new ArgumentOutOfRangeException(nameof(tags), $"{what}: sentence {i} has tag id {tag}, outside the {Classes} tags.");
        }
    }

    private Tensor<T> Scores(TokenBatch tokens) => Head.ForwardBorrowed(Encode(tokens));
}
