using System.Numerics;
using System.Runtime.InteropServices;

namespace CourseKit.Kernels;

/// <summary>
/// The optimizers' per-weight update loops, vectorized with <see cref="Vector{T}"/> (256 bits with AVX2 or AVX-512, 128
/// bits with SSE or ARM64 NEON, scalar without SIMD) and a scalar tail. Accuracy: the same arithmetic in the same order as
/// the scalar form (the tail, and the tests' plain-loop reference), so results are bit-identical to it on every path.
/// </summary>
internal static class OptimizerKernels
{
    /// <summary>
    /// One Adam/AdamW step over a parameter, per weight: <c>θ ← θ·shrink</c> (AdamW, when <paramref name="decoupled"/>);
    /// <c>g ← g + l2·θ</c> (Adam's weight decay, when l2 ≠ 0); <c>m ← β1 m + (1−β1) g</c>; <c>v ← β2 v + (1−β2) g²</c>;
    /// <c>θ ← θ − stepSize · m / (√v / correction2Sqrt + ε)</c> with stepSize = η / (1 − β1ᵗ), correction2Sqrt = √(1 − β2ᵗ).
    /// </summary>
    public static void Adam<T>(Span<T> theta, ReadOnlySpan<T> gradient, Span<T> m, Span<T> v, T beta1, T beta2, T stepSize,
        T correction2Sqrt, T epsilon, T l2, T shrink, bool decoupled) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = theta.Length;
        if (gradient.Length != n || m.Length != n || v.Length != n)
            throw new ArgumentException($"Adam kernel: θ has {n} values but g, m, v have {gradient.Length}, {m.Length}, {v.Length}.");
        T oneMinusB1 = T.One - beta1, oneMinusB2 = T.One - beta2;
        int j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ref T t = ref MemoryMarshal.GetReference(theta);
            ref T gr = ref MemoryMarshal.GetReference(gradient);
            ref T mr = ref MemoryMarshal.GetReference(m);
            ref T vr = ref MemoryMarshal.GetReference(v);
            Vector<T> b1 = new(beta1), b2 = new(beta2), c1 = new(oneMinusB1), c2 = new(oneMinusB2), step = new(stepSize),
                corr = new(correction2Sqrt), eps = new(epsilon), decay = new(l2), keep = new(shrink);
            bool addDecay = l2 != T.Zero;
            for (; j <= n - Vector<T>.Count; j += Vector<T>.Count)
            {
                nuint at = (nuint)j;
                var th = Vector.LoadUnsafe(ref t, at);
                if (decoupled) th *= keep;
                var g = Vector.LoadUnsafe(ref gr, at);
                if (addDecay) g += decay * th;
                var mj = b1 * Vector.LoadUnsafe(ref mr, at) + c1 * g;
                var vj = b2 * Vector.LoadUnsafe(ref vr, at) + c2 * g * g;
                mj.StoreUnsafe(ref mr, at);
                vj.StoreUnsafe(ref vr, at);
                (th - step * (mj / (Vector.SquareRoot(vj) / corr + eps))).StoreUnsafe(ref t, at);
            }
        }
        for (; j < n; j++)
        {
            if (decoupled) theta[j] *= shrink;
            T g = l2 == T.Zero ? gradient[j] : gradient[j] + l2 * theta[j];
            m[j] = beta1 * m[j] + oneMinusB1 * g;
            v[j] = beta2 * v[j] + oneMinusB2 * g * g;
            theta[j] -= stepSize * (m[j] / (T.Sqrt(v[j]) / correction2Sqrt + epsilon));
        }
    }
}
