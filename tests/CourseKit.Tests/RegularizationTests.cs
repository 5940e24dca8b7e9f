using CourseKit.Gradients;
using CourseKit.Layers;
using CourseKit.Regularization;
using CourseKit.Tensors;

namespace CourseKit.Tests;

public class DropoutTests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    public void Zeroes_a_fraction_p_and_scales_kept_values_by_one_over_one_minus_p(double p)
    {
        var x = Tensor.Uniform(400, 250, 1.0, 2.0, new Random(3));   // 100k elements, none zero
        var dropout = new Dropout<double>(p, 42);
        var y = dropout.Forward(x);
        int zeros = 0;
        double scale = 1.0 / (1.0 - p);
        for (int i = 0; i < x.Length; i++)
        {
            double yi = y.ReadOnlySpan[i], xi = x.ReadOnlySpan[i];
            if (yi == 0) { zeros++; Assert.Equal(0.0, dropout.Mask!.ReadOnlySpan[i]); continue; }
            Assert.Equal(xi * scale, yi);                              // exactly, as PyTorch: x · (1/(1−p))
            Assert.Equal(xi / (1 - p), yi, 1e-15 * Math.Abs(yi));
            Assert.Equal(scale, dropout.Mask!.ReadOnlySpan[i]);
        }
        // Binomial std of the fraction is √(p(1−p)/n) ≤ 0.0016 for n = 100 000: 0.01 is over 6 standard deviations.
        Assert.Equal(p, zeros / (double)x.Length, 0.01);
    }

    [Fact]
    public void Preserves_the_mean_in_expectation()
    {
        var x = Tensor.Full(500, 200, 3.0);
        var y = new Dropout<double>(0.3, 1).Forward(x);
        Assert.Equal(3.0, y.Mean(), 0.03);
        // Without the 1/(1−p) scale the mean would be 0.7·3 = 2.1: the check is sharp enough to see that.
        Assert.NotEqual(2.1, y.Mean(), 0.5);
    }

    [Fact]
    public void Evaluation_mode_is_exactly_the_identity_forward_and_backward()
    {
        var rnd = new Random(5);
        var x = Tensor.Normal(7, 9, 0.0, 1.0, rnd);
        var dropout = new Dropout<double>(0.5, 9) { IsTraining = false };
        Assert.Equal(x, dropout.Forward(x));
        var dy = Tensor.Normal(7, 9, 0.0, 1.0, rnd);
        Assert.Equal(dy, dropout.Backward(dy));
        Assert.Null(dropout.Mask);
        // Back in training mode it does drop elements.
        dropout.IsTraining = true;
        Assert.NotEqual(x, dropout.Forward(x));
    }

    [Fact]
    public void P_zero_is_the_identity_in_training()
    {
        var x = Tensor.Normal(4, 6, 0.0, 1.0, new Random(2));
        var dropout = new Dropout<double>(0.0, 1);
        Assert.Equal(x, dropout.Forward(x));
        Assert.Equal(x, dropout.Backward(x));
    }

    [Fact]
    public void Backward_multiplies_by_the_same_scaled_mask()
    {
        var rnd = new Random(8);
        var x = Tensor.Normal(20, 30, 0.0, 1.0, rnd);
        var dropout = new Dropout<double>(0.4, 3);
        var y = dropout.Forward(x).Clone();
        var mask = dropout.Mask!;
        var dy = Tensor.Normal(20, 30, 0.0, 1.0, rnd);
        var dx = dropout.Backward(dy);
        Assert.Equal(dy.Hadamard(mask), dx);
        Assert.Equal(x.Hadamard(mask), y);
        for (int i = 0; i < y.Length; i++) Assert.Equal(y.ReadOnlySpan[i] == 0, dx.ReadOnlySpan[i] == 0);
    }

    [Fact]
    public void Same_seed_gives_the_same_masks_and_a_new_mask_is_drawn_each_pass()
    {
        var x = Tensor.Ones<double>(10, 10);
        var a = new Dropout<double>(0.5, 11);
        var b = new Dropout<double>(0.5, new Random(11));
        Assert.Equal(a.Forward(x), b.Forward(x));
        var first = a.Mask!;
        Assert.Equal(first, b.Mask);
        a.Forward(x);
        Assert.NotEqual(first, a.Mask);
        Assert.NotEqual(new Dropout<double>(0.5, 12).Forward(x), new Dropout<double>(0.5, 11).Forward(x));
    }

    [Fact]
    public void Frozen_mask_is_reused_until_the_shape_changes()
    {
        var x = Tensor.Ones<double>(6, 8);
        var dropout = new Dropout<double>(0.5, 4) { FreezeMask = true };
        dropout.Forward(x);
        var mask = dropout.Mask!;
        dropout.Forward(x);
        Assert.Same(mask, dropout.Mask);
        dropout.Forward(Tensor.Ones<double>(3, 8));
        Assert.Equal((3, 8), (dropout.Mask!.Rows, dropout.Mask.Cols));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void P_outside_zero_to_one_is_rejected(double p)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout<double>(p, 1));
        Assert.Equal("p", ex.ParamName);
        Assert.Contains("[0, 1)", ex.Message);
    }

    [Fact]
    public void Backward_before_forward_and_wrong_gradient_shape_are_clear_errors()
    {
        var dropout = new Dropout<double>(0.5, 1);
        Assert.Throws<InvalidOperationException>(() => dropout.Backward(Tensor.Ones<double>(2, 2)));
        dropout.Forward(Tensor.Ones<double>(2, 2));
        Assert.Throws<ShapeMismatchException>(() => dropout.Backward(Tensor.Ones<double>(2, 3)));
    }

    [Fact]
    public void Passes_the_gradient_check_with_a_frozen_mask_and_fails_without()
    {
        var x = Tensor.Normal(5, 6, 0.0, 1.0, new Random(13));
        var frozen = new Dropout<double>(0.5, 21) { FreezeMask = true };
        var report = GradientCheck.CheckLayer(frozen, x, tolerance: 3e-9);   // measured 5.5e-10
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(["input"], report.Select(r => r.Name));
        // Redrawing the mask on every forward pass makes the finite differences meaningless: the check must notice.
        Assert.False(GradientCheck.CheckLayer(new Dropout<double>(0.5, 21), x, tolerance: 1e-8).Passed);
    }

    [Fact]
    public void Works_in_float_inside_a_sequential_model()
    {
        var rnd = new Random(2);
        var model = new Sequential<float>(new Dense<float>(4, 8, random: rnd), new Dropout<float>(0.25, rnd), new Dense<float>(8, 2, random: rnd));
        var x = Tensor.Normal(16, 4, 0f, 1f, rnd);
        Assert.Equal((16, 2), (model.Forward(x).Rows, model.Forward(x).Cols));
        Assert.Contains(model.Layers.OfType<Dropout<float>>().Single().Mask!.ReadOnlySpan.ToArray(), m => m == 0f);
        Assert.Equal("Dropout(p=0.25)", model.Layers[1].ToString());
    }
}

public class WeightPenaltyTests
{
    private static Parameter<double>[] Parameters() =>
    [
        new("layer1.W", Tensor.FromRows([1.0, -2.0], [0.0, 3.0])),
        new("layer1.b", Tensor.Row(0.5, -4.0)),
        new("layer2.W", Tensor.Column(-0.25, 2.0)),
    ];

    [Fact]
    public void L2_is_lambda_times_the_sum_of_squares_with_gradient_two_lambda_w()
    {
        var ps = Parameters();
        var l2 = new L2Penalty<double>(0.1);
        // Weights only: 1 + 4 + 0 + 9 + 0.0625 + 4 = 18.0625, times λ = 0.1 (not λ/2).
        Assert.Equal(1.80625, l2.Value(ps), 1e-15);
        l2.AddGradient(ps);
        Assertions.Close(Tensor.FromRows([0.2, -0.4], [0.0, 0.6]), ps[0].Gradient, 1e-15, "dW1");
        Assertions.Close(Tensor.Column(-0.05, 0.4), ps[2].Gradient, 1e-15, "dW2");
        Assert.Equal(Tensor.Row(0.0, 0.0), ps[1].Gradient);   // the bias is skipped
    }

    [Fact]
    public void L1_is_lambda_times_the_sum_of_magnitudes_with_gradient_lambda_sign_w_and_sign_zero_is_zero()
    {
        var ps = Parameters();
        var l1 = new L1Penalty<double>(0.5);
        // Weights only: 1 + 2 + 0 + 3 + 0.25 + 2 = 8.25, times λ = 0.5.
        Assert.Equal(4.125, l1.Value(ps), 1e-15);
        l1.AddGradient(ps);
        Assert.Equal(Tensor.FromRows([0.5, -0.5], [0.0, 0.5]), ps[0].Gradient);
        Assert.Equal(Tensor.Column(-0.5, 0.5), ps[2].Gradient);
        Assert.Equal(Tensor.Row(0.0, 0.0), ps[1].Gradient);
    }

    [Fact]
    public void Biases_are_included_only_when_asked()
    {
        var ps = Parameters();
        var l2 = new L2Penalty<double>(0.1, PenaltyScope.AllParameters);
        Assert.Equal(0.1 * (18.0625 + 0.25 + 16), l2.Value(ps), 1e-15);   // measured: equal
        l2.AddGradient(ps);
        Assertions.Close(Tensor.Row(0.1, -0.8), ps[1].Gradient, 1e-15, "db1");
        Assert.Equal(0.5 * (8.25 + 4.5), new L1Penalty<double>(0.5, PenaltyScope.AllParameters).Value(ps), 1e-15);
        var weightsOnly = new L1Penalty<double>(0.5);
        Assert.Equal([true, false, true], ps.Select(weightsOnly.Penalizes));
        Assert.Equal("L1(λ=0.5, weights only)", weightsOnly.ToString());
    }

    [Fact]
    public void AddGradient_accumulates_into_what_backward_left()
    {
        var ps = Parameters();
        ps[0].Gradient.Fill(1.0);
        new L2Penalty<double>(0.1).AddGradient(ps);
        Assertions.Close(Tensor.FromRows([1.2, 0.6], [1.0, 1.6]), ps[0].Gradient, 1e-15, "dW1");
    }

    public static TheoryData<string> Kinds() => ["L1", "L2"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Gradient_matches_finite_differences_of_Value(string kind)
    {
        var rnd = new Random(17);
        var model = new Sequential<double>(new Dense<double>(4, 5, random: rnd), new Dense<double>(5, 3, random: rnd));
        foreach (var p in model.Parameters) Tensor.Normal(p.Value.Rows, p.Value.Cols, 0.0, 1.0, rnd).CopyTo(p.Value);
        WeightPenalty<double> penalty = kind == "L1"
            ? new L1Penalty<double>(0.3, PenaltyScope.AllParameters)
            : new L2Penalty<double>(0.3, PenaltyScope.AllParameters);
        model.ZeroGradients();
        penalty.AddGradient(model.Parameters);
        const double eps = 1e-6;
        foreach (var p in model.Parameters)
        {
            var numeric = new Tensor<double>(p.Value.Rows, p.Value.Cols);
            var v = p.Value.Span;
            for (int i = 0; i < v.Length; i++)
            {
                double saved = v[i];
                v[i] = saved + eps;
                double plus = penalty.Value(model.Parameters);
                v[i] = saved - eps;
                double minus = penalty.Value(model.Parameters);
                v[i] = saved;
                numeric.Span[i] = (plus - minus) / (2 * eps);
            }
            var cmp = GradientCheck.Compare(p.Name, p.Gradient, numeric, 1e-8);   // central differences: measured 2.4e-9
            Assert.True(cmp.Approximate, cmp.ToString());
        }
    }

    [Fact]
    public void Lambda_must_be_finite_and_not_negative_and_zero_adds_nothing()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new L2Penalty<double>(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new L1Penalty<double>(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new L1Penalty<double>(double.PositiveInfinity));
        var ps = Parameters();
        ps[0].Value[0, 0] = double.NaN;
        new L2Penalty<double>(0).AddGradient(ps);
        Assert.Equal(0.0, ps[0].Gradient.Sum());
    }

    [Fact]
    public void Works_in_float()
    {
        var w = new Parameter<float>("W", Tensor.Row(1f, -2f, 0f));
        Assert.Equal(2.5f, new L2Penalty<float>(0.5).Value([w]));
        new L1Penalty<float>(0.5).AddGradient([w]);
        Assert.Equal(Tensor.Row(0.5f, -0.5f, 0f), w.Gradient);
    }
}

public class GaussianNoiseTests
{
    [Fact]
    public void Adds_noise_with_mean_zero_and_standard_deviation_sigma()
    {
        var x = Tensor.Full(400, 250, 2.0);
        var layer = new GaussianNoise<double>(0.3, 7);
        var noise = layer.Forward(x) - x;
        Assertions.Close(noise, layer.Noise!, 1e-15, "noise");
        // n = 100 000: the mean's std is 0.3/√n ≈ 0.001, the sample std's ≈ 0.3/√(2n) ≈ 0.0007.
        Assert.Equal(0.0, noise.Mean(), 0.005);
        double std = Math.Sqrt(noise.Map(e => e * e).Mean());
        Assert.Equal(0.3, std, 0.005);
    }

    [Fact]
    public void Evaluation_is_the_identity_and_backward_passes_the_gradient_through()
    {
        var rnd = new Random(4);
        var x = Tensor.Normal(5, 4, 0.0, 1.0, rnd);
        var dy = Tensor.Normal(5, 4, 0.0, 1.0, rnd);
        var layer = new GaussianNoise<double>(1.0, 3);
        Assert.NotEqual(x, layer.Forward(x));
        Assert.Equal(dy, layer.Backward(dy));
        layer.IsTraining = false;
        Assert.Equal(x, layer.Forward(x));
        Assert.Equal(dy, layer.Backward(dy));
    }

    [Fact]
    public void Same_seed_same_noise_and_sigma_is_validated()
    {
        var x = Tensor.Zeros<double>(3, 3);
        Assert.Equal(new GaussianNoise<double>(0.5, 1).Forward(x), new GaussianNoise<double>(0.5, new Random(1)).Forward(x));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianNoise<double>(-0.1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianNoise<double>(double.NaN, 1));
        Assert.Throws<InvalidOperationException>(() => new GaussianNoise<double>(0.5, 1).Backward(x));
    }

    [Fact]
    public void Passes_the_gradient_check_at_sigma_zero()
    {
        var report = GradientCheck.CheckLayer(new GaussianNoise<double>(0.0, 1), Tensor.Normal(3, 4, 0.0, 1.0, new Random(2)), tolerance: 2e-9);   // measured 3.8e-10
        Assert.True(report.Passed, report.ToString());
    }
}

public class AugmentTests
{
    [Fact]
    public void WithNoise_appends_noisy_copies_and_repeats_the_targets()
    {
        var X = Tensor.FromRows([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]);
        var y = Tensor.Column(0.0, 1.0);
        var (bigX, bigY) = Augment.WithNoise(X, y, copies: 3, sigma: 0.1, new Random(5));
        Assert.Equal((8, 3), (bigX.Rows, bigX.Cols));
        Assert.Equal(Tensor.Column(0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0), bigY);
        for (int r = 0; r < 2; r++) Assert.Equal(X.Row(r).ToArray(), bigX.Row(r).ToArray());   // originals untouched
        for (int r = 2; r < 8; r++)
            for (int c = 0; c < 3; c++)
            {
                double d = bigX[r, c] - X[r % 2, c];
                Assert.NotEqual(0.0, d);
                Assert.True(Math.Abs(d) < 0.6, $"row {r}: noise {d} is beyond 6σ");
            }
        // The copies differ from each other, and the same seed gives the same data set.
        Assert.NotEqual(bigX.Row(2).ToArray(), bigX.Row(4).ToArray());
        Assert.Equal(bigX, Augment.WithNoise(X, y, 3, 0.1, new Random(5)).X);
        Assert.Equal(X, Augment.WithNoise(X, y, 0, 0.1, new Random(5)).X);
    }

    [Fact]
    public void WithNoise_checks_its_arguments()
    {
        var X = Tensor.Ones<double>(3, 2);
        Assert.Throws<ShapeMismatchException>(() => Augment.WithNoise(X, Tensor.Ones<double>(2, 1), 1, 0.1, new Random(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Augment.WithNoise(X, Tensor.Ones<double>(3, 1), -1, 0.1, new Random(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Augment.WithNoise(X, Tensor.Ones<double>(3, 1), 1, -0.1, new Random(1)));
    }
}
