using System.Text.RegularExpressions;
using CourseKit.Notebooks.Tests.Browser;

namespace CourseKit.Notebooks.Tests;

/// <summary>Every lecture runs as a .NET 10 file-based app, with no part of the notebook engine, and prints the values its notebook does.</summary>
[Collection(AppCollection.Name)]
public partial class AppTests(AppRuns apps)
{
    [GeneratedRegex(@"\\[A-Za-z]+|\$\$")]
    private static partial Regex TexSource();

    public static TheoryData<string, string[]> KeyValues => new()
    {
        { "01-neurons-and-tensors", ["unit output o = 0.377541", "summation : [-1, 3]", "matrix    : Tensor(1×2) [[-1, 3]]", "inner sizes 2 and 3 differ"] },
        { "02-activation-functions", ["ReLU'(0) = 0", "three linear layers vs one: max difference"] },
        { "03-xor", ["least squares: W = [0, 0], b = 0.5, mean squared error = 0.25", "solved = True", "ReLU            solved 19 of 100 seeds"] },
        { "04-optimizers", ["step 1: g = -3, m = -0.3 (= 0.1 g), m̂ = -3 (= g), v̂ = 9 (= g²)"] },
        { "05-regularization", ["(high bias)", "(high variance)"] },
        { "06-hyperparameters", ["batch 1   :  300 updates per epoch", "batch 300 :    1 updates per epoch"] },
        { "07-simple-rnn", ["T =  3: 3 hidden states computed, parameters = 14", "classwork labels: ADJ, NOUN", "3 → three</s>"] },
        { "08-bidirectional-rnn", ["unidirectional GRU (2999 parameters): accuracy 90.3 %, on ambiguous words 54.0 %", "bidirectional  \"book prices fell today .\": book → NOUN"] },
        { "09-lstm", ["c(t) = Tensor(1×2) [[0.963127, -0.378831]]", "h(t) = Tensor(1×2) [[0.335674, -0.237635]]"] },
        { "10-gru", ["h(t) = Tensor(1×2) [[0.567834, -0.430979]]", "PyTorch (reset after): h(t) = Tensor(1×2) [[0.515681, -0.397861]]"] },
        { "11-rnn-text-classification", ["majority-class baseline (always \"negative\"): 54.0", "GRU test accuracy"] },
        { "12-sequence-tagging-bigru", ["most-frequent-tag baseline on test: 90.7 %", "44 of 340 training word types have more than one tag"] },
    };

    [Theory]
    [MemberData(nameof(KeyValues))]
    public void The_app_prints_its_notebooks_key_values_and_writes_its_report(string name, string[] expected)
    {
        var output = apps.Output(name);
        foreach (var value in expected) Assert.Contains(value, output);
        var report = File.ReadAllText(Path.Combine(apps.AppFolder, name + ".html"));
        Assert.Contains("<script src=\"plotly.min.js\"></script>", report);
        Assert.True(File.Exists(Path.Combine(apps.AppFolder, "plotly.min.js")));
    }

    [Fact]
    public void Every_lecture_has_an_app_and_every_app_runs()
    {
        var notebooks = Directory.GetFiles(Path.Combine(apps.Root, "notebooks"), "*.ipynb").Select(Path.GetFileNameWithoutExtension).Order();
        Assert.Equal(notebooks, apps.Runs.Keys.Order());
        Assert.All(apps.Runs, run => Assert.True(run.Value.Exit == 0, $"{run.Key}: exit {run.Value.Exit}\n{run.Value.Output}"));
    }

    [Fact]
    public void The_apps_trained_values_agree_with_the_notebooks_thresholds()
    {
        Assert.True(Printed.Number(apps.Output("11-rnn-text-classification"), @"GRU test accuracy ([\d.]+) %") >= 90);
        Assert.True(Printed.Number(apps.Output("12-sequence-tagging-bigru"), @"BiGRU test accuracy ([\d.]+) %") > 90.7);
        Assert.True(Printed.Number(apps.Output("02-activation-functions"), @"three linear layers vs one: max difference (\S+)") < 1e-14);
    }

    [Fact]
    public void An_app_carries_no_part_of_the_notebook_engine()
    {
        apps.Output("03-xor");
        var runfiles = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "dotnet", "runfile");
        var built = Directory.Exists(runfiles)
            ? Directory.GetDirectories(runfiles, "03-xor-*").Select(d => Path.Combine(d, "bin", "release")).Where(Directory.Exists).ToList()
            : [];
        Assert.True(built.Count > 0, $"no build of 03-xor.cs under {runfiles} (where the .NET 10 SDK keeps file-based apps)");
        foreach (var folder in built)
        {
            Assert.Contains(Directory.GetFiles(folder, "*.dll"), f => Path.GetFileName(f) == "CourseKit.Interactive.dll");
            Assert.DoesNotContain(Directory.GetFiles(folder, "*.dll"), f => Path.GetFileName(f).StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal));
        }
    }

    [ChromiumFact]
    public async Task Every_report_draws_its_charts_and_typesets_its_math_offline()
    {
        var problems = new List<string>();
        await using var browser = await HeadlessChromium.StartAsync();
        foreach (var name in apps.Runs.Keys.Order())
        {
            apps.Output(name);
            var report = Path.Combine(apps.AppFolder, name + ".html");
            var visit = await browser.VisitAsync(report);
            problems.AddRange(visit.Requests.Where(r => !r.StartsWith("file:", StringComparison.Ordinal) && !r.StartsWith("data:", StringComparison.Ordinal))
                .Select(r => $"{name}.html asked for {r}"));
            if (visit.Typeset != visit.Formulas) problems.Add($"{name}.html: {visit.Formulas - visit.Typeset} of {visit.Formulas} formulas not typeset");
            if (TexSource().IsMatch(visit.VisibleText)) problems.Add($"{name}.html shows TeX source: {TexSource().Match(visit.VisibleText).Value}");
            problems.AddRange(visit.Errors.Select(e => $"{name}.html: {e}"));
        }
        // The lectures with worked steps have formulas to typeset; a chart's script draws with the plotly.js beside the report.
        var lstm = await browser.VisitAsync(Path.Combine(apps.AppFolder, "09-lstm.html"));
        Assert.True(lstm.Formulas >= 1 && lstm.Typeset == lstm.Formulas, $"09-lstm.html: {lstm.Typeset} of {lstm.Formulas} formulas typeset");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
