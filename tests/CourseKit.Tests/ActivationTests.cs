using CourseKit.Activations;
using CourseKit.Gradients;
using CourseKit.Layers;
using CourseKit.Tensors;

namespace CourseKit.Tests;

public class ActivationTests
{
    private static Activation<double> Create(string name) => name switch
    {
        "identity" => new Identity<double>(),
        "relu" => new Relu<double>(),
        "leaky_relu_0.01" => new LeakyRelu<double>(0.01),
        "leaky_relu_0.1" => new LeakyRelu<double>(0.1),
        "sigmoid" => new Sigmoid<double>(),
        "tanh" => new Tanh<double>(),
        "softmax" => new Softmax<double>(),
        "log_softmax" => new LogSoftmax<double>(),
        _ => throw new ArgumentException(name),
    };

    public static TheoryData<int> PyTorchCases() => [.. Enumerable.Range(0, Reference.Cases("feedforward.json", "activations").Count())];

    [Theory]
    [MemberData(nameof(PyTorchCases))]
    public void Forward_and_backward_match_PyTorch(int index)
    {
        var c = Reference.Cases("feedforward.json", "activations").ElementAt(index);
        var g = Create(c.GetProperty("name").GetString()!);
        var x = c.Tensor("x");
        var y = g.Apply(x);
        Assertions.Close(c.Tensor("y"), y, 1e-14, $"{g.Name} forward");     // measured 8.9e-16 (log-softmax)
        var dx = new Tensor<double>(x.Rows, x.Cols);
        g.Backward(x, y, c.Tensor("dy"), dx);
        Assertions.Close(c.Tensor("dx"), dx, 1e-14, $"{g.Name} backward");  // measured 4.7e-16
    }

    [Fact]
    public void ReLU_derivative_at_zero_is_zero_and_leaky_slope_is_a_parameter()
    {
        Assert.Equal(0.0, new Relu<double>().Derivative(0.0));
        Assert.Equal(Tensor.Row(0.0, 0.0, 1.0), new Relu<double>().Derivative(Tensor.Row(-1.0, 0.0, 2.0)));
        var slide = new LeakyRelu<double>(0.1);
        Assertions.Close(Tensor.Row(-0.3, 0.0, 2.0), slide.Apply(Tensor.Row(-3.0, 0.0, 2.0)), 1e-15);
        Assert.Equal(Tensor.Row(0.1, 0.1, 1.0), slide.Derivative(Tensor.Row(-3.0, 0.0, 2.0)));
        Assert.Equal(0.01, new LeakyRelu<double>().Slope);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LeakyRelu<double>(double.NaN));
    }

    [Fact]
    public void Softmax_is_stable_on_large_inputs()
    {
        var y = new Softmax<double>().Apply(Tensor.Row(1000.0, 1001.0, 1002.0));
        Assertions.Close(Tensor.Row(0.09003057317038046, 0.24472847105479764, 0.6652409557748219), y, 1e-15);
        var ly = new LogSoftmax<double>().Apply(Tensor.Row(1000.0, 1001.0, 1002.0));
        Assertions.Close(Tensor.Row(-2.4076059644443806, -1.4076059644443806, -0.4076059644443806), ly, 1e-15);   // measured 2.2e-16
        var f = new Softmax<float>().Apply(Tensor.Row(1000f, 1001f, 1002f));
        Assert.True(f.IsFinite());
    }

    [Fact]
    public void Scalar_definitions_agree_with_vectorized_kernels_over_many_lengths()
    {
        ElementwiseActivation<double>[] all = [new Identity<double>(), new Relu<double>(), new LeakyRelu<double>(0.1), new Sigmoid<double>(), new Tanh<double>()];
        foreach (var g in all)
            foreach (int n in new[] { 0, 1, 3, 4, 7, 8, 9, 16, 17, 33 })
            {
                var x = Tensor.Normal(1, n, 0.0, 3.0, new Random(n));
                var y = g.Apply(x);
                var d = g.Derivative(x);
                for (int i = 0; i < n; i++)
                {
                    Assert.Equal(g.Value(x[0, i]), y[0, i], 2e-15);          // measured 2.2e-16 on every ISA path
                    Assert.Equal(g.Derivative(x[0, i]), d[0, i], 2e-15);     // measured 4.4e-16
                }
            }
    }

    [Fact]
    public void NaN_and_infinity_flow_through_elementwise_kernels()
    {
        var x = Tensor.Row(double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1, 2, 3, 4, 5, double.NaN);
        Assert.True(double.IsNaN(new Relu<double>().Apply(x)[0, 8]));
        Assert.Equal(double.PositiveInfinity, new Relu<double>().Apply(x)[0, 1]);
        Assert.Equal(0.0, new Relu<double>().Apply(x)[0, 2]);
        var s = new Sigmoid<double>().Apply(x);
        Assert.Equal(1.0, s[0, 1]);
        Assert.Equal(0.0, s[0, 2]);
        Assert.True(double.IsNaN(new Tanh<double>().Apply(x)[0, 0]));
    }

    public static TheoryData<string> Names() => ["identity", "relu", "leaky_relu_0.1", "sigmoid", "tanh", "softmax", "log_softmax"];

    [Theory]
    [MemberData(nameof(Names))]
    public void Backward_passes_finite_difference_check(string name)
    {
        // Inputs away from ReLU's kink, where finite differences are exact.
        var x = Tensor.FromRows([-1.3, 0.4, 2.2, -0.7], [0.9, -2.5, 0.15, 1.1], [3.0, -0.2, -1.9, 0.6]);
        var report = GradientCheck.CheckLayer(new ActivationLayer<double>(Create(name)), x, tolerance: 5e-9);   // measured 1.2e-9
        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void Shape_mismatch_is_reported_with_both_shapes()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() =>
            new Tanh<double>().Forward(Tensor.Zeros<double>(2, 3), Tensor.Zeros<double>(3, 2)));
        Assert.Contains("(2×3)", ex.Message);
        Assert.Contains("(3×2)", ex.Message);
    }
}
