using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CourseKit.Kernels;

/// <summary>
/// The element-wise parts of the recurrent cells' backward passes (and the GRU's state update), vectorized with
/// <see cref="Vector{T}"/> (256 bits with AVX2 or AVX-512, 128 bits with SSE or ARM64 NEON, scalar without SIMD) and a
/// scalar tail. Accuracy: each lane does the scalar formula's operations in the same order, so results are bit-identical
/// to it on every path; the tests hold the same formulas as plain loops and compare the two over many lengths, in float
/// and double. All spans of one call have the same length (one row of H units).
/// </summary>
internal static class RecurrentKernels
{
    /// <summary>
    /// LSTM step backward, per unit: <c>dc_total = dc + dh·o·(1 − tanh(c)²)</c>; <c>dc_prev = dc_total·f</c>;
    /// pre-activation gradients <c>di = dc_total·g·i(1−i)</c>, <c>df = dc_total·c_prev·f(1−f)</c>,
    /// <c>dg = dc_total·i·(1−g²)</c>, <c>do = dh·tanh(c)·o(1−o)</c>.
    /// </summary>
    public static void LstmBackward<T>(ReadOnlySpan<T> i, ReadOnlySpan<T> f, ReadOnlySpan<T> g, ReadOnlySpan<T> o,
        ReadOnlySpan<T> tanhC, ReadOnlySpan<T> cPrev, ReadOnlySpan<T> dh, ReadOnlySpan<T> dc,
        Span<T> dcPrev, Span<T> di, Span<T> df, Span<T> dg, Span<T> dO) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = i.Length;
        CheckLengths(n, f.Length, g.Length, o.Length, tanhC.Length, cPrev.Length, dh.Length, dc.Length, dcPrev.Length, di.Length, df.Length, dg.Length, dO.Length);
        int j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var one = Vector<T>.One;
            for (; j <= n - Vector<T>.Count; j += Vector<T>.Count)
            {
                var vi = Load(i, j); var vf = Load(f, j); var vg = Load(g, j); var vo = Load(o, j);
                var tc = Load(tanhC, j); var vdh = Load(dh, j);
                var total = Load(dc, j) + vdh * vo * (one - tc * tc);
                Store(dcPrev, j, total * vf);
                Store(di, j, total * vg * vi * (one - vi));
                Store(df, j, total * Load(cPrev, j) * vf * (one - vf));
                Store(dg, j, total * vi * (one - vg * vg));
                Store(dO, j, vdh * tc * vo * (one - vo));
            }
        }
        for (; j < n; j++)
        {
            T total = dc[j] + dh[j] * o[j] * (T.One - tanhC[j] * tanhC[j]);
            dcPrev[j] = total * f[j];
            di[j] = total * g[j] * i[j] * (T.One - i[j]);
            df[j] = total * cPrev[j] * f[j] * (T.One - f[j]);
            dg[j] = total * i[j] * (T.One - g[j] * g[j]);
            dO[j] = dh[j] * tanhC[j] * o[j] * (T.One - o[j]);
        }
    }

    /// <summary>
    /// GRU (reset after the product, PyTorch) step backward, per unit, with <c>hn = W_hn h + b_hn</c>:
    /// <c>dn = dh(1−z)(1−n²)</c>, <c>dr = dn·hn·r(1−r)</c>, <c>dz = dh(h_prev − n)·z(1−z)</c>, <c>dh_prev = dh·z</c>,
    /// and the candidate's hidden-side gradient <c>dn·r</c>.
    /// </summary>
    public static void GruBackward<T>(ReadOnlySpan<T> r, ReadOnlySpan<T> z, ReadOnlySpan<T> n, ReadOnlySpan<T> hn, ReadOnlySpan<T> hPrev,
        ReadOnlySpan<T> dh, Span<T> dr, Span<T> dz, Span<T> dn, Span<T> dnHidden, Span<T> dhPrev) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int len = r.Length;
        CheckLengths(len, z.Length, n.Length, hn.Length, hPrev.Length, dh.Length, dr.Length, dz.Length, dn.Length, dnHidden.Length, dhPrev.Length);
        int j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var one = Vector<T>.One;
            for (; j <= len - Vector<T>.Count; j += Vector<T>.Count)
            {
                var vr = Load(r, j); var vz = Load(z, j); var vn = Load(n, j); var d = Load(dh, j);
                var dnPre = d * (one - vz) * (one - vn * vn);
                Store(dn, j, dnPre);
                Store(dnHidden, j, dnPre * vr);
                Store(dr, j, dnPre * Load(hn, j) * vr * (one - vr));
                Store(dz, j, d * (Load(hPrev, j) - vn) * vz * (one - vz));
                Store(dhPrev, j, d * vz);
            }
        }
        for (; j < len; j++)
        {
            T dnPre = dh[j] * (T.One - z[j]) * (T.One - n[j] * n[j]);
            dn[j] = dnPre;
            dnHidden[j] = dnPre * r[j];
            dr[j] = dnPre * hn[j] * r[j] * (T.One - r[j]);
            dz[j] = dh[j] * (hPrev[j] - n[j]) * z[j] * (T.One - z[j]);
            dhPrev[j] = dh[j] * z[j];
        }
    }

    /// <summary>Interpolates two states: <c>h = a + gate·(b − a)</c> (the GRU's update: a = kept, b = new).</summary>
    public static void Interpolate<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> gate, Span<T> h) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int len = a.Length;
        CheckLengths(len, b.Length, gate.Length, h.Length);
        int j = 0;
        if (Vector.IsHardwareAccelerated)
            for (; j <= len - Vector<T>.Count; j += Vector<T>.Count)
            {
                var va = Load(a, j);
                Store(h, j, va + Load(gate, j) * (Load(b, j) - va));
            }
        for (; j < len; j++) h[j] = a[j] + gate[j] * (b[j] - a[j]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Load<T>(ReadOnlySpan<T> s, int at) where T : unmanaged =>
        Vector.LoadUnsafe(ref MemoryMarshal.GetReference(s), (nuint)at);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(Span<T> s, int at, Vector<T> v) where T : unmanaged =>
        v.StoreUnsafe(ref MemoryMarshal.GetReference(s), (nuint)at);

    private static void CheckLengths(int expected, params ReadOnlySpan<int> lengths)
    {
        foreach (int length in lengths)
            if (length != expected)
                throw new ArgumentException($"Recurrent kernel: spans of lengths {expected} and {length} were given; all must match.");
    }
}
