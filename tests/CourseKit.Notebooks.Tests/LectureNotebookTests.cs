using System.Text.RegularExpressions;
namespace CourseKit.Notebooks.Tests;

/// <summary>All notebook test classes share one run of every notebook.</summary>
[CollectionDefinition("notebooks")]
public sealed class NotebookCollection : ICollectionFixture<NotebookRun>;

[Collection("notebooks")]
public sealed class LectureNotebookTests(NotebookRun run)
{
    [Fact]
    public void Every_notebook_in_the_folder_runs_without_errors()
    {
        var expected = Directory.GetFiles(Path.Combine(run.Root, "notebooks"), "*.ipynb").Select(Path.GetFileNameWithoutExtension).Order().ToArray();
        var ran = run.Summary.GetProperty("notebooks").EnumerateArray().Select(n => n.GetProperty("name").GetString()).Order().ToArray();
        Assert.Equal(expected, ran);
        Assert.True(run.ExitCode == 0, $"coursekit run exited with {run.ExitCode}:\n{run.Console}");
        Assert.Equal(expected.Length, run.Summary.GetProperty("passed").GetInt32());
    }

    [Fact]
    public void Neurons_notebook_works_the_class_work_unit_and_the_three_forms()
    {
        var nb = run.Executed("01-neurons-and-tensors");
        Assert.Contains("unit output o = 0.377541", nb.CellWith("var o = unit.Forward(i)").StreamText());
        var unit = nb.CellWith("unit.ExplainUnit(i)").OutputText("text/latex");
        Assert.Contains(@"1 \cdot 0.5 + 2 \cdot (-0.25) + (-1) \cdot 1 + 0.5", unit);
        Assert.Contains(@"\sigma\left(-0.5\right)", unit);
        Assert.Contains("summation : [-1, 3]", nb.CellWith("// 1. summation").StreamText());
        Assert.Contains("vector    : [-1, 3]", nb.CellWith("// 2. vector form").StreamText());
        Assert.Contains("matrix    : Tensor(1×2) [[-1, 3]]", nb.CellWith("// 3. matrix form").StreamText());
        Assert.Contains("<table class=\"coursekit-tensor\"", nb.CellWith("var W = Tensor.FromRows(").OutputText("text/html"));
        Assert.Contains(@"\mathbf{W}^{3}", nb.CellWith("net.Explain(i)").OutputText("text/latex"));
        Assert.Contains("inner sizes 2 and 3 differ", nb.CellWith("catch (ShapeMismatchException e)").StreamText());
    }

    [Fact]
    public void Activation_notebook_plots_each_activation_and_shows_dead_relu_and_saturation()
    {
        var nb = run.Executed("02-activation-functions");
        var plots = nb.CellWith("Kit.Show(Plots.Activation(g))");
        Assert.Equal(5, plots.Outputs.Count(o => (o.Data("text/html") ?? "").Contains(".newPlot(", StringComparison.Ordinal)));
        Assert.Contains("\"name\":\"ReLU'(x)\"", plots.OutputText("text/html"));
        var table = nb.CellWith("activations and their derivatives").OutputText("text/html");
        Assert.Matches(@">sigmoid(&#39;|')\(x\)<", table);
        Assert.Contains(">0.25<", table);      // σ'(0), the sigmoid's largest gradient
        Assert.Contains(">4.54E-05<", table);  // σ'(±10): saturation
        Assert.Contains("ReLU'(0) = 0", nb.CellWith("relu.Derivative(0.0)").StreamText());
        var dead = nb.CellWith("deadBias").StreamText();
        Assert.Matches(@"ReLU\s+outputs > 0:\s+0\s+\|∂L/∂W\| = 0\n", dead);
        Assert.Matches(@"LeakyReLU\(0\.01\)\s+outputs > 0:\s+0\s+\|∂L/∂W\| = 0\.00\d+", dead);
        // The vanishing gradient (2.6e-7 of the last layer's at layer 1) on a log axis, where it can be seen.
        var saturation = nb.CellWith("var sigmoidNorms = ");
        Assert.True(Printed.Number(saturation.StreamText(), @"sigmoid: layer 1 gets (\S+) of layer 10's gradient") < 1e-6, saturation.StreamText());
        Assert.Contains("\"type\":\"log\"", saturation.OutputText("text/html"));
        Assert.True(Printed.Number(nb.CellWith("linearNet").StreamText(), @"three linear layers vs one: max difference (\S+)") < 1e-14,
            "three linear layers must collapse to one linear map");
        Assert.True(nb.ChartCount() >= 6);
    }

    [Fact]
    public void Xor_notebook_reproduces_the_slides_and_trains_a_network()
    {
        var nb = run.Executed("03-xor");
        Assert.Contains("least squares: W = [0, 0], b = 0.5, mean squared error = 0.25", nb.CellWith("Xor.LeastSquares()").StreamText());
        var slide = nb.CellWith("var output = net.Predict(X);").StreamText();
        Assert.Contains("hidden = Tensor(4×2) [[0, 0], [1, 0], [1, 0], [2, 1]]", slide);
        Assert.Contains("output = Tensor(4×1) [[0], [1], [1], [0]]", slide);
        var steps = nb.CellWith("hiddenLayer.Explain(").AllText();
        Assert.Contains(@"\max\left(0,\ \begin{bmatrix} 0 & -1 \\ 1 & 0 \\ 1 & 0 \\ 2 & 1 \end{bmatrix}\right)", steps);
        var trained = nb.CellWith("Xor.Train<double>(seed, epochs, lr)").StreamText();
        Assert.True(Printed.Number(trained, @"seed 0: final loss (\S+),") < 1e-6, trained);
        Assert.Contains("solved = True", trained);
        var boundary = nb.CellWith("Plots.DecisionBoundary(net").OutputText("text/html");
        Assert.Contains("\"type\":\"heatmap\"", boundary);
        Assert.Contains("\"legend\":{\"orientation\":\"h\"", boundary);   // a row under the x axis, off the colour bar
        Assert.Contains("PASSED", nb.CellWith("GradientCheck.Check(").OutputText("text/html"));
        // The slide's point: plain ReLU units die on XOR more often than leaky or smooth ones; every activation solves some.
        var solved = nb.CellWith("solvedCounts").StreamText();
        double relu = Printed.Number(solved, @"ReLU\s+solved (\d+) of 100 seeds"), leaky = Printed.Number(solved, @"LeakyReLU\(0\.1\)\s+solved (\d+) of 100");
        double tanh = Printed.Number(solved, @"tanh\s+solved (\d+) of 100"), sigmoid = Printed.Number(solved, @"sigmoid\s+solved (\d+) of 100");
        Assert.True(relu >= 5 && relu < leaky && relu < tanh && relu < sigmoid, solved);
    }

    [Fact]
    public void Optimizer_notebook_draws_paths_and_shows_adam_bias_correction()
    {
        var nb = run.Executed("04-optimizers");
        var bowl = nb.CellWith("var bowlPaths");
        Assert.Contains("\"type\":\"contour\"", bowl.OutputText("text/html"));
        Assert.Contains("\"name\":\"Adam\"", bowl.OutputText("text/html"));
        Assert.Matches(@"RMSProp\s+f after 60 steps = \d\.\d\dE-0(1[0-9]|[5-9])", bowl.StreamText());
        Assert.Matches(@"Adam\s+f after 3000 steps = [0-9.]+E-00[4-9]\s+distance to \(1, 1\) = 0\.0", nb.CellWith("var rosenPaths").StreamText());
        Assert.Contains("step 1: g = -3, m = -0.3 (= 0.1 g), m̂ = -3 (= g), v̂ = 9 (= g²)", nb.CellWith("var first = rowsT[0];").StreamText());
        Assert.Matches(@"momentum: the loss rose in [1-9]\d* of 60 steps; gradient descent: in 0", nb.CellWith("int rises").StreamText());
        var rates = nb.CellWith("var (adagradRate, rmsPropRate)").StreamText();
        // Adagrad's rate only shrinks, RMSProp's grows back: the two lines end apart (measured 0.119 and 0.159).
        Assert.True(Printed.Number(rates, @"Adagrad ([\d.]+)") + 0.02 < Printed.Number(rates, @"RMSProp ([\d.]+)"), rates);
        Assert.Matches(@"after 60 steps: gradient descent f = 4\.78E-003, stochastic f = \d\.\d\dE-00[0-2]", nb.CellWith("var noisy = new NoisyGradient").StreamText());
    }

    [Fact]
    public void Regularization_notebook_shows_overfitting_and_each_remedy()
    {
        var nb = run.Executed("05-regularization");
        var bias = nb.CellWith("var small = Network(hidden: 1)").StreamText();
        Assert.Matches(@"1 unit  : train 0\.0\d+, validation 0\.0\d+  \(high bias\)", bias);
        Assert.Matches(@"64 units: train 0\.00\d+, validation 0\.[1-9]\d+, best validation 0\.0\d+  \(high variance\)", bias);
        Assert.Contains("\"type\":\"log\"", nb.CellWith("Plots.LogCurves(\"Too simple").OutputText("text/html"));
        Assert.Matches(@"best epoch \d+, stopped at epoch \d+, restored validation loss 0\.0\d+", nb.CellWith("new EarlyStopping<double>").StreamText());
        Assert.Contains("\"type\":\"scatter\"", nb.CellWith("Plots.LossCurve(stopped").OutputText("text/html"));
        // Each remedy at least halves the 64-unit network's final validation loss (measured 0.211 → 0.038, 0.093, 0.065).
        var remedies = nb.CellWith("string[] remedies").StreamText();
        double none = Printed.Number(remedies, @"none\s+: validation MSE (\S+)");
        foreach (var remedy in new[] { "early stopping", "dropout 0.2", "augmentation" })
            Assert.True(Printed.Number(remedies, Regex.Escape(remedy) + @"\s+: validation MSE (\S+)") < none / 2, remedies);
        Assert.Matches(@"L1 leaves [5-8] of 8 weights at ~0, L2 leaves [0-2]", nb.CellWith("var l2 = Path(").StreamText());
        Assert.Equal(2, nb.CellWith("WeightPaths(string title").Outputs.Count(o => (o.Data("text/html") ?? "").Contains(".newPlot(", StringComparison.Ordinal)));
    }

    [Fact]
    public void Hyperparameter_notebook_sweeps_rate_schedule_batch_size_and_activation()
    {
        var nb = run.Executed("06-hyperparameters");
        var rates = nb.CellWith("var byRate").StreamText();
        Assert.Matches(@"lr 0\.5\s+: final training loss 0\.0\d+, validation accuracy (9\d|100) %", rates);
        Assert.Matches(@"lr 8\s+: final training loss [1-9]\d*\.\d+", rates);
        Assert.Contains("\"type\":\"log\"", nb.CellWith("var byRate").OutputText("text/html"));   // lr 8's loss does not flatten the others
        // Starting at rate 4 with batches of 30: the constant rate never settles, every schedule does; a good constant 2 ends lowest.
        var schedules = nb.CellWith("var loss = bySchedule[k]").StreamText();
        Assert.Matches(@"constant 4\s+: final loss [1-9]\d*\.\d+, final lr 4, below 0\.1 from epoch –", schedules);
        Assert.Matches(@"1/t, k = 0\.05\s+: final loss 0\.00\d+, final lr 0\.672, below 0\.1 from epoch \d+", schedules);
        double constant2 = Printed.Number(schedules, @"constant 2\s+: final loss (\S+),");
        foreach (var decay in new[] { "1/t, k = 0.05", "exponential, γ = 0.99", "step: ×0.3 every 50" })
        {
            double final = Printed.Number(schedules, Regex.Escape(decay) + @"\s+: final loss (\S+),");
            Assert.True(final < 0.01 && constant2 < final, schedules);
        }
        var batches = nb.CellWith("var byBatch").StreamText();
        Assert.Contains("batch 1   :  300 updates per epoch", batches);
        Assert.Contains("batch 300 :    1 updates per epoch", batches);
        // ReLU-like units reach 95 % accuracy in fewer epochs than tanh, and tanh in fewer than the sigmoid.
        var byActivation = nb.CellWith("var reached = h.Epochs").StreamText();
        double Epochs(string name) => Printed.Number(byActivation, Regex.Escape(name) + @"\s+: validation loss 0\.\d+, accuracy (?:9\d|100) %, epochs to 95% accuracy: (\d+)");
        Assert.True(Epochs("ReLU") < Epochs("tanh") && Epochs("tanh") < Epochs("sigmoid"), byActivation);
    }

    [Fact]
    public void Html_pages_draw_charts_offline()
    {
        var plotly = Path.Combine(run.OutDir, "plotly.min.js");
        Assert.True(new FileInfo(plotly).Length > 1_000_000, "plotly.min.js should be the full bundle");
        foreach (var name in new[] { "01-neurons-and-tensors", "02-activation-functions", "03-xor", "04-optimizers", "05-regularization", "06-hyperparameters" })
        {
            var html = File.ReadAllText(Path.Combine(run.OutDir, name + ".html"));
            int script = html.IndexOf("<script src=\"plotly.min.js\"></script>", StringComparison.Ordinal);
            Assert.True(script > 0 && script < html.IndexOf("<body", StringComparison.Ordinal), $"{name}.html must load the local plotly.min.js in its head");
            Assert.DoesNotContain("<script src=\"https://cdn.plot.ly", html);
        }
        Assert.Contains(".newPlot(", File.ReadAllText(Path.Combine(run.OutDir, "03-xor.html")));
        Assert.True(File.Exists(Path.Combine(run.OutDir, "index.html")));
    }
}
