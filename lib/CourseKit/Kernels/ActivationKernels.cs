using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CourseKit.Kernels;

/// <summary>
/// Vectorized element-wise kernels the activations need and <see cref="TensorPrimitives"/> lacks.
/// Each loop runs whole <see cref="Vector{T}"/> widths, then a scalar tail with the same formula.
/// </summary>
public static class ActivationKernels
{
    /// <summary>ReLU's backward pass: <c>dx[i] = x[i] &gt; 0 ? dy[i] : 0</c> (so ReLU'(0) = 0, as in PyTorch).</summary>
    public static void ReluBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T> => LeakyReluBackward(x, dy, T.Zero, dx);

    /// <summary>Leaky ReLU: <c>y[i] = x[i] &gt; 0 ? x[i] : slope · x[i]</c>.</summary>
    public static void LeakyRelu<T>(ReadOnlySpan<T> x, T slope, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(x.Length, y.Length);
        int i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<T>.Count)
        {
            ref T xr = ref MemoryMarshal.GetReference(x);
            ref T yr = ref MemoryMarshal.GetReference(y);
            var zero = Vector<T>.Zero;
            var s = new Vector<T>(slope);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = Vector.LoadUnsafe(ref xr, (nuint)i);
                Vector.ConditionalSelect(Vector.GreaterThan(v, zero), v, v * s).StoreUnsafe(ref yr, (nuint)i);
            }
        }
        for (; i < x.Length; i++) y[i] = x[i] > T.Zero ? x[i] : slope * x[i];
    }

    /// <summary>Leaky ReLU's backward pass: <c>dx[i] = x[i] &gt; 0 ? dy[i] : slope · dy[i]</c> (PyTorch's choice at 0).</summary>
    public static void LeakyReluBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, T slope, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(x.Length, dy.Length);
        CheckLengths(x.Length, dx.Length);
        int i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<T>.Count)
        {
            ref T xr = ref MemoryMarshal.GetReference(x);
            ref T gr = ref MemoryMarshal.GetReference(dy);
            ref T dr = ref MemoryMarshal.GetReference(dx);
            var zero = Vector<T>.Zero;
            var s = new Vector<T>(slope);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = Vector.LoadUnsafe(ref xr, (nuint)i);
                var g = Vector.LoadUnsafe(ref gr, (nuint)i);
                Vector.ConditionalSelect(Vector.GreaterThan(v, zero), g, g * s).StoreUnsafe(ref dr, (nuint)i);
            }
        }
        for (; i < x.Length; i++) dx[i] = x[i] > T.Zero ? dy[i] : slope * dy[i];
    }

    /// <summary>Sigmoid's backward pass from its output: <c>dx = dy · y · (1 − y)</c>.</summary>
    public static void SigmoidBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(y.Length, dy.Length);
        CheckLengths(y.Length, dx.Length);
        int i = 0;
        if (Vector.IsHardwareAccelerated && y.Length >= Vector<T>.Count)
        {
            ref T yr = ref MemoryMarshal.GetReference(y);
            ref T gr = ref MemoryMarshal.GetReference(dy);
            ref T dr = ref MemoryMarshal.GetReference(dx);
            var one = Vector<T>.One;
            for (; i <= y.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = Vector.LoadUnsafe(ref yr, (nuint)i);
                (Vector.LoadUnsafe(ref gr, (nuint)i) * v * (one - v)).StoreUnsafe(ref dr, (nuint)i);
            }
        }
        for (; i < y.Length; i++) dx[i] = dy[i] * y[i] * (T.One - y[i]);
    }

    /// <summary>Tanh's backward pass from its output: <c>dx = dy · (1 − y²)</c>.</summary>
    public static void TanhBackward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(y.Length, dy.Length);
        CheckLengths(y.Length, dx.Length);
        int i = 0;
        if (Vector.IsHardwareAccelerated && y.Length >= Vector<T>.Count)
        {
            ref T yr = ref MemoryMarshal.GetReference(y);
            ref T gr = ref MemoryMarshal.GetReference(dy);
            ref T dr = ref MemoryMarshal.GetReference(dx);
            var one = Vector<T>.One;
            for (; i <= y.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = Vector.LoadUnsafe(ref yr, (nuint)i);
                (Vector.LoadUnsafe(ref gr, (nuint)i) * (one - v * v)).StoreUnsafe(ref dr, (nuint)i);
            }
        }
        for (; i < y.Length; i++) dx[i] = dy[i] * (T.One - y[i] * y[i]);
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
