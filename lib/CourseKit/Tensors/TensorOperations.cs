using System.Numerics;
using System.Numerics.Tensors;
using CourseKit.Kernels;

namespace CourseKit.Tensors;

// The tensor arithmetic of the lecture. Each operation returns a new tensor (easy to read in a notebook);
// the layers use the *Into forms on buffers they own, so training allocates nothing.
public sealed partial class Tensor<T>
{
    /// <summary>The matrix product <c>this × other</c>, as on the slides (<c>i × W</c>).</summary>
    /// <exception cref="ShapeMismatchException">The inner sizes differ; the message names both shapes.</exception>
    public Tensor<T> MatMul(Tensor<T> other) => MatMul(other, transposeThis: false, transposeOther: false);

    /// <summary>The matrix product with either operand transposed, without forming the transpose.</summary>
    public Tensor<T> MatMul(Tensor<T> other, bool transposeThis, bool transposeOther)
    {
        ArgumentNullException.ThrowIfNull(other);
        var result = new Tensor<T>(transposeThis ? Cols : Rows, transposeOther ? other.Rows : other.Cols);
        Gemm.Multiply(this, transposeThis, other, transposeOther, result, accumulate: false);
        return result;
    }

    /// <summary>The transpose: element [r, c] moves to [c, r].</summary>
    public Tensor<T> Transpose()
    {
        var result = new Tensor<T>(Cols, Rows);
        var src = ReadOnlySpan;
        var dst = result.Span;
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Cols; c++)
                dst[c * Rows + r] = src[r * Cols + c];
        return result;
    }

    /// <summary>
    /// Element-wise sum. <paramref name="other"/> may also be a 1×Cols row (a bias, added to every row)
    /// or a Rows×1 column (added to every column): the broadcasting the slides use in <c>XW + c</c>.
    /// </summary>
    public Tensor<T> Add(Tensor<T> other)
    {
        var result = Clone();
        result.AddInPlace(other);
        return result;
    }

    /// <summary>Adds <paramref name="other"/> (same shape, or a broadcast row or column) into this tensor.</summary>
    public void AddInPlace(Tensor<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Rows == Rows && other.Cols == Cols)
            TensorPrimitives.Add(ReadOnlySpan, other.ReadOnlySpan, Span);
        else if (other.Rows == 1 && other.Cols == Cols)
            for (int r = 0; r < Rows; r++) TensorPrimitives.Add(Row(r), other.ReadOnlySpan, Row(r));
        else if (other.Cols == 1 && other.Rows == Rows)
            for (int r = 0; r < Rows; r++) TensorPrimitives.Add(Row(r), other.ReadOnlySpan[r], Row(r));
        else
            throw new ShapeMismatchException(
                $"Cannot add a {other.Shape} tensor to a {Shape} tensor: it must have the same shape, or be a (1×{Cols}) row or a ({Rows}×1) column.");
    }

    /// <summary>Element-wise difference (shapes must match).</summary>
    public Tensor<T> Subtract(Tensor<T> other)
    {
        Check.SameShape(this, other, "Subtract");
        var result = new Tensor<T>(Rows, Cols);
        TensorPrimitives.Subtract(ReadOnlySpan, other.ReadOnlySpan, result.Span);
        return result;
    }

    /// <summary>Element-wise (Hadamard) product <c>⊙</c>, as in the LSTM and GRU slides.</summary>
    public Tensor<T> Hadamard(Tensor<T> other)
    {
        Check.SameShape(this, other, "Hadamard product");
        var result = new Tensor<T>(Rows, Cols);
        TensorPrimitives.Multiply(ReadOnlySpan, other.ReadOnlySpan, result.Span);
        return result;
    }

    /// <summary>Every element multiplied by <paramref name="factor"/>.</summary>
    public Tensor<T> Scale(T factor)
    {
        var result = new Tensor<T>(Rows, Cols);
        TensorPrimitives.Multiply(ReadOnlySpan, factor, result.Span);
        return result;
    }

    /// <summary>Applies <paramref name="function"/> to every element (for teaching; the layers use vectorized kernels).</summary>
    public Tensor<T> Map(Func<T, T> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var result = new Tensor<T>(Rows, Cols);
        var src = ReadOnlySpan;
        var dst = result.Span;
        for (int i = 0; i < src.Length; i++) dst[i] = function(src[i]);
        return result;
    }

    /// <summary>Sum of all elements.</summary>
    public T Sum() => TensorPrimitives.Sum(ReadOnlySpan);

    /// <summary>Mean of all elements.</summary>
    public T Mean() => Length == 0 ? T.NaN : Sum() / T.CreateChecked(Length);

    /// <summary>Largest element (NaN if any element is NaN).</summary>
    public T Max() => Length == 0 ? throw new InvalidOperationException("Max of an empty tensor.") : TensorPrimitives.Max(ReadOnlySpan);

    /// <summary>Smallest element (NaN if any element is NaN).</summary>
    public T Min() => Length == 0 ? throw new InvalidOperationException("Min of an empty tensor.") : TensorPrimitives.Min(ReadOnlySpan);

    /// <summary>Column sums as a 1×Cols row: the sum over the batch, as a bias gradient needs.</summary>
    public Tensor<T> SumRows()
    {
        var result = new Tensor<T>(1, Cols);
        SumRowsInto(this, result);
        return result;
    }

    /// <summary>Row <paramref name="row"/> as a (1 × Cols) tensor of its own.</summary>
    public Tensor<T> RowTensor(int row) => new(1, Cols, Row(row).ToArray());

    /// <summary>Row <paramref name="row"/> as a (Cols × 1) column vector of its own: the slides' x(t) from a row of X.</summary>
    public Tensor<T> RowAsColumn(int row) => new(Cols, 1, Row(row).ToArray());

    /// <summary>Every row as a (1 × Cols) tensor of its own, for example one input per example.</summary>
    public Tensor<T>[] SplitRows()
    {
        var rows = new Tensor<T>[Rows];
        for (int r = 0; r < Rows; r++) rows[r] = RowTensor(r);
        return rows;
    }

    /// <summary>For each row, the index of its largest element (the predicted class).</summary>
    public int[] ArgMaxRows()
    {
        var result = new int[Rows];
        for (int r = 0; r < Rows; r++) result[r] = TensorPrimitives.IndexOfMax<T>(Row(r));
        return result;
    }

    /// <summary>True when no element is NaN or infinite.</summary>
    public bool IsFinite()
    {
        foreach (var v in ReadOnlySpan)
            if (!T.IsFinite(v)) return false;
        return true;
    }

    /// <summary><c>this + other</c>, with broadcasting as in <see cref="Add"/>.</summary>
    public static Tensor<T> operator +(Tensor<T> left, Tensor<T> right) => left.Add(right);

    /// <summary><c>this - other</c>, element-wise.</summary>
    public static Tensor<T> operator -(Tensor<T> left, Tensor<T> right) => left.Subtract(right);

    /// <summary>Every element multiplied by a number.</summary>
    public static Tensor<T> operator *(T factor, Tensor<T> tensor) => tensor.Scale(factor);

    /// <summary>Every element multiplied by a number.</summary>
    public static Tensor<T> operator *(Tensor<T> tensor, T factor) => tensor.Scale(factor);

    /// <summary>Writes the column sums of <paramref name="source"/> into the 1×Cols <paramref name="destination"/> (overwriting).</summary>
    internal static void SumRowsInto(Tensor<T> source, Tensor<T> destination, bool accumulate = false)
    {
        Check.Shape(destination, 1, source.Cols, "Column-sum destination");
        var dst = destination.Span;
        if (!accumulate) dst.Clear();
        for (int r = 0; r < source.Rows; r++) TensorPrimitives.Add(dst, source.Row(r), dst);
    }
}
