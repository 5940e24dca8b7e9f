using System.Globalization;
using System.Text.RegularExpressions;

namespace CourseKit.Notebooks.Tests;

/// <summary>The gated-RNN notebooks: 09-lstm (one LSTM step, gate heatmaps, long-range memory) and 10-gru.</summary>
[Collection("notebooks")]
public sealed class GatedRnnNotebookTests(NotebookRun run)
{
    [Fact]
    public void Lstm_notebook_works_one_step_and_remembers_over_long_distances()
    {
        var nb = run.Executed("09-lstm");

        // the worked step in the slide's notation, and the same numbers by hand
        string latex = nb.CellWith("cell.ExplainStep(x, hPrev, cPrev)").OutputText("text/latex");
        Assert.Contains(@"\mathbf{f}^{(t)}", latex);
        Assert.Contains(@"\begin{bmatrix} 0.7006 \\ 0.525 \end{bmatrix}", latex);      // forget gate
        Assert.Contains(@"\begin{bmatrix} 0.9631 \\ -0.3788 \end{bmatrix}", latex);    // c(t)
        Assert.Contains(@"\begin{bmatrix} 0.3357 \\ -0.2376 \end{bmatrix}", latex);    // h(t)
        string hand = nb.CellWith("var c = f.Hadamard(cPrev)").StreamText();
        Assert.Contains("c(t) = Tensor(1×2) [[0.963127, -0.378831]]", hand);
        Assert.Contains("h(t) = Tensor(1×2) [[0.335674, -0.237635]]", hand);
        var check = nb.CellWith("check: the library's step").StreamText();
        foreach (var value in new[] { "f", "i", "o", "g", "c", "h" })
            Assert.True(Printed.Number(check, $@"{value}  max \|library − hand\| = (\S+)") < 1e-15, check);
        var concatenated = nb.CellWith("var WfConcat = Tensor.Concat(1, Wf, Uf)").StreamText();
        Assert.Contains("σ([W_f U_f]·[h, x] + b_f) = Tensor(1×2) [[0.700567, 0.524979]]", concatenated);
        Assert.Contains("separate form          f = Tensor(1×2) [[0.700567, 0.524979]]", concatenated);

        // long-range memory: the LSTM holds at D = 40, the simple RNN falls toward chance (25%)
        string memory = nb.CellWith("int[] distances = { 5, 20, 40 };").StreamText();
        double lstm40 = Accuracy(memory, 40, "LSTM"), rnn40 = Accuracy(memory, 40, "simple RNN");
        Assert.True(lstm40 >= 90, $"LSTM at D = 40: {lstm40}%");
        Assert.True(rnn40 <= 50, $"simple RNN at D = 40: {rnn40}%");
        Assert.True(Accuracy(memory, 5, "simple RNN") >= 90, "the simple RNN should solve D = 5");

        // gates over one sequence: forget gate near 1, each first symbol recalled
        Assert.Matches(@"mean forget gate over the distractors 0\.9\d\d", nb.CellWith("var trace = ").StreamText());
        string probe = nb.CellWith("var probe = Xone[0].ToArray();").StreamText();
        foreach (var s in new[] { "A", "B", "C", "D" }) Assert.Contains($"starts with {s} → LSTM says {s}", probe);
        Assert.True(nb.ChartCount() >= 6, $"expected the accuracy bars and five heatmaps, found {nb.ChartCount()} charts");
        Assert.Contains("Exercises", string.Concat(nb.Cells.Where(c => c.CellType == "markdown").Select(c => c.Source)));
    }

    [Fact]
    public void Gru_notebook_works_one_step_compares_reset_placements_and_counts_parameters()
    {
        var nb = run.Executed("10-gru");

        string latex = nb.CellWith("cell.ExplainStep(x, hPrev)").OutputText("text/latex");
        Assert.Contains(@"\mathbf{u}^{(t)}", latex);
        Assert.Contains(@"\begin{bmatrix} 0.5678 \\ -0.431 \end{bmatrix}", latex);     // h(t)
        Assert.Contains("h(t) = Tensor(1×2) [[0.567834, -0.430979]]", nb.CellWith("var hTilde = Tanh(").StreamText());

        // the two reset placements: same weights, z = 1 − u, different states
        string placement = nb.CellWith("var pytorchCell = new GruCell<double>").StreamText();
        Assert.Contains("z + u = Tensor(1×2) [[1, 1]]", placement);
        Assert.Contains("slide (reset before): h(t) = Tensor(1×2) [[0.567834, -0.430979]]", placement);
        Assert.Contains("PyTorch (reset after): h(t) = Tensor(1×2) [[0.515681, -0.397861]]", placement);
        Assert.Contains(@"\mathbf{r}^{(t)} \odot (\mathbf{W}_n", nb.CellWith("var pytorchCell = new GruCell<double>").OutputText("text/latex"));

        // parameter counts: GRU = 3/4 of the LSTM
        string counts = nb.CellWith("int Block(int I, int H)").StreamText();
        Assert.Contains("I =   3, H =   2: simple RNN        14   GRU        42   LSTM        56   GRU/LSTM = 0.75", counts);
        Assert.Equal(5, Regex.Matches(counts, "GRU/LSTM = 0.75").Count);
        string table = nb.CellWith("var sizes = new (int I, int H)[]").OutputText("text/html");
        Assert.Contains(">1,250,304<", table);   // counts written out, not as 1.2503E+06
        Assert.DoesNotContain("E+0", table);

        // GRU vs LSTM on the memory task
        string compare = nb.CellWith("var results = new List<").StreamText();
        Assert.Contains("GRU     916 parameters", compare);
        Assert.Contains("LSTM   1180 parameters", compare);
        foreach (var line in new[] { "D = 20  GRU", "D = 20  LSTM", "D = 40  GRU", "D = 40  LSTM" })
            Assert.True(Printed.Number(compare, Regex.Escape(line) + @" .*test accuracy ([0-9.]+) %") >= 95, compare);
        Assert.Contains("GRU: as accurate as the LSTM with fewer parameters", nb.CellWith("the GRU keeps up with the LSTM").StreamText());
        Assert.True(nb.ChartCount() >= 1, $"expected the accuracy bars, found {nb.ChartCount()} charts");
    }

    private static double Accuracy(string text, int distance, string cell)
    {
        var match = Regex.Match(text, $@"D = +{distance} +{Regex.Escape(cell)} .*test accuracy ([0-9.]+) %");
        Assert.True(match.Success, $"no accuracy line for D = {distance}, {cell} in:\n{text}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
