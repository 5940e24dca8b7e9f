using System.Numerics;

namespace CourseKit.Kernels;

/// <summary>
/// A right-hand matrix op(B) (k × n) already packed into the GEMM micro-kernel's panels, for when the same B multiplies
/// many left-hand matrices: a recurrent layer's <c>W_hh</c> is used at every time step, so it is packed once per pass
/// instead of once per step.
/// </summary>
internal sealed class PackedMatrix<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int paddedCols;

    /// <summary>Packs op(B): B stored with row stride <paramref name="ldb"/>, (k × n), or (n × k) when <paramref name="transB"/>.</summary>
    public PackedMatrix(ReadOnlySpan<T> b, int ldb, bool transB, int k, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        Rows = k;
        Cols = n;
        TransposedSource = transB;
        Nr = Gemm.TileCols<T>();
        paddedCols = (n + Nr - 1) / Nr * Nr;
        Data = new AlignedBuffer<T>(checked(k * paddedCols));
        Repack(b, ldb);
    }

    /// <summary>k: rows of op(B).</summary>
    public int Rows { get; }

    /// <summary>n: columns of op(B).</summary>
    public int Cols { get; }

    /// <summary>Whether the source is stored transposed.</summary>
    public bool TransposedSource { get; }

    internal int Nr { get; }

    internal AlignedBuffer<T> Data { get; }

    /// <summary>Where the packed panels for depth block <paramref name="p0"/> start.</summary>
    internal int BlockOffset(int p0) => p0 * paddedCols;

    /// <summary>Packs new values of the same shape and layout (after an optimizer step), allocating nothing.</summary>
    public void Repack(ReadOnlySpan<T> b, int ldb)
    {
        Gemm.CheckOperand(b.Length, ldb, TransposedSource ? Cols : Rows, TransposedSource ? Rows : Cols, "B");
        Gemm.PackAll(b, ldb, TransposedSource, Rows, Cols, Nr, Data.Span, paddedCols);
    }
}
