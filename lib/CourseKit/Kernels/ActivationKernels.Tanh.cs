using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace CourseKit.Kernels;

internal static partial class ActivationKernels
{
    /// <summary>
    /// <c>y = tanh(x)</c>. Float runs a rational approximation a vector at a time: <c>x · P(x²) / Q(x²)</c>, P of
    /// degree 6 and Q of degree 3 in x², on x clamped to ±7.9053; |x| &lt; 0.0004 passes through (tanh x = x there to
    /// within half an ulp) and |x| &gt; 9.1 gives exactly ±1 (float tanh rounds to ±1 from 9.01). The coefficients are
    /// Eigen's fast float tanh (<c>generic_fast_tanh_float</c>).
    /// <para>
    /// Accuracy, the same on every path: within <see cref="TanhAbsoluteError"/> (4e-7) of tanh everywhere, and within
    /// <see cref="TanhRelativeError"/> (3e-7) of it relative to |tanh x| for |x| &lt; 0.01; NaN stays NaN, ±0 keeps its sign,
    /// |y| ≤ 1. Checked over every float in [0, 9.2] (the function is odd) by the benchmarks' <c>tanh-accuracy</c>
    /// command (see the benchmarks README), and over a dense grid by the tests on every path.
    /// </para>
    /// <para>
    /// Where the hardware has fused multiply-add (x64 with FMA, which every AVX-512 and AVX2 CPU has; ARM64) the
    /// polynomials run in float, 16, 8 or 4 lanes at a time. Without it (x64 SSE only, or no SIMD at all) the rational
    /// function with a separate multiply and add would round twice per step and miss the bound (4.1e-7 at x = 5.83);
    /// there tanh |x| is <c>−m / (2 + m)</c> with <c>m = e^(−2|x|) − 1</c> from the sigmoid's exponential, kept accurate
    /// near 0 as <c>2ⁿ·(e^r − 1) + (2ⁿ − 1)</c> (see <see cref="TanhWithoutFusedMultiplyAdd{TVec, TV}"/>), in float,
    /// 4 lanes at a time. Double uses <see cref="TensorPrimitives.Tanh{T}(ReadOnlySpan{T}, Span{T})"/>.
    /// </para>
    /// </summary>
    public static void Tanh<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(x.Length, y.Length);
        if (typeof(T) == typeof(float))
            TanhFloat(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(y));
        else
            TensorPrimitives.Tanh(x, y);
    }

    /// <summary>The float tanh's bound on |y − tanh x| (see <see cref="Tanh{T}"/>).</summary>
    internal const double TanhAbsoluteError = 4e-7;

    /// <summary>The float tanh's bound on |y − tanh x| / |tanh x| for |x| &lt; 0.01 (see <see cref="Tanh{T}"/>).</summary>
    internal const double TanhRelativeError = 3e-7;

    /// <summary>Which evaluation the float tanh and sigmoid use on this CPU, for benchmark and test reports.</summary>
    internal static string FloatFunctionsPath => !FusedMultiplyAddInHardware
        ? (Vector128.IsHardwareAccelerated ? "Vector128, float without FMA" : "Vector128 in software, float without FMA")
        : Vector512.IsHardwareAccelerated ? "Vector512, float with FMA"
        : Vector256.IsHardwareAccelerated ? "Vector256, float with FMA"
        : Vector128.IsHardwareAccelerated ? "Vector128, float with FMA" : "scalar, float with FMA";

    // The JIT folds this to a constant.
    private static bool FusedMultiplyAddInHardware =>
        System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported;

    // Past TanhOne float tanh rounds to exactly ±1 (the approximation stops 4 ulps short).
    private const float TanhClamp = 7.90531110763549805f, TanhTiny = 0.0004f, TanhOne = 9.1f;
    private const float P0 = 4.89352455891786e-03f, P1 = 6.37261928875436e-04f, P2 = 1.48572235717979e-05f, P3 = 5.12229709037114e-08f,
        P4 = -8.60467152213735e-11f, P5 = 2.00018790482477e-13f, P6 = -2.76076847742355e-16f;
    private const float Q0 = 4.89352518554385e-03f, Q1 = 2.26843463243900e-03f, Q2 = 1.18534705686654e-04f, Q3 = 1.19825839466702e-06f;

    // Compiled on its own, fully optimized from the first call: inlined into a recurrent cell's step, the per-vector
    // formula exceeded the step's inlining budget and ran as a call per vector (and at first as unoptimized code).
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void TanhFloat(ReadOnlySpan<float> x, Span<float> y)
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        int n = x.Length, i = 0;
        if (!FusedMultiplyAddInHardware)
        {
            if (Vector128.IsHardwareAccelerated)
                for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
                {
                    var v = Vector128.LoadUnsafe(ref xr, (nuint)i);
                    TanhEnds<Vector128<float>, FloatVectors128>(v, TanhWithoutFusedMultiplyAdd<Vector128<float>, FloatVectors128>(v))
                        .StoreUnsafe(ref yr, (nuint)i);
                }
        }
        else if (Vector512.IsHardwareAccelerated) i = TanhVectors<Vector512<float>, FloatVectors512>(ref xr, ref yr, n);
        else if (Vector256.IsHardwareAccelerated) i = TanhVectors<Vector256<float>, FloatVectors256>(ref xr, ref yr, n);
        else if (Vector128.IsHardwareAccelerated) i = TanhVectors<Vector128<float>, FloatVectors128>(ref xr, ref yr, n);
        for (; i < n; i++) y[i] = TanhScalar(x[i]);
    }

    /// <summary>Whole vectors of x → y with the polynomials in float; returns how many values were done.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int TanhVectors<TVec, TV>(ref float x, ref float y, int n) where TVec : struct where TV : IFloatVectors<TVec>
    {
        int i = 0;
        for (; i <= n - TV.Count; i += TV.Count)
        {
            var v = TV.Load(ref x, (nuint)i);
            var c = TanhClampVector<TVec, TV>(v);
            var s = TV.Multiply(c, c);
            var p = TV.FusedMultiplyAdd(TV.Create(P6), s, TV.Create(P5));
            p = TV.FusedMultiplyAdd(p, s, TV.Create(P4));
            p = TV.FusedMultiplyAdd(p, s, TV.Create(P3));
            p = TV.FusedMultiplyAdd(p, s, TV.Create(P2));
            p = TV.FusedMultiplyAdd(p, s, TV.Create(P1));
            p = TV.Multiply(TV.FusedMultiplyAdd(p, s, TV.Create(P0)), c);
            var q = TV.FusedMultiplyAdd(TV.Create(Q3), s, TV.Create(Q2));
            q = TV.FusedMultiplyAdd(q, s, TV.Create(Q1));
            q = TV.FusedMultiplyAdd(q, s, TV.Create(Q0));
            TV.Store(TanhEnds<TVec, TV>(v, TV.Divide(p, q)), ref y, (nuint)i);
        }
        return i;
    }

    /// <summary>
    /// tanh for CPUs without fused multiply-add: <c>tanh |x| = −m / (2 + m)</c>, <c>m = e^(−2|x|) − 1</c>, the sign copied
    /// from x. e^y (y = −2|x|) is split as for <see cref="Sigmoid{T}"/> into 2ⁿ · e^r, and m is summed as
    /// <c>2ⁿ·(e^r − 1) + (2ⁿ − 1)</c> with <c>e^r − 1 = r + r²·P(r)</c>: for |x| &lt; 0.17 (n = 0) that is e^y − 1 to
    /// within an ulp or two of itself, so small x keep their relative accuracy. Every float in [0, 9.2]: within 1.5e-7
    /// of tanh, and 1.5e-7 relative below 0.01 (<c>tanh-accuracy</c>). |x| is limited to <see cref="TanhOne"/> first
    /// (past it <see cref="TanhEnds{TVec, TV}"/> returns ±1); NaN stays NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec TanhWithoutFusedMultiplyAdd<TVec, TV>(TVec x) where TVec : struct where TV : IFloatVectors<TVec>
    {
        var y = TV.Multiply(TV.Clamp(TV.Abs(x), TanhOne), TV.Create(-2f));
        var k = TV.Add(TV.Multiply(y, TV.Create(Log2E)), TV.Create(Shifter));
        var nf = TV.Add(k, TV.Create(-Shifter));
        var r = TV.Add(TV.Multiply(nf, TV.Create(-Ln2High)), y);
        r = TV.Add(TV.Multiply(nf, TV.Create(-Ln2Low)), r);
        var p = TV.Add(TV.Multiply(TV.Create(E0), r), TV.Create(E1));
        p = TV.Add(TV.Multiply(p, r), TV.Create(E2));
        p = TV.Add(TV.Multiply(p, r), TV.Create(E3));
        p = TV.Add(TV.Multiply(p, r), TV.Create(E4));
        p = TV.Add(TV.Multiply(p, r), TV.Create(E5));
        var q = TV.Add(TV.Multiply(p, TV.Multiply(r, r)), r);
        var scale = TV.PowerOf2(k);
        var m = TV.Add(TV.Multiply(scale, q), TV.Add(scale, TV.Create(-1f)));
        var t = TV.Divide(TV.Multiply(m, TV.Create(-1f)), TV.Add(m, TV.Create(2f)));
        return TV.CopySign(t, x);
    }

    /// <summary>x clamped to ±TanhClamp; the clamp keeps NaN, so NaN goes through the polynomials and comes out NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec TanhClampVector<TVec, TV>(TVec x) where TVec : struct where TV : IFloatVectors<TVec> =>
        TV.Clamp(x, TanhClamp);

    /// <summary>The rational value r, except x itself where |x| &lt; TanhTiny and ±1 where |x| &gt; TanhOne.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec TanhEnds<TVec, TV>(TVec x, TVec r) where TVec : struct where TV : IFloatVectors<TVec>
    {
        var ax = TV.Abs(x);
        var y = TV.Select(TV.LessThan(ax, TV.Create(TanhTiny)), x, r);
        return TV.Select(TV.GreaterThan(ax, TV.Create(TanhOne)), TV.CopySign(TV.Create(1f), x), y);
    }

    /// <summary>
    /// The same approximation for one value, evaluated as the vectors are on this CPU (the rational function with FMA,
    /// else from the exponential):
    /// the tail, and the reference the tests hold the vector lanes to.
    /// </summary>
    internal static float TanhScalar(float x)
    {
        if (float.IsNaN(x)) return x;
        if (MathF.Abs(x) < TanhTiny) return x;
        if (MathF.Abs(x) > TanhOne) return MathF.CopySign(1f, x);
        if (!FusedMultiplyAddInHardware) return TanhWithoutFusedMultiplyAdd<Vector128<float>, FloatVectors128>(Vector128.Create(x)).ToScalar();
        float c = Math.Clamp(x, -TanhClamp, TanhClamp);
        float s = c * c;
        float p = MathF.FusedMultiplyAdd(P6, s, P5);
        p = MathF.FusedMultiplyAdd(p, s, P4);
        p = MathF.FusedMultiplyAdd(p, s, P3);
        p = MathF.FusedMultiplyAdd(p, s, P2);
        p = MathF.FusedMultiplyAdd(p, s, P1);
        p = MathF.FusedMultiplyAdd(p, s, P0) * c;
        float q = MathF.FusedMultiplyAdd(Q3, s, Q2);
        q = MathF.FusedMultiplyAdd(q, s, Q1);
        q = MathF.FusedMultiplyAdd(q, s, Q0);
        return p / q;
    }
}
