using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CourseKit.Kernels;

/// <summary>
/// Vectorized element-wise kernels the activations need and <see cref="TensorPrimitives"/> lacks (or, for float tanh,
/// does more slowly). Each loop runs whole vector widths, then a scalar tail with the same formula.
/// </summary>
internal static class ActivationKernels
{
    /// <summary>ReLU's backward pass: <c>dx[i] = x[i] &gt; 0 ? dy[i] : 0</c> (so ReLU'(0) = 0, as in PyTorch).</summary>
    public static void ReluBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T> => LeakyReluBackward(x, dy, T.Zero, dx);

    /// <summary>Leaky ReLU: <c>y[i] = x[i] &gt; 0 ? x[i] : slope · x[i]</c>.</summary>
    public static void LeakyRelu<T>(ReadOnlySpan<T> x, T slope, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T> => Map(x, x, y, new LeakyReluOp<T>(slope));

    /// <summary>Leaky ReLU's backward pass: <c>dx[i] = x[i] &gt; 0 ? dy[i] : slope · dy[i]</c> (PyTorch's choice at 0).</summary>
    public static void LeakyReluBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, T slope, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T> => Map(x, dy, dx, new LeakyReluOp<T>(slope));

    /// <summary>Sigmoid's backward pass from its output: <c>dx = dy · y · (1 − y)</c>.</summary>
    public static void SigmoidBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T> => Map(y, dy, dx, default(SigmoidGradientOp<T>));

    /// <summary>Tanh's backward pass from its output: <c>dx = dy · (1 − y²)</c>.</summary>
    public static void TanhBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T> => Map(y, dy, dx, default(TanhGradientOp<T>));

    /// <summary>An element-wise rule <c>result = f(a, b)</c>, written once for whole vectors and once for the scalar tail.</summary>
    private interface IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> Invoke(Vector<T> a, Vector<T> b);
        T Invoke(T a, T b);
    }

    // a = x, b = the value passed through (x itself forward, dy backward): b where x > 0, slope · b elsewhere.
    private readonly struct LeakyReluOp<T>(T slope) : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public Vector<T> Invoke(Vector<T> x, Vector<T> b) => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), b, b * new Vector<T>(slope));
        public T Invoke(T x, T b) => x > T.Zero ? b : slope * b;
    }

    private readonly struct SigmoidGradientOp<T> : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public Vector<T> Invoke(Vector<T> y, Vector<T> dy) => dy * y * (Vector<T>.One - y);
        public T Invoke(T y, T dy) => dy * y * (T.One - y);
    }

    private readonly struct TanhGradientOp<T> : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public Vector<T> Invoke(Vector<T> y, Vector<T> dy) => dy * (Vector<T>.One - y * y);
        public T Invoke(T y, T dy) => dy * (T.One - y * y);
    }

    /// <summary>Runs <paramref name="op"/> over whole <see cref="Vector{T}"/> widths, then the scalar tail.</summary>
    private static void Map<T, TOp>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> result, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : struct, IBinaryOp<T>
    {
        CheckLengths(a.Length, b.Length);
        CheckLengths(a.Length, result.Length);
        int i = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<T>.Count)
        {
            ref T ar = ref MemoryMarshal.GetReference(a);
            ref T br = ref MemoryMarshal.GetReference(b);
            ref T rr = ref MemoryMarshal.GetReference(result);
            for (; i <= a.Length - Vector<T>.Count; i += Vector<T>.Count)
                op.Invoke(Vector.LoadUnsafe(ref ar, (nuint)i), Vector.LoadUnsafe(ref br, (nuint)i)).StoreUnsafe(ref rr, (nuint)i);
        }
        for (; i < a.Length; i++) result[i] = op.Invoke(a[i], b[i]);
    }

    /// <summary>Numerically stable softmax of one row: <c>y = exp(x − max x) / Σ exp(x − max x)</c>.</summary>
    public static void Softmax<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(x.Length, y.Length);
        if (x.Length == 0) return;
        T max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, y);
        TensorPrimitives.Exp<T>(y, y);
        TensorPrimitives.Divide(y, TensorPrimitives.Sum<T>(y), y);
    }

    /// <summary>Numerically stable log-softmax of one row: <c>y = x − max x − log Σ exp(x − max x)</c>.</summary>
    public static void LogSoftmax<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(x.Length, y.Length);
        if (x.Length == 0) return;
        T max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, y);
        if (x.Overlaps(y))
        {
            // In place: y already holds x − max, so the sum of exponentials is taken element by element.
            T sum = T.Zero;
            foreach (var v in y) sum += T.Exp(v);
            TensorPrimitives.Subtract<T>(y, T.Log(sum), y);
        }
        else
        {
            TensorPrimitives.Exp<T>(y, y);
            T logSum = T.Log(TensorPrimitives.Sum<T>(y));
            TensorPrimitives.Subtract(x, max, y);
            TensorPrimitives.Subtract<T>(y, logSum, y);
        }
    }

    /// <summary>
    /// <c>y = tanh(x)</c>. Float runs a rational approximation 16 lanes at a time: <c>x · P(x²) / Q(x²)</c>, P of
    /// degree 6 and Q of degree 3 in x², on x clamped to ±7.9053; |x| &lt; 0.0004 passes through (tanh x = x there to
    /// within half an ulp) and |x| &gt; 9.1 gives exactly ±1 (float tanh rounds to ±1 from 9.01). The coefficients are
    /// Eigen's fast float tanh (<c>generic_fast_tanh_float</c>). It is within 4e-7 of tanh everywhere (relative 3e-7
    /// near 0), NaN stays NaN, and it takes a fraction of <see cref="TensorPrimitives.Tanh{T}(ReadOnlySpan{T}, Span{T})"/>'s
    /// time, which is where a tanh RNN's forward step spent most of its time. Double, and CPUs without 512-bit vectors,
    /// use TensorPrimitives.
    /// </summary>
    public static void Tanh<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(x.Length, y.Length);
        if (typeof(T) == typeof(float) && Vector512.IsHardwareAccelerated)
            TanhFloat(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(y));
        else
            TensorPrimitives.Tanh(x, y);
    }

    // Past TanhOne float tanh rounds to exactly ±1 (the approximation stops 4 ulps short).
    private const float TanhClamp = 7.90531110763549805f, TanhTiny = 0.0004f, TanhOne = 9.1f;
    private const float P0 = 4.89352455891786e-03f, P1 = 6.37261928875436e-04f, P2 = 1.48572235717979e-05f, P3 = 5.12229709037114e-08f,
        P4 = -8.60467152213735e-11f, P5 = 2.00018790482477e-13f, P6 = -2.76076847742355e-16f;
    private const float Q0 = 4.89352518554385e-03f, Q1 = 2.26843463243900e-03f, Q2 = 1.18534705686654e-04f, Q3 = 1.19825839466702e-06f;

    private static void TanhFloat(ReadOnlySpan<float> x, Span<float> y)
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        int i = 0;
        for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            TanhVector(Vector512.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
        for (; i < x.Length; i++) y[i] = TanhScalar(x[i]);
    }

    // Min and Max (not their Native forms) keep NaN, so NaN goes through the polynomials and comes out NaN.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> TanhVector(Vector512<float> x)
    {
        var c = Vector512.Max(Vector512.Min(x, Vector512.Create(TanhClamp)), Vector512.Create(-TanhClamp));
        var s = c * c;
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(P6), s, Vector512.Create(P5));
        p = Vector512.FusedMultiplyAdd(p, s, Vector512.Create(P4));
        p = Vector512.FusedMultiplyAdd(p, s, Vector512.Create(P3));
        p = Vector512.FusedMultiplyAdd(p, s, Vector512.Create(P2));
        p = Vector512.FusedMultiplyAdd(p, s, Vector512.Create(P1));
        p = Vector512.FusedMultiplyAdd(p, s, Vector512.Create(P0)) * c;
        var q = Vector512.FusedMultiplyAdd(Vector512.Create(Q3), s, Vector512.Create(Q2));
        q = Vector512.FusedMultiplyAdd(q, s, Vector512.Create(Q1));
        q = Vector512.FusedMultiplyAdd(q, s, Vector512.Create(Q0));
        var ax = Vector512.Abs(x);
        var y = Vector512.ConditionalSelect(Vector512.LessThan(ax, Vector512.Create(TanhTiny)), x, Divide(p, q));
        return Vector512.ConditionalSelect(Vector512.GreaterThan(ax, Vector512.Create(TanhOne)), Vector512.CopySign(Vector512<float>.One, x), y);
    }

    /// <summary>
    /// p / q through a 14-bit reciprocal and one Newton step (to about 1 ulp): a 512-bit division occupies the divider
    /// for 16 cycles, more than the rest of tanh together.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Divide(Vector512<float> p, Vector512<float> q)
    {
        if (!System.Runtime.Intrinsics.X86.Avx512F.IsSupported) return p / q;
        var r = System.Runtime.Intrinsics.X86.Avx512F.Reciprocal14(q);
        r = Vector512.FusedMultiplyAdd(r, Vector512.FusedMultiplyAdd(-q, r, Vector512<float>.One), r);
        return p * r;
    }

    /// <summary>The same approximation for one value (the tail, and the reference the tests hold the vectors to).</summary>
    internal static float TanhScalar(float x)
    {
        if (float.IsNaN(x)) return x;
        if (MathF.Abs(x) < TanhTiny) return x;
        if (MathF.Abs(x) > TanhOne) return MathF.CopySign(1f, x);
        float c = Math.Clamp(x, -TanhClamp, TanhClamp), s = c * c;
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckLengths(int expected, int actual)
    {
        if (expected != actual)
            throw new ArgumentException($"Span lengths differ: {expected} and {actual}.");
    }
}
