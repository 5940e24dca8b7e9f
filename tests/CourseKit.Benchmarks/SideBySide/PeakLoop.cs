using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CourseKit.Benchmarks.SideBySide;

/// <summary>
/// One core's arithmetic peak on the vector path this process runs: a loop of twelve independent multiply-add chains
/// (<c>acc = acc · x + y</c>) at the widest accelerated vector width, fused where the CPU has FMA, a multiply and an
/// add otherwise (x64 SSE, which then uses the multiply and the add units side by side). Twelve chains cover the
/// latency of either form on current cores. GEMM's GFLOP/s are reported against this.
/// </summary>
public static class PeakLoop
{
    private const int Steps = 1 << 16;

    /// <summary>The best GFLOP/s of several 20 ms runs in <typeparamref name="T"/> over about <paramref name="seconds"/>.</summary>
    public static double Gflops<T>(double seconds = 0.4) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Run<T>(Steps);   // compiled and warm
        double best = 0;
        var total = Stopwatch.StartNew();
        while (total.Elapsed.TotalSeconds < seconds)
        {
            long t0 = Stopwatch.GetTimestamp();
            int steps = 0;
            while (Stopwatch.GetElapsedTime(t0).TotalSeconds < 0.02) { Run<T>(Steps); steps += Steps; }
            double flops = (double)steps * 12 * 2 * Lanes<T>();
            best = Math.Max(best, flops / Stopwatch.GetElapsedTime(t0).TotalSeconds / 1e9);
        }
        return best;
    }

    private static int Lanes<T>() =>
        Vector512.IsHardwareAccelerated ? Vector512<T>.Count : Vector256.IsHardwareAccelerated ? Vector256<T>.Count
        : Vector128.IsHardwareAccelerated ? Vector128<T>.Count : 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T Run<T>(int steps) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated) return Chains<Vector512<T>, T, Ops512<T>>(steps);
        if (Vector256.IsHardwareAccelerated) return Chains<Vector256<T>, T, Ops256<T>>(steps);
        if (Vector128.IsHardwareAccelerated) return Chains<Vector128<T>, T, Ops128<T>>(steps);
        return Chains<T, T, OpsScalar<T>>(steps);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T Chains<TVec, T, TOps>(int steps) where TOps : IOps<TVec, T>
    {
        // x < 1 and a small y keep the chains finite and normal.
        TVec x = TOps.Create(0.999), y = TOps.Create(1e-3);
        TVec a0 = y, a1 = y, a2 = y, a3 = y, a4 = y, a5 = y, a6 = y, a7 = y, a8 = y, a9 = y, a10 = y, a11 = y;
        for (int i = 0; i < steps; i++)
        {
            a0 = TOps.MulAdd(a0, x, y); a1 = TOps.MulAdd(a1, x, y); a2 = TOps.MulAdd(a2, x, y); a3 = TOps.MulAdd(a3, x, y);
            a4 = TOps.MulAdd(a4, x, y); a5 = TOps.MulAdd(a5, x, y); a6 = TOps.MulAdd(a6, x, y); a7 = TOps.MulAdd(a7, x, y);
            a8 = TOps.MulAdd(a8, x, y); a9 = TOps.MulAdd(a9, x, y); a10 = TOps.MulAdd(a10, x, y); a11 = TOps.MulAdd(a11, x, y);
        }
        // Every chain reaches the result (and nothing is stored inside the loop: a span of the twelve made the JIT keep them in memory).
        var s = TOps.Add(TOps.Add(TOps.Add(a0, a1), TOps.Add(a2, a3)), TOps.Add(TOps.Add(a4, a5), TOps.Add(a6, a7)));
        return TOps.Sum(TOps.Add(s, TOps.Add(TOps.Add(a8, a9), TOps.Add(a10, a11))));
    }

    private interface IOps<TVec, T>
    {
        static abstract TVec Create(double value);
        static abstract TVec MulAdd(TVec a, TVec b, TVec c);
        static abstract TVec Add(TVec a, TVec b);
        static abstract T Sum(TVec value);
    }

    // The multiply-adds are the library's own: fused with AVX-512, fused with AVX2 where the CPU has FMA, and on 128-bit
    // vectors fused where the CPU has FMA (ARM64) and a multiply and an add elsewhere (SSE).
    private readonly struct Ops512<T> : IOps<Vector512<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static Vector512<T> Create(double value) => Vector512.Create(T.CreateTruncating(value));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<T> MulAdd(Vector512<T> a, Vector512<T> b, Vector512<T> c) => Kernels.GemmMicroKernels.Fma(a, b, c);
        public static Vector512<T> Add(Vector512<T> a, Vector512<T> b) => a + b;
        public static T Sum(Vector512<T> value) => Vector512.Sum(value);
    }

    private readonly struct Ops256<T> : IOps<Vector256<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static Vector256<T> Create(double value) => Vector256.Create(T.CreateTruncating(value));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<T> MulAdd(Vector256<T> a, Vector256<T> b, Vector256<T> c) => Kernels.GemmMicroKernels.Fma(a, b, c);
        public static Vector256<T> Add(Vector256<T> a, Vector256<T> b) => a + b;
        public static T Sum(Vector256<T> value) => Vector256.Sum(value);
    }

    private readonly struct Ops128<T> : IOps<Vector128<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static Vector128<T> Create(double value) => Vector128.Create(T.CreateTruncating(value));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<T> MulAdd(Vector128<T> a, Vector128<T> b, Vector128<T> c) => Kernels.GemmMicroKernels.MultiplyAdd(a, b, c);
        public static Vector128<T> Add(Vector128<T> a, Vector128<T> b) => a + b;
        public static T Sum(Vector128<T> value) => Vector128.Sum(value);
    }

    private readonly struct OpsScalar<T> : IOps<T, T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static T Create(double value) => T.CreateTruncating(value);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T MulAdd(T a, T b, T c) => a * b + c;
        public static T Add(T a, T b) => a + b;
        public static T Sum(T value) => value;
    }
}
