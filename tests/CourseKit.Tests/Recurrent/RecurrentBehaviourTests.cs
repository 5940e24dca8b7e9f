using CourseKit.Gradients;
using CourseKit.Recurrent.Architectures;
using CourseKit.Recurrent;
using CourseKit.Tensors;
using CourseKit.Training;

namespace CourseKit.Tests.Recurrent;

/// <summary>Finite-difference checks, padding, slide weight import, worked steps, clipping and error messages.</summary>
public class RecurrentBehaviourTests
{
    private static SequenceBatch<double> RandomBatch(int steps, int batch, int features, int seed, int[]? lengths = null)
    {
        var data = Tensor.Normal(steps * batch, features, 0.0, 1.0, new Random(seed));
        return new SequenceBatch<double>(data, steps, batch, lengths);
    }

    public static TheoryData<string> Cells => ["rnn_tanh", "rnn_relu", "rnn_identity", "lstm", "gru", "gru_reset_before"];

    private static RecurrentCell<double> NewCell(string kind, int inputs, int hidden, int seed)
    {
        var random = new Random(seed);
        return kind switch
        {
            "rnn_tanh" => new SimpleRnnCell<double>(inputs, hidden, RnnNonlinearity.Tanh, random),
            "rnn_relu" => new SimpleRnnCell<double>(inputs, hidden, RnnNonlinearity.Relu, random),
            "rnn_identity" => new SimpleRnnCell<double>(inputs, hidden, RnnNonlinearity.None, random),
            "lstm" => new LstmCell<double>(inputs, hidden, random),
            "gru" => new GruCell<double>(inputs, hidden, GruResetPlacement.AfterMatmul, random),
            _ => new GruCell<double>(inputs, hidden, GruResetPlacement.BeforeMatmul, random),
        };
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Backprop_through_time_matches_finite_differences_with_padding(string kind)
    {
        var layer = new RecurrentLayer<double>(NewCell(kind, 3, 4, 7)) { InitialState = Tensor.Normal(2, 4, 0.0, 0.5, new Random(3)) };
        // Central differences (ε = 1e-6) are good to about 1e-9 here: measured max 2.7e-9 relative and absolute
        // (reset-before GRU), so 1e-8 is what the method allows.
        var report = GradientCheck.CheckSequenceLayer(layer, RandomBatch(5, 2, 3, 11, [5, 3]), seed: 1, tolerance: 1e-8);
        Assert.True(report.Passed, report.ToString());
        Assert.True(report.MaxDifference < 1e-8, report.ToString());
    }

    [Theory]
    [InlineData("gru_reset_before")]
    [InlineData("lstm")]
    public void Bidirectional_and_stacked_layers_match_finite_differences(string kind)
    {
        var bi = new Bidirectional<double>(NewCell(kind, 3, 3, 1), NewCell(kind, 3, 3, 2));
        var stack = new StackedRecurrent<double>(bi, new RecurrentLayer<double>(NewCell(kind, 6, 2, 3)));
        var report = GradientCheck.CheckSequenceLayer(stack, RandomBatch(4, 3, 3, 5, [4, 1, 3]), seed: 2, tolerance: 3e-9);   // measured 5.9e-10
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(["layer1.forward.W_ih", "layer1.forward.W_hh"], stack.Parameters.Take(2).Select(p => p.Name));
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Padded_positions_change_neither_outputs_nor_gradients(string kind)
    {
        // Sequence 0 alone, and the same sequence in a batch beside a longer one, padded with junk.
        var alone = RandomBatch(3, 1, 2, 21);
        var padded = RandomBatch(6, 2, 2, 22, [3, 6]);
        for (int t = 0; t < 3; t++) alone.At(t, 0).CopyTo(padded.At(t, 0));
        for (int t = 3; t < 6; t++) padded.At(t, 0).Fill(1e3);            // junk a masking bug would feel

        var single = new RecurrentLayer<double>(NewCell(kind, 2, 3, 5));
        var batched = new RecurrentLayer<double>(NewCell(kind, 2, 3, 5));
        var outAlone = single.Forward(alone).Clone();
        var outBatch = batched.Forward(padded).Clone();
        for (int t = 0; t < 3; t++)
            Assert.Equal(outAlone.Row(t).ToArray(), outBatch.Row(t * 2).ToArray());
        for (int t = 3; t < 6; t++) Assert.All(outBatch.Row(t * 2).ToArray(), v => Assert.Equal(0.0, v));
        Assert.Equal(single.FinalState.Row(0).ToArray(), batched.FinalState.Row(0).ToArray());

        // Gradient only through sequence 0: the batch's parameter gradients must equal the lone sequence's.
        var gAlone = Tensor.Normal(3, 3, 0.0, 1.0, new Random(9));
        var gBatch = new Tensor<double>(12, 3);
        for (int t = 0; t < 3; t++) gAlone.Row(t).CopyTo(gBatch.Row(t * 2));
        for (int t = 3; t < 6; t++) gBatch.Row(t * 2).Fill(5.0);           // gradient offered at padding is ignored
        single.Backward(gAlone);
        var dx = batched.Backward(gBatch);
        for (int k = 0; k < 4; k++)
            Assertions.Close(single.Parameters[k].Gradient, batched.Parameters[k].Gradient, 1e-15, single.Parameters[k].Name);   // measured: equal
        for (int t = 3; t < 6; t++) Assert.All(dx.Row(t * 2).ToArray(), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Reversed_layer_reads_each_sequence_from_its_own_end()
    {
        var layer = new RecurrentLayer<double>(NewCell("gru", 2, 3, 4), reverse: true);
        var alone = RandomBatch(2, 1, 2, 30);
        var padded = RandomBatch(4, 2, 2, 31, [2, 4]);
        for (int t = 0; t < 2; t++) alone.At(t, 0).CopyTo(padded.At(t, 0));
        var a = layer.Forward(alone).Clone();
        var finalAlone = layer.FinalState.Clone();
        var p = layer.Forward(padded);
        Assert.Equal(a.Row(0).ToArray(), p.Row(0).ToArray());
        Assert.Equal(a.Row(1).ToArray(), p.Row(2).ToArray());
        Assert.Equal(finalAlone.Row(0).ToArray(), layer.FinalState.Row(0).ToArray());
        Assert.Equal([2, 1], layer.Trace(0).Steps.Select(s => s.Time));
    }

    [Fact]
    public void Slide_lstm_weights_land_in_the_right_blocks()
    {
        var r = new Random(5);
        (Tensor<double>, Tensor<double>, Tensor<double>?) Gate() =>
            (Tensor.Normal(2, 2, 0.0, 1.0, r), Tensor.Normal(2, 3, 0.0, 1.0, r), Tensor.Normal(2, 1, 0.0, 1.0, r));
        var f = Gate(); var i = Gate(); var c = Gate(); var o = Gate();
        var cell = LstmCell<double>.FromSlide(f, i, c, o);
        Assert.Equal(["i", "f", "g", "o"], cell.GateNames);
        Assert.Equal(f.Item1, cell.GateMatrices(1).W);
        Assert.Equal(f.Item2, cell.GateMatrices(1).U);
        Assert.Equal(o.Item3, cell.GateMatrices(3).b);

        // The slide's equations computed by hand in column form.
        var x = Tensor.Column(0.5, -1.0, 2.0);
        var h = Tensor.Column(0.1, -0.3);
        var cPrev = Tensor.Column(0.7, -0.2);
        var sig = new CourseKit.Activations.Sigmoid<double>();
        var tanh = new CourseKit.Activations.Tanh<double>();
        Tensor<double> Pre((Tensor<double> W, Tensor<double> U, Tensor<double>? b) g) => g.b! + g.W.MatMul(h) + g.U.MatMul(x);
        var ft = sig.Apply(Pre(f)); var it = sig.Apply(Pre(i)); var ot = sig.Apply(Pre(o)); var ct = tanh.Apply(Pre(c));
        var cNew = ft.Hadamard(cPrev) + it.Hadamard(ct);
        var hNew = ot.Hadamard(tanh.Apply(cNew));

        var step = cell.Step(x, h, cPrev);
        Assertions.Close(cNew.Transpose(), step["c"], 1e-15, "c");
        Assertions.Close(hNew.Transpose(), step["h"], 1e-15, "h");
        var work = cell.ExplainStep(x, h, cPrev);
        Assert.Equal(6, work.Count);
        Assertions.Close(hNew, work.Result, 1e-15, "worked h");
        Assert.Contains(@"\mathbf{W}_{f} \mathbf{h}^{(t-1)}", work.ToLatex());
    }

    [Fact]
    public void Slide_gru_computes_the_slide_equations_with_reset_before_the_product()
    {
        var r = new Random(6);
        (Tensor<double>, Tensor<double>, Tensor<double>?) Gate() =>
            (Tensor.Normal(2, 2, 0.0, 1.0, r), Tensor.Normal(2, 2, 0.0, 1.0, r), Tensor.Normal(2, 1, 0.0, 1.0, r));
        var u = Gate(); var rs = Gate(); var hh = Gate();
        var cell = GruCell<double>.FromSlide(u, rs, hh);
        var x = Tensor.Column(1.0, -2.0);
        var h = Tensor.Column(0.4, -0.6);
        var sig = new CourseKit.Activations.Sigmoid<double>();
        var tanh = new CourseKit.Activations.Tanh<double>();
        var ut = sig.Apply(u.Item3! + u.Item1.MatMul(h) + u.Item2.MatMul(x));
        var rt = sig.Apply(rs.Item3! + rs.Item1.MatMul(h) + rs.Item2.MatMul(x));
        var candidate = tanh.Apply(hh.Item3! + hh.Item1.MatMul(rt.Hadamard(h)) + hh.Item2.MatMul(x));
        var expected = (Tensor.Full(2, 1, 1.0) - ut).Hadamard(h) + ut.Hadamard(candidate);

        var step = cell.Step(x, h);
        Assertions.Close(expected.Transpose(), step["h"], 1e-15, "h");
        Assertions.Close(candidate.Transpose(), step["h̃"], 1e-15, "h̃");
        var work = cell.ExplainStep(x, h);
        Assertions.Close(expected, work.Result, 1e-15, "worked h");
        Assert.Contains(@"(\mathbf{r}^{(t)} \odot \mathbf{h}^{(t-1)})", work.ToLatex());
    }

    [Fact]
    public void Reset_placements_are_different_functions()
    {
        var before = new GruCell<double>(2, 2, GruResetPlacement.BeforeMatmul, new Random(1));
        var after = new GruCell<double>(2, 2, GruResetPlacement.AfterMatmul, new Random(1));
        var x = Tensor.Column(1.0, 0.5);
        var h = Tensor.Column(0.9, -0.8);
        Assert.True(before.Step(x, h)["h"].MaxAbsDifference(after.Step(x, h)["h"]) > 1e-3);
        Assert.Equal(3 * (2 * 2 + 2 * 2 + 2 + 2), after.ParameterCount);
    }

    [Fact]
    public void PyTorch_import_transposes_the_stacked_weights()
    {
        var cell = new LstmCell<double>(3, 2);
        var weightIh = Tensor.Normal(8, 3, 0.0, 1.0, new Random(1));
        var weightHh = Tensor.Normal(8, 2, 0.0, 1.0, new Random(2));
        var bias = Tensor.Normal(1, 8, 0.0, 1.0, new Random(3));
        cell.SetFromPyTorch(weightIh, weightHh, bias, null);
        Assert.Equal(weightIh.Transpose(), cell.InputWeights.Value);
        Assert.Equal(weightHh.Transpose(), cell.HiddenWeights.Value);
        Assert.Equal(bias, cell.InputBias.Value);
        Assert.All(cell.HiddenBias.Value.ToFlatArray(), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Clipping_rescales_the_joint_norm_like_pytorch()
    {
        var layer = new RecurrentLayer<double>(new SimpleRnnCell<double>(1, 1));
        var ps = layer.Parameters;
        ps[0].Gradient[0, 0] = 3; ps[1].Gradient[0, 0] = 4; ps[2].Gradient[0, 0] = 0; ps[3].Gradient[0, 0] = 0;
        double norm = GradientClipping.ClipNorm(ps, 1.0);
        Assert.Equal(5.0, norm, 1e-15);
        Assert.Equal(3 / (5 + 1e-6), ps[0].Gradient[0, 0], 1e-15);
        Assert.Equal(4 / (5 + 1e-6), ps[1].Gradient[0, 0], 1e-15);
        Assert.Equal(5 / (5 + 1e-6), GradientClipping.ClipNorm(ps, 10.0), 1e-15);     // under the limit: unchanged
        Assert.Equal(3 / (5 + 1e-6), ps[0].Gradient[0, 0], 1e-15);
        GradientClipping.ClipValue(ps, 0.5);
        Assert.Equal(0.5, ps[0].Gradient[0, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipNorm(ps, 0));
    }

    [Fact]
    public void Bad_input_gets_clear_errors()
    {
        var layer = new RecurrentLayer<double>(new LstmCell<double>(3, 2));
        var e = Assert.Throws<ShapeMismatchException>(() => layer.Forward(RandomBatch(2, 1, 4, 1)));
        Assert.Contains("4 features", e.Message);
        Assert.Contains("(3×8)", e.Message);
        var h0 = Assert.Throws<ShapeMismatchException>(() => layer.Forward(RandomBatch(2, 2, 3, 1), Tensor.Zeros<double>(3, 2)));
        Assert.Contains("(3×2)", h0.Message);
        Assert.Throws<InvalidOperationException>(() => new RecurrentLayer<double>(new GruCell<double>(1, 1)).Backward(null));
        Assert.Throws<ArgumentException>(() => RandomBatch(2, 2, 1, 1, [3, 1]));
        var stackError = Assert.Throws<ShapeMismatchException>(() =>
            new StackedRecurrent<double>(new RecurrentLayer<double>(new GruCell<double>(2, 3)), new RecurrentLayer<double>(new GruCell<double>(2, 3))));
        Assert.Contains("takes 2 inputs", stackError.Message);
    }
}

/// <summary>Steady-state recurrent training steps reuse their buffers: nothing on the managed heap.</summary>
public class RecurrentAllocationTests
{
    [Theory]
    [InlineData(CellKind.Lstm, false)]
    [InlineData(CellKind.Gru, false)]
    [InlineData(CellKind.GruSlides, false)]
    [InlineData(CellKind.SimpleRnn, false)]
    [InlineData(CellKind.Gru, true)]
    public void Forward_backward_and_adam_allocate_nothing_after_the_first_step(CellKind kind, bool bidirectional)
    {
        var random = new Random(1);
        var layer = RecurrentEncoder.Create<float>(kind, 8, 16, bidirectional, random: random);
        var input = new SequenceBatch<float>(Tensor.Normal(6 * 4, 8, 0f, 1f, random), 6, 4, [6, 3, 5, 6]);
        var gradient = Tensor.Normal(6 * 4, layer.OutputSize, 0f, 1f, random);
        var adam = new CourseKit.Optimizers.Adam<float>(layer.Parameters, 1e-3);
        void Step()
        {
            adam.ZeroGradients();
            layer.ForwardBorrowed(input);
            layer.Backward(gradient);
            adam.Step();
        }
        Step();
        Step();
        // The quietest of a few windows: the runtime's one-time work (installing recompiled code) can land in one.
        var (quietest, windows) = Allocation.PerWindow(Step, steps: 3);
        Assert.True(quietest == 0, $"bytes allocated per window of 3 steps: {string.Join(", ", windows)}");
    }
}

/// <summary>A trace holds the sum inside every σ and tanh beside the gate's value, as the slides' worked steps show them.</summary>
public class TracePreActivationTests
{
    public static TheoryData<CellKind> Kinds => new() { CellKind.SimpleRnn, CellKind.Lstm, CellKind.Gru, CellKind.GruSlides };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_gate_is_its_activation_of_the_recorded_sum(CellKind kind)
    {
        var random = new Random(7);
        var layer = new RecurrentLayer<double>(RecurrentEncoder.Cell<double>(kind, 3, 4, random));
        layer.Forward(SequenceBatch<double>.FromSequence(Tensor.Normal(5, 3, 0.0, 1.0, random)));
        var trace = layer.Trace();
        var cell = layer.Cell;
        double worst = 0;
        foreach (var step in trace.Steps)
            for (int k = 0; k < cell.Gates; k++)
            {
                string gate = cell.GateNames[k];
                var sum = step["a_" + gate];
                // The candidate (LSTM g, GRU n or h̃) and the simple RNN's h use tanh; every other gate σ.
                bool isTanh = cell.Gates == 1 || k == cell.Gates - 1 && kind != CellKind.Lstm || kind == CellKind.Lstm && gate == "g";
                var value = cell.Gates == 1 ? step["h"] : step[gate];
                var expected = sum.Map(a => isTanh ? Math.Tanh(a) : 1 / (1 + Math.Exp(-a)));
                worst = Math.Max(worst, expected.MaxAbsDifference(value));
            }
        Assert.True(worst < 1e-15, $"{kind}: max |g(a) − gate| = {worst:E2}");
        Assert.Equal(cell.Gates, trace.Names.Count(n => n.StartsWith("a_", StringComparison.Ordinal)));
    }
}
