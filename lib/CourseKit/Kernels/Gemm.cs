using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CourseKit.Kernels;

/// <summary>
/// General matrix multiply, the hot loop under every dense and recurrent layer:
/// <c>C = op(A) · op(B)</c>, or <c>C += op(A) · op(B)</c> when <c>accumulate</c> is set.
/// </summary>
/// <remarks>
/// Scalar definition (see <see cref="GemmReference"/>): <c>C[i, j] (+)= Σ_p op(A)[i, p] · op(B)[p, j]</c>, where
/// <c>op(A)</c> is m×k and <c>op(B)</c> is k×n; with <c>transA</c> A is stored k×m and used transposed (likewise B).
/// All matrices are row-major with row strides <c>lda</c>, <c>ldb</c>, <c>ldc</c>.
/// <para>
/// Large products use the classic Goto/BLIS scheme: blocks of A and B are packed into contiguous panels that stay
/// in cache, and a register-tiled micro-kernel computes a 6 × (2 vectors) tile of C with fused multiply-adds.
/// Packing is also where transposed operands are handled, so all four layouts run the same kernel.
/// Small products (the slides' 2×2 examples) skip packing and run vectorized row updates.
/// </para>
/// </remarks>
public static class Gemm
{
    private const int MR = 6;          // rows of C per micro-tile
    private const int KC = 256;        // depth of a packed block
    private const int MC = 16 * MR;    // rows of A per packed block
    private const int NC = 3072;       // columns of B per packed block
    private const long SmallWork = 32 * 32 * 32;

    /// <summary>Computes <c>C (+)= op(A)·op(B)</c>; see the type's remarks for the layout.</summary>
    public static void Multiply<T>(
        ReadOnlySpan<T> a, int lda, bool transA,
        ReadOnlySpan<T> b, int ldb, bool transB,
        Span<T> c, int ldc,
        int m, int n, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckArguments(a.Length, lda, transA ? k : m, transA ? m : k, "A");
        CheckArguments(b.Length, ldb, transB ? n : k, transB ? k : n, "B");
        CheckArguments(c.Length, ldc, m, n, "C");
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) for (int i = 0; i < m; i++) c.Slice(i * ldc, n).Clear();
            return;
        }
        if ((long)m * n * k < SmallWork || n < 2 * Vector256<T>.Count || !Vector256.IsHardwareAccelerated)
            MultiplySmall(a, lda, transA, b, ldb, transB, c, ldc, m, n, k, accumulate);
        else
            MultiplyPacked(a, lda, transA, b, ldb, transB, c, ldc, m, n, k, accumulate);
    }

    /// <summary>Convenience form for whole tensors: <c>c (+)= op(a)·op(b)</c>, shapes checked.</summary>
    public static void Multiply<T>(Tensor<T> a, bool transA, Tensor<T> b, bool transB, Tensor<T> c, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = transA ? a.Cols : a.Rows, k = transA ? a.Rows : a.Cols;
        int kb = transB ? b.Cols : b.Rows, n = transB ? b.Rows : b.Cols;
        if (k != kb)
            throw new ShapeMismatchException(
                $"Matrix product {Describe(a, transA)} × {Describe(b, transB)}: inner sizes {k} and {kb} differ.");
        if (c.Rows != m || c.Cols != n)
            throw new ShapeMismatchException(
                $"Matrix product {Describe(a, transA)} × {Describe(b, transB)} is ({m}×{n}) but the output has shape {c.Shape}.");
        Multiply<T>(a.ReadOnlySpan, a.Cols, transA, b.ReadOnlySpan, b.Cols, transB, c.Span, c.Cols, m, n, k, accumulate);
    }

    private static string Describe<T>(Tensor<T> t, bool transposed) where T : unmanaged, IFloatingPointIeee754<T> =>
        transposed ? $"{t.Shape}ᵀ" : t.Shape;

    private static void CheckArguments(int length, int ld, int rows, int cols, string name)
    {
        if (rows < 0 || cols < 0) throw new ArgumentOutOfRangeException(name, $"{name} has a negative size ({rows}×{cols}).");
        if (rows == 0 || cols == 0) return;
        if (ld < cols) throw new ArgumentOutOfRangeException(name, $"{name}'s row stride {ld} is smaller than its {cols} columns.");
        long needed = (long)(rows - 1) * ld + cols;
        if (length < needed)
            throw new ArgumentException($"{name} holds {length} values but a ({rows}×{cols}) matrix with row stride {ld} needs {needed}.", name);
    }

    // ---- small products: no packing, vectorized along rows of B and C ----

    private static void MultiplySmall<T>(
        ReadOnlySpan<T> a, int lda, bool transA, ReadOnlySpan<T> b, int ldb, bool transB,
        Span<T> c, int ldc, int m, int n, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (transB && !transA)
        {
            // C[i, j] = A row i · B row j: both contiguous, so a dot product each.
            for (int i = 0; i < m; i++)
            {
                var aRow = a.Slice(i * lda, k);
                var cRow = c.Slice(i * ldc, n);
                for (int j = 0; j < n; j++)
                {
                    T dot = TensorPrimitives.Dot(aRow, b.Slice(j * ldb, k));
                    cRow[j] = accumulate ? cRow[j] + dot : dot;
                }
            }
            return;
        }
        if (transB)
        {
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    T sum = T.Zero;
                    for (int p = 0; p < k; p++) sum += a[p * lda + i] * b[j * ldb + p];
                    c[i * ldc + j] = accumulate ? c[i * ldc + j] + sum : sum;
                }
            return;
        }
        // C row i += A[i, p] · B row p.
        for (int i = 0; i < m; i++)
        {
            var cRow = c.Slice(i * ldc, n);
            if (!accumulate) cRow.Clear();
            for (int p = 0; p < k; p++)
            {
                T aip = transA ? a[p * lda + i] : a[i * lda + p];
                var bRow = b.Slice(p * ldb, n);
                if (n >= Vector256<T>.Count) TensorPrimitives.MultiplyAdd(bRow, aip, cRow, cRow);
                else for (int j = 0; j < n; j++) cRow[j] += aip * bRow[j];
            }
        }
    }

    // ---- large products: packed panels and a register-tiled micro-kernel ----

    private static void MultiplyPacked<T>(
        ReadOnlySpan<T> a, int lda, bool transA, ReadOnlySpan<T> b, int ldb, bool transB,
        Span<T> c, int ldc, int m, int n, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int nr = 2 * Vector256<T>.Count;
        var buffers = PackBuffers<T>.Get(nr);
        Span<T> ap = buffers.A, bp = buffers.B;

        for (int jc = 0; jc < n; jc += NC)
        {
            int nc = Math.Min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC)
            {
                int kc = Math.Min(KC, k - pc);
                PackB(b, ldb, transB, pc, jc, kc, nc, nr, bp);
                bool add = accumulate || pc > 0;
                for (int ic = 0; ic < m; ic += MC)
                {
                    int mc = Math.Min(MC, m - ic);
                    PackA(a, lda, transA, ic, pc, mc, kc, ap);
                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        int ncols = Math.Min(nr, nc - jr);
                        ref T bPanel = ref bp[(jr / nr) * kc * nr];
                        for (int ir = 0; ir < mc; ir += MR)
                        {
                            int nrows = Math.Min(MR, mc - ir);
                            ref T aPanel = ref ap[(ir / MR) * kc * MR];
                            ref T cTile = ref c[(ic + ir) * ldc + jc + jr];
                            MicroKernel(ref aPanel, ref bPanel, kc, ref cTile, ldc, nrows, ncols, add);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Packs op(A)[i0 .. i0+mc, p0 .. p0+kc] into MR-row panels: panel[(p * MR) + row], zero-padded.</summary>
    private static void PackA<T>(ReadOnlySpan<T> a, int lda, bool transA, int i0, int p0, int mc, int kc, Span<T> ap)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int ir = 0; ir < mc; ir += MR)
        {
            int rows = Math.Min(MR, mc - ir);
            var panel = ap.Slice((ir / MR) * kc * MR, kc * MR);
            if (rows < MR) panel.Clear();
            for (int r = 0; r < rows; r++)
            {
                int i = i0 + ir + r;
                if (transA)
                    for (int p = 0; p < kc; p++) panel[p * MR + r] = a[(p0 + p) * lda + i];
                else
                {
                    var aRow = a.Slice(i * lda + p0, kc);
                    for (int p = 0; p < kc; p++) panel[p * MR + r] = aRow[p];
                }
            }
        }
    }

    /// <summary>Packs op(B)[p0 .. p0+kc, j0 .. j0+nc] into NR-column panels: panel[(p * NR) + col], zero-padded.</summary>
    private static void PackB<T>(ReadOnlySpan<T> b, int ldb, bool transB, int p0, int j0, int kc, int nc, int nr, Span<T> bp)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            var panel = bp.Slice((jr / nr) * kc * nr, kc * nr);
            if (cols < nr) panel.Clear();
            if (transB)
            {
                for (int col = 0; col < cols; col++)
                {
                    var bRow = b.Slice((j0 + jr + col) * ldb + p0, kc);
                    for (int p = 0; p < kc; p++) panel[p * nr + col] = bRow[p];
                }
            }
            else
            {
                for (int p = 0; p < kc; p++)
                    b.Slice((p0 + p) * ldb + j0 + jr, cols).CopyTo(panel.Slice(p * nr, cols));
            }
        }
    }

    /// <summary>C tile (rows × cols, at most 6 × 2 vectors) (+)= A panel · B panel over depth kc.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MicroKernel<T>(ref T ap, ref T bp, int kc, ref T c, int ldc, int rows, int cols, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector256<T>.Count, nr = 2 * w;
        Vector256<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.LoadUnsafe(ref bp, (nuint)(p * nr));
            var b1 = Vector256.LoadUnsafe(ref bp, (nuint)(p * nr + w));
            ref T aCol = ref Unsafe.Add(ref ap, p * MR);
            var a0 = Vector256.Create(aCol);
            c00 = Fma(a0, b0, c00); c01 = Fma(a0, b1, c01);
            var a1 = Vector256.Create(Unsafe.Add(ref aCol, 1));
            c10 = Fma(a1, b0, c10); c11 = Fma(a1, b1, c11);
            var a2 = Vector256.Create(Unsafe.Add(ref aCol, 2));
            c20 = Fma(a2, b0, c20); c21 = Fma(a2, b1, c21);
            var a3 = Vector256.Create(Unsafe.Add(ref aCol, 3));
            c30 = Fma(a3, b0, c30); c31 = Fma(a3, b1, c31);
            var a4 = Vector256.Create(Unsafe.Add(ref aCol, 4));
            c40 = Fma(a4, b0, c40); c41 = Fma(a4, b1, c41);
            var a5 = Vector256.Create(Unsafe.Add(ref aCol, 5));
            c50 = Fma(a5, b0, c50); c51 = Fma(a5, b1, c51);
        }

        if (rows == MR && cols == nr)
        {
            Store(ref c, 0, w, c00, c01, add);
            Store(ref Unsafe.Add(ref c, ldc), 0, w, c10, c11, add);
            Store(ref Unsafe.Add(ref c, 2 * ldc), 0, w, c20, c21, add);
            Store(ref Unsafe.Add(ref c, 3 * ldc), 0, w, c30, c31, add);
            Store(ref Unsafe.Add(ref c, 4 * ldc), 0, w, c40, c41, add);
            Store(ref Unsafe.Add(ref c, 5 * ldc), 0, w, c50, c51, add);
            return;
        }

        // Edge tile: spill to a small buffer, then copy only the rows and columns that exist.
        Span<T> tile = stackalloc T[MR * 2 * Vector256<T>.Count];
        ref T t = ref MemoryMarshal.GetReference(tile);
        c00.StoreUnsafe(ref t, 0); c01.StoreUnsafe(ref t, (nuint)w);
        c10.StoreUnsafe(ref t, (nuint)nr); c11.StoreUnsafe(ref t, (nuint)(nr + w));
        c20.StoreUnsafe(ref t, (nuint)(2 * nr)); c21.StoreUnsafe(ref t, (nuint)(2 * nr + w));
        c30.StoreUnsafe(ref t, (nuint)(3 * nr)); c31.StoreUnsafe(ref t, (nuint)(3 * nr + w));
        c40.StoreUnsafe(ref t, (nuint)(4 * nr)); c41.StoreUnsafe(ref t, (nuint)(4 * nr + w));
        c50.StoreUnsafe(ref t, (nuint)(5 * nr)); c51.StoreUnsafe(ref t, (nuint)(5 * nr + w));
        for (int r = 0; r < rows; r++)
        {
            ref T cRow = ref Unsafe.Add(ref c, r * ldc);
            for (int j = 0; j < cols; j++)
            {
                T v = tile[r * nr + j];
                Unsafe.Add(ref cRow, j) = add ? Unsafe.Add(ref cRow, j) + v : v;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(ref T row, int offset, int w, Vector256<T> v0, Vector256<T> v1, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (add)
        {
            v0 += Vector256.LoadUnsafe(ref row, (nuint)offset);
            v1 += Vector256.LoadUnsafe(ref row, (nuint)(offset + w));
        }
        v0.StoreUnsafe(ref row, (nuint)offset);
        v1.StoreUnsafe(ref row, (nuint)(offset + w));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<T> Fma<T>(Vector256<T> a, Vector256<T> b, Vector256<T> addend)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported)
        {
            if (typeof(T) == typeof(float))
                return Vector256.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), addend.As<T, float>()).As<float, T>();
            if (typeof(T) == typeof(double))
                return Vector256.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), addend.As<T, double>()).As<double, T>();
        }
        return a * b + addend;
    }

    /// <summary>Per-thread packing buffers, allocated once and reused so steady-state products allocate nothing.</summary>
    private sealed class PackBuffers<T> where T : unmanaged
    {
        [ThreadStatic] private static PackBuffers<T>? current;
        public readonly T[] A = new T[MC * KC];
        public T[] B = [];

        public static PackBuffers<T> Get(int nr)
        {
            var buffers = current ??= new PackBuffers<T>();
            int bSize = (NC + nr) * KC;
            if (buffers.B.Length < bSize) buffers.B = new T[bSize];
            return buffers;
        }
    }
}
