using System.Text.Json;
using CourseKit.Recurrent;
using CourseKit.Tensors;

namespace CourseKit.Tests.Recurrent;

/// <summary>Reads tests/reference/rnn.json (conventions in make_rnn_reference.py) into CourseKit's types.</summary>
internal static class RnnReference
{
    public static JsonElement Case(string name, string file = "rnn.json") =>
        Reference.Cases(file, "cases").Single(c => c.GetProperty("name").GetString() == name);

    /// <summary>A (T, B, F) nested list as a time-major (T·B × F) tensor.</summary>
    public static Tensor<double> Sequence(this JsonElement e, string property) => ToSequence(e.GetProperty(property));

    /// <summary>A (T, B, F) nested list as a time-major (T·B × F) tensor.</summary>
    public static Tensor<double> ToSequence(JsonElement value)
    {
        var rows = value.EnumerateArray()
            .SelectMany(step => step.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()))
            .ToArray();
        return Tensor.FromRows(rows);
    }

    public static SequenceBatch<double> Input(JsonElement c)
    {
        int[]? lengths = c.TryGetProperty("lengths", out var l) ? l.EnumerateArray().Select(v => v.GetInt32()).ToArray() : null;
        return new SequenceBatch<double>(c.Sequence("x"), c.GetProperty("T").GetInt32(), c.GetProperty("B").GetInt32(), lengths);
    }

    /// <summary>A cell of the case's kind with the unit's weights (already in CourseKit's layout in the JSON).</summary>
    public static RecurrentCell<double> Cell(string kind, JsonElement unit)
    {
        var wih = unit.Tensor("W_ih");
        int inputs = wih.Rows, hidden = unit.Tensor("W_hh").Rows;
        RecurrentCell<double> cell = kind switch
        {
            "rnn_tanh" => new SimpleRnnCell<double>(inputs, hidden, RnnNonlinearity.Tanh),
            "rnn_relu" => new SimpleRnnCell<double>(inputs, hidden, RnnNonlinearity.Relu),
            "rnn_identity" => new SimpleRnnCell<double>(inputs, hidden, RnnNonlinearity.None),
            "lstm" => new LstmCell<double>(inputs, hidden),
            "gru" => new GruCell<double>(inputs, hidden, GruResetPlacement.AfterMatmul),
            "gru_reset_before" => new GruCell<double>(inputs, hidden, GruResetPlacement.BeforeMatmul),
            _ => throw new ArgumentException(kind),
        };
        cell.InputWeights.Set(wih);
        cell.HiddenWeights.Set(unit.Tensor("W_hh"));
        cell.InputBias.Set(unit.Tensor("b_ih"));
        cell.HiddenBias.Set(unit.Tensor("b_hh"));
        return cell;
    }

    /// <summary>A layer over one unit with its initial states set.</summary>
    public static RecurrentLayer<double> Layer(string kind, JsonElement unit, bool reverse = false)
    {
        var layer = new RecurrentLayer<double>(Cell(kind, unit), reverse) { InitialState = unit.Tensor("h0") };
        if (unit.TryGetProperty("c0", out _)) layer.InitialCellState = unit.Tensor("c0");
        return layer;
    }

    /// <summary>Columns [from, from + count) of every row.</summary>
    public static Tensor<double> Columns(Tensor<double> t, int from, int count)
    {
        var result = new Tensor<double>(t.Rows, count);
        for (int r = 0; r < t.Rows; r++) t.Row(r).Slice(from, count).CopyTo(result.Row(r));
        return result;
    }

    /// <summary>Asserts a unit's parameter and initial-state gradients.</summary>
    public static void AssertUnitGradients(RecurrentLayer<double> layer, JsonElement grads, double tolerance, string what)
    {
        var cell = layer.Cell;
        Assertions.Close(grads.Tensor("W_ih"), cell.InputWeights.Gradient, tolerance, what + " ∂W_ih");
        Assertions.Close(grads.Tensor("W_hh"), cell.HiddenWeights.Gradient, tolerance, what + " ∂W_hh");
        Assertions.Close(grads.Tensor("b_ih"), cell.InputBias.Gradient, tolerance, what + " ∂b_ih");
        Assertions.Close(grads.Tensor("b_hh"), cell.HiddenBias.Gradient, tolerance, what + " ∂b_hh");
        Assertions.Close(grads.Tensor("h0"), layer.InitialStateGradient, tolerance, what + " ∂h0");
        if (cell.HasCellState) Assertions.Close(grads.Tensor("c0"), layer.InitialCellStateGradient!, tolerance, what + " ∂c0");
    }
}
