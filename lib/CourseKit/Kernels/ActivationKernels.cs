using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CourseKit.Kernels;

/// <summary>
/// Vectorized element-wise kernels the activations need and <see cref="TensorPrimitives"/> lacks (or, for float tanh,
/// does more slowly). Each loop runs whole vector widths, then a scalar tail with the same formula. The element-wise
/// rules run on <see cref="Vector{T}"/> (256 bits with AVX2 or AVX-512, 128 with SSE or ARM64 NEON) and are exact: each
/// lane is bit-identical to the scalar formula on every path. The float tanh is in ActivationKernels.Tanh.cs.
/// </summary>
internal static partial class ActivationKernels
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckLengths(int expected, int actual)
    {
        if (expected != actual)
            throw new ArgumentException($"Span lengths differ: {expected} and {actual}.");
    }
}
