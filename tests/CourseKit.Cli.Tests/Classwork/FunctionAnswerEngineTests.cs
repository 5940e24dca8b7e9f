using System.Text.Json.Nodes;
using CourseKit.Cli.Classwork;

namespace CourseKit.Cli.Tests.Classwork;

/// <summary>
/// An exercise that asks for a function: grading calls the student's Sigmoid inside the student's sandbox, on inputs
/// the teacher's cells compute from each student's seed, and the checks (in the checker) call the results back.
/// </summary>
[Collection(EngineCollection.Name)]
public class FunctionAnswerEngineTests(FunctionAnswerFixture fixture) : IClassFixture<FunctionAnswerFixture>
{
    private JsonObject Entry(string student) =>
        fixture.Gradebook["students"]!.AsArray().Select(s => s!.AsObject()).Single(s => s["student"]!.GetValue<string>() == student);

    private string Message(string student, string check) => Entry(student)["items"]![check]!["message"]?.GetValue<string>() ?? "";

    [Fact]
    public void A_right_function_earns_every_point_on_each_students_own_inputs()
    {
        foreach (var student in new[] { "alice", "zz-honest" })
        {
            Assert.True(Entry(student)["total"]!.GetValue<double>() == 3, Entry(student).ToJsonString());
        }
    }

    [Fact]
    public void A_wrong_function_is_caught_on_the_hidden_inputs()
    {
        Assert.Equal(1, Entry("bob")["total"]!.GetValue<double>());
        Assert.Matches(@"^System\.Exception: Sigmoid\(-?\d+(\.\d+)?\) = 0\.5 is not 1 / \(1 \+ e\^-z\)$", Message("bob", "check-probes"));
    }

    [Fact]
    public void A_function_that_never_returns_stops_no_one_else()
    {
        Assert.Equal(0, Entry("carol")["total"]!.GetValue<double>());
        Assert.StartsWith("this check needs Sigmoid, which did not return within 30 s on the grader's inputs", Message("carol", "check-zero"));
    }

    [Fact]
    public void A_missing_function_and_one_that_exits_earn_nothing_and_say_why()
    {
        Assert.Equal(0, Entry("dave")["total"]!.GetValue<double>());
        Assert.Equal("this check needs Sigmoid, which could not be called as double Sigmoid(double): it is missing or has another signature",
            Message("dave", "check-zero"));
        Assert.Equal(0, Entry("erin")["total"]!.GetValue<double>());
        Assert.StartsWith("this check needs Sigmoid, which did not return", Message("erin", "check-zero"));
    }

    [Fact]
    public void The_checks_never_run_the_students_code()
    {
        // The checker's Sigmoid is the table of the student's results: no line of bob's ("return 0.5") is in its run.
        Assert.DoesNotContain("return 0.5", File.ReadAllText(fixture.Temp.File("graded/executed/bob.checks.log")));
        Assert.Contains("is not 1 / (1 + e^-z)", File.ReadAllText(fixture.Temp.File("graded/executed/bob.ipynb")));
    }
}

/// <summary>Assigns the Sigmoid exercise to six students and grades what they hand in, once for the tests above.</summary>
public sealed class FunctionAnswerFixture : IAsyncLifetime
{
    private readonly TempFolder _temp = new();

    public TempFolder Temp => _temp;

    public JsonObject Gradebook { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await KitFixture.EnsureAsync();
        var source = _temp.File("sigmoid.ipynb");
        SigmoidSource().Save(source);
        File.WriteAllText(_temp.File("roster.txt"), "alice\nbob\ncarol\ndave\nerin\nzz-honest\n");
        var stdout = new StringWriter();
        Assert.Equal(0, await Program.RunAsync(["assign", source, "--roster", _temp.File("roster.txt"), "--out", _temp.File("assigned")],
            _temp.Path, stdout, stdout, CancellationToken.None));
        Directory.CreateDirectory(_temp.File("submitted"));
        Submit("alice", "return 1 / (1 + Math.Exp(-z));");
        Submit("bob", "return 0.5;");
        Submit("carol", "while (true) { }");
        Submit("dave", "return 1 / (1 + Math.Exp(-z));", rename: true);
        Submit("erin", "Environment.Exit(0); return 0;");
        Submit("zz-honest", "return 1 / (1 + Math.Exp(-z));");
        var exit = await Program.RunAsync(["grade", source, _temp.File("submitted"), "--roster", _temp.File("roster.txt"), "--out", _temp.File("graded"),
            .. ClassworkFiles.SandboxOption], _temp.Path, stdout, stdout, CancellationToken.None);
        Assert.True(exit == 0, stdout.ToString());
        Gradebook = JsonNode.Parse(File.ReadAllText(_temp.File("graded/gradebook.json")))!.AsObject();
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }

    private void Submit(string student, string body, bool rename = false)
    {
        var notebook = Ipynb.Load(_temp.File($"assigned/release/{student}/sigmoid.ipynb"));
        var answer = ClassworkFiles.CellWithId(notebook, "answer");
        answer.Source = answer.Source.Replace(RegionMarkers.NotImplemented, body);
        if (rename)
        {
            answer.Source = answer.Source.Replace("double Sigmoid(", "double Sigma(");
        }
        notebook.Save(_temp.File($"submitted/{student}.ipynb"));
    }

    // The exercise: write double Sigmoid(double z). The inputs depend on the seed; the visible check calls Sigmoid(0).
    private static Ipynb SigmoidSource()
    {
        var notebook = Ipynb.CreateCSharp();
        ClassworkFiles.Mark(notebook.AddCodeCell(
            "void Check(bool passed, string message) { if (!passed) throw new Exception(message); }\n" +
            "bool Close(double a, double b) => Math.Abs(a - b) <= 1e-9 * (1 + Math.Abs(b));"), "setup", locked: true);
        var seed = notebook.AddCodeCell("var seed = 0;");
        ClassworkFiles.Mark(seed, "seed", locked: true);
        seed.Metadata["coursekit"] = new JsonObject { ["parameters"] = true };
        ClassworkFiles.Mark(notebook.AddCodeCell(
            "var random = new Random(seed + 1);\n" +
            "double[][] probes = Enumerable.Range(0, 5).Select(_ => new[] { random.Next(-40, 41) / 10.0 }).Append(new[] { 0.0 }).ToArray();"),
            "data", locked: true);
        var answer = notebook.AddCodeCell("double Sigmoid(double z)\n{\n    // BEGIN SOLUTION\n    return 1 / (1 + Math.Exp(-z));\n    // END SOLUTION\n}");
        ClassworkFiles.Mark(answer, "answer", solution: true);
        answer.Metadata["coursekit"] = new JsonObject
        {
            ["functions"] = new JsonObject { ["Sigmoid"] = new JsonObject { ["parameters"] = 1, ["inputs"] = "probes" } },
        };
        ClassworkFiles.Mark(notebook.AddCodeCell("Check(Close(Sigmoid(0), 0.5), $\"Sigmoid(0) = {Sigmoid(0)}, not 0.5\");"),
            "check-zero", grade: true, locked: true, points: 1);
        ClassworkFiles.Mark(notebook.AddCodeCell(
            "// BEGIN HIDDEN TESTS\n" +
            "foreach (var p in probes) Check(Close(Sigmoid(p[0]), 1 / (1 + Math.Exp(-p[0]))), $\"Sigmoid({p[0]}) = {Sigmoid(p[0])} is not 1 / (1 + e^-z)\");\n" +
            "// END HIDDEN TESTS"), "check-probes", grade: true, locked: true, points: 2);
        return notebook;
    }
}
