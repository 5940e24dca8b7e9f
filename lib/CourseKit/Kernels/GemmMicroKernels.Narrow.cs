using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;

namespace CourseKit.Kernels;

internal static partial class GemmMicroKernels
{
    /// <summary>Rows of the 128-bit tile on x64 (16 vector registers).</summary>
    public const int MR128 = 6;

    /// <summary>Rows of the 128-bit tile on ARM64 (32 vector registers).</summary>
    public const int MR128Arm = 12;

    /// <summary>
    /// The 128-bit kernel for x64 without AVX (SSE): a full C tile of 6 rows × 2 Vector128 (+)= A panel · B panel over
    /// depth kc, for packed panels (B: rows <paramref name="bStride"/> apart, two vectors wide, 16-byte aligned).
    /// Registers: 12 accumulators, B's row of the step in 2, and an A value and a product in the last 2 of 16. SSE has
    /// no fused multiply-add, and its two-operand multiply overwrites an operand: each multiply-add is a copy or a load,
    /// a multiply and an add (<see cref="MultiplyAdd{T}(Vector128{T}, Vector128{T}, Vector128{T})"/>). A float panel
    /// holds every A value as a ready vector of 4 copies (<see cref="Gemm.BroadcastLanes{T}"/>), so a row costs one
    /// load and no shuffle (SSE cannot broadcast a float from memory, and a shuffle would take a port the multiplies
    /// and adds need); a double is broadcast from memory by one load (<c>movddup</c>). Edges as for
    /// <see cref="Kernel512{T, TB}"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Kernel128<T>(ref T ap, ref T bp, int bStride, int kc, ref T c, int ldc, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector128<T>.Count;
        nint bs = bStride;
        Vector128<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector128<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        // The panels are pinned (packing buffers, or operands under fixed), so pointers are safe here.
        T* a = (T*)Unsafe.AsPointer(ref ap);
        T* b = (T*)Unsafe.AsPointer(ref bp);
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector128.LoadAligned(b);
            var b1 = Vector128.LoadAligned(b + w);
            Vector128<T> x;
            x = ValueOfRow(a, 0); c00 = MultiplyAdd(x, b0, c00); c01 = MultiplyAdd(x, b1, c01);
            x = ValueOfRow(a, 1); c10 = MultiplyAdd(x, b0, c10); c11 = MultiplyAdd(x, b1, c11);
            x = ValueOfRow(a, 2); c20 = MultiplyAdd(x, b0, c20); c21 = MultiplyAdd(x, b1, c21);
            x = ValueOfRow(a, 3); c30 = MultiplyAdd(x, b0, c30); c31 = MultiplyAdd(x, b1, c31);
            x = ValueOfRow(a, 4); c40 = MultiplyAdd(x, b0, c40); c41 = MultiplyAdd(x, b1, c41);
            x = ValueOfRow(a, 5); c50 = MultiplyAdd(x, b0, c50); c51 = MultiplyAdd(x, b1, c51);
            a += HoldsCopies<T>() ? MR128 * w : MR128;
            b += bs;
        }

        Store(ref c, c00, c01, add);
        Store(ref Unsafe.Add(ref c, ldc), c10, c11, add);
        Store(ref Unsafe.Add(ref c, 2 * ldc), c20, c21, add);
        Store(ref Unsafe.Add(ref c, 3 * ldc), c30, c31, add);
        Store(ref Unsafe.Add(ref c, 4 * ldc), c40, c41, add);
        Store(ref Unsafe.Add(ref c, 5 * ldc), c50, c51, add);
    }

    /// <summary>Row <paramref name="row"/>'s A value of a depth step in every lane: a stored vector of copies, or one value broadcast.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector128<T> ValueOfRow<T>(T* step, int row) where T : unmanaged =>
        HoldsCopies<T>() ? Vector128.LoadAligned(step + row * Vector128<T>.Count) : Vector128.Create(step[row]);

    /// <summary>
    /// Whether <see cref="Kernel128{T}"/>'s A panel holds copies (<see cref="Gemm.BroadcastLanes{T}"/> &gt; 1), written
    /// so the JIT folds it to a constant: the kernel runs only on x64 without AVX, or in software.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HoldsCopies<T>() => typeof(T) == typeof(float) && Vector128.IsHardwareAccelerated;

    /// <summary>
    /// The 128-bit kernel for ARM64 (NEON): a full C tile of 12 rows × 2 Vector128 (+)= A panel · B panel over depth kc.
    /// Registers: 24 accumulators, 2 for B's row and the A values of the step (3 vectors of floats, loaded whole; doubles
    /// two at a time), within the 32 vector registers. No broadcasts: each fused multiply-add takes its A value straight
    /// from a lane of a loaded vector (<c>fmla v.4s, b.4s, a.s[lane]</c>). Layout as for <see cref="Kernel128{T}"/> with one value per row and step; edges as there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel128Arm<T>(ref T ap, ref T bp, int bStride, int kc, ref T c, int ldc, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector128<T>.Count;
        nint bs = bStride;
        Vector128<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        Vector128<T> c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default;
        Vector128<T> c80 = default, c81 = default, c90 = default, c91 = default, c100 = default, c101 = default, c110 = default, c111 = default;
        ref T a = ref ap;
        ref T b = ref bp;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector128.LoadUnsafe(ref b);
            var b1 = Vector128.LoadUnsafe(ref b, (nuint)w);
            if (typeof(T) == typeof(float))
            {
                var x = Vector128.LoadUnsafe(ref a);
                Lane(ref c00, ref c01, b0, b1, x, 0); Lane(ref c10, ref c11, b0, b1, x, 1); Lane(ref c20, ref c21, b0, b1, x, 2); Lane(ref c30, ref c31, b0, b1, x, 3);
                x = Vector128.LoadUnsafe(ref a, 4);
                Lane(ref c40, ref c41, b0, b1, x, 0); Lane(ref c50, ref c51, b0, b1, x, 1); Lane(ref c60, ref c61, b0, b1, x, 2); Lane(ref c70, ref c71, b0, b1, x, 3);
                x = Vector128.LoadUnsafe(ref a, 8);
                Lane(ref c80, ref c81, b0, b1, x, 0); Lane(ref c90, ref c91, b0, b1, x, 1); Lane(ref c100, ref c101, b0, b1, x, 2); Lane(ref c110, ref c111, b0, b1, x, 3);
            }
            else
            {
                var x = Vector128.LoadUnsafe(ref a);
                Lane(ref c00, ref c01, b0, b1, x, 0); Lane(ref c10, ref c11, b0, b1, x, 1);
                x = Vector128.LoadUnsafe(ref a, 2);
                Lane(ref c20, ref c21, b0, b1, x, 0); Lane(ref c30, ref c31, b0, b1, x, 1);
                x = Vector128.LoadUnsafe(ref a, 4);
                Lane(ref c40, ref c41, b0, b1, x, 0); Lane(ref c50, ref c51, b0, b1, x, 1);
                x = Vector128.LoadUnsafe(ref a, 6);
                Lane(ref c60, ref c61, b0, b1, x, 0); Lane(ref c70, ref c71, b0, b1, x, 1);
                x = Vector128.LoadUnsafe(ref a, 8);
                Lane(ref c80, ref c81, b0, b1, x, 0); Lane(ref c90, ref c91, b0, b1, x, 1);
                x = Vector128.LoadUnsafe(ref a, 10);
                Lane(ref c100, ref c101, b0, b1, x, 0); Lane(ref c110, ref c111, b0, b1, x, 1);
            }
            a = ref Unsafe.Add(ref a, MR128Arm);
            b = ref Unsafe.Add(ref b, bs);
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
    /// One row of the ARM64 tile: <c>c0 += b0 · a[lane]</c>, <c>c1 += b1 · a[lane]</c>, fused, the A value read from a
    /// lane of a loaded vector (lanes 0–3 of floats, 0–1 of doubles).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Lane<T>(ref Vector128<T> c0, ref Vector128<T> c1, Vector128<T> b0, Vector128<T> b1, Vector128<T> a, [ConstantExpected(Max = 3)] byte lane)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float) && AdvSimd.Arm64.IsSupported)
        {
            c0 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c0.As<T, float>(), b0.As<T, float>(), a.As<T, float>(), lane).As<float, T>();
            c1 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c1.As<T, float>(), b1.As<T, float>(), a.As<T, float>(), lane).As<float, T>();
        }
        else if (typeof(T) == typeof(double) && AdvSimd.Arm64.IsSupported)
        {
#pragma warning disable CA1857 // the double tile passes lanes 0 and 1 only
            c0 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c0.As<T, double>(), b0.As<T, double>(), a.As<T, double>(), lane).As<double, T>();
            c1 = AdvSimd.Arm64.FusedMultiplyAddBySelectedScalar(c1.As<T, double>(), b1.As<T, double>(), a.As<T, double>(), lane).As<double, T>();
#pragma warning restore CA1857
        }
        else LaneElsewhere(ref c0, ref c1, b0, b1, a.GetElement(lane));
    }

    // Only reached off ARM64 (where the kernel is never chosen), so the code compiles for every CPU.
    private static void LaneElsewhere<T>(ref Vector128<T> c0, ref Vector128<T> c1, Vector128<T> b0, Vector128<T> b1, T a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        c0 = MultiplyAdd(Vector128.Create(a), b0, c0);
        c1 = MultiplyAdd(Vector128.Create(a), b1, c1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(ref T row, Vector128<T> v0, Vector128<T> v1, bool add) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (add)
        {
            v0 += Vector128.LoadUnsafe(ref row);
            v1 += Vector128.LoadUnsafe(ref row, (nuint)Vector128<T>.Count);
        }
        v0.StoreUnsafe(ref row);
        v1.StoreUnsafe(ref row, (nuint)Vector128<T>.Count);
    }

    /// <summary>
    /// <c>a·b + addend</c>: fused (one rounding) where the CPU has fused multiply-add, else a multiply and an add,
    /// which is then the fast choice (a fused operation in software would be a hundred times slower). This is
    /// <see cref="Vector128.MultiplyAddEstimate(Vector128{float}, Vector128{float}, Vector128{float})"/> with the sum
    /// written <c>addend + a·b</c>: SSE's add overwrites its first operand, and with the accumulator first the JIT
    /// adds into it in place instead of adding into the product and copying that back.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MultiplyAdd<T>(Vector128<T> a, Vector128<T> b, Vector128<T> addend) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (System.Runtime.Intrinsics.X86.Fma.IsSupported || AdvSimd.IsSupported)
        {
            if (typeof(T) == typeof(float))
                return Vector128.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), addend.As<T, float>()).As<float, T>();
            if (typeof(T) == typeof(double))
                return Vector128.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), addend.As<T, double>()).As<double, T>();
        }
        return addend + a * b;
    }
}
