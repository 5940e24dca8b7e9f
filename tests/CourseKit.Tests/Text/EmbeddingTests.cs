using CourseKit.Gradients;
using CourseKit.Layers;
using CourseKit.Tensors;
using CourseKit.Text;

namespace CourseKit.Tests.Text;

public class EmbeddingTests
{
    // E for ids 0 (<pad>), 1, 2, 3 with two dimensions.
    private static Tensor<double> Table() => Tensor.FromRows(
        [0.0, 0.0],
        [1.0, 2.0],
        [3.0, 4.0],
        [5.0, 6.0]);

    [Fact]
    public void Forward_copies_rows_of_E_in_time_major_order_with_zero_rows_at_padding()
    {
        var embedding = new Embedding<double>(Table());
        var y = embedding.Forward(TokenBatch.Pad([[2, 3, 1], [3]]));
        Assert.Equal(Tensor.FromRows(
            [3.0, 4.0],    // t=0, b=0: id 2
            [5.0, 6.0],    // t=0, b=1: id 3
            [5.0, 6.0],    // t=1, b=0: id 3
            [0.0, 0.0],    // t=1, b=1: padding
            [1.0, 2.0],    // t=2, b=0: id 1
            [0.0, 0.0]),   // t=2, b=1: padding
            y);
    }

    [Fact]
    public void Forward_equals_one_hot_times_E()
    {
        var rnd = new Random(3);
        var embedding = new Embedding<double>(7, 4, rnd);
        var batch = TokenBatch.Pad([[1, 5, 6, 0, 2], [4, 4], [3, 1, 1]]);
        var expected = OneHot.Encode<double>(batch, 7).MatMul(embedding.Weights.Value);
        Assertions.Close(expected, embedding.Forward(batch), 0, "onehot × E");
    }

    [Fact]
    public void Works_in_float_too()
    {
        var embedding = new Embedding<float>(Tensor.FromRows([0f, 0f], [1.5f, -2f]));
        Assert.Equal(Tensor.FromRows([1.5f, -2f], [0f, 0f]), embedding.Forward(TokenBatch.Pad([[1, 0]])));
        embedding.Backward(Tensor.FromRows([1f, 1f], [1f, 1f]));
        Assert.Equal(Tensor.FromRows([0f, 0f], [1f, 1f]), embedding.Weights.Gradient);
    }

    [Fact]
    public void Backward_scatter_adds_so_a_repeated_token_accumulates_and_padding_gets_nothing()
    {
        var embedding = new Embedding<double>(Table());
        // id 3 appears twice, id 0 (<pad>) once as a token, and sequence 1 is padded at t = 1, 2.
        embedding.Forward(TokenBatch.Pad([[3, 0, 3], [2]]));
        var dy = Tensor.FromRows(
            [1.0, 10],     // t=0, b=0: id 3
            [2.0, 20],     // t=0, b=1: id 2
            [3.0, 30],     // t=1, b=0: id 0, the padding id: no gradient
            [4.0, 40],     // t=1, b=1: padding position: ignored
            [5.0, 50],     // t=2, b=0: id 3 again
            [6.0, 60]);    // t=2, b=1: padding position: ignored
        embedding.Backward(dy);
        Assert.Equal(Tensor.FromRows(
            [0.0, 0],
            [0.0, 0],
            [2.0, 20],
            [6.0, 60]), embedding.Weights.Gradient);

        embedding.Backward(dy);   // gradients accumulate until zeroed, as in PyTorch
        Assert.Equal(12.0, embedding.Weights.Gradient[3, 0]);
        embedding.ZeroGradients();
        Assert.Equal(0.0, embedding.Weights.Gradient.Sum());
    }

    [Fact]
    public void Without_a_padding_id_row_zero_is_an_ordinary_token()
    {
        var embedding = new Embedding<double>(Tensor.FromRows([7.0], [8.0]), paddingId: null);
        var y = embedding.Forward(TokenBatch.Pad([[0, 1, 0]]));
        Assert.Equal(Tensor.Column(7.0, 8.0, 7.0), y);
        embedding.Backward(Tensor.Column(1.0, 2.0, 3.0));
        Assert.Equal(Tensor.Column(4.0, 2.0), embedding.Weights.Gradient);
    }

    [Fact]
    public void Initial_table_is_normal_with_a_zero_padding_row_and_is_reproducible()
    {
        var a = new Embedding<double>(500, 8, new Random(1));
        var b = new Embedding<double>(500, 8, new Random(1));
        Assert.Equal(a.Weights.Value, b.Weights.Value);
        Assert.Equal("E", a.Weights.Name);
        Assert.Equal([a.Weights], a.Parameters);
        Assert.All(a.Weights.Value.Row(0).ToArray(), v => Assert.Equal(0.0, v));
        // 499 × 8 draws from Normal(0, 1): mean within 0.1, standard deviation within 0.1 of 1.
        var values = a.Weights.Value.ToFlatArray()[8..];
        double mean = values.Average(), std = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());
        Assert.InRange(mean, -0.1, 0.1);
        Assert.InRange(std, 0.9, 1.1);
        Assert.Equal("Embedding(500 ids → 8 dimensions, padding id 0)", a.ToString());
    }

    [Fact]
    public void Gradient_matches_finite_differences()
    {
        var rnd = new Random(11);
        var embedding = new Embedding<double>(6, 3, rnd);
        var batch = TokenBatch.Pad([[1, 2, 1, 5], [3, 0], [4, 4, 2]]);
        var r = Tensor.Normal(batch.Steps * batch.Batch, 3, 0.0, 1.0, rnd);
        double Loss() => embedding.Forward(batch).Hadamard(r).Sum();   // L = Σ y ⊙ R, so dL/dy = R

        embedding.ZeroGradients();
        embedding.Forward(batch);
        embedding.Backward(r);
        var analytic = embedding.Weights.Gradient.Clone();

        var numeric = GradientCheck.Numeric(embedding.Weights.Value, Loss, epsilon: 1e-6);
        // The padding row's numeric gradient is not zero (nudging E[0] changes the "0" token of sequence 1), but
        // padding_idx means it is frozen: compare the other rows, and check row 0 is exactly zero.
        Assert.Equal([0.0, 0.0, 0.0], analytic.Row(0).ToArray());
        numeric.Row(0).Clear();
        var comparison = GradientCheck.Compare("E", analytic, numeric, tolerance: 3e-9);   // measured 5.7e-10
        Assert.True(comparison.Approximate, comparison.ToString());
        Assert.Contains(analytic.Row(4).ToArray(), v => v != 0);
    }

    [Fact]
    public void Forward_returns_a_tensor_the_caller_owns_and_the_borrowed_form_reuses_one_buffer()
    {
        var embedding = new Embedding<double>(Table());
        var owned = embedding.Forward(TokenBatch.Pad([[1]]));
        var first = embedding.ForwardBorrowed(TokenBatch.Pad([[1]]));
        var second = embedding.ForwardBorrowed(TokenBatch.Pad([[2]]));
        Assert.Same(first, second);
        Assert.Equal(Tensor.Row(3.0, 4.0), first);
        Assert.Equal(Tensor.Row(1.0, 2.0), owned);
    }

    [Fact]
    public void Bad_inputs_are_clear_errors()
    {
        var embedding = new Embedding<double>(Table());
        Assert.Contains("before Forward", Assert.Throws<InvalidOperationException>(() => embedding.Backward(new Tensor<double>(1, 2))).Message);
        var outside = Assert.Throws<ArgumentOutOfRangeException>(() => embedding.Forward(TokenBatch.Pad([[1, 4]])));
        Assert.Contains("Id 4", outside.Message);
        Assert.Contains("size 4", outside.Message);
        embedding.Forward(TokenBatch.Pad([[1, 2]]));
        var shape = Assert.Throws<ShapeMismatchException>(() => embedding.Backward(new Tensor<double>(2, 3)));
        Assert.Contains("(2×3)", shape.Message);
        Assert.Contains("(2×2)", shape.Message);
        var pad = Assert.Throws<ArgumentException>(() => new Embedding<double>(Tensor.FromRows([1.0], [2.0])));
        Assert.Contains("Row 0", pad.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding<double>(3, 2, paddingId: 3));
    }
}
