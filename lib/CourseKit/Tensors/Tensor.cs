using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace CourseKit.Tensors;

/// <summary>
/// A dense, row-major matrix of <see cref="float"/> or <see cref="double"/>: the "tensor" of the lecture's
/// tensor-arithmetic slides. Every tensor in the kit is two-dimensional.
/// </summary>
/// <remarks>
/// <para>Layout and the slides' notation:</para>
/// <list type="bullet">
/// <item>Feedforward slides use <b>row vectors</b>: the input <c>i</c> is a 1×n tensor and <c>o = g(i × W)</c> with
/// <c>W[k, j]</c> the weight from input k to unit j. A batch of inputs is simply more rows.</item>
/// <item>The simple-RNN slides use <b>column vectors</b> (<c>h = tanh(U h + W x)</c>): make them with
/// <see cref="Tensor.Column{T}(T[])"/>; the RNN layers document how they map the slide's matrices onto their own layout.</item>
/// </list>
/// Element <c>[r, c]</c> lives at <c>Span[r * Cols + c]</c>.
/// </remarks>
/// <typeparam name="T"><see cref="float"/> (fast) or <see cref="double"/> (the slides' exact numbers).</typeparam>
public sealed partial class Tensor<T> : IEquatable<Tensor<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // Tensors of at least AlignedBytes live in a pinned array whose element `start` is 64-byte aligned (AlignedBuffer.AllocatePinned): a 512-bit load
    // that straddles two cache lines costs twice, so unaligned, a matrix product's speed would depend on where the
    // array happened to land. Pinned, so the alignment holds for the tensor's lifetime.
    private const int AlignedBytes = 4096;
    private readonly T[] data;
    private readonly int start;

    /// <summary>Number of rows (the batch size, for a batch of row vectors).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (features or units).</summary>
    public int Cols { get; }

    /// <summary>Rows × Cols.</summary>
    public int Length => Rows * Cols;

    /// <summary>A zero-filled tensor of the given shape.</summary>
    public Tensor(int rows, int cols)
    {
        if (rows < 0 || cols < 0)
            throw new ArgumentOutOfRangeException(nameof(rows), $"A tensor's shape must not be negative, got ({rows}×{cols}).");
        if ((long)rows * cols > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(rows), $"A ({rows}×{cols}) tensor is larger than one array can hold.");
        Rows = rows;
        Cols = cols;
        (data, start) = Allocate(rows * cols);
    }

    private static (T[] Data, int Start) Allocate(int length) =>
        (long)length * Unsafe.SizeOf<T>() < AlignedBytes ? (new T[length], 0) : Kernels.AlignedBuffer<T>.AllocatePinned(length, zeroed: true);

    private Tensor(int rows, int cols, T[] data, int start)
    {
        Rows = rows;
        Cols = cols;
        this.data = data;
        this.start = start;
    }

    /// <summary>Wraps <paramref name="values"/> (not copied) as a rows × cols tensor.</summary>
    public Tensor(int rows, int cols, T[] values)
    {
        if (rows < 0 || cols < 0)
            throw new ArgumentOutOfRangeException(nameof(rows), $"A tensor's shape must not be negative, got ({rows}×{cols}).");
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != rows * cols)
            throw new ArgumentException($"A ({rows}×{cols}) tensor needs {rows * cols} values, got {values.Length}.", nameof(values));
        Rows = rows;
        Cols = cols;
        data = values;
    }

    /// <summary>All elements, row after row.</summary>
    public Span<T> Span => data.AsSpan(start, Rows * Cols);

    /// <summary>All elements, row after row, read-only.</summary>
    public ReadOnlySpan<T> ReadOnlySpan => data.AsSpan(start, Rows * Cols);

    /// <summary>The shape as the kit prints it, for example <c>(4×2)</c>.</summary>
    public string Shape => $"({Rows}×{Cols})";

    /// <summary>Element at row <paramref name="row"/>, column <paramref name="col"/>.</summary>
    public T this[int row, int col]
    {
        get
        {
            CheckIndex(row, col);
            return data[start + row * Cols + col];
        }
        set
        {
            CheckIndex(row, col);
            data[start + row * Cols + col] = value;
        }
    }

    /// <summary>One row as a span (no copy).</summary>
    public Span<T> Row(int row)
    {
        if ((uint)row >= (uint)Rows)
            throw new ArgumentOutOfRangeException(nameof(row), $"Row {row} is outside a {Shape} tensor.");
        return data.AsSpan(start + row * Cols, Cols);
    }

    /// <summary>True when the shape is (1×n) or (n×1).</summary>
    public bool IsVector => Rows == 1 || Cols == 1;

    /// <summary>Copies the elements into a new rows × cols array.</summary>
    public T[,] ToArray()
    {
        var result = new T[Rows, Cols];
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Cols; c++)
                result[r, c] = data[start + r * Cols + c];
        return result;
    }

    /// <summary>Copies the elements, row after row, into a new flat array.</summary>
    public T[] ToFlatArray() => ReadOnlySpan.ToArray();

    /// <summary>A deep copy.</summary>
    public Tensor<T> Clone()
    {
        var copy = new Tensor<T>(Rows, Cols);
        ReadOnlySpan.CopyTo(copy.Span);
        return copy;
    }

    /// <summary>Copies this tensor's elements into <paramref name="destination"/>, which must have the same shape.</summary>
    public void CopyTo(Tensor<T> destination)
    {
        Check.SameShape(this, destination, "CopyTo");
        ReadOnlySpan.CopyTo(destination.Span);
    }

    /// <summary>Sets every element to zero.</summary>
    public void Clear() => Span.Clear();

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    public void Fill(T value) => Span.Fill(value);

    /// <summary>The same elements viewed as a different shape with the same number of elements (no copy).</summary>
    public Tensor<T> Reshape(int rows, int cols)
    {
        if ((long)rows * cols != Length)
            throw new ArgumentException($"Cannot reshape a {Shape} tensor ({Length} elements) to ({rows}×{cols}).");
        return new Tensor<T>(rows, cols, data, start);
    }

    /// <summary>True when the shapes match and every element differs by at most <paramref name="tolerance"/>.</summary>
    public bool AllClose(Tensor<T> other, double tolerance = 1e-12)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Rows != other.Rows || Cols != other.Cols) return false;
        return MaxAbsDifference(other) <= tolerance;
    }

    /// <summary>The largest absolute element-wise difference to a tensor of the same shape.</summary>
    public double MaxAbsDifference(Tensor<T> other)
    {
        Check.SameShape(this, other, "MaxAbsDifference");
        double max = 0;
        var a = ReadOnlySpan;
        var b = other.ReadOnlySpan;
        for (int i = 0; i < a.Length; i++)
        {
            double d = Math.Abs(double.CreateChecked(a[i]) - double.CreateChecked(b[i]));
            if (double.IsNaN(d)) return double.NaN;
            if (d > max) max = d;
        }
        return max;
    }

    /// <inheritdoc/>
    public bool Equals(Tensor<T>? other) =>
        other is not null && Rows == other.Rows && Cols == other.Cols && ReadOnlySpan.SequenceEqual(other.ReadOnlySpan);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Tensor<T> t && Equals(t);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Rows, Cols, Length > 0 ? data[start] : T.Zero);

    /// <summary>A readable rendering, for example <c>[[1, 2], [3, 4]]</c> with its shape.</summary>
    public override string ToString() => ToString("G6");

    /// <summary>A readable rendering whose numbers use <paramref name="format"/> (a .NET numeric format).</summary>
    public string ToString(string format)
    {
        var sb = new StringBuilder();
        sb.Append("Tensor").Append(Shape).Append(' ');
        const int maxRows = 12, maxCols = 12;
        sb.Append('[');
        for (int r = 0; r < Rows; r++)
        {
            if (r == maxRows && Rows > maxRows + 1) { sb.Append(", …"); break; }
            if (r > 0) sb.Append(", ");
            sb.Append('[');
            for (int c = 0; c < Cols; c++)
            {
                if (c == maxCols && Cols > maxCols + 1) { sb.Append(", …"); break; }
                if (c > 0) sb.Append(", ");
                sb.Append(Format(this[r, c], format));
            }
            sb.Append(']');
        }
        sb.Append(']');
        return sb.ToString();
    }

    /// <summary>Formats one number the way the kit prints numbers (invariant culture; -0 printed as 0).</summary>
    public static string Format(T value, string format = "G6")
    {
        if (T.IsZero(value)) value = T.Zero;
        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckIndex(int row, int col)
    {
        if ((uint)row >= (uint)Rows || (uint)col >= (uint)Cols)
            throw new ArgumentOutOfRangeException(nameof(row), $"Index [{row}, {col}] is outside a {Shape} tensor.");
    }
}
