using System.Text;
using CourseKit.Layers;
using CourseKit.Optimizers.Surfaces;
using CourseKit.Optimizers;
using CourseKit.Tensors;
using Xunit.Abstractions;

namespace CourseKit.Tests;

public class OptimizerTests(ITestOutputHelper output)
{
    // Measured (2026-12-03, AMD EPYC; the same with DOTNET_EnableAVX512F=0, DOTNET_EnableAVX=0 and
    // DOTNET_EnableHWIntrinsic=0): worst deviation from torch.optim 1.6e-15 (Adam's relative loss on Rosenbrock),
    // points within 2.8e-16. 1e-14 leaves a margin of six.
    private const double Tolerance = 1e-14;

    /// <summary>How far a trajectory must move when an option is left out or ε is rescaled: far beyond any rounding.</summary>
    private const double Visible = 1e-7;

    public static TheoryData<string, string> PyTorchCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in OptimizerReference.Cases) data.Add(c.GetProperty("name").GetString()!, c.GetProperty("surface").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(PyTorchCases))]
    public void Trajectory_matches_torch_optim(string name, string surface)
    {
        var c = OptimizerReference.Case(name, surface);
        var t = OptimizerReference.Run<double>(c);
        var (points, losses) = OptimizerReference.MaxDeviation(c, t);
        Assert.True(points <= Tolerance, $"{name} on {surface} ({t.Optimizer}): max |Δ| over points {points:E3} > {Tolerance:E0}");
        Assert.True(losses <= Tolerance, $"{name} on {surface}: max relative |Δ| over losses {losses:E3} > {Tolerance:E0}");
    }

    [Fact]
    public void Every_case_max_deviation_table()
    {
        var table = new StringBuilder("| case | optimizer | surface | max |Δ| points | max rel |Δ| losses |\n|---|---|---|---|---|\n");
        double worst = 0;
        foreach (var c in OptimizerReference.Cases)
        {
            var t = OptimizerReference.Run<double>(c);
            var (points, losses) = OptimizerReference.MaxDeviation(c, t);
            worst = Math.Max(worst, Math.Max(points, losses));
            table.Append($"| {c.GetProperty("name").GetString()} | {t.Optimizer} | {c.GetProperty("surface").GetString()} | {points:E2} | {losses:E2} |\n");
        }
        output.WriteLine(table.ToString());
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "optimizer-deviations.md"), table.ToString());
        Assert.True(worst <= Tolerance, $"worst deviation {worst:E3} > {Tolerance:E0}\n{table}");
    }

    /// <summary>Leaving out any one option of a case must move the trajectory far beyond the tolerance, or the
    /// reference would not be testing that option. One exception, found by this test: on the bowl, centred at 0, L2
    /// decay turns g = 2aθ into (2a + λ)θ, a per-coordinate rescaling that the adaptive optimizers divide out (up to
    /// ε), so their weight decay is tested on Rosenbrock only.</summary>
    [Theory]
    [MemberData(nameof(PyTorchCases))]
    public void Every_option_in_a_case_changes_its_trajectory(string name, string surface)
    {
        var c = OptimizerReference.Case(name, surface);
        bool scaleInvariant = c.GetProperty("optimizer").GetString() != "SGD" && surface == "bowl";
        foreach (var option in c.GetProperty("options").EnumerateObject())
        {
            if (scaleInvariant && option.Name == "weight_decay") continue;
            var (points, _) = OptimizerReference.MaxDeviation(c, OptimizerReference.Run<double>(c, without: option.Name));
            Assert.True(points > Visible, $"{name} on {surface} without {option.Name}: deviation only {points:E3}");
        }
    }

    /// <summary>On the tiny bowl the gradients are comparable to ε, so a different ε (or one on the wrong side of a
    /// square root) must be visible; for Adadelta the bowl is where ε dominates the first steps.</summary>
    [Theory]
    [InlineData("adagrad", "tiny_bowl")]
    [InlineData("rmsprop", "tiny_bowl")]
    [InlineData("rmsprop_centered", "tiny_bowl")]
    [InlineData("rmsprop_centered_momentum", "tiny_bowl")]
    [InlineData("adadelta", "bowl")]
    [InlineData("adam", "tiny_bowl")]
    [InlineData("adamw", "tiny_bowl")]
    public void Epsilon_matters_in_the_small_gradient_cases(string name, string surface)
    {
        var c = OptimizerReference.Case(name, surface);
        foreach (double scale in new[] { 0.5, 2.0 })
        {
            var (points, _) = OptimizerReference.MaxDeviation(c, OptimizerReference.Run<double>(c, epsilonScale: scale));
            Assert.True(points > Visible, $"{name} on {surface} with ε × {scale}: deviation only {points:E3}");
        }
    }

    [Fact]
    public void Float_trajectories_follow_the_double_reference()
    {
        var c = OptimizerReference.Case("adam", "rosenbrock");
        var (points, _) = OptimizerReference.MaxDeviation(c, OptimizerReference.Run<float>(c));
        Assert.True(points < 1e-6, $"float Adam on Rosenbrock: max |Δ| {points:E3}");   // measured 1.8e-7
    }

    [Fact]
    public void Momentum_first_step_copies_the_gradient_and_then_dampens()
    {
        var p = new Parameter<double>("θ", Tensor.FromRows([[1.0, -2.0]]));
        var opt = new Momentum<double>([p], learningRate: 0.1, momentum: 0.5, dampening: 0.25);
        p.Gradient.Span[0] = 4; p.Gradient.Span[1] = -8;
        opt.Step();
        Assert.Equal([4.0, -8.0], opt.Velocity(0).ToFlatArray());             // b = g, no dampening on step 1
        Assert.Equal([1.0 - 0.4, -2.0 + 0.8], p.Value.ToFlatArray());
        opt.Step();
        Assert.Equal([0.5 * 4 + 0.75 * 4, 0.5 * -8 + 0.75 * -8], opt.Velocity(0).ToFlatArray());
    }

    [Fact]
    public void Nesterov_needs_undamped_momentum()
    {
        var p = new Parameter<double>("θ", new Tensor<double>(1, 2));
        Assert.Throws<ArgumentException>(() => new Momentum<double>([p], 0.1, momentum: 0.9, dampening: 0.1, nesterov: true));
        Assert.Throws<ArgumentException>(() => new Momentum<double>([p], 0.1, momentum: 0, nesterov: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adagrad<double>([p], weightDecay: -1));
    }

    [Fact]
    public void Weight_decay_is_added_to_the_gradient_in_GradientDescent_and_Adam()
    {
        var p = new Parameter<double>("θ", Tensor.FromRows([[2.0, -1.0]]));
        p.Gradient.Span[0] = 0.5; p.Gradient.Span[1] = 0.25;
        new GradientDescent<double>([p], 0.1, weightDecay: 0.5).Step();
        Assert.Equal([2.0 - 0.1 * (0.5 + 1.0), -1.0 - 0.1 * (0.25 - 0.5)], p.Value.ToFlatArray());

        // Adam's first step is η g / (|g| + ε) = η sign(g) (up to ε), so an L2 term that flips the gradient's sign
        // flips the step: g = 0.5 + 1.0 θ is 2.5 at θ = 2 and −1.5 at θ = −2.
        var q = new Parameter<double>("θ", Tensor.FromRows([[2.0]]));
        q.Gradient.Span[0] = 0.5;
        new Adam<double>([q], 0.1, weightDecay: 1.0).Step();
        Assert.Equal(2.0 - 0.1 * 2.5 / (2.5 + 1e-8), q.Value[0, 0], 1e-15);     // ≈ 1.9; measured: equal
        var r = new Parameter<double>("θ", Tensor.FromRows([[-2.0]]));
        r.Gradient.Span[0] = 0.5;
        new Adam<double>([r], 0.1, weightDecay: 1.0).Step();
        Assert.Equal(-2.0 + 0.1 * 1.5 / (1.5 + 1e-8), r.Value[0, 0], 1e-15);    // ≈ −1.9
    }

    [Fact]
    public void AdamW_shrinks_the_weights_before_the_Adam_step()
    {
        var p = new Parameter<double>("θ", Tensor.FromRows([[2.0]]));
        p.Gradient.Span[0] = 0.5;
        var opt = new AdamW<double>([p], 0.1);
        Assert.Equal(0.01, opt.WeightDecay);
        opt.Step();
        Assert.Equal(2.0 * (1 - 0.1 * 0.01) - 0.1 * 0.5 / (0.5 + 1e-8), p.Value[0, 0], 1e-15);   // the Adam step is η g / (|g| + ε)
        Assert.Equal("AdamW", opt.Name);
    }
}
