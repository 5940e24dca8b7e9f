using CourseKit.Recurrent;
using CourseKit.Tensors;

namespace CourseKit.Tests.Recurrent;

/// <summary>The lecture's RNN classwork, worked by the library: labels ADJ then NOUN.</summary>
public class SlideClassworkTests
{
    private static readonly string[] Labels = ["ADJ", "DET", "NOUN"];
    private static readonly Tensor<double> U = Tensor.FromRows([[2.0, 0], [1, 2]]);
    private static readonly Tensor<double> W = Tensor.FromRows([[2.0, 0, -1], [1, -1, 1]]);
    private static readonly Tensor<double> V = Tensor.FromRows([[1.0, 0], [-1, 1], [0, 3]]);
    private static readonly Tensor<double> H0 = Tensor.Column(1.0, -1.0);
    private static readonly Tensor<double> Inputs = Tensor.FromRows([[1.0, 0, 0], [0, 0, 1]]);   // x(1), x(2) as rows

    [Fact]
    public void Predicts_ADJ_then_NOUN_with_the_hand_worked_states()
    {
        var rnn = SimpleRnn<double>.FromSlide(U, W, V, RnnNonlinearity.None);
        var labels = rnn.PredictLabels(Inputs, H0);
        Assert.Equal(["ADJ", "NOUN"], labels.Select(i => Labels[i]));

        // By hand: h1 = U h0 + W x1 = [2, -1] + [2, 1] = [4, 0]; h2 = U h1 + W x2 = [8, 4] + [-1, 1] = [7, 5].
        var trace = rnn.Layer.Trace();
        Assert.Equal([4.0, 0.0], trace.At(1)["h"].ToFlatArray());
        Assert.Equal([7.0, 5.0], trace.At(2)["h"].ToFlatArray());

        // V h1 = [4, -4, 0], V h2 = [7, -2, 15]; softmax of those, compared with PyTorch's.
        var reference = RnnReference.Case("simple_rnn_classwork").GetProperty("coursekit");
        Assertions.Close(reference.Sequence("o"), rnn.Predict(Inputs, H0), 1e-15, "o(1), o(2)");
    }

    [Fact]
    public void Worked_solution_shows_every_number()
    {
        var rnn = SimpleRnn<double>.FromSlide(U, W, V, RnnNonlinearity.None);
        var work = rnn.Explain(Inputs, H0, Labels);
        // Per step: h(t), V h(t), o(t), label.
        Assert.Equal(8, work.Count);
        Assert.Equal([4.0, 0.0], work[0].Result.ToFlatArray());
        Assert.Equal([4.0, -4.0, 0.0], work[1].Result.ToFlatArray());
        Assert.Equal([7.0, -2.0, 15.0], work[5].Result.ToFlatArray());
        Assert.Contains("index 0 = ADJ", work[3].Description);
        Assert.Contains("index 2 = NOUN", work[7].Description);
        string latex = work.ToLatex();
        Assert.Contains(@"\mathbf{U}\mathbf{h}^{(0)} + \mathbf{W}\mathbf{x}^{(1)}", latex);
        Assert.Contains(@"\begin{bmatrix}", latex);
    }

    [Fact]
    public void With_tanh_the_same_network_is_the_slides_simple_rnn()
    {
        var rnn = SimpleRnn<double>.FromSlide(U, W, V);
        var trace = rnn.Layer.Forward(new SequenceBatch<double>(Inputs, 2, 1), H0.Transpose());
        Assert.Equal(Math.Tanh(4), trace[0, 0], 1e-15);                       // measured 1.1e-16
        Assert.Equal(Math.Tanh(2 * Math.Tanh(4) - 1), trace[1, 0], 1e-15);    // measured 3.3e-16
        Assert.Equal(2, rnn.Cell.ExplainStep(Tensor.Row(1.0, 0, 0), H0).Count);   // the sum, then tanh
    }
}
