using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CourseKit.Tensors;

namespace CourseKit.Kernels;

/// <summary>
/// General matrix multiply, the hot loop under every dense and recurrent layer:
/// <c>C = op(A) · op(B)</c>, or <c>C += op(A) · op(B)</c> when <c>accumulate</c> is set.
/// </summary>
/// <remarks>
/// Scalar definition (the tests compare against it as plain loops): <c>C[i, j] (+)= Σ_p op(A)[i, p] · op(B)[p, j]</c>, where
/// <c>op(A)</c> is m×k and <c>op(B)</c> is k×n; with <c>transA</c> A is stored k×m and used transposed (likewise B).
/// All matrices are row-major with row strides <c>lda</c>, <c>ldb</c>, <c>ldc</c>.
/// <para>
/// Large products use the classic Goto/BLIS scheme: blocks of A and B are packed into contiguous panels that stay
/// in cache, and a register-tiled micro-kernel computes a tile of C with fused multiply-adds: 12 rows × 2 Vector512
/// where the CPU has 512-bit vectors, else 6 rows × 2 Vector256, else (x64 with SSE only, ARM64 NEON) 128-bit tiles of
/// 6 rows × 2 Vector128 on x64 and 12 rows × 2 on ARM64 (see GemmMicroKernels and GemmPacked.cs). When B and a
/// block of A each fit in 256 KB, both are read in place, without packing, by a wider 6 rows × 4 Vector512 tile (for an
/// even number of rows and whole tiles of columns; otherwise A alone is read in place).
/// Packing is also where transposed operands are handled, so all four layouts run the same kernel.
/// Small products (the slides' 2×2 examples) skip packing and run vectorized row updates.
/// </para>
/// </remarks>
internal static partial class Gemm
{
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
        if ((long)m * n * k < SmallWork || n < 2 * (Narrow ? Vector128<T>.Count : Vector256<T>.Count) || !Vector128.IsHardwareAccelerated)
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

    internal static void CheckOperand(int length, int ld, int rows, int cols, string name) => CheckArguments(length, ld, rows, cols, name);

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

}
