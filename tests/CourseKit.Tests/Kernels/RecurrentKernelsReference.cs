using System.Numerics;
using CourseKit.Kernels;

namespace CourseKit.Tests.Kernels;

/// <summary>The scalar definitions of <see cref="RecurrentKernels"/>, kept so tests can compare the vectorized code with them.</summary>
internal static class RecurrentKernelsReference
{
    /// <summary>Same contract as <see cref="RecurrentKernels.LstmBackward{T}"/>.</summary>
    public static void LstmBackward<T>(ReadOnlySpan<T> i, ReadOnlySpan<T> f, ReadOnlySpan<T> g, ReadOnlySpan<T> o,
        ReadOnlySpan<T> tanhC, ReadOnlySpan<T> cPrev, ReadOnlySpan<T> dh, ReadOnlySpan<T> dc,
        Span<T> dcPrev, Span<T> di, Span<T> df, Span<T> dg, Span<T> dO) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < i.Length; j++)
        {
            T total = dc[j] + dh[j] * o[j] * (T.One - tanhC[j] * tanhC[j]);
            dcPrev[j] = total * f[j];
            di[j] = total * g[j] * i[j] * (T.One - i[j]);
            df[j] = total * cPrev[j] * f[j] * (T.One - f[j]);
            dg[j] = total * i[j] * (T.One - g[j] * g[j]);
            dO[j] = dh[j] * tanhC[j] * o[j] * (T.One - o[j]);
        }
    }

    /// <summary>Same contract as <see cref="RecurrentKernels.GruBackward{T}"/>.</summary>
    public static void GruBackward<T>(ReadOnlySpan<T> r, ReadOnlySpan<T> z, ReadOnlySpan<T> n, ReadOnlySpan<T> hn, ReadOnlySpan<T> hPrev,
        ReadOnlySpan<T> dh, Span<T> dr, Span<T> dz, Span<T> dn, Span<T> dnHidden, Span<T> dhPrev) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < r.Length; j++)
        {
            T dnPre = dh[j] * (T.One - z[j]) * (T.One - n[j] * n[j]);
            dn[j] = dnPre;
            dnHidden[j] = dnPre * r[j];
            dr[j] = dnPre * hn[j] * r[j] * (T.One - r[j]);
            dz[j] = dh[j] * (hPrev[j] - n[j]) * z[j] * (T.One - z[j]);
            dhPrev[j] = dh[j] * z[j];
        }
    }

    /// <summary>Same contract as <see cref="RecurrentKernels.Interpolate{T}"/>.</summary>
    public static void Interpolate<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> gate, Span<T> h) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < a.Length; j++) h[j] = a[j] + gate[j] * (b[j] - a[j]);
    }
}
