using CourseKit.Gradients;
using CourseKit.Losses;
using CourseKit.Tensors;

namespace CourseKit.Tests;

public class LossTests
{
    private static Loss<double> Create(string name) => name switch
    {
        "mse" => new MeanSquaredError<double>(),
        "bce" => new BinaryCrossEntropy<double>(),
        "bce_with_logits" => new BinaryCrossEntropyWithLogits<double>(),
        "cross_entropy" => new CrossEntropy<double>(),
        "nll" => new NegativeLogLikelihood<double>(),
        _ => throw new ArgumentException(name),
    };

    public static TheoryData<string> Names() => ["mse", "bce", "bce_with_logits", "cross_entropy", "nll"];

    [Theory]
    [MemberData(nameof(Names))]
    public void Value_and_gradient_match_PyTorch(string name)
    {
        var c = Reference.Cases("feedforward.json", "losses").Single(e => e.GetProperty("name").GetString() == name);
        var loss = Create(name);
        double value = loss.Forward(c.Tensor("prediction"), c.Tensor("target"));
        Assert.Equal(c.GetProperty("loss").GetDouble(), value, 1e-12);
        Assertions.Close(c.Tensor("grad"), loss.Backward(), 1e-12, name);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Gradient_passes_finite_difference_check(string name)
    {
        var c = Reference.Cases("feedforward.json", "losses").Single(e => e.GetProperty("name").GetString() == name);
        var prediction = c.Tensor("prediction");
        if (name == "bce") prediction = Tensor.FromRows([0.9, 0.2], [0.4, 0.7], [0.1, 0.5]); // away from 0 and 1
        var report = GradientCheck.CheckLoss(Create(name), prediction, c.Tensor("target"), epsilon: 1e-6, tolerance: 1e-7);
        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void Cross_entropy_accepts_integer_classes_and_rejects_bad_ones()
    {
        var ce = new CrossEntropy<double>();
        var logits = Tensor.FromRows([2.0, 0.0], [0.0, 2.0]);
        double v = ce.Forward(logits, [0, 1]);
        Assert.Equal(Math.Log(1 + Math.Exp(-2)), v, 1e-15);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ce.Forward(logits, [0, 2]));
        Assert.Contains("from 0 to 1", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ce.Forward(logits, Tensor.Column(0.0, 0.5)));
        var shape = Assert.Throws<ShapeMismatchException>(() => ce.Forward(logits, Tensor.Column(0.0, 1.0, 1.0)));
        Assert.Contains("(3×1)", shape.Message);
    }

    [Fact]
    public void Binary_cross_entropy_rejects_non_probabilities_and_clamps_logs_like_PyTorch()
    {
        var bce = new BinaryCrossEntropy<double>();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => bce.Forward(Tensor.Row(1.5), Tensor.Row(1.0)));
        Assert.Contains("sigmoid", ex.Message);
        Assert.Equal(100.0, bce.Forward(Tensor.Row(0.0), Tensor.Row(1.0)));  // log 0 clamped at −100
        Assert.True(bce.Backward().IsFinite());
    }

    [Fact]
    public void Backward_before_forward_is_a_clear_error()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new MeanSquaredError<double>().Backward());
        Assert.Contains("before Forward", ex.Message);
    }

    [Fact]
    public void Mse_shape_mismatch_names_both_shapes()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() =>
            new MeanSquaredError<double>().Forward(Tensor.Zeros<double>(4, 1), Tensor.Zeros<double>(1, 4)));
        Assert.Contains("(4×1)", ex.Message);
        Assert.Contains("(1×4)", ex.Message);
    }
}
