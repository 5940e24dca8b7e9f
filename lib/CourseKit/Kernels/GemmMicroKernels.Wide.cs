using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CourseKit.Kernels;

internal static partial class GemmMicroKernels
{
    /// <summary>Rows of a whole wide tile.</summary>
    public const int WideRows = 6;

    /// <summary>Columns of the wide tile, in vectors.</summary>
    public const int WideVectors = 4;

    /// <summary>
    /// A tile of 6 rows × 4 Vector512 of C (24 accumulators) (+)= A · B over depth kc, with both A and B row-major and
    /// read in place: the kernel for products small enough that nothing is packed (64 × 64, the recurrent layers' input
    /// projections). Each depth step loads four vectors of B and broadcasts six values of A for 24 multiply-adds, ten
    /// loads where the 12 × 2 tile needs fourteen. For large products the 12 × 2 tile is kept: it reads half as many
    /// bytes of B per multiply-add, and B then streams in from L2.
    /// <typeparamref name="TRows"/> is 6 for whole tiles or 4 or 2 for a block's last one; the JIT compiles each height
    /// separately and drops the unused accumulators.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel512Wide<T, TRows>(ref T a, int lda, ref T b, int ldb, int kc, ref T c, int ldc, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TRows : struct, ITileRows
    {
        int w = Vector512<T>.Count;
        Vector512<T> c00 = default, c01 = default, c02 = default, c03 = default, c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<T> c20 = default, c21 = default, c22 = default, c23 = default, c30 = default, c31 = default, c32 = default, c33 = default;
        Vector512<T> c40 = default, c41 = default, c42 = default, c43 = default, c50 = default, c51 = default, c52 = default, c53 = default;
        // Rows 0-2 and 3-5 each read from one pointer plus fixed offsets; the pointers only advance.
        ref T a0 = ref a;
        ref T a3 = ref Unsafe.Add(ref a, (TRows.Count > 3 ? 3 : 0) * (nint)lda);
        nint l1 = lda, l2 = 2 * (nint)lda, bs = ldb;
        Vector512<T> b0, b1, b2, b3, x;
        for (int p = 0; p < kc; p++)
        {
            b0 = Vector512.LoadUnsafe(ref b);
            b1 = Vector512.LoadUnsafe(ref b, (nuint)w);
            b2 = Vector512.LoadUnsafe(ref b, (nuint)(2 * w));
            b3 = Vector512.LoadUnsafe(ref b, (nuint)(3 * w));
            x = Vector512.Create(a0);
            c00 = Fma(x, b0, c00); c01 = Fma(x, b1, c01); c02 = Fma(x, b2, c02); c03 = Fma(x, b3, c03);
            x = Vector512.Create(Unsafe.Add(ref a0, l1));
            c10 = Fma(x, b0, c10); c11 = Fma(x, b1, c11); c12 = Fma(x, b2, c12); c13 = Fma(x, b3, c13);
            if (TRows.Count > 2)
            {
                x = Vector512.Create(Unsafe.Add(ref a0, l2));
                c20 = Fma(x, b0, c20); c21 = Fma(x, b1, c21); c22 = Fma(x, b2, c22); c23 = Fma(x, b3, c23);
                x = Vector512.Create(a3);
                c30 = Fma(x, b0, c30); c31 = Fma(x, b1, c31); c32 = Fma(x, b2, c32); c33 = Fma(x, b3, c33);
            }
            if (TRows.Count > 4)
            {
                x = Vector512.Create(Unsafe.Add(ref a3, l1));
                c40 = Fma(x, b0, c40); c41 = Fma(x, b1, c41); c42 = Fma(x, b2, c42); c43 = Fma(x, b3, c43);
                x = Vector512.Create(Unsafe.Add(ref a3, l2));
                c50 = Fma(x, b0, c50); c51 = Fma(x, b1, c51); c52 = Fma(x, b2, c52); c53 = Fma(x, b3, c53);
            }
            a0 = ref Unsafe.Add(ref a0, 1);
            if (TRows.Count > 2) a3 = ref Unsafe.Add(ref a3, 1);
            b = ref Unsafe.Add(ref b, bs);
        }
        StoreWide(ref c, w, c00, c01, c02, c03, add);
        StoreWide(ref Unsafe.Add(ref c, ldc), w, c10, c11, c12, c13, add);
        if (TRows.Count > 2)
        {
            StoreWide(ref Unsafe.Add(ref c, 2 * ldc), w, c20, c21, c22, c23, add);
            StoreWide(ref Unsafe.Add(ref c, 3 * ldc), w, c30, c31, c32, c33, add);
        }
        if (TRows.Count > 4)
        {
            StoreWide(ref Unsafe.Add(ref c, 4 * ldc), w, c40, c41, c42, c43, add);
            StoreWide(ref Unsafe.Add(ref c, 5 * ldc), w, c50, c51, c52, c53, add);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreWide<T>(ref T row, int w, Vector512<T> v0, Vector512<T> v1, Vector512<T> v2, Vector512<T> v3, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Store(ref row, v0, v1, add);
        Store(ref Unsafe.Add(ref row, 2 * w), v2, v3, add);
    }
}
