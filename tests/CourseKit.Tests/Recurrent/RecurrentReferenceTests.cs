using System.Text.Json;
using CourseKit.Recurrent;
using CourseKit.Tensors;

namespace CourseKit.Tests.Recurrent;

/// <summary>
/// Forward values, every gate at every step, and backpropagation-through-time gradients against PyTorch (float64),
/// from tests/reference/rnn.json.
/// </summary>
public class RecurrentReferenceTests
{
    // Measured (2026-12-03, AMD EPYC; the same with DOTNET_EnableAVX512F=0, DOTNET_EnableAVX=0 and
    // DOTNET_EnableHWIntrinsic=0): largest difference 7.1e-15 (rnn_identity ∂W_hh, whose values grow without a
    // squashing nonlinearity), 1.8e-15 elsewhere; the loss within 5.3e-15. 3e-14 leaves a margin of about four.
    private const double Tolerance = 3e-14;

    [Theory]
    [InlineData("rnn_tanh")]
    [InlineData("rnn_relu")]
    [InlineData("rnn_identity")]
    [InlineData("lstm")]
    [InlineData("gru")]
    [InlineData("gru_reset_before")]
    [InlineData("gru_masked")]
    public void One_layer_matches_pytorch(string name)
    {
        var c = RnnReference.Case(name);
        string kind = c.GetProperty("cell").GetString()!;
        var layer = RnnReference.Layer(kind, c);
        var input = RnnReference.Input(c);

        var output = layer.Forward(input);
        Assertions.Close(c.Sequence("output"), output, Tolerance, name + " outputs");
        Assertions.Close(c.Tensor("h_T"), layer.FinalState, Tolerance, name + " h_T");
        if (layer.Cell.HasCellState) Assertions.Close(c.Tensor("c_T"), layer.FinalCellState!, Tolerance, name + " c_T");
        AssertSteps(layer, c, input, name);

        var rOut = c.Sequence("R_out");
        double loss = Dot(output, rOut) + Dot(layer.FinalState, c.Tensor("R_h"))
                      + (layer.Cell.HasCellState ? Dot(layer.FinalCellState!, c.Tensor("R_c")) : 0);
        Assert.Equal(c.GetProperty("loss").GetDouble(), loss, Tolerance);

        var dx = layer.Backward(rOut, c.Tensor("R_h"), layer.Cell.HasCellState ? c.Tensor("R_c") : null);
        var grads = c.GetProperty("grads");
        Assertions.Close(grads.Sequence("x"), dx, Tolerance, name + " ∂x");
        RnnReference.AssertUnitGradients(layer, grads, Tolerance, name);
    }

    /// <summary>Every intermediate value of every step (gates, candidate, cell state, hidden state) for every sequence.</summary>
    private static void AssertSteps(RecurrentLayer<double> layer, JsonElement unit, SequenceBatch<double> input, string what)
    {
        foreach (var step in unit.GetProperty("steps").EnumerateObject())
        {
            string ours = step.Name == "n" && layer.Cell is GruCell<double> { Reset: GruResetPlacement.BeforeMatmul } ? "h̃" : step.Name;
            var expected = RnnReference.ToSequence(step.Value);
            for (int b = 0; b < input.Batch; b++)
            {
                var trace = layer.Trace(b);
                foreach (var s in trace.Steps)
                {
                    var row = new Tensor<double>(1, expected.Cols, expected.Row((s.Time - 1) * input.Batch + b).ToArray());
                    Assertions.Close(row, s[ours], Tolerance, $"{what} {ours}(t={s.Time}) of sequence {b}");
                }
            }
        }
    }

    [Theory]
    [InlineData("gru_bidirectional")]
    [InlineData("gru_bidirectional_masked")]
    public void Bidirectional_gru_matches_pytorch(string name)
    {
        var c = RnnReference.Case(name);
        var f = c.GetProperty("forward");
        var b = c.GetProperty("backward");
        var bi = new Bidirectional<double>(RnnReference.Cell("gru", f), RnnReference.Cell("gru", b));
        bi.Forwards.InitialState = f.Tensor("h0");
        bi.Backwards.InitialState = b.Tensor("h0");
        var input = RnnReference.Input(c);

        var output = bi.Forward(input);
        Assertions.Close(c.Sequence("output"), output, Tolerance, name + " outputs [h_f h_b]");
        Assertions.Close(f.Tensor("h_T"), RnnReference.Columns(bi.FinalState, 0, 5), Tolerance, name + " forward h_T");
        Assertions.Close(b.Tensor("h_T"), RnnReference.Columns(bi.FinalState, 5, 5), Tolerance, name + " backward h_T");
        AssertSteps(bi.Forwards, f, input, name + " forward");
        AssertSteps(bi.Backwards, b, input, name + " backward");

        var finalGradient = new Tensor<double>(input.Batch, 10);
        for (int r = 0; r < input.Batch; r++)
        {
            f.Tensor("R_h").Row(r).CopyTo(finalGradient.Row(r));
            b.Tensor("R_h").Row(r).CopyTo(finalGradient.Row(r)[5..]);
        }
        var dx = bi.Backward(c.Sequence("R_out"), finalGradient);
        var grads = c.GetProperty("grads");
        Assertions.Close(grads.Sequence("x"), dx, Tolerance, name + " ∂x");
        RnnReference.AssertUnitGradients(bi.Forwards, grads.GetProperty("forward"), Tolerance, name + " forward");
        RnnReference.AssertUnitGradients(bi.Backwards, grads.GetProperty("backward"), Tolerance, name + " backward");
    }

    [Fact]
    public void Bidirectional_lstm_matches_pytorch_with_cell_state_gradients()
    {
        var c = RnnReference.Case("lstm_bidirectional");
        var f = c.GetProperty("forward");
        var b = c.GetProperty("backward");
        var bi = new Bidirectional<double>(RnnReference.Cell("lstm", f), RnnReference.Cell("lstm", b));
        bi.Forwards.InitialState = f.Tensor("h0");
        bi.Forwards.InitialCellState = f.Tensor("c0");
        bi.Backwards.InitialState = b.Tensor("h0");
        bi.Backwards.InitialCellState = b.Tensor("c0");
        var input = RnnReference.Input(c);

        var output = bi.Forward(input);
        Assertions.Close(c.Sequence("output"), output, Tolerance, "outputs");
        Assertions.Close(b.Tensor("c_T"), bi.Backwards.FinalCellState!, Tolerance, "backward c_T");
        AssertSteps(bi.Backwards, b, input, "backward");

        // The loss also reads each direction's final c, so drive the two directions' backward passes directly.
        var rOut = c.Sequence("R_out");
        var dxf = bi.Forwards.Backward(RnnReference.Columns(rOut, 0, 5), f.Tensor("R_h"), f.Tensor("R_c")).Clone();
        var dxb = bi.Backwards.Backward(RnnReference.Columns(rOut, 5, 5), b.Tensor("R_h"), b.Tensor("R_c"));
        var grads = c.GetProperty("grads");
        Assertions.Close(grads.Sequence("x"), dxf + dxb, Tolerance, "∂x");
        RnnReference.AssertUnitGradients(bi.Forwards, grads.GetProperty("forward"), Tolerance, "forward");
        RnnReference.AssertUnitGradients(bi.Backwards, grads.GetProperty("backward"), Tolerance, "backward");
    }

    [Fact]
    public void Stacked_lstm_matches_pytorch()
    {
        var c = RnnReference.Case("lstm_stacked");
        var units = c.GetProperty("layers").EnumerateArray().ToArray();
        var layers = units.Select(u => RnnReference.Layer("lstm", u)).ToArray();
        var stack = new StackedRecurrent<double>(layers);
        var input = RnnReference.Input(c);

        var output = stack.Forward(input);
        Assertions.Close(c.Sequence("output"), output, Tolerance, "top outputs");
        Assertions.Close(units[0].Sequence("output"), RecomputeOutputs(layers[0], input), Tolerance, "layer 1 outputs");
        for (int k = 0; k < 2; k++)
        {
            Assertions.Close(units[k].Tensor("h_T"), layers[k].FinalState, Tolerance, $"layer {k + 1} h_T");
            Assertions.Close(units[k].Tensor("c_T"), layers[k].FinalCellState!, Tolerance, $"layer {k + 1} c_T");
        }
        Assert.Equal("layer1.W_ih", stack.Parameters[0].Name);

        // Every layer's final h and c feed the loss: backward through the top, then hand ∂ of its input down.
        var dTop = layers[1].Backward(c.Sequence("R_out"), units[1].Tensor("R_h"), units[1].Tensor("R_c"));
        var dx = layers[0].Backward(dTop, units[0].Tensor("R_h"), units[0].Tensor("R_c"));
        var grads = c.GetProperty("grads");
        Assertions.Close(grads.Sequence("x"), dx, Tolerance, "∂x");
        var layerGrads = grads.GetProperty("layers").EnumerateArray().ToArray();
        for (int k = 0; k < 2; k++) RnnReference.AssertUnitGradients(layers[k], layerGrads[k], Tolerance, $"layer {k + 1}");
    }

    /// <summary>A layer's outputs rebuilt from its trace (the stack only returns the top layer's).</summary>
    private static Tensor<double> RecomputeOutputs(RecurrentLayer<double> layer, SequenceBatch<double> input)
    {
        var result = new Tensor<double>(input.Steps * input.Batch, layer.OutputSize);
        for (int b = 0; b < input.Batch; b++)
            foreach (var s in layer.Trace(b).Steps) s["h"].ReadOnlySpan.CopyTo(result.Row((s.Time - 1) * input.Batch + b));
        return result;
    }

    private static double Dot(Tensor<double> a, Tensor<double> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a.ReadOnlySpan, b.ReadOnlySpan);
}
