using System.Numerics;
using CourseKit.Kernels;

namespace CourseKit.Tests.Kernels;

/// <summary>The scalar definitions of <see cref="OptimizerKernels"/>, for tests.</summary>
internal static class OptimizerKernelsReference
{
    /// <summary>Same contract as <see cref="OptimizerKernels.Adam{T}"/>.</summary>
    public static void Adam<T>(Span<T> theta, ReadOnlySpan<T> gradient, Span<T> m, Span<T> v, T beta1, T beta2, T stepSize,
        T correction2Sqrt, T epsilon, T l2, T shrink, bool decoupled) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < theta.Length; j++)
        {
            if (decoupled) theta[j] *= shrink;
            T g = l2 == T.Zero ? gradient[j] : gradient[j] + l2 * theta[j];
            m[j] = beta1 * m[j] + (T.One - beta1) * g;
            v[j] = beta2 * v[j] + (T.One - beta2) * g * g;
            theta[j] -= stepSize * (m[j] / (T.Sqrt(v[j]) / correction2Sqrt + epsilon));
        }
    }
}
