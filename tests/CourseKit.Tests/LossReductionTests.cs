using System.Text.Json;
using CourseKit.Gradients;
using CourseKit.Losses;
using CourseKit.Tensors;

namespace CourseKit.Tests;

/// <summary>
/// Every loss under every reduction against PyTorch (tests/reference/losses.json, from make_loss_reference.py): values
/// and gradients, and the gradients against finite differences.
/// </summary>
public class LossReductionTests
{
    private const string File = "losses.json";

    // Reached: at most 2.2e-16 scaled difference (one ulp; see Assertions.ScaledDifference), on every vector width.
    private const double Tolerance = 1e-15;

    // Central differences with ε = 1e-6 reach at most 4e-9 here (their rounding error, about 1e-16 · |L| / ε, dominates).
    private const double FiniteDifferenceTolerance = 1e-8;

    private static Loss<double> Create(string name, LossReduction reduction) => name switch
    {
        "mse" => new MeanSquaredError<double>(reduction),
        "bce" => new BinaryCrossEntropy<double>(reduction),
        "bce_with_logits" => new BinaryCrossEntropyWithLogits<double>(reduction),
        "cross_entropy" => new CrossEntropy<double>(reduction),
        "nll" => new NegativeLogLikelihood<double>(reduction),
        _ => throw new ArgumentException(name),
    };

    private static LossReduction Parse(string reduction) => Enum.Parse<LossReduction>(reduction, ignoreCase: true);

    private static readonly string[] Names = ["mse", "bce", "bce_with_logits", "cross_entropy", "nll"];

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var c in Reference.Cases(File, "losses"))
            data.Add(c.GetProperty("name").GetString()!, c.GetProperty("input").GetString()!, c.GetProperty("reduction").GetString()!);
        return data;
    }

    public static TheoryData<string, LossReduction> NamesAndReductions()
    {
        var data = new TheoryData<string, LossReduction>();
        foreach (var name in Names)
            foreach (var reduction in Enum.GetValues<LossReduction>()) data.Add(name, reduction);
        return data;
    }

    private static JsonElement Case(string name, string input, string reduction) =>
        Reference.Cases(File, "losses").Single(c => c.GetProperty("name").GetString() == name
            && c.GetProperty("input").GetString() == input && c.GetProperty("reduction").GetString() == reduction);

    [Fact]
    public void Reference_file_covers_every_loss_input_and_reduction()
    {
        Assert.Equal(Names.Length * 2 * 3, Cases().Count);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Value_and_gradient_match_PyTorch(string name, string input, string reduction)
    {
        var c = Case(name, input, reduction);
        string what = $"{name} ({input}, {reduction})";
        var loss = Create(name, Parse(reduction));
        var prediction = c.Tensor("prediction");
        var target = c.Tensor("target");
        if (loss.Reduction == LossReduction.None)
        {
            Assertions.CloseRelative(c.Tensor("loss"), loss.ForwardUnreduced(prediction, target), Tolerance, what + " losses");
            Assertions.CloseRelative(c.Tensor("grad"), loss.Backward(c.Tensor("loss_grad")), Tolerance, what + " gradient");
        }
        else
        {
            Assertions.CloseRelative(c.GetProperty("loss").GetDouble(), loss.Forward(prediction, target), Tolerance, what + " loss");
            Assertions.CloseRelative(c.Tensor("grad"), loss.Backward(), Tolerance, what + " gradient");
        }
    }

    [Theory]
    [MemberData(nameof(NamesAndReductions))]
    public void Gradient_passes_finite_difference_check(string name, LossReduction reduction)
    {
        var c = Case(name, "random", "none");   // the random inputs are away from every edge
        var prediction = c.Tensor("prediction");
        var target = c.Tensor("target");
        var loss = Create(name, reduction);
        GradientCheckReport report;
        if (reduction == LossReduction.None)
        {
            // L = Σ_i w_i ℓ_i with PyTorch's random w, so each loss's gradient is weighted differently.
            var w = c.Tensor("loss_grad");
            loss.ForwardUnreduced(prediction, target);
            var analytic = loss.Backward(w).Clone();
            var numeric = GradientCheck.Numeric(prediction, () => loss.ForwardUnreduced(prediction, target).Hadamard(w).Sum(), 1e-6);
            report = new GradientCheckReport([GradientCheck.Compare("prediction", analytic, numeric, FiniteDifferenceTolerance)], FiniteDifferenceTolerance);
        }
        else
            report = GradientCheck.CheckLoss(loss, prediction, target, epsilon: 1e-6, tolerance: FiniteDifferenceTolerance);
        Assert.True(report.Passed, report.ToString());
    }

    [Theory]
    [MemberData(nameof(NamesAndReductions))]
    public void Mean_is_the_sum_over_the_number_of_losses_and_none_keeps_them(string name, LossReduction reduction)
    {
        var c = Case(name, "random", "none");
        var prediction = c.Tensor("prediction");
        var target = c.Tensor("target");
        var losses = Create(name, LossReduction.None).ForwardUnreduced(prediction, target).Clone();
        Assert.Equal(target.Shape, losses.Shape);   // one loss per target value: per element, or per row for class indices
        var loss = Create(name, reduction);
        switch (reduction)
        {
            case LossReduction.Mean: Assertions.CloseRelative(losses.Mean(), loss.Forward(prediction, target), 1e-14); break;
            case LossReduction.Sum: Assertions.CloseRelative(losses.Sum(), loss.Forward(prediction, target), 1e-14); break;
            default: Assert.Equal(0, losses.MaxAbsDifference(loss.ForwardUnreduced(prediction, target))); break;
        }
    }

    [Theory]
    [MemberData(nameof(NamesAndReductions))]
    public void Reductions_of_no_losses_are_NaN_zero_and_empty_as_in_PyTorch(string name, LossReduction reduction)
    {
        var prediction = new Tensor<double>(0, 3);
        var target = new Tensor<double>(0, name is "cross_entropy" or "nll" ? 1 : 3);
        var loss = Create(name, reduction);
        switch (reduction)
        {
            case LossReduction.Mean: Assert.True(double.IsNaN(loss.Forward(prediction, target))); Assert.Equal(0, loss.Backward().Length); break;
            case LossReduction.Sum: Assert.Equal(0.0, loss.Forward(prediction, target)); Assert.Equal(0, loss.Backward().Length); break;
            default:
                Assert.Equal(0, loss.ForwardUnreduced(prediction, target).Length);
                Assert.Equal(0, loss.Backward(new Tensor<double>(0, target.Cols)).Length);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(NamesAndReductions))]
    public void Steady_state_forward_and_backward_allocate_nothing(string name, LossReduction reduction)
    {
        var c = Case(name, "random", "none");
        var (prediction, target, w) = (c.Tensor("prediction"), c.Tensor("target"), c.Tensor("loss_grad"));
        var loss = Create(name, reduction);
        void Step()
        {
            if (reduction == LossReduction.None) { loss.ForwardUnreduced(prediction, target); loss.Backward(w); }
            else { loss.Forward(prediction, target); loss.Backward(); }
        }
        for (int i = 0; i < 5; i++) Step();   // warm up: buffers are allocated once
        var (quietest, windows) = Allocation.PerWindow(Step);
        Assert.True(quietest == 0, $"bytes allocated per 100 steps, in each window: {string.Join(", ", windows)}");
    }

    [Fact]
    public void Default_reduction_is_the_mean()
    {
        Assert.Equal(LossReduction.Mean, default(LossReduction));
        Assert.Equal(LossReduction.Mean, new CrossEntropy<double>().Reduction);
        Assert.Equal("cross-entropy", new CrossEntropy<double>().ToString());
        Assert.Equal("cross-entropy (reduction: sum)", new CrossEntropy<double>(LossReduction.Sum).ToString());
    }

    [Fact]
    public void Each_reduction_has_its_own_forward_and_backward_and_says_which_to_call()
    {
        var x = Tensor.FromRows([2.0, 0.0], [0.0, 2.0]);
        var none = new CrossEntropy<double>(LossReduction.None);
        Assert.Contains("ForwardUnreduced", Assert.Throws<InvalidOperationException>(() => none.Forward(x, [0, 1])).Message);
        none.ForwardUnreduced(x, [0, 1]);
        Assert.Contains("Backward(lossGradient)", Assert.Throws<InvalidOperationException>(() => none.Backward()).Message);
        var shape = Assert.Throws<ShapeMismatchException>(() => none.Backward(Tensor.Row(1.0, 1.0)));
        Assert.Contains("(2×1)", shape.Message);

        var mean = new CrossEntropy<double>();
        Assert.Contains("call Forward", Assert.Throws<InvalidOperationException>(() => mean.ForwardUnreduced(x, [0, 1])).Message);
        mean.Forward(x, [0, 1]);
        Assert.Contains("Backward()", Assert.Throws<InvalidOperationException>(() => mean.Backward(Tensor.Column(1.0, 1.0))).Message);

        Assert.Throws<ArgumentOutOfRangeException>(() => new MeanSquaredError<double>((LossReduction)7));
    }

    [Fact]
    public void Ones_as_loss_gradient_give_the_sum_s_gradient()
    {
        var c = Case("cross_entropy", "random", "none");
        var none = new CrossEntropy<double>(LossReduction.None);
        var sum = new CrossEntropy<double>(LossReduction.Sum);
        none.ForwardUnreduced(c.Tensor("prediction"), c.Tensor("target"));
        sum.Forward(c.Tensor("prediction"), c.Tensor("target"));
        var ones = Tensor.Ones<double>(c.Tensor("target").Rows, 1);
        Assert.Equal(0, sum.Backward().MaxAbsDifference(none.Backward(ones)));
    }
}
