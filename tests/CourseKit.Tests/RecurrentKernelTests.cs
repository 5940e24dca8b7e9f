using CourseKit.Kernels;
using CourseKit.Tensors;
using CourseKit.Tests.Kernels;

namespace CourseKit.Tests;

/// <summary>
/// The vectorized recurrent kernels against their scalar definitions over many lengths (0, 1, vector tails), in float
/// and double: their documented bound is bit-identity, which CI checks on every vector path.
/// </summary>
public class RecurrentKernelTests
{
    public static TheoryData<int> Lengths() => [.. Enumerable.Range(0, 40), 63, 64, 65, 127, 128, 129];

    private static T[] Values<T>(int n, Random r, bool gate) where T : System.Numerics.IFloatingPointIeee754<T> =>
        [.. Enumerable.Range(0, n).Select(_ => T.CreateTruncating(gate ? r.NextDouble() : 2 * r.NextDouble() - 1))];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Lstm_backward_matches_the_scalar_definition(int n)
    {
        CheckLstm<double>(n);
        CheckLstm<float>(n);
    }

    private static void CheckLstm<T>(int n) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var r = new Random(n);
        T[] i = Values<T>(n, r, true), f = Values<T>(n, r, true), g = Values<T>(n, r, false), o = Values<T>(n, r, true);
        T[] tc = Values<T>(n, r, false), cp = Values<T>(n, r, false), dh = Values<T>(n, r, false), dc = Values<T>(n, r, false);
        var fast = Enumerable.Range(0, 5).Select(_ => new T[n]).ToArray();
        var slow = Enumerable.Range(0, 5).Select(_ => new T[n]).ToArray();
        RecurrentKernels.LstmBackward<T>(i, f, g, o, tc, cp, dh, dc, fast[0], fast[1], fast[2], fast[3], fast[4]);
        RecurrentKernelsReference.LstmBackward<T>(i, f, g, o, tc, cp, dh, dc, slow[0], slow[1], slow[2], slow[3], slow[4]);
        for (int k = 0; k < 5; k++) Assert.Equal(slow[k], fast[k]);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Gru_backward_and_interpolation_match_the_scalar_definition(int n)
    {
        CheckGru<double>(n);
        CheckGru<float>(n);
    }

    private static void CheckGru<T>(int n) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var r = new Random(100 + n);
        T[] rg = Values<T>(n, r, true), z = Values<T>(n, r, true), nn = Values<T>(n, r, false), hn = Values<T>(n, r, false);
        T[] hp = Values<T>(n, r, false), dh = Values<T>(n, r, false);
        var fast = Enumerable.Range(0, 5).Select(_ => new T[n]).ToArray();
        var slow = Enumerable.Range(0, 5).Select(_ => new T[n]).ToArray();
        RecurrentKernels.GruBackward<T>(rg, z, nn, hn, hp, dh, fast[0], fast[1], fast[2], fast[3], fast[4]);
        RecurrentKernelsReference.GruBackward<T>(rg, z, nn, hn, hp, dh, slow[0], slow[1], slow[2], slow[3], slow[4]);
        for (int k = 0; k < 5; k++) Assert.Equal(slow[k], fast[k]);

        var h1 = new T[n];
        var h2 = new T[n];
        RecurrentKernels.Interpolate<T>(hp, nn, z, h1);
        RecurrentKernelsReference.Interpolate<T>(hp, nn, z, h2);
        Assert.Equal(h2, h1);
    }

    [Fact]
    public void NaN_stays_in_its_own_unit_and_length_mismatches_are_named()
    {
        int n = 19;
        var r = new Random(3);
        float[] a = Values<float>(n, r, false), b = Values<float>(n, r, false);
        float[] gate = Values<float>(n, r, true);
        a[17] = float.NaN;
        var h = new float[n];
        RecurrentKernels.Interpolate<float>(a, b, gate, h);
        Assert.True(float.IsNaN(h[17]));
        Assert.Equal(18, h.Count(float.IsFinite));
        var e = Assert.Throws<ArgumentException>(() => RecurrentKernels.Interpolate<float>(a, b, gate, new float[3]));
        Assert.Contains("lengths 19 and 3", e.Message);
    }

    [Theory]
    [InlineData(1, 1, 1, false)]
    [InlineData(32, 512, 128, false)]
    [InlineData(7, 33, 300, true)]
    [InlineData(0, 5, 5, false)]
    [InlineData(9, 70, 3, true)]
    public void Packed_right_operand_gives_the_same_product(int m, int n, int k, bool transB)
    {
        var random = new Random(m + n + k);
        var a = Tensor.Normal(m, k, 0.0, 1.0, random);
        var b = Tensor.Normal(transB ? n : k, transB ? k : n, 0.0, 1.0, random);
        var packed = new PackedMatrix<double>(b.ReadOnlySpan, b.Cols, transB, k, n);
        var c = Tensor.Normal(m, n, 0.0, 1.0, random);
        var expected = c.Clone();
        Gemm.Multiply(a.ReadOnlySpan, k, false, packed, c.Span, n, m, accumulate: true);
        GemmReference.Multiply<double>(a.ReadOnlySpan, k, false, b.ReadOnlySpan, b.Cols, transB, expected.Span, n, m, n, k, accumulate: true);
        Assertions.Close(expected, c, 1e-12, "packed product");

        // Repacking new values of the same shape reuses the buffers.
        b.Span.Fill(2.0);
        packed.Repack(b.ReadOnlySpan, b.Cols);
        Gemm.Multiply(a.ReadOnlySpan, k, false, packed, c.Span, n, m, accumulate: false);
        GemmReference.Multiply<double>(a.ReadOnlySpan, k, false, b.ReadOnlySpan, b.Cols, transB, expected.Span, n, m, n, k, accumulate: false);
        Assertions.Close(expected, c, 1e-12, "repacked product");
    }
}

/// <summary>The vectorized Adam update against its scalar definition, bit for bit (its documented bound), in float and double.</summary>
public class OptimizerKernelTests
{
    [Theory]
    [InlineData(0, false, 0.0)]
    [InlineData(1, false, 0.0)]
    [InlineData(7, false, 0.01)]
    [InlineData(8, true, 0.0)]
    [InlineData(33, false, 0.0)]
    [InlineData(100, true, 0.0)]
    [InlineData(129, false, 0.1)]
    public void Adam_matches_the_scalar_definition_bit_for_bit(int n, bool decoupled, double l2)
    {
        CheckAdam<double>(n, decoupled, l2);
        CheckAdam<float>(n, decoupled, l2);
    }

    private static void CheckAdam<T>(int n, bool decoupled, double l2) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var r = new Random(n);
        T[] Values() => [.. Enumerable.Range(0, n).Select(_ => T.CreateTruncating(2 * r.NextDouble() - 1))];
        T[] theta = Values(), g = Values(), m = Values(), v = [.. Values().Select(T.Abs)];
        T[] theta2 = [.. theta], m2 = [.. m], v2 = [.. v];
        T C(double value) => T.CreateTruncating(value);
        OptimizerKernels.Adam<T>(theta, g, m, v, C(0.9), C(0.999), C(0.01), C(0.3), C(1e-8), C(l2), C(0.99), decoupled);
        OptimizerKernelsReference.Adam<T>(theta2, g, m2, v2, C(0.9), C(0.999), C(0.01), C(0.3), C(1e-8), C(l2), C(0.99), decoupled);
        Assert.Equal(theta2, theta);
        Assert.Equal(m2, m);
        Assert.Equal(v2, v);
    }
}
