using CourseKit.Recurrent;
using CourseKit.Tensors;

namespace CourseKit.Tests.Recurrent;

/// <summary>RecurrentCell.SetGateBias: a named gate's bias, b = b_ih + b_hh, set to one value in every unit.</summary>
public class GateBiasTests
{
    [Fact]
    public void Lstm_forget_bias_sets_only_the_f_block_and_the_slides_b_is_the_value()
    {
        var cell = new LstmCell<double>(3, 4, new Random(1));
        var inputBias = cell.InputBias.Value.Clone();
        var hiddenBias = cell.HiddenBias.Value.Clone();
        cell.SetGateBias("f", 3.0);
        for (int j = 0; j < 16; j++)
        {
            bool f = j is >= 4 and < 8;   // blocks i, f, g, o
            Assert.Equal(f ? 3.0 : inputBias[0, j], cell.InputBias.Value[0, j]);
            Assert.Equal(f ? 0.0 : hiddenBias[0, j], cell.HiddenBias.Value[0, j]);
        }
        Assert.Equal(Tensor.Full(4, 1, 3.0), cell.GateMatrices(1).b);
        // with x = 0 and h(t−1) = 0 only the bias is left in the sum: f = σ(3)
        var step = cell.Step(Tensor.Zeros<double>(1, 3), Tensor.Zeros<double>(1, 4), Tensor.Zeros<double>(1, 4));
        Assertions.Close(Tensor.Full(1, 4, 1 / (1 + Math.Exp(-3.0))), step["f"], 1e-16);   // the sigmoid kernel, to its last bit
    }

    [Fact]
    public void Gru_gates_are_named_as_in_their_source_and_weights_are_not_touched()
    {
        var pytorch = new GruCell<double>(2, 3, GruResetPlacement.AfterMatmul, new Random(2));
        var weights = pytorch.HiddenWeights.Value.Clone();
        pytorch.SetGateBias("z", -2.0);
        Assert.Equal(Tensor.Full(3, 1, -2.0), pytorch.GateMatrices(1).b);
        Assert.Equal(weights, pytorch.HiddenWeights.Value);
        var step = pytorch.Step(Tensor.Zeros<double>(1, 2), Tensor.Zeros<double>(1, 3));
        Assertions.Close(Tensor.Full(1, 3, 1 / (1 + Math.Exp(2.0))), step["z"], 1e-16);   // the kernel differs in the last bit

        var slides = new GruCell<double>(2, 3, GruResetPlacement.BeforeMatmul, new Random(2));
        slides.SetGateBias("u", 0.5);
        Assert.Equal(Tensor.Full(3, 1, 0.5), slides.GateMatrices(1).b);

        var simple = new SimpleRnnCell<float>(2, 2, RnnNonlinearity.Tanh, new Random(3));
        simple.SetGateBias("h", 1f);
        Assert.Equal(Tensor.Full(2, 1, 1f), simple.GateMatrices(0).b);
    }

    [Fact]
    public void Unknown_gate_names_every_gate_of_the_cell()
    {
        var lstm = new LstmCell<double>(2, 2, new Random(4));
        var ex = Assert.Throws<ArgumentException>(() => lstm.SetGateBias("forget", 1.0));
        Assert.StartsWith("LSTM has no gate \"forget\"; its gates are i, f, g, o.", ex.Message);
        var gru = Assert.Throws<ArgumentException>(() => new GruCell<double>(2, 2).SetGateBias("u", 1.0));
        Assert.StartsWith("GRU has no gate \"u\"; its gates are r, z, n.", gru.Message);
    }
}
