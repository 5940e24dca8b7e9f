using CourseKit.Kernels;
using CourseKit.Tensors;
using CourseKit.Tests.Kernels;

namespace CourseKit.Tests;

public class GemmTests
{
    public static TheoryData<int, int, int> Sizes()
    {
        var data = new TheoryData<int, int, int>();
        // 0, 1, vector-width tails around 8/16 and micro-tile edges around 6, and sizes past the packing threshold.
        int[] small = [0, 1, 2, 5, 7, 8, 9, 15, 16, 17];
        foreach (int m in small) foreach (int n in small) data.Add(m, n, m == 0 ? 3 : (n % 7) + 1);
        data.Add(33, 40, 41);
        data.Add(97, 65, 300);   // crosses the 96-row and 256-deep block edges
        data.Add(64, 64, 64);
        data.Add(13, 130, 257);
        data.Add(7, 3, 0);
        data.Add(8, 32, 33);     // exactly one 8-row, 2×Vector512 float tile
        data.Add(129, 33, 17);   // one column past a float tile, one row past a block
        data.Add(200, 70, 520);  // three 256-deep blocks, row and column tails
        data.Add(50, 64, 300);   // small B read in place (no packing) across two depth blocks
        data.Add(13, 96, 700);   // in place for float, packed for double (too big)
        data.Add(32, 64, 128);   // a recurrent step's batch: 6 × 4-vector tiles (5 × 6 + 2 rows); with B transposed, 12 + 12 + 8
        data.Add(32, 48, 128);   // the same batch where the wide tile does not divide the columns: 12 + 12 + 8, B in place
        data.Add(20, 40, 50);    // 12 + 8 rows with a partial column panel
        data.Add(28, 40, 70);    // 12 + 12 + 4 rows, the last 4 by the 4-row kernel, with a partial column panel
        data.Add(28, 48, 70);    // 12 + 12 + 4 rows with B in place (double)
        data.Add(16, 64, 300);   // in place across two depth blocks: 6 + 6 + 4 wide rows; with B transposed, 12 + 4
        data.Add(2, 64, 16);     // one 2-row wide tile (A and B in place)
        data.Add(4, 128, 40);    // 4-row wide tiles, two (float) or four (double) across
        data.Add(10, 64, 33);    // 6 + 4 wide rows, odd depth
        data.Add(200, 64, 300);  // wide tiles over two row blocks (192 = 32 × 6, then 6 + 2) and three depth blocks
        data.Add(63, 64, 64);    // an odd row count: the wide tile is not used
        data.Add(30, 40, 1024);  // A's rows 4 KB (float) / 8 KB (double) apart: packed (12 + 12 + a partial 6-row panel)
        data.Add(200, 48, 512);  // the same for double (4 KB), over two row blocks
        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Double_matches_scalar_reference_in_all_layouts(int m, int n, int k)
    {
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                foreach (bool acc in new[] { false, true })
                    Compare<double>(m, n, k, ta, tb, acc, 1e-12);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Float_matches_scalar_reference_in_all_layouts(int m, int n, int k)
    {
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                Compare<float>(m, n, k, ta, tb, accumulate: true, 1e-3f);
    }

    [Fact]
    public void Strided_operands_use_only_their_columns()
    {
        // A 3×4 view inside a 3×6 buffer: the last two columns must be ignored.
        var rnd = new Random(3);
        var a = Tensor.Normal(3, 6, 0.0, 1.0, rnd);
        var b = Tensor.Normal(4, 80, 0.0, 1.0, rnd);
        var c = new double[3 * 90];
        var expected = new double[3 * 90];
        Gemm.Multiply<double>(a.ReadOnlySpan, 6, false, b.ReadOnlySpan, 80, false, c, 90, 3, 80, 4, false);
        GemmReference.Multiply<double>(a.ReadOnlySpan, 6, false, b.ReadOnlySpan, 80, false, expected, 90, 3, 80, 4, false);
        for (int i = 0; i < c.Length; i++) Assert.Equal(expected[i], c[i], 1e-12);
    }

    [Theory]
    [InlineData(1024, 1023)]   // float rows 4 KB apart (packed in 4 × 4 transposes), last depth block 255 = 4·63 + 3
    [InlineData(512, 510)]     // double rows 4 KB apart, last depth block 126 = 4·31 + 2
    public void Row_major_A_packed_by_transposes_keeps_every_row_and_depth_step(int lda, int k)
    {
        // 12 + 12 + 5 rows: two whole panels, then a partial one packed by the scalar path.
        const int m = 29, n = 40;
        var rnd = new Random(lda);
        var a32 = Tensor.Normal(m, lda, 0f, 1f, rnd);
        var a64 = Tensor.Normal(m, lda, 0.0, 1.0, rnd);
        var b32 = Tensor.Normal(k, n, 0f, 1f, rnd);
        var b64 = Tensor.Normal(k, n, 0.0, 1.0, rnd);
        var c32 = new float[m * n];
        var e32 = new float[m * n];
        var c64 = new double[m * n];
        var e64 = new double[m * n];
        Gemm.Multiply<float>(a32.ReadOnlySpan, lda, false, b32.ReadOnlySpan, n, false, c32, n, m, n, k, false);
        GemmReference.Multiply<float>(a32.ReadOnlySpan, lda, false, b32.ReadOnlySpan, n, false, e32, n, m, n, k, false);
        Gemm.Multiply<double>(a64.ReadOnlySpan, lda, false, b64.ReadOnlySpan, n, false, c64, n, m, n, k, false);
        GemmReference.Multiply<double>(a64.ReadOnlySpan, lda, false, b64.ReadOnlySpan, n, false, e64, n, m, n, k, false);
        for (int i = 0; i < m * n; i++)
        {
            Assert.Equal(e32[i], c32[i], 2e-3f * MathF.Sqrt(k));
            Assert.Equal(e64[i], c64[i], 1e-11);
        }
    }

    [Fact]
    public void NaN_in_an_input_propagates_to_its_row_and_column()
    {
        var a = Tensor.Ones<double>(70, 70);
        var b = Tensor.Ones<double>(70, 70);
        a[5, 3] = double.NaN;
        var c = a.MatMul(b);
        Assert.True(double.IsNaN(c[5, 0]) && double.IsNaN(c[5, 69]));
        Assert.Equal(70.0, c[4, 10]);
        b[2, 60] = double.PositiveInfinity;
        c = Tensor.Ones<double>(70, 70).MatMul(b);
        Assert.Equal(double.PositiveInfinity, c[0, 60]);
    }

    [Fact]
    public void Too_short_buffers_are_rejected_with_sizes()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply<double>(new double[5], 3, false, new double[6], 2, false, new double[4], 2, 2, 2, 3, false));
        Assert.Contains("A holds 5 values", ex.Message);
    }

    [Theory]
    [InlineData(300, 256, 256)]
    [InlineData(260, 300, 600)]
    public void Threaded_products_match_the_scalar_reference(int m, int n, int k)
    {
        int before = Gemm.MaxThreads;
        try
        {
            Gemm.MaxThreads = 2;
            Compare<double>(m, n, k, false, false, accumulate: true, 1e-12);
            Compare<double>(m, n, k, true, true, accumulate: false, 1e-12);
            Compare<float>(m, n, k, false, true, accumulate: true, 1e-3f);
        }
        finally { Gemm.MaxThreads = before; }
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.MaxThreads = 0);
    }

    private static void Compare<T>(int m, int n, int k, bool transA, bool transB, bool accumulate, T tolerance)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var rnd = new Random(m * 1000 + n * 10 + k);
        var a = Tensor.Normal(transA ? k : m, transA ? m : k, T.Zero, T.One, rnd);
        var b = Tensor.Normal(transB ? n : k, transB ? k : n, T.Zero, T.One, rnd);
        var c = Tensor.Normal(m, n, T.Zero, T.One, rnd);
        var expected = c.Clone();
        Gemm.Multiply(a, transA, b, transB, c, accumulate);
        GemmReference.Multiply<T>(a.ReadOnlySpan, a.Cols, transA, b.ReadOnlySpan, b.Cols, transB, expected.Span, n, m, n, k, accumulate);
        double scale = Math.Max(1, Math.Sqrt(k));
        Assertions.Close(expected, c, double.CreateChecked(tolerance) * scale, $"{typeof(T).Name} m={m} n={n} k={k} tA={transA} tB={transB} acc={accumulate}");
    }
}
