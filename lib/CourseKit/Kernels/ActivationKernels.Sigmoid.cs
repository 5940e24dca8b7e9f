using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace CourseKit.Kernels;

internal static partial class ActivationKernels
{
    /// <summary>
    /// <c>y = σ(x) = 1 / (1 + e^(−x))</c>. Float computes <c>t = e^(−|x|)</c> and returns <c>1 / (1 + t)</c> for x ≥ 0 and
    /// <c>t / (1 + t)</c> for x &lt; 0, so both tails keep their relative accuracy; e^(−|x|) is 2ⁿ · e^r with
    /// r = −|x| − n ln 2 in [−ln 2 / 2, ln 2 / 2] and e^r a degree-7 polynomial (Cephes' expf coefficients), in float at
    /// the widest vector width. Where the hardware has fused multiply-add every step is one; without it (x64 SSE only,
    /// no SIMD) each is a multiply and an add, and e^r is summed as <c>1 + (r + r²·P(r))</c> so that the last addition is
    /// the only rounding of the full size. (<see cref="TensorPrimitives.Sigmoid{T}(ReadOnlySpan{T}, Span{T})"/>
    /// emulates fused multiply-adds on SSE, and took 30 times as long as on AVX2.)
    /// <para>
    /// Accuracy, the same on every path: within <see cref="SigmoidRelativeError"/> of σ(x) relative to σ(x), for
    /// x ≥ −87 (below, σ(x) &lt; 1.7e-38 and the result is 0); σ(±∞) = 1 and 0, NaN stays NaN. Checked over every float in
    /// [−87, 88] by the benchmarks' <c>sigmoid-accuracy</c> command (at most 2.10e-7 with fused multiply-adds,
    /// 1.78e-7 without), and over a dense grid by the tests on every path. Double uses TensorPrimitives.
    /// </para>
    /// </summary>
    public static void Sigmoid<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(x.Length, y.Length);
        if (typeof(T) == typeof(float))
            SigmoidFloat(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(y));
        else
            TensorPrimitives.Sigmoid(x, y);
    }

    /// <summary>The float sigmoid's bound on |y − σ(x)| / σ(x) for x ≥ −87 (see <see cref="Sigmoid{T}"/>).</summary>
    internal const double SigmoidRelativeError = 3e-7;

    // e^(−a) underflows below float's smallest normal number past this; the sigmoid is then 0 or 1.
    private const float ExpLimit = 87f;
    private const float Log2E = 1.44269504088896341f, Ln2High = 0.693359375f, Ln2Low = -2.12194440e-4f, Shifter = 12582912f;
    private const float E0 = 1.9875691500e-4f, E1 = 1.3981999507e-3f, E2 = 8.3334519073e-3f, E3 = 4.1665795894e-2f,
        E4 = 1.6666665459e-1f, E5 = 5.0000001201e-1f;

    // Compiled on its own, fully optimized from the first call: inlined into a recurrent cell's step, the per-vector
    // formula exceeded the step's inlining budget and ran as a call per vector (and at first as unoptimized code).
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void SigmoidFloat(ReadOnlySpan<float> x, Span<float> y)
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        int n = x.Length, i = 0;
        if (Vector512.IsHardwareAccelerated) i = SigmoidVectors<Vector512<float>, FloatVectors512>(ref xr, ref yr, n);
        else if (Vector256.IsHardwareAccelerated) i = SigmoidVectors<Vector256<float>, FloatVectors256>(ref xr, ref yr, n);
        // The rest (and everything on 128-bit vectors) a Vector128 at a time, the last one padded: one formula for the tail too.
        for (; i < n; i += Vector128<float>.Count)
        {
            int count = Math.Min(Vector128<float>.Count, n - i);
            var v = count == Vector128<float>.Count ? Vector128.LoadUnsafe(ref xr, (nuint)i) : Padded(x.Slice(i, count));
            var s = SigmoidVector<Vector128<float>, FloatVectors128>(v);
            if (count == Vector128<float>.Count) s.StoreUnsafe(ref yr, (nuint)i);
            else for (int k = 0; k < count; k++) y[i + k] = s.GetElement(k);
        }
    }

    private static Vector128<float> Padded(ReadOnlySpan<float> values)
    {
        Span<float> lanes = stackalloc float[Vector128<float>.Count];
        lanes.Clear();
        values.CopyTo(lanes);
        return Vector128.Create<float>(lanes);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int SigmoidVectors<TVec, TV>(ref float x, ref float y, int n) where TVec : struct where TV : IFloatVectors<TVec>
    {
        int i = 0;
        for (; i <= n - TV.Count; i += TV.Count)
            TV.Store(SigmoidVector<TVec, TV>(TV.Load(ref x, (nuint)i)), ref y, (nuint)i);
        return i;
    }

    /// <summary>σ of each lane in float: fused multiply-adds where the hardware has them, a multiply and an add elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec SigmoidVector<TVec, TV>(TVec x) where TVec : struct where TV : IFloatVectors<TVec>
    {
        var a = TV.Abs(x);
        var minusA = TV.CopySign(a, TV.Create(-1f));
        // n = round(−a log2 e), held in the low bits of k; r = −a − n ln 2 in two parts (Cody and Waite).
        var k = MultiplyAdd<TVec, TV>(minusA, TV.Create(Log2E), TV.Create(Shifter));
        var nf = TV.Add(k, TV.Create(-Shifter));
        var r = MultiplyAdd<TVec, TV>(nf, TV.Create(-Ln2High), minusA);
        r = MultiplyAdd<TVec, TV>(nf, TV.Create(-Ln2Low), r);
        var p = MultiplyAdd<TVec, TV>(TV.Create(E0), r, TV.Create(E1));
        p = MultiplyAdd<TVec, TV>(p, r, TV.Create(E2));
        p = MultiplyAdd<TVec, TV>(p, r, TV.Create(E3));
        p = MultiplyAdd<TVec, TV>(p, r, TV.Create(E4));
        p = MultiplyAdd<TVec, TV>(p, r, TV.Create(E5));
        p = FusedMultiplyAddInHardware
            ? TV.FusedMultiplyAdd(p, TV.Multiply(r, r), TV.Add(r, TV.Create(1f)))
            : TV.Add(TV.Add(TV.Multiply(p, TV.Multiply(r, r)), r), TV.Create(1f));
        var t = TV.Select(TV.GreaterThan(a, TV.Create(ExpLimit)), TV.Create(0f), TV.Multiply(p, TV.PowerOf2(k)));
        return TV.Divide(TV.Select(TV.LessThan(x, TV.Create(0f)), t, TV.Create(1f)), TV.Add(t, TV.Create(1f)));
    }

    /// <summary><c>a·b + addend</c>: fused where the hardware has fused multiply-add, a multiply and an add elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec MultiplyAdd<TVec, TV>(TVec a, TVec b, TVec addend) where TVec : struct where TV : IFloatVectors<TVec> =>
        FusedMultiplyAddInHardware ? TV.FusedMultiplyAdd(a, b, addend) : TV.Add(TV.Multiply(a, b), addend);
}
