using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Numerics;
using CourseKit.Layers;
using CourseKit.Tensors;
using CourseKit.Text;

namespace CourseKit.Layers;

/// <summary>
/// A trainable lookup table: token id k is represented by row k of <c>E</c>, a dense vector learned with the rest of
/// the network, instead of a long one-hot code. Looking up row k is exactly <c>onehot(k) × E</c>, so the gradient of E
/// is the one-hot product's: each output row's gradient is added into the row it was read from.
/// </summary>
/// <remarks>
/// <para>Shapes: <c>E</c> is (vocabularySize × dimensions); <see cref="Forward"/> turns a <see cref="TokenBatch"/> of
/// Steps × Batch ids into a (Steps·Batch × dimensions) tensor whose row <c>t * Batch + b</c> is step t of sequence b —
/// the batch's time-major order, so rows t·Batch … t·Batch + Batch − 1 are the RNN's input <c>x(t)</c>, one row per sequence.</para>
/// <para>As PyTorch's <c>nn.Embedding</c>: E starts as Normal(0, 1), and the optional padding id's row is zero and never
/// receives gradient (<c>padding_idx</c>), so <c>&lt;pad&gt;</c> stays a zero vector. Positions past a sequence's end
/// are zero rows in the output and their gradient is ignored.</para>
/// <para><see cref="Forward"/> returns a tensor the caller owns; <see cref="ForwardBorrowed"/> lends the table's own output buffer.</para>
/// Forward: <c>out[r] = E[id_r]</c>. Backward: <c>dE[id_r] += dOut[r]</c> for every present position r with id_r ≠ padding id.
/// </remarks>
public sealed class Embedding<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private TokenBatch? input;
    private Tensor<T>? output;

    /// <summary>A table for <paramref name="vocabularySize"/> ids with <paramref name="dimensions"/> numbers each, drawn from Normal(0, 1).</summary>
    /// <param name="vocabularySize">Number of ids (<see cref="Vocabulary.Count"/>).</param>
    /// <param name="dimensions">Length of each token's vector.</param>
    /// <param name="random">Source of the initial values; pass <c>new Random(seed)</c> to reproduce them. Null draws from <see cref="DefaultRandom"/>.</param>
    /// <param name="paddingId">The id whose row stays zero and gets no gradient (<see cref="Vocabulary.PadId"/> = 0 by default); null for none.</param>
    public Embedding(int vocabularySize, int dimensions, Random? random = null, int? paddingId = Vocabulary.PadId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabularySize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        CheckPaddingId(paddingId, vocabularySize);
        var table = Tensor.Normal(vocabularySize, dimensions, T.Zero, T.One, random ?? DefaultRandom.Next());
        if (paddingId is int p) table.Row(p).Clear();
        Weights = AddParameter("E", table);
        PaddingId = paddingId;
    }

    /// <summary>A table with given values (copied), for example to check a lookup by hand.</summary>
    /// <param name="weights">E, (vocabularySize × dimensions).</param>
    /// <param name="paddingId">The id whose row must be zero and gets no gradient; null for none.</param>
    /// <exception cref="ArgumentException">The padding id's row of <paramref name="weights"/> is not all zero.</exception>
    public Embedding(Tensor<T> weights, int? paddingId = Vocabulary.PadId)
    {
        ArgumentNullException.ThrowIfNull(weights);
        CheckPaddingId(paddingId, weights.Rows);
        if (paddingId is int p && weights.Row(p).ContainsAnyExcept(T.Zero))
            throw new ArgumentException($"Row {p} of E is the padding id's and must be all zero.", nameof(weights));
        Weights = AddParameter("E", weights.Clone());
        PaddingId = paddingId;
    }

    /// <summary>E, (vocabularySize × dimensions): row k is token k's vector.</summary>
    public Parameter<T> Weights { get; }

    /// <summary>The id whose row is zero and never trained, or null.</summary>
    public int? PaddingId { get; }

    /// <summary>Number of ids the table holds.</summary>
    public int VocabularySize => Weights.Value.Rows;

    /// <summary>Length of each token's vector.</summary>
    public int Dimensions => Weights.Value.Cols;

    /// <summary>Looks up every id of <paramref name="batch"/>: (Steps·Batch × dimensions), row <c>t * Batch + b</c>; zero rows at padding.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is not below <see cref="VocabularySize"/>.</exception>
    public Tensor<T> Forward(TokenBatch batch) => ForwardBorrowed(batch).Clone();

    /// <summary>As <see cref="Forward"/>, but the result is the table's buffer, lent until its next forward pass.</summary>
    public Tensor<T> ForwardBorrowed(TokenBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.CheckIdsBelow(VocabularySize, "an embedding table");
        int rows = batch.Steps * batch.Batch;
        if (output is null || output.Rows != rows || output.Cols != Dimensions) output = new Tensor<T>(rows, Dimensions);
        var table = Weights.Value;
        for (int t = 0; t < batch.Steps; t++)
            for (int b = 0; b < batch.Batch; b++)
            {
                int row = t * batch.Batch + b;
                if (batch.IsPresent(t, b)) table.Row(batch.Ids[row]).CopyTo(output.Row(row));
                else output.Row(row).Clear();
            }
        input = batch;
        return output;
    }

    /// <summary>
    /// Given ∂loss/∂output (the shape <see cref="Forward"/> returned), adds each row into the gradient of the E row it
    /// was read from. A token used twice gets both rows' gradients; padding positions and the padding id get none.
    /// There is no input gradient: ids are not differentiable.
    /// </summary>
    public void Backward(Tensor<T> outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        var batch = input ?? throw new InvalidOperationException("Embedding: Backward was called before Forward.");
        if (outputGradient.Rows != output!.Rows || outputGradient.Cols != output.Cols)
            throw new ShapeMismatchException(
                $"Embedding backward: the output gradient has shape {outputGradient.Shape} but the forward output was {output.Shape}; they must be equal.");
        var gradient = Weights.Gradient;
        for (int t = 0; t < batch.Steps; t++)
            for (int b = 0; b < batch.Batch; b++)
            {
                if (!batch.IsPresent(t, b)) continue;
                int row = t * batch.Batch + b, id = batch.Ids[row];
                if (id == PaddingId) continue;
                var target = gradient.Row(id);
                TensorPrimitives.Add(target, outputGradient.Row(row), target); // dE[id] += dOut[row]
            }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"Embedding({VocabularySize} ids → {Dimensions} dimensions{(PaddingId is int p ? $", padding id {p}" : "")})";

    private static void CheckPaddingId(int? paddingId, int vocabularySize)
    {
        if (paddingId is int p && (uint)p >= (uint)vocabularySize)
            throw new ArgumentOutOfRangeException(nameof(paddingId), $"The padding id {p} is outside a table of {vocabularySize} ids (0…{vocabularySize - 1}).");
    }
}
