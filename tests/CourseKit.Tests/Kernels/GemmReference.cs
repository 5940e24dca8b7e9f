using System.Numerics;
using CourseKit.Kernels;

namespace CourseKit.Tests.Kernels;

/// <summary>
/// The scalar definition of <see cref="Gemm"/>: three plain loops, kept only so tests can compare the fast kernel
/// against the formula <c>C[i, j] (+)= Σ_p op(A)[i, p] · op(B)[p, j]</c>.
/// </summary>
internal static class GemmReference
{
    /// <summary>Same contract as <see cref="Gemm.Multiply{T}(ReadOnlySpan{T}, int, bool, ReadOnlySpan{T}, int, bool, Span{T}, int, int, int, int, bool)"/>.</summary>
    public static void Multiply<T>(
        ReadOnlySpan<T> a, int lda, bool transA, ReadOnlySpan<T> b, int ldb, bool transB,
        Span<T> c, int ldc, int m, int n, int k, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                T sum = T.Zero;
                for (int p = 0; p < k; p++)
                    sum += (transA ? a[p * lda + i] : a[i * lda + p]) * (transB ? b[j * ldb + p] : b[p * ldb + j]);
                c[i * ldc + j] = accumulate ? c[i * ldc + j] + sum : sum;
            }
    }
}
