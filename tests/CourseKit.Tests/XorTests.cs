using CourseKit.Examples;
using CourseKit.Tensors;

namespace CourseKit.Tests;

public class XorTests
{
    [Fact]
    public void Least_squares_fails_with_W_zero_and_b_one_half()
    {
        var fit = Xor.LeastSquares();
        Assert.Equal(Tensor.Column(0.0, 0.0), fit.Weights);
        Assert.Equal(0.5, fit.Bias);
        Assert.Equal(Tensor.Column(0.5, 0.5, 0.5, 0.5), fit.Predictions);
        Assert.Equal(0.25, fit.MeanSquaredError, 1e-15);
    }

    [Fact]
    public void Slide_network_gives_the_slide_hidden_values_and_exact_outputs()
    {
        var net = Xor.SlideNetwork<double>();
        var x = Xor.Inputs<double>();
        var hidden = net.Layers[0].Forward(x).Clone();
        Assert.Equal(Tensor.FromRows([0.0, 0.0], [1.0, 0.0], [1.0, 0.0], [2.0, 1.0]), hidden);
        Assert.Equal(Tensor.Column(0.0, 1.0, 1.0, 0.0), net.Predict(x));
        Assert.Equal(Tensor.Column(0.0, 1.0, 1.0, 0.0), Xor.SlideNetwork<float>().Predict(Xor.Inputs<float>()).Convert<float, double>());
    }

    [Fact]
    public void A_seeded_2_2_1_network_learns_xor()
    {
        var run = Xor.Train<double>(seed: 0);
        Assert.True(run.Solved, $"predictions {run.Predictions}");
        Assert.True(run.LossHistory[^1] < 1e-3, $"final loss {run.LossHistory[^1]}");
        Assert.True(run.LossHistory[0] > 0.1);
        // Same seed, same history, bit for bit.
        Assert.Equal(run.LossHistory, Xor.Train<double>(seed: 0).LossHistory);
    }
}

public class XorDataTests
{
    [Fact]
    public void Shipped_csv_matches_the_inputs_and_targets_in_code()
    {
        var rows = File.ReadAllLines(RepoData.File("xor.csv")).Skip(1)
            .Select(l => l.Split(',').Select(double.Parse).ToArray()).ToArray();
        Assert.Equal(Xor.Inputs<double>(), Tensor.FromRows(rows.Select(r => r[..2]).ToArray()));
        Assert.Equal(Xor.Targets<double>(), Tensor.Column(rows.Select(r => r[2]).ToArray()));
    }
}
