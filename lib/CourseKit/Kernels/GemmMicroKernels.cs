using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CourseKit.Kernels;

/// <summary>
/// The innermost loops of <see cref="Gemm"/>: a tile of C held in registers while the packed panels of A and B stream
/// past. 12 rows × 2 Vector512 (24 accumulators) where the CPU has 512-bit vectors, else 6 rows × 2 Vector256
/// (12 accumulators), else 128-bit tiles (GemmMicroKernels.Narrow.cs): 6 rows × 2 Vector128 on x64 (12 accumulators of
/// its 16 registers), 12 rows × 2 Vector128 on ARM64 (24 of 32). Each step p broadcasts one value of A per row (ARM64
/// reads it from a lane instead) and does one multiply-add per accumulator.
/// A row-major A is read in place, without packing, by <see cref="Kernel512InPlace{T, TRows, TB}"/> (12-, 8- or 4-row tiles);
/// products small enough to read both A and B in place use a wider tile, <see cref="Kernel512Wide{T, TRows}"/> (6 × 4 Vector512).
/// </summary>
internal static partial class GemmMicroKernels
{
    /// <summary>Rows of the 512-bit tile.</summary>
    public const int MR512 = 12;

    /// <summary>Rows of the 256-bit tile.</summary>
    public const int MR256 = 6;

    /// <summary>
    /// A full C tile (12 × 2 Vector512: 24 of the 32 vector registers hold C) (+)= A panel · B panel over depth kc.
    /// Edge tiles go through a scratch tile (see <see cref="CopyEdge{T}"/>): a partial store path here would make the
    /// JIT keep the accumulators on the stack. B's rows are <paramref name="bStride"/> apart: the panel width for packed
    /// B (<typeparamref name="TB"/> = <see cref="PackedB"/>, a constant the JIT folds into the addresses), or B's own row
    /// stride when a small B is read in place.
    /// Each value of A is broadcast inside its multiply-add (an AVX-512 embedded broadcast, <c>vfmadd231pd zmm, zmm,
    /// [a]{1to8}</c>) rather than by a broadcast instruction shared by the row's two multiply-adds: a depth step is then
    /// 26 instructions instead of 38, and the load ports have room for the twelve extra loads. (The in-place kernel keeps
    /// shared broadcasts: it needs three more pointers, and there the embedded form lost.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel512<T, TB>(ref T ap, ref T bp, int bStride, int kc, ref T c, int ldc, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TB : struct, IBLayout
    {
        int w = Vector512<T>.Count;
        nint bs = TB.Packed ? 2 * w : bStride, ahead = 16 * bs;
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<T> c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default;
        Vector512<T> c80 = default, c81 = default, c90 = default, c91 = default, c100 = default, c101 = default, c110 = default, c111 = default;
        ref T a = ref ap;
        // The same values through a second pointer: the JIT would merge two loads through one pointer into a single
        // broadcast register; loads it cannot prove equal each fold into their own multiply-add.
        ref T a2 = ref ap;
        ref T b = ref bp;
        Vector512<T> b0, b1;
        int p = 0;
        for (; p + 1 < kc; p += 2)          // two depth steps per trip: half the loop overhead
        {
            b0 = Vector512.LoadUnsafe(ref b, (nuint)(0));
            b1 = Vector512.LoadUnsafe(ref b, (nuint)(0 + w));
            c00 = Fma(Vector512.Create(Unsafe.Add(ref a, 0)), b0, c00); c01 = Fma(Vector512.Create(Unsafe.Add(ref a2, 0)), b1, c01);
            c10 = Fma(Vector512.Create(Unsafe.Add(ref a, 1)), b0, c10); c11 = Fma(Vector512.Create(Unsafe.Add(ref a2, 1)), b1, c11);
            c20 = Fma(Vector512.Create(Unsafe.Add(ref a, 2)), b0, c20); c21 = Fma(Vector512.Create(Unsafe.Add(ref a2, 2)), b1, c21);
            c30 = Fma(Vector512.Create(Unsafe.Add(ref a, 3)), b0, c30); c31 = Fma(Vector512.Create(Unsafe.Add(ref a2, 3)), b1, c31);
            c40 = Fma(Vector512.Create(Unsafe.Add(ref a, 4)), b0, c40); c41 = Fma(Vector512.Create(Unsafe.Add(ref a2, 4)), b1, c41);
            c50 = Fma(Vector512.Create(Unsafe.Add(ref a, 5)), b0, c50); c51 = Fma(Vector512.Create(Unsafe.Add(ref a2, 5)), b1, c51);
            c60 = Fma(Vector512.Create(Unsafe.Add(ref a, 6)), b0, c60); c61 = Fma(Vector512.Create(Unsafe.Add(ref a2, 6)), b1, c61);
            c70 = Fma(Vector512.Create(Unsafe.Add(ref a, 7)), b0, c70); c71 = Fma(Vector512.Create(Unsafe.Add(ref a2, 7)), b1, c71);
            c80 = Fma(Vector512.Create(Unsafe.Add(ref a, 8)), b0, c80); c81 = Fma(Vector512.Create(Unsafe.Add(ref a2, 8)), b1, c81);
            c90 = Fma(Vector512.Create(Unsafe.Add(ref a, 9)), b0, c90); c91 = Fma(Vector512.Create(Unsafe.Add(ref a2, 9)), b1, c91);
            c100 = Fma(Vector512.Create(Unsafe.Add(ref a, 10)), b0, c100); c101 = Fma(Vector512.Create(Unsafe.Add(ref a2, 10)), b1, c101);
            c110 = Fma(Vector512.Create(Unsafe.Add(ref a, 11)), b0, c110); c111 = Fma(Vector512.Create(Unsafe.Add(ref a2, 11)), b1, c111);
            b0 = Vector512.LoadUnsafe(ref b, (nuint)bs);
            b1 = Vector512.LoadUnsafe(ref b, (nuint)(bs + w));
            c00 = Fma(Vector512.Create(Unsafe.Add(ref a, 12)), b0, c00); c01 = Fma(Vector512.Create(Unsafe.Add(ref a2, 12)), b1, c01);
            c10 = Fma(Vector512.Create(Unsafe.Add(ref a, 13)), b0, c10); c11 = Fma(Vector512.Create(Unsafe.Add(ref a2, 13)), b1, c11);
            c20 = Fma(Vector512.Create(Unsafe.Add(ref a, 14)), b0, c20); c21 = Fma(Vector512.Create(Unsafe.Add(ref a2, 14)), b1, c21);
            c30 = Fma(Vector512.Create(Unsafe.Add(ref a, 15)), b0, c30); c31 = Fma(Vector512.Create(Unsafe.Add(ref a2, 15)), b1, c31);
            c40 = Fma(Vector512.Create(Unsafe.Add(ref a, 16)), b0, c40); c41 = Fma(Vector512.Create(Unsafe.Add(ref a2, 16)), b1, c41);
            c50 = Fma(Vector512.Create(Unsafe.Add(ref a, 17)), b0, c50); c51 = Fma(Vector512.Create(Unsafe.Add(ref a2, 17)), b1, c51);
            c60 = Fma(Vector512.Create(Unsafe.Add(ref a, 18)), b0, c60); c61 = Fma(Vector512.Create(Unsafe.Add(ref a2, 18)), b1, c61);
            c70 = Fma(Vector512.Create(Unsafe.Add(ref a, 19)), b0, c70); c71 = Fma(Vector512.Create(Unsafe.Add(ref a2, 19)), b1, c71);
            c80 = Fma(Vector512.Create(Unsafe.Add(ref a, 20)), b0, c80); c81 = Fma(Vector512.Create(Unsafe.Add(ref a2, 20)), b1, c81);
            c90 = Fma(Vector512.Create(Unsafe.Add(ref a, 21)), b0, c90); c91 = Fma(Vector512.Create(Unsafe.Add(ref a2, 21)), b1, c91);
            c100 = Fma(Vector512.Create(Unsafe.Add(ref a, 22)), b0, c100); c101 = Fma(Vector512.Create(Unsafe.Add(ref a2, 22)), b1, c101);
            c110 = Fma(Vector512.Create(Unsafe.Add(ref a, 23)), b0, c110); c111 = Fma(Vector512.Create(Unsafe.Add(ref a2, 23)), b1, c111);
            if (TB.Packed) PrefetchRows(ref b, ahead, bs);   // a packed B streams in from L2: ask 16 rows ahead
            a = ref Unsafe.Add(ref a, 2 * MR512);
            a2 = ref Unsafe.Add(ref a2, 2 * MR512);
            b = ref Unsafe.Add(ref b, 2 * bs);
        }
        if (p < kc)
        {
            b0 = Vector512.LoadUnsafe(ref b, (nuint)(0));
            b1 = Vector512.LoadUnsafe(ref b, (nuint)(0 + w));
            c00 = Fma(Vector512.Create(Unsafe.Add(ref a, 0)), b0, c00); c01 = Fma(Vector512.Create(Unsafe.Add(ref a2, 0)), b1, c01);
            c10 = Fma(Vector512.Create(Unsafe.Add(ref a, 1)), b0, c10); c11 = Fma(Vector512.Create(Unsafe.Add(ref a2, 1)), b1, c11);
            c20 = Fma(Vector512.Create(Unsafe.Add(ref a, 2)), b0, c20); c21 = Fma(Vector512.Create(Unsafe.Add(ref a2, 2)), b1, c21);
            c30 = Fma(Vector512.Create(Unsafe.Add(ref a, 3)), b0, c30); c31 = Fma(Vector512.Create(Unsafe.Add(ref a2, 3)), b1, c31);
            c40 = Fma(Vector512.Create(Unsafe.Add(ref a, 4)), b0, c40); c41 = Fma(Vector512.Create(Unsafe.Add(ref a2, 4)), b1, c41);
            c50 = Fma(Vector512.Create(Unsafe.Add(ref a, 5)), b0, c50); c51 = Fma(Vector512.Create(Unsafe.Add(ref a2, 5)), b1, c51);
            c60 = Fma(Vector512.Create(Unsafe.Add(ref a, 6)), b0, c60); c61 = Fma(Vector512.Create(Unsafe.Add(ref a2, 6)), b1, c61);
            c70 = Fma(Vector512.Create(Unsafe.Add(ref a, 7)), b0, c70); c71 = Fma(Vector512.Create(Unsafe.Add(ref a2, 7)), b1, c71);
            c80 = Fma(Vector512.Create(Unsafe.Add(ref a, 8)), b0, c80); c81 = Fma(Vector512.Create(Unsafe.Add(ref a2, 8)), b1, c81);
            c90 = Fma(Vector512.Create(Unsafe.Add(ref a, 9)), b0, c90); c91 = Fma(Vector512.Create(Unsafe.Add(ref a2, 9)), b1, c91);
            c100 = Fma(Vector512.Create(Unsafe.Add(ref a, 10)), b0, c100); c101 = Fma(Vector512.Create(Unsafe.Add(ref a2, 10)), b1, c101);
            c110 = Fma(Vector512.Create(Unsafe.Add(ref a, 11)), b0, c110); c111 = Fma(Vector512.Create(Unsafe.Add(ref a2, 11)), b1, c111);
        }
        Store(ref c, c00, c01, add);
        Store(ref Unsafe.Add(ref c, ldc), c10, c11, add);
        Store(ref Unsafe.Add(ref c, 2 * ldc), c20, c21, add);
        Store(ref Unsafe.Add(ref c, 3 * ldc), c30, c31, add);
        Store(ref Unsafe.Add(ref c, 4 * ldc), c40, c41, add);
        Store(ref Unsafe.Add(ref c, 5 * ldc), c50, c51, add);
        Store(ref Unsafe.Add(ref c, 6 * ldc), c60, c61, add);
        Store(ref Unsafe.Add(ref c, 7 * ldc), c70, c71, add);
        Store(ref Unsafe.Add(ref c, 8 * ldc), c80, c81, add);
        Store(ref Unsafe.Add(ref c, 9 * ldc), c90, c91, add);
        Store(ref Unsafe.Add(ref c, 10 * ldc), c100, c101, add);
        Store(ref Unsafe.Add(ref c, 11 * ldc), c110, c111, add);
    }

    /// <summary>
    /// Like <see cref="Kernel512{T, TB}"/> but reads A in place, row-major with row stride <paramref name="lda"/>, instead
    /// of from a packed panel, for <typeparamref name="TRows"/> rows: 12 for whole tiles, 8 or 4 for a block's last
    /// tile (a recurrent batch of 32 is 12 + 12 + 8, a 64-row matrix 5 × 12 + 4), so those need no packing either.
    /// The row count is a type, so the JIT compiles each size separately and drops the unused accumulators.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel512InPlace<T, TRows, TB>(ref T a, int lda, ref T bp, int bStride, int kc, ref T c, int ldc, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TRows : struct, ITileRows
        where TB : struct, IBLayout
    {
        int w = Vector512<T>.Count;
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<T> c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default;
        Vector512<T> c80 = default, c81 = default, c90 = default, c91 = default, c100 = default, c101 = default, c110 = default, c111 = default;
        // Rows 0-3, 4-7 and 8-11 each read from one pointer plus fixed offsets. Pointers that only advance keep the loop
        // free of index arithmetic, which would compete with the multiply-adds for the same execution ports.
        ref T a0 = ref a;
        ref T a4 = ref Unsafe.Add(ref a, (TRows.Count > 4 ? 4 : 0) * (nint)lda);
        ref T a8 = ref Unsafe.Add(ref a, (TRows.Count > 8 ? 8 : 0) * (nint)lda);
        // A packed B's row stride is a constant (two vectors), which the JIT folds into the addresses: fewer registers,
        // no spills, fewer instructions per step.
        nint bs = TB.Packed ? 2 * w : bStride;
        nint l1 = lda, l2 = 2 * (nint)lda, l3 = 3 * (nint)lda, ahead = 16 * bs;
        ref T b = ref bp;
        Vector512<T> b0, b1, x;
        int p = 0;
        for (; p + 1 < kc; p += 2)          // two depth steps per trip: half the loop overhead
        {
            b0 = Vector512.LoadUnsafe(ref b);
            b1 = Vector512.LoadUnsafe(ref b, (nuint)w);
            x = Vector512.Create(a0); c00 = Fma(x, b0, c00); c01 = Fma(x, b1, c01);
            x = Vector512.Create(Unsafe.Add(ref a0, l1)); c10 = Fma(x, b0, c10); c11 = Fma(x, b1, c11);
            x = Vector512.Create(Unsafe.Add(ref a0, l2)); c20 = Fma(x, b0, c20); c21 = Fma(x, b1, c21);
            x = Vector512.Create(Unsafe.Add(ref a0, l3)); c30 = Fma(x, b0, c30); c31 = Fma(x, b1, c31);
            if (TRows.Count > 4)
            {
                x = Vector512.Create(a4); c40 = Fma(x, b0, c40); c41 = Fma(x, b1, c41);
                x = Vector512.Create(Unsafe.Add(ref a4, l1)); c50 = Fma(x, b0, c50); c51 = Fma(x, b1, c51);
                x = Vector512.Create(Unsafe.Add(ref a4, l2)); c60 = Fma(x, b0, c60); c61 = Fma(x, b1, c61);
                x = Vector512.Create(Unsafe.Add(ref a4, l3)); c70 = Fma(x, b0, c70); c71 = Fma(x, b1, c71);
            }
            if (TRows.Count > 8)
            {
                x = Vector512.Create(a8); c80 = Fma(x, b0, c80); c81 = Fma(x, b1, c81);
                x = Vector512.Create(Unsafe.Add(ref a8, l1)); c90 = Fma(x, b0, c90); c91 = Fma(x, b1, c91);
                x = Vector512.Create(Unsafe.Add(ref a8, l2)); c100 = Fma(x, b0, c100); c101 = Fma(x, b1, c101);
                x = Vector512.Create(Unsafe.Add(ref a8, l3)); c110 = Fma(x, b0, c110); c111 = Fma(x, b1, c111);
            }
            b0 = Vector512.LoadUnsafe(ref Unsafe.Add(ref b, bs));
            b1 = Vector512.LoadUnsafe(ref Unsafe.Add(ref b, bs), (nuint)w);
            x = Vector512.Create(Unsafe.Add(ref a0, 1)); c00 = Fma(x, b0, c00); c01 = Fma(x, b1, c01);
            x = Vector512.Create(Unsafe.Add(ref a0, l1 + 1)); c10 = Fma(x, b0, c10); c11 = Fma(x, b1, c11);
            x = Vector512.Create(Unsafe.Add(ref a0, l2 + 1)); c20 = Fma(x, b0, c20); c21 = Fma(x, b1, c21);
            x = Vector512.Create(Unsafe.Add(ref a0, l3 + 1)); c30 = Fma(x, b0, c30); c31 = Fma(x, b1, c31);
            if (TRows.Count > 4)
            {
                x = Vector512.Create(Unsafe.Add(ref a4, 1)); c40 = Fma(x, b0, c40); c41 = Fma(x, b1, c41);
                x = Vector512.Create(Unsafe.Add(ref a4, l1 + 1)); c50 = Fma(x, b0, c50); c51 = Fma(x, b1, c51);
                x = Vector512.Create(Unsafe.Add(ref a4, l2 + 1)); c60 = Fma(x, b0, c60); c61 = Fma(x, b1, c61);
                x = Vector512.Create(Unsafe.Add(ref a4, l3 + 1)); c70 = Fma(x, b0, c70); c71 = Fma(x, b1, c71);
            }
            if (TRows.Count > 8)
            {
                x = Vector512.Create(Unsafe.Add(ref a8, 1)); c80 = Fma(x, b0, c80); c81 = Fma(x, b1, c81);
                x = Vector512.Create(Unsafe.Add(ref a8, l1 + 1)); c90 = Fma(x, b0, c90); c91 = Fma(x, b1, c91);
                x = Vector512.Create(Unsafe.Add(ref a8, l2 + 1)); c100 = Fma(x, b0, c100); c101 = Fma(x, b1, c101);
                x = Vector512.Create(Unsafe.Add(ref a8, l3 + 1)); c110 = Fma(x, b0, c110); c111 = Fma(x, b1, c111);
            }
            // A packed B panel streams in from L2: ask for the rows 16 steps ahead (pointer arithmetic, so no reference
            // ever points past B's end; a prefetch of an address past it is harmless). A small B read in place is
            // already close by, so prefetching it would only take load slots.
            if (TB.Packed) PrefetchRows(ref b, ahead, bs);
            a0 = ref Unsafe.Add(ref a0, 2);
            if (TRows.Count > 4) a4 = ref Unsafe.Add(ref a4, 2);
            if (TRows.Count > 8) a8 = ref Unsafe.Add(ref a8, 2);
            b = ref Unsafe.Add(ref b, 2 * bs);
        }
        if (p < kc)
        {
            b0 = Vector512.LoadUnsafe(ref b);
            b1 = Vector512.LoadUnsafe(ref b, (nuint)w);
            x = Vector512.Create(a0); c00 = Fma(x, b0, c00); c01 = Fma(x, b1, c01);
            x = Vector512.Create(Unsafe.Add(ref a0, l1)); c10 = Fma(x, b0, c10); c11 = Fma(x, b1, c11);
            x = Vector512.Create(Unsafe.Add(ref a0, l2)); c20 = Fma(x, b0, c20); c21 = Fma(x, b1, c21);
            x = Vector512.Create(Unsafe.Add(ref a0, l3)); c30 = Fma(x, b0, c30); c31 = Fma(x, b1, c31);
            if (TRows.Count > 4)
            {
                x = Vector512.Create(a4); c40 = Fma(x, b0, c40); c41 = Fma(x, b1, c41);
                x = Vector512.Create(Unsafe.Add(ref a4, l1)); c50 = Fma(x, b0, c50); c51 = Fma(x, b1, c51);
                x = Vector512.Create(Unsafe.Add(ref a4, l2)); c60 = Fma(x, b0, c60); c61 = Fma(x, b1, c61);
                x = Vector512.Create(Unsafe.Add(ref a4, l3)); c70 = Fma(x, b0, c70); c71 = Fma(x, b1, c71);
            }
            if (TRows.Count > 8)
            {
                x = Vector512.Create(a8); c80 = Fma(x, b0, c80); c81 = Fma(x, b1, c81);
                x = Vector512.Create(Unsafe.Add(ref a8, l1)); c90 = Fma(x, b0, c90); c91 = Fma(x, b1, c91);
                x = Vector512.Create(Unsafe.Add(ref a8, l2)); c100 = Fma(x, b0, c100); c101 = Fma(x, b1, c101);
                x = Vector512.Create(Unsafe.Add(ref a8, l3)); c110 = Fma(x, b0, c110); c111 = Fma(x, b1, c111);
            }
        }
        Store(ref c, c00, c01, add);
        Store(ref Unsafe.Add(ref c, ldc), c10, c11, add);
        Store(ref Unsafe.Add(ref c, 2 * ldc), c20, c21, add);
        Store(ref Unsafe.Add(ref c, 3 * ldc), c30, c31, add);
        if (TRows.Count > 4)
        {
            Store(ref Unsafe.Add(ref c, 4 * ldc), c40, c41, add);
            Store(ref Unsafe.Add(ref c, 5 * ldc), c50, c51, add);
            Store(ref Unsafe.Add(ref c, 6 * ldc), c60, c61, add);
            Store(ref Unsafe.Add(ref c, 7 * ldc), c70, c71, add);
        }
        if (TRows.Count > 8)
        {
            Store(ref Unsafe.Add(ref c, 8 * ldc), c80, c81, add);
            Store(ref Unsafe.Add(ref c, 9 * ldc), c90, c91, add);
            Store(ref Unsafe.Add(ref c, 10 * ldc), c100, c101, add);
            Store(ref Unsafe.Add(ref c, 11 * ldc), c110, c111, add);
        }
    }

    /// <summary>A full C tile (6 × 2 Vector256) (+)= A panel · B panel over depth kc; edges and B's row stride as for <see cref="Kernel512{T, TB}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel256<T>(ref T ap, ref T bp, int bStride, int kc, ref T c, int ldc, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector256<T>.Count, nr = 2 * w;
        Vector256<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        ref T a = ref ap;
        ref T b = ref bp;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.LoadUnsafe(ref b);
            var b1 = Vector256.LoadUnsafe(ref b, (nuint)w);
            var x = Vector256.Create(a);
            c00 = Fma(x, b0, c00); c01 = Fma(x, b1, c01);
            x = Vector256.Create(Unsafe.Add(ref a, 1));
            c10 = Fma(x, b0, c10); c11 = Fma(x, b1, c11);
            x = Vector256.Create(Unsafe.Add(ref a, 2));
            c20 = Fma(x, b0, c20); c21 = Fma(x, b1, c21);
            x = Vector256.Create(Unsafe.Add(ref a, 3));
            c30 = Fma(x, b0, c30); c31 = Fma(x, b1, c31);
            x = Vector256.Create(Unsafe.Add(ref a, 4));
            c40 = Fma(x, b0, c40); c41 = Fma(x, b1, c41);
            x = Vector256.Create(Unsafe.Add(ref a, 5));
            c50 = Fma(x, b0, c50); c51 = Fma(x, b1, c51);
            a = ref Unsafe.Add(ref a, MR256);
            b = ref Unsafe.Add(ref b, bStride);
        }

        Store(ref c, c00, c01, add);
        Store(ref Unsafe.Add(ref c, ldc), c10, c11, add);
        Store(ref Unsafe.Add(ref c, 2 * ldc), c20, c21, add);
        Store(ref Unsafe.Add(ref c, 3 * ldc), c30, c31, add);
        Store(ref Unsafe.Add(ref c, 4 * ldc), c40, c41, add);
        Store(ref Unsafe.Add(ref c, 5 * ldc), c50, c51, add);
    }

    /// <summary>Copies the existing rows × cols of a scratch tile (row stride nr) into C, adding when asked.</summary>
    public static void CopyEdge<T>(ReadOnlySpan<T> tile, int nr, ref T c, int ldc, int rows, int cols, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
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

    /// <summary>Prefetches two rows of a B panel (two cache lines each) that start <paramref name="ahead"/> values past <paramref name="b"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchRows<T>(ref T b, nint ahead, nint stride) where T : unmanaged
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported) return;
        byte* row = (byte*)Unsafe.AsPointer(ref b) + ahead * sizeof(T);
        System.Runtime.Intrinsics.X86.Sse.Prefetch0(row);
        System.Runtime.Intrinsics.X86.Sse.Prefetch0(row + 64);
        row += stride * sizeof(T);
        System.Runtime.Intrinsics.X86.Sse.Prefetch0(row);
        System.Runtime.Intrinsics.X86.Sse.Prefetch0(row + 64);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(ref T row, Vector512<T> v0, Vector512<T> v1, bool add) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (add)
        {
            v0 += Vector512.LoadUnsafe(ref row);
            v1 += Vector512.LoadUnsafe(ref row, (nuint)Vector512<T>.Count);
        }
        v0.StoreUnsafe(ref row);
        v1.StoreUnsafe(ref row, (nuint)Vector512<T>.Count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(ref T row, Vector256<T> v0, Vector256<T> v1, bool add) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (add)
        {
            v0 += Vector256.LoadUnsafe(ref row);
            v1 += Vector256.LoadUnsafe(ref row, (nuint)Vector256<T>.Count);
        }
        v0.StoreUnsafe(ref row);
        v1.StoreUnsafe(ref row, (nuint)Vector256<T>.Count);
    }

    /// <summary><c>a·b + addend</c> in one rounding where the hardware has FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Fma<T>(Vector512<T> a, Vector512<T> b, Vector512<T> addend) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), addend.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector512.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), addend.As<T, double>()).As<double, T>();
        return a * b + addend;
    }

    /// <summary><c>a·b + addend</c> in one rounding where the hardware has FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Fma<T>(Vector256<T> a, Vector256<T> b, Vector256<T> addend) where T : unmanaged, IFloatingPointIeee754<T>
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
}

/// <summary>A tile height as a type, so <see cref="GemmMicroKernels.Kernel512InPlace{T, TRows, TB}"/> is compiled once per height.</summary>
internal interface ITileRows
{
    /// <summary>Rows of the tile: 2, 4, 6, 8 or 12.</summary>
    static abstract int Count { get; }
}

/// <summary>A whole 12-row tile.</summary>
internal struct TwelveRows : ITileRows { public static int Count => 12; }

/// <summary>An 8-row last tile.</summary>
internal struct EightRows : ITileRows { public static int Count => 8; }

/// <summary>A 4-row last tile.</summary>
internal struct FourRows : ITileRows { public static int Count => 4; }

/// <summary>A whole tile of the 6-row kernel for small products (<see cref="GemmMicroKernels.Kernel512Wide{T, TRows}"/>).</summary>
internal struct SixRows : ITileRows { public static int Count => 6; }

/// <summary>A 2-row last tile of the 6-row kernel.</summary>
internal struct TwoRows : ITileRows { public static int Count => 2; }

/// <summary>How B's panel is laid out, as a type, so <see cref="GemmMicroKernels.Kernel512InPlace{T, TRows, TB}"/> is compiled once per layout.</summary>
internal interface IBLayout
{
    /// <summary>Whether B is packed (rows two vectors apart), else read in place with its own row stride.</summary>
    static abstract bool Packed { get; }
}

/// <summary>A packed B panel: its rows are two vectors apart.</summary>
internal struct PackedB : IBLayout { public static bool Packed => true; }

/// <summary>A small row-major B read in place.</summary>
internal struct RowMajorB : IBLayout { public static bool Packed => false; }
