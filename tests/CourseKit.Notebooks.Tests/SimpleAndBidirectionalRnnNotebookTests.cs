using System.Globalization;
using System.Text.RegularExpressions;

namespace CourseKit.Notebooks.Tests;

[Collection("notebooks")]
public sealed class SimpleAndBidirectionalRnnNotebookTests(NotebookRun run)
{
    [Fact]
    public void Simple_rnn_notebook_unrolls_the_cell_and_shares_its_weights_over_time()
    {
        var nb = run.Executed("07-simple-rnn");
        var trace = nb.CellWith("var trace = layer.Trace();").OutputText("text/html");
        Assert.Contains("<table class=\"coursekit-trace\"", trace);
        Assert.Contains("<tr><td>4</td>", trace);
        Assert.Contains(@"\mathbf{U} = \begin{bmatrix}", nb.CellWith("var trace = layer.Trace();").OutputText("text/latex"));
        var byHand = nb.CellWith("var byHand = Tensor.Stack");
        Assert.True(Printed.Number(byHand.StreamText(), @"max \|by hand − library\| = (\S+)") <= 1e-12, byHand.StreamText());
        Assert.Contains(">t = 4</th>", byHand.OutputText("text/html"));

        var sharing = nb.CellWith("foreach (int steps in new[] { 3, 30 })").StreamText();
        Assert.Contains("T =  3: 3 hidden states computed, parameters = 14", sharing);
        Assert.Contains("T = 30: 30 hidden states computed, parameters = 14", sharing);
        Assert.Contains("would need 420", sharing);

        var sum = nb.CellWith("var perStep = ");
        Assert.True(Printed.Number(sum.StreamText(), @"max \|Σ per-step contributions − shared gradient\| = (\S+)") <= 1e-12);
        Assert.Contains(@"\text{from step 1} = \begin{bmatrix} 0 & 0 \\ 0 & 0 \end{bmatrix}", sum.OutputText("text/latex"));
        Assert.Contains(@"\text{(BPTT, shared)}", sum.OutputText("text/latex"));
    }

    [Fact]
    public void Simple_rnn_notebook_works_the_classwork_with_and_without_tanh()
    {
        var nb = run.Executed("07-simple-rnn");
        var explain = nb.CellWith("net.Explain(X, h0, labels)").OutputText("text/latex");
        Assert.Contains(@"= \begin{bmatrix} 4 \\ 0 \end{bmatrix}", explain);
        Assert.Contains(@"= \begin{bmatrix} 7 \\ 5 \end{bmatrix}", explain);
        Assert.Contains(@"= \begin{bmatrix} 7 \\ -2 \\ 15 \end{bmatrix}", explain);
        Assert.Contains(@"\text{ADJ}", explain);
        Assert.Contains(@"\text{NOUN}", explain);

        var printed = nb.CellWith("var yHat = net.Predict(X, h0);").StreamText();
        Assert.Contains("t=1: h(1) = Tensor(1×2) [[4, 0]]   V h(1) = Tensor(1×3) [[4, -4, 0]]\n     o(1) = Tensor(1×3) [[0.9817, 0.0003, 0.0180]]   → ADJ", printed);
        Assert.Contains("t=2: h(2) = Tensor(1×2) [[7, 5]]   V h(2) = Tensor(1×3) [[7, -2, 15]]\n     o(2) = Tensor(1×3) [[0.0003, 0.0000, 0.9997]]   → NOUN", printed);
        Assert.Contains("classwork labels: ADJ, NOUN", printed);

        var tanh = nb.CellWith("SimpleRnn<double>.FromSlide(U, W, V, RnnNonlinearity.Tanh)").StreamText();
        Assert.Contains("tanh t=2: h(2) = Tensor(1×2) [[0.7610, 0.9640]]", tanh);
        Assert.Contains("tanh labels: ADJ, NOUN; labels changed: False", tanh);
        Assert.Contains("confidence in the winning label: linear 0.9817, 0.9997; tanh 0.6651, 0.8427", tanh);
    }

    [Fact]
    public void Simple_rnn_notebook_shows_vanishing_gradients_clipping_and_a_one_to_many_model()
    {
        var nb = run.Executed("07-simple-rnn");
        var measured = nb.CellWith("scales.Select(GradientByDistance)");
        var gradients = measured.StreamText();
        Assert.True(Printed.Number(gradients, @"U × 1:[^\n]*\n\s+distance 0 ÷ distance 40 = (\S+),") > 1e6, gradients);
        Assert.True(Printed.Number(gradients, @"U × 6:[^\n]*\n\s+distance 0 ÷ distance 40 = (\S+),") < 1, gradients);
        Assert.Contains("\"name\":\"U × 6\"", measured.OutputText("text/html"));
        Assert.Contains("\"type\":\"log\"", measured.OutputText("text/html"));

        var clipping = nb.CellWith("double maxNorm = 25;").StreamText();
        Assert.Matches(@"U × 1 : ‖∇θ‖ = \s*\d\.\d\d → after clipping\s+\d\.\d\d  \(scaled by 1\.0000\)", clipping);
        Assert.Matches(@"U × 6 : ‖∇θ‖ = \s*\d{4,}\.\d\d → after clipping  25\.00", clipping);

        var speller = nb.CellWith("new SequenceGenerator<double>(").StreamText();
        Assert.Contains("3 → three</s>", speller);
        Assert.Contains("7 → seven</s>", speller);
        Assert.True(nb.ChartCount() >= 2);
    }

    [Fact]
    public void Bidirectional_notebook_runs_both_directions_and_combines_them_as_on_the_slide()
    {
        var nb = run.Executed("08-bidirectional-rnn");
        var traces = nb.CellWith("var birnn = new Bidirectional<double>(").OutputText("text/html");
        var backwards = traces[traces.LastIndexOf("<table class=\"coursekit-trace\"", StringComparison.Ordinal)..];
        Assert.True(backwards.IndexOf("<tr><td>4</td>", StringComparison.Ordinal) < backwards.IndexOf("<tr><td>1</td>", StringComparison.Ordinal),
            "the backward trace should start at t = 4");
        Assert.Contains("concatenated output [h_f(t), h_b(t)]", traces);

        var byHand = nb.CellWith("var (Uf, Wf, bf)").StreamText();
        Assert.True(Printed.Number(byHand, @"max difference from the library's \[h_f, h_b\]: (\S+)") <= 1e-12);
        var forms = nb.CellWith("var oConcat = ");
        Assert.True(Printed.Number(forms.StreamText(), @"max \|slide form − concatenated form\| = (\S+)") <= 1e-12);
        Assert.Contains(@"\mathbf{o}^{(1)} = \mathrm{softmax}\left(", forms.OutputText("text/latex"));
    }

    [Fact]
    public void Bidirectional_notebook_shows_that_tagging_needs_the_future()
    {
        var nb = run.Executed("08-bidirectional-rnn");
        var toy = nb.CellWith("var (uniAll, biAll)").StreamText();
        double uniAll = Printed.Number(toy, @"unidirectional GRU \(\d+ parameters\): accuracy (\S+) %");
        double uniAmbiguous = Printed.Number(toy, @"unidirectional GRU .* on ambiguous words (\S+) %");
        double biAll = Printed.Number(toy, @"bidirectional GRU  \(\d+ parameters\): accuracy (\S+) %");
        double biAmbiguous = Printed.Number(toy, @"bidirectional GRU .* on ambiguous words (\S+) %");
        Assert.True(biAmbiguous >= 95 && uniAmbiguous <= 75, $"ambiguous words: bidirectional {biAmbiguous}%, unidirectional {uniAmbiguous}%");
        Assert.True(biAll >= uniAll + 5, $"overall: bidirectional {biAll}%, unidirectional {uniAll}%");

        Assert.Contains("\"name\":\"bidirectional\"", nb.CellWith("var (uniAll, biAll)").OutputText("text/html"));

        var firstWord = nb.CellWith("var firstWord = Tensor.Stack").StreamText();
        Assert.Contains("unidirectional: max difference between the two rows = 0", firstWord);
        Assert.Contains("bidirectional  \"book the red table .\": book → VERB", firstWord);
        Assert.Contains("bidirectional  \"book prices fell today .\": book → NOUN", firstWord);
        // (The same comparison on the POS corpus is notebook 12's, and tested there.)
    }
}
