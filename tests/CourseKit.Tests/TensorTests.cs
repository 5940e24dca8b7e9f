using CourseKit.Tensors;

namespace CourseKit.Tests;

public class TensorTests
{
    [Fact]
    public void MatMul_multiplies_a_row_vector_by_a_weight_matrix_as_on_the_slide()
    {
        var i = Tensor.Row(1.0, 2.0);
        var W = Tensor.FromRows([1.0, -1.0, 0.5], [2.0, 0.0, -3.0]);
        var o = i.MatMul(W);
        Assert.Equal(Tensor.Row(5.0, -1.0, -5.5), o);
    }

    [Fact]
    public void MatMul_shape_error_names_both_shapes()
    {
        var a = Tensor.Zeros<double>(2, 3);
        var b = Tensor.Zeros<double>(2, 3);
        var ex = Assert.Throws<ShapeMismatchException>(() => a.MatMul(b));
        Assert.Contains("(2×3)", ex.Message);
        Assert.Contains("inner sizes 3 and 2", ex.Message);
    }

    [Fact]
    public void MatMul_with_transposes_matches_explicit_transpose()
    {
        var rnd = new Random(1);
        var a = Tensor.Normal(5, 3, 0.0, 1.0, rnd);
        var b = Tensor.Normal(4, 3, 0.0, 1.0, rnd);
        Assertions.Close(a.MatMul(b.Transpose()), a.MatMul(b, false, true), 1e-15);   // measured 2.2e-16
        Assertions.Close(a.Transpose().MatMul(a), a.MatMul(a, true, false), 1e-15);   // measured: equal
    }

    [Fact]
    public void Add_broadcasts_a_bias_row_and_a_column()
    {
        var x = Tensor.FromRows([0.0, 0.0], [1.0, 1.0]);
        Assert.Equal(Tensor.FromRows([0.0, -1.0], [1.0, 0.0]), x + Tensor.Row(0.0, -1.0));
        Assert.Equal(Tensor.FromRows([5.0, 5.0], [3.0, 3.0]), x + Tensor.Column(5.0, 2.0));
        var ex = Assert.Throws<ShapeMismatchException>(() => x + Tensor.Row(1.0, 2.0, 3.0));
        Assert.Contains("(1×3)", ex.Message);
        Assert.Contains("(2×2)", ex.Message);
    }

    [Fact]
    public void Elementwise_operations_and_reductions()
    {
        var a = Tensor.FromRows([1.0, -2.0], [3.0, 4.0]);
        var b = Tensor.FromRows([2.0, 2.0], [0.5, -1.0]);
        Assert.Equal(Tensor.FromRows([2.0, -4.0], [1.5, -4.0]), a.Hadamard(b));
        Assert.Equal(Tensor.FromRows([-1.0, -4.0], [2.5, 5.0]), a - b);
        Assert.Equal(Tensor.FromRows([2.0, -4.0], [6.0, 8.0]), 2.0 * a);
        Assert.Equal(6.0, a.Sum());
        Assert.Equal(1.5, a.Mean());
        Assert.Equal(4.0, a.Max());
        Assert.Equal(-2.0, a.Min());
        Assert.Equal(Tensor.Row(4.0, 2.0), a.SumRows());
        Assert.Equal([0, 1], a.ArgMaxRows());
        Assert.Equal(Tensor.FromRows([1.0, 3.0], [-2.0, 4.0]), a.Transpose());
    }

    [Fact]
    public void Construction_rejects_ragged_rows_and_wrong_lengths()
    {
        Assert.Throws<ArgumentException>(() => Tensor.FromRows([1.0, 2.0], [3.0]));
        Assert.Throws<ArgumentException>(() => new Tensor<double>(2, 2, new double[3]));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros<double>(2, 2)[2, 0]);
        Assert.Contains("(2×2)", ex.Message);
    }

    [Fact]
    public void Latex_renders_a_bmatrix()
    {
        var t = Tensor.FromRows([1.0, -0.5], [0.0, 2.0]);
        Assert.Equal(@"\begin{bmatrix} 1 & -0.5 \\ 0 & 2 \end{bmatrix}", t.ToLatex());
        Assert.Equal(@"1.5 \times 10^{-7}", Latex.Number(1.5e-7));
    }

    [Fact]
    public void MathNet_round_trip()
    {
        var t = Tensor.FromRows([1.0, 2.0], [3.0, 4.0]);
        var m = t.ToMatrix();
        Assert.Equal(4.0, m[1, 1]);
        Assert.Equal(t, Tensor.FromMatrix(m));
    }

    [Fact]
    public void IsFinite_detects_nan_and_infinity()
    {
        Assert.True(Tensor.Row(1.0, 2.0).IsFinite());
        Assert.False(Tensor.Row(1.0, double.NaN).IsFinite());
        Assert.False(Tensor.Row(double.NegativeInfinity, 2.0).IsFinite());
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(32, 32)]     // 4 KB of float: the first aligned size
    [InlineData(33, 65)]
    [InlineData(1024, 1024)]
    public void Larger_tensors_start_on_a_64_byte_boundary_and_views_share_their_storage(int rows, int cols)
    {
        var t = new Tensor<float>(rows, cols);
        unsafe
        {
            fixed (float* p = t.Span)
                if ((long)rows * cols * sizeof(float) >= 4096) Assert.Equal(0, (long)(nint)p % 64);
        }
        Assert.All(t.ToFlatArray(), v => Assert.Equal(0f, v));
        t[rows - 1, cols - 1] = 7f;
        t[0, 0] = 3f;
        var flat = t.Reshape(1, rows * cols);
        Assert.Equal(3f, flat[0, 0]);
        Assert.Equal(7f, flat[0, rows * cols - 1]);
        flat[0, 0] = 5f;
        Assert.Equal(5f, t[0, 0]);
        var copy = t.Clone();
        copy[0, 0] = 9f;
        Assert.Equal(5f, t[0, 0]);
        Assert.Equal(7f, copy[rows - 1, cols - 1]);
    }
}
