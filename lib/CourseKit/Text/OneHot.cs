using System.Numerics;
using CourseKit.Tensors;

namespace CourseKit.Text;

/// <summary>
/// One-hot codes: token id k becomes a row of zeros with a single 1 in column k, the <c>x(t)</c> of the RNN slides
/// (there <c>x1 = [1, 0, 0]</c> is the first word of a three-word vocabulary).
/// </summary>
public static class OneHot
{
    /// <summary>
    /// A (Steps·Batch × vocabularySize) tensor whose row <c>t * Batch + b</c> is the one-hot code of step t of sequence
    /// b, in the batch's time-major order. Padded positions are all-zero rows, so they add nothing to <c>W x</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is not below <paramref name="vocabularySize"/>.</exception>
    public static Tensor<T> Encode<T>(TokenBatch batch, int vocabularySize) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabularySize, 1);
        batch.CheckIdsBelow(vocabularySize, "a one-hot code");
        var codes = new Tensor<T>(batch.Steps * batch.Batch, vocabularySize);
        var span = codes.Span;
        for (int b = 0; b < batch.Batch; b++)
            for (int t = 0; t < batch.Lengths[b]; t++)
            {
                int row = t * batch.Batch + b;
                span[row * vocabularySize + batch.Ids[row]] = T.One;
            }
        return codes;
    }
}
