using CourseKit.Tensors;

namespace CourseKit.Tests;

/// <summary>Tensor.Concat and Tensor.Stack (torch.cat and torch.stack), and the row helpers the RNN notebooks use.</summary>
public class TensorJoiningTests
{
    private static readonly Tensor<double> A = Tensor.FromRows([1.0, 2.0], [3.0, 4.0]);

    [Fact]
    public void Concat_along_axis_0_puts_parts_on_top_of_each_other()
    {
        var joined = Tensor.Concat(0, A, Tensor.Row(5.0, 6.0), Tensor.FromRows([7.0, 8.0], [9.0, 10.0]));
        Assert.Equal(Tensor.FromRows([1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0], [9.0, 10.0]), joined);
        // the first LSTM slides' [h; x]: two columns become one longer column
        Assert.Equal(Tensor.Column(0.5, -0.5, 1.0, 0.5, -1.0), Tensor.Concat(0, Tensor.Column(0.5, -0.5), Tensor.Column(1.0, 0.5, -1.0)));
    }

    [Fact]
    public void Concat_along_axis_1_puts_parts_side_by_side()
    {
        var joined = Tensor.Concat(1, A, Tensor.Column(5.0, 6.0), Tensor.FromRows([7.0, 8.0, 9.0], [10.0, 11.0, 12.0]));
        Assert.Equal(Tensor.FromRows([1.0, 2.0, 5.0, 7.0, 8.0, 9.0], [3.0, 4.0, 6.0, 10.0, 11.0, 12.0]), joined);
    }

    [Fact]
    public void Concat_of_one_part_is_a_copy_and_parts_are_not_changed()
    {
        var copy = Tensor.Concat(1, A);
        Assert.Equal(A, copy);
        copy[0, 0] = 99;
        Assert.Equal(1.0, A[0, 0]);
    }

    [Fact]
    public void Concat_and_matmul_give_the_slides_sum_of_two_products()
    {
        // [W U] [h; x] = W h + U x (the first LSTM slides) and [V_fᵀ; V_bᵀ] on [h_f h_b] = V_f h_f + V_b h_b (bidirectional slide)
        var rnd = new Random(3);
        var W = Tensor.Normal(2, 2, 0.0, 1.0, rnd);
        var U = Tensor.Normal(2, 3, 0.0, 1.0, rnd);
        var h = Tensor.Normal(2, 1, 0.0, 1.0, rnd);
        var x = Tensor.Normal(3, 1, 0.0, 1.0, rnd);
        var joined = Tensor.Concat(1, W, U).MatMul(Tensor.Concat(0, h, x));
        Assertions.Close(W.MatMul(h) + U.MatMul(x), joined, 1e-15);
    }

    [Fact]
    public void Concat_errors_name_the_part_and_both_shapes()
    {
        var rows = Assert.Throws<ShapeMismatchException>(() => Tensor.Concat(0, A, Tensor.Row(1.0, 2.0, 3.0)));
        Assert.Equal("Concat along axis 0: part 1 has shape (1×3) but part 0 has (2×2); every part needs the same number of columns.", rows.Message);
        var cols = Assert.Throws<ShapeMismatchException>(() => Tensor.Concat(1, A, Tensor.Row(1.0, 2.0)));
        Assert.Contains("part 1 has shape (1×2) but part 0 has (2×2); every part needs the same number of rows", cols.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Concat(2, A, A));
        Assert.Throws<ArgumentException>(() => Tensor.Concat<double>(0));
        Assert.Throws<ArgumentNullException>(() => Tensor.Concat(0, A, null!));
    }

    [Fact]
    public void Stack_makes_vectors_the_rows_or_the_columns_of_a_matrix()
    {
        var vectors = new[] { Tensor.Column(1.0, 2.0, 3.0), Tensor.Row(4.0, 5.0, 6.0) };
        Assert.Equal(Tensor.FromRows([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]), Tensor.Stack(vectors));
        Assert.Equal(Tensor.FromRows([1.0, 4.0], [2.0, 5.0], [3.0, 6.0]), Tensor.Stack(vectors, axis: 1));
        Assert.Equal(Tensor.Row(7.0), Tensor.Stack([Tensor.Column(7.0)]));
    }

    [Fact]
    public void Stack_errors_name_the_item_and_its_shape()
    {
        var notVector = Assert.Throws<ShapeMismatchException>(() => Tensor.Stack([Tensor.Row(1.0, 2.0, 3.0, 4.0), A]));
        Assert.Equal("Stack: item 1 has shape (2×2); every item must be a vector, (1×n) or (n×1).", notVector.Message);
        var length = Assert.Throws<ShapeMismatchException>(() => Tensor.Stack([Tensor.Row(1.0, 2.0), Tensor.Column(1.0, 2.0, 3.0)]));
        Assert.Equal("Stack: item 1 has shape (3×1) but item 0 has (1×2); every vector needs the same length.", length.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Stack(Array.Empty<Tensor<double>>()));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Stack([A], axis: -1));
    }

    [Fact]
    public void Rows_come_out_as_rows_or_columns_of_their_own()
    {
        var X = Tensor.FromRows([1.0, 0.0, 0.0], [0.0, 0.0, 1.0]);
        var x2 = X.RowAsColumn(1);                 // the slides' x(2)
        Assert.Equal(Tensor.Column(0.0, 0.0, 1.0), x2);
        Assert.Equal(Tensor.Row(1.0, 0.0, 0.0), X.RowTensor(0));
        var rows = X.SplitRows();
        Assert.Equal(2, rows.Length);
        Assert.Equal(X, Tensor.Stack(rows));
        x2[2, 0] = 5;                             // copies, not views
        rows[0][0, 0] = 5;
        Assert.Equal(Tensor.FromRows([1.0, 0.0, 0.0], [0.0, 0.0, 1.0]), X);
        Assert.Throws<ArgumentOutOfRangeException>(() => X.RowAsColumn(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => X.RowTensor(-1));
    }
}
