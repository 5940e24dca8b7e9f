using System.Text.Json;
using CourseKit.Recurrent;
using CourseKit.Tensors;

namespace CourseKit.Tests.Recurrent;

/// <summary>
/// <see cref="Bidirectional{T}"/> and <see cref="StackedRecurrent{T}"/> through their own Forward and Backward against
/// PyTorch's <c>bidirectional=True</c> and <c>num_layers=2</c> (float64, packed sequences for the padded cases), from
/// tests/reference/rnn_layers.json (conventions in make_rnn_layers_reference.py).
/// </summary>
public class RecurrentLayersReferenceTests
{
    // Measured (2026-12-03, AMD EPYC): the largest difference over all twelve cases, outputs, states, ∂x and every
    // parameter gradient, is 5.3e-15 (6.7e-15 with DOTNET_EnableAVX=0, 4.4e-15 scalar), on bias and W_ih gradients
    // that sum over every step of both layers. 3e-14 leaves a margin of about five.
    private const double Tolerance = 3e-14;

    public static TheoryData<string> Cases =>
    [
        "rnn_tanh_bidirectional_masked", "lstm_bidirectional_masked", "gru_bidirectional_masked",
        "rnn_tanh_stacked_masked", "lstm_stacked_masked", "gru_stacked_masked",
        "rnn_tanh_stacked_bidirectional_masked", "lstm_stacked_bidirectional_masked", "gru_stacked_bidirectional_masked",
        "rnn_tanh_stacked_bidirectional", "lstm_stacked_bidirectional", "gru_stacked_bidirectional",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_outputs_and_final_states_match_pytorch(string name)
    {
        var (c, model, units) = Build(name);
        var input = RnnReference.Input(c);

        var output = model.Forward(input);

        Assertions.Close(c.Sequence("output"), output, Tolerance, name + " outputs");
        Assertions.Close(c.Tensor("final_state"), model.FinalState, Tolerance, name + " final state");
        var json = c.GetProperty("units").EnumerateArray().ToArray();
        for (int k = 0; k < units.Length; k++)
        {
            Assertions.Close(json[k].Tensor("h_T"), units[k].FinalState, Tolerance, $"{name} {Label(json[k])} h_T");
            if (units[k].Cell.HasCellState)
                Assertions.Close(json[k].Tensor("c_T"), units[k].FinalCellState!, Tolerance, $"{name} {Label(json[k])} c_T");
        }
        if (model is StackedRecurrent<double>)
        {
            // The top layer's input is the bottom layer's output, [forward | backward] when bidirectional.
            var bottom = json.Where(u => u.GetProperty("layer").GetInt32() == 0).Select(u => u.Sequence("output")).ToArray();
            var expected = bottom.Length == 1 ? bottom[0] : Concatenate(bottom[0], bottom[1]);
            Assertions.Close(expected, units[^1].LastInput.Data, Tolerance, name + " layer 1 outputs (layer 2 input)");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Backward_input_and_parameter_gradients_match_pytorch(string name)
    {
        var (c, model, units) = Build(name);
        var input = RnnReference.Input(c);
        var rOut = c.Sequence("R_out");
        var rH = c.Tensor("R_h");

        var output = model.Forward(input);
        double loss = Dot(output, rOut) + Dot(model.FinalState, rH);
        Assert.True(Math.Abs(c.GetProperty("loss").GetDouble() - loss) <= Tolerance,
            $"{name} loss: difference {Math.Abs(c.GetProperty("loss").GetDouble() - loss):E3} > {Tolerance:E1}");
        var dx = model.Backward(rOut, rH);

        var grads = c.GetProperty("grads");
        Assertions.Close(grads.Sequence("x"), dx, Tolerance, name + " ∂x");
        var json = c.GetProperty("units").EnumerateArray().ToArray();
        var unitGrads = grads.GetProperty("units").EnumerateArray().ToArray();
        for (int k = 0; k < units.Length; k++)
            RnnReference.AssertUnitGradients(units[k], unitGrads[k], Tolerance, $"{name} {Label(json[k])}");
    }

    /// <summary>
    /// The case's network (a <see cref="Bidirectional{T}"/> for one layer, a <see cref="StackedRecurrent{T}"/> of
    /// two otherwise) with the JSON's weights and initial states, and its recurrent layers in the JSON's unit order.
    /// </summary>
    private static (JsonElement Case, SequenceLayer<double> Model, RecurrentLayer<double>[] Units) Build(string name)
    {
        var c = RnnReference.Case(name, "rnn_layers.json");
        string kind = c.GetProperty("cell").GetString()!;
        bool bidirectional = c.GetProperty("bidirectional").GetBoolean();
        var json = c.GetProperty("units").EnumerateArray().ToArray();
        var layers = new List<SequenceLayer<double>>();
        var units = new List<RecurrentLayer<double>>();
        for (int k = 0; k < json.Length; k += bidirectional ? 2 : 1)
        {
            if (bidirectional)
            {
                var bi = new Bidirectional<double>(RnnReference.Cell(kind, json[k]), RnnReference.Cell(kind, json[k + 1]));
                SetInitialStates(bi.Forwards, json[k]);
                SetInitialStates(bi.Backwards, json[k + 1]);
                layers.Add(bi);
                units.AddRange([bi.Forwards, bi.Backwards]);
            }
            else
            {
                var layer = RnnReference.Layer(kind, json[k]);
                layers.Add(layer);
                units.Add(layer);
            }
        }
        var model = layers.Count == 1 ? layers[0] : new StackedRecurrent<double>([.. layers]);
        return (c, model, [.. units]);
    }

    private static void SetInitialStates(RecurrentLayer<double> layer, JsonElement unit)
    {
        layer.InitialState = unit.Tensor("h0");
        if (unit.TryGetProperty("c0", out _)) layer.InitialCellState = unit.Tensor("c0");
    }

    private static string Label(JsonElement unit) =>
        $"layer {unit.GetProperty("layer").GetInt32() + 1} {unit.GetProperty("direction").GetString()}";

    private static Tensor<double> Concatenate(Tensor<double> left, Tensor<double> right)
    {
        var result = new Tensor<double>(left.Rows, left.Cols + right.Cols);
        for (int r = 0; r < left.Rows; r++)
        {
            left.Row(r).CopyTo(result.Row(r));
            right.Row(r).CopyTo(result.Row(r)[left.Cols..]);
        }
        return result;
    }

    private static double Dot(Tensor<double> a, Tensor<double> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a.ReadOnlySpan, b.ReadOnlySpan);
}
