using CourseKit.Activations;
using CourseKit.Gradients;
using CourseKit.Layers;
using CourseKit.Losses;
using CourseKit.Tensors;

namespace CourseKit.Tests;

public class DenseTests
{
    private static Activation<double> Create(string name) => name switch
    {
        "identity" => new Identity<double>(),
        "relu" => new Relu<double>(),
        "sigmoid" => new Sigmoid<double>(),
        "tanh" => new Tanh<double>(),
        _ => throw new ArgumentException(name),
    };

    public static TheoryData<string> Activations() => ["identity", "relu", "sigmoid", "tanh"];

    [Theory]
    [MemberData(nameof(Activations))]
    public void Forward_and_backward_match_PyTorch_Linear(string activation)
    {
        var c = Reference.Cases("feedforward.json", "dense").Single(e => e.GetProperty("activation").GetString() == activation);
        var layer = new Dense<double>(c.Tensor("W"), c.Tensor("b"), Create(activation));
        var y = layer.Forward(c.Tensor("x"));
        // Measured (every ISA path): y 1.1e-16, dx 2.2e-16, dW 4.4e-16, db 8.9e-16.
        Assertions.Close(c.Tensor("y"), y, 1e-14, "y");
        var dx = layer.Backward(c.Tensor("dy"));
        Assertions.Close(c.Tensor("dx"), dx, 1e-14, "dx");
        Assertions.Close(c.Tensor("dW"), layer.Weights.Gradient, 1e-14, "dW");
        Assertions.Close(c.Tensor("db"), layer.Bias!.Gradient, 1e-14, "db");
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void Backward_passes_finite_difference_check(string activation)
    {
        var rnd = new Random(7);
        var layer = new Dense<double>(3, 4, Create(activation), rnd);
        var x = Tensor.Normal(5, 3, 0.0, 1.0, rnd);
        var report = GradientCheck.CheckLayer(layer, x, tolerance: 5e-9);   // central differences: measured 1.2e-9
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(["W", "b", "input"], report.Select(r => r.Name));
    }

    [Fact]
    public void Gradients_accumulate_until_zeroed_like_PyTorch()
    {
        var layer = new Dense<double>(Tensor.FromRows([1.0], [2.0]), Tensor.Row(0.5));
        var x = Tensor.Row(3.0, 4.0);
        layer.Forward(x);
        layer.Backward(Tensor.Row(1.0));
        layer.Forward(x);
        layer.Backward(Tensor.Row(1.0));
        Assert.Equal(Tensor.Column(6.0, 8.0), layer.Weights.Gradient);
        Assert.Equal(Tensor.Row(2.0), layer.Bias!.Gradient);
        layer.ZeroGradients();
        Assert.Equal(0.0, layer.Weights.Gradient.Sum());
    }

    [Fact]
    public void Wrong_input_width_names_the_shapes()
    {
        var layer = new Dense<double>(3, 2, random: new Random(1));
        var ex = Assert.Throws<ShapeMismatchException>(() => layer.Forward(Tensor.Zeros<double>(4, 5)));
        Assert.Contains("(4×5)", ex.Message);
        Assert.Contains("(3×2)", ex.Message);
        Assert.Throws<InvalidOperationException>(() => new Dense<double>(3, 2, random: new Random(1)).Backward(Tensor.Zeros<double>(1, 2)));
    }

    [Fact]
    public void Seeded_initialisation_is_reproducible_and_has_the_right_scale()
    {
        var a = new Dense<double>(200, 100, new Relu<double>(), new Random(5));
        var b = new Dense<double>(200, 100, new Relu<double>(), new Random(5));
        Assert.Equal(a.Weights.Value, b.Weights.Value);
        // He uniform: U(−√(6/in), √(6/in)) has variance 2/in.
        double variance = a.Weights.Value.Map(w => w * w).Mean();
        Assert.Equal(2.0 / 200, variance, 0.0015);
        Assert.True(a.Weights.Value.Max() <= Math.Sqrt(6.0 / 200));
        var xavier = new Dense<double>(200, 100, new Tanh<double>(), new Random(5));
        Assert.Equal(2.0 / 300, xavier.Weights.Value.Map(w => w * w).Mean(), 0.001);
        Assert.Equal(0.0, a.Bias!.Value.Sum());
    }

    [Fact]
    public void Sequential_composes_like_the_slide_and_passes_gradient_check()
    {
        var rnd = new Random(11);
        var model = new Sequential<double>(
            new Dense<double>(4, 5, new Tanh<double>(), rnd),
            new Dense<double>(5, 3, new Sigmoid<double>(), rnd),
            new Dense<double>(3, 2, null, rnd));
        var i = Tensor.Normal(6, 4, 0.0, 1.0, rnd);
        // o = g(g(g(i W¹) W²) W³), written out by hand.
        var d = model.Layers.Cast<Dense<double>>().ToArray();
        var expected = ((new Sigmoid<double>().Apply(new Tanh<double>().Apply(i.MatMul(d[0].Weights.Value) + d[0].Bias!.Value)
            .MatMul(d[1].Weights.Value) + d[1].Bias!.Value)).MatMul(d[2].Weights.Value)) + d[2].Bias!.Value;
        Assertions.Close(expected, model.Predict(i), 1e-14);
        Assert.Equal(["layer1.W", "layer1.b", "layer2.W", "layer2.b", "layer3.W", "layer3.b"], model.Parameters.Select(p => p.Name));
        Assert.Equal(4 * 5 + 5 + 5 * 3 + 3 + 3 * 2 + 2, model.ParameterCount);
        var y = Tensor.Column(0.0, 1.0, 1.0, 0.0, 1.0, 0.0);
        var report = GradientCheck.Check(model, new CrossEntropy<double>(), i, y, tolerance: 1e-9);   // measured 1.2e-10
        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void Explain_writes_out_i_times_W_then_bias_then_g_with_numbers()
    {
        var layer = new Dense<double>(Tensor.FromRows([1.0, 1.0], [1.0, 1.0]), Tensor.Row(0.0, -1.0), new Relu<double>());
        var work = layer.Explain(Tensor.Row(1.0, 1.0));
        Assert.Equal(3, work.Count);
        Assert.Equal(Tensor.Row(2.0, 2.0), work[0].Result);
        Assert.Equal(Tensor.Row(2.0, 1.0), work[1].Result);
        Assert.Equal(Tensor.Row(2.0, 1.0), work.Result);
        Assert.Contains(@"\begin{bmatrix} 1 & 1 \end{bmatrix} \times \begin{bmatrix} 1 & 1 \\ 1 & 1 \end{bmatrix}", work[0].ToLatex());
        Assert.Equal(@"\mathbf{o}", work[2].Name);
        Assert.StartsWith(@"\mathbf{o} = \max(0,\ \mathbf{i} \times \mathbf{W} + \mathbf{b})", work[2].ToLatex());
        var unit = layer.ExplainUnit(Tensor.Row(1.0, 1.0), 1);
        Assert.Equal(1.0, unit.Result[0, 0]);
        Assert.Contains(@"1 \cdot 1 + 1 \cdot 1 + (-1)", unit[0].Numeric);
        Assert.Equal("Unit 2: o = ReLU(Σₖ iₖ wₖ,₂ + b)", unit.Title);
        Assert.Equal("Unit 12: o = ReLU(Σₖ iₖ wₖ,₁₂)", new Dense<double>(2, 12, new Relu<double>(), new Random(0), bias: false).ExplainUnit(Tensor.Row(1.0, 1.0), 11).Title);
        var xor = Examples.Xor.SlideNetwork<double>().Explain(Examples.Xor.Inputs<double>());
        Assert.Equal(Tensor.FromRows([0.0, 0.0], [1.0, 0.0], [1.0, 0.0], [2.0, 1.0]), xor[2].Result);
        Assert.Equal(@"\mathbf{h}^{1}", xor[2].Name);
        Assert.Equal(Tensor.Column(0.0, 1.0, 1.0, 0.0), xor.Result);
    }
}

public class GradientCheckTests
{
    private sealed class WrongGradient : CourseKit.Layers.Layer<double>
    {
        // y = x², but backward claims dy/dx = x (the factor 2 forgotten): a gradient check must catch it.
        private Tensor<double>? x;
        public override Tensor<double> ForwardBorrowed(Tensor<double> input) { x = input; return input.Hadamard(input); }
        public override Tensor<double> Backward(Tensor<double> g) => g.Hadamard(x!);
    }

    [Fact]
    public void A_wrong_backward_pass_fails_the_check_and_prints_both_gradients()
    {
        var report = CourseKit.Gradients.GradientCheck.CheckLayer(new WrongGradient(), Tensor.Row(1.0, -2.0, 3.0));
        Assert.False(report.Passed);
        var input = report.Single(c => c.Name == "input");
        Assertions.Close(input.Numeric, input.Analytic.Scale(2.0), 5e-9);   // finite differences: measured 1.6e-9
        Assert.Contains("analytic", report.ToString());
        Assert.Contains("FAILED", report.ToString());
        Assert.Throws<InvalidOperationException>(() => report.ThrowIfFailed());
    }
}

public class AllocationTests
{
    [Fact]
    public void A_steady_state_training_step_allocates_nothing()
    {
        var rnd = new Random(1);
        var model = new Sequential<double>(new Dense<double>(8, 16, new Relu<double>(), rnd), new Dense<double>(16, 3, null, rnd));
        var loss = new CrossEntropy<double>();
        var adam = new CourseKit.Optimizers.Adam<double>(model.Parameters, 0.01);
        var x = Tensor.Normal(32, 8, 0.0, 1.0, rnd);
        var y = Tensor.Column(Enumerable.Range(0, 32).Select(i => (double)(i % 3)).ToArray());
        void Step()
        {
            adam.ZeroGradients();
            loss.Forward(model.ForwardBorrowed(x), y);   // the opt-in that lends the layer's buffer
            model.Backward(loss.Backward());
            adam.Step();
        }
        for (int i = 0; i < 5; i++) Step();   // warm up: buffers are allocated once
        // A step that allocates does so in every window; the runtime's own one-time work (installing recompiled code
        // while the machine is busy) can land in one window, so the quietest of a few windows is the step's own count.
        var windows = new List<long>();
        for (int w = 0; w < 5 && (windows.Count == 0 || windows.Min() > 0); w++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++) Step();
            windows.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.True(windows.Min() == 0, $"bytes allocated per 100 steps, in each window: {string.Join(", ", windows)}");
    }
}

public class InputGradientSwitchTests
{
    [Fact]
    public void First_layer_can_skip_the_input_gradient_without_changing_weight_gradients()
    {
        Sequential<double> Net() => new(new Dense<double>(3, 4, new CourseKit.Activations.Relu<double>(), new Random(1)), new Dense<double>(4, 2, null, new Random(2)));
        var x = Tensor.Normal(5, 3, 0.0, 1.0, new Random(3));
        var dy = Tensor.Normal(5, 2, 0.0, 1.0, new Random(4));
        var full = Net();
        var lean = Net();
        lean.ComputesInputGradient = false;
        Assert.False(lean.Layers[0].ComputesInputGradient);
        full.Forward(x);
        lean.Forward(x);
        var dx = full.Backward(dy);
        Assert.Equal((5, 3), (dx.Rows, dx.Cols));
        var empty = lean.Backward(dy);
        Assert.Equal(5, empty.Rows);
        Assert.Equal(0, empty.Cols);
        for (int p = 0; p < full.Parameters.Count; p++) Assert.Equal(full.Parameters[p].Gradient, lean.Parameters[p].Gradient);
    }
}
