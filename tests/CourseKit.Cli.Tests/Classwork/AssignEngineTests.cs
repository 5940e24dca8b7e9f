using CourseKit.Cli.Classwork;

namespace CourseKit.Cli.Tests.Classwork;

/// <summary>Assign runs the teacher's source with the real engine before it releases anything.</summary>
[Collection(EngineCollection.Name)]
public class AssignEngineTests : IAsyncLifetime
{
    public Task InitializeAsync() => KitFixture.EnsureAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(ClassworkSourceTests.Shipped), MemberType = typeof(ClassworkSourceTests))]
    public async Task Every_shipped_classwork_passes_all_its_tests_for_the_lectures_numbers_and_three_students(string name)
    {
        using var temp = new TempFolder();
        var source = ClassworkSource.Load(ClassworkFiles.Shipped(name));

        var check = await SourceCheck.RunAsync(source, [null, "alice", "bob", "carol"], temp.Path, TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.True(check.Passed, string.Join("\n", check.Failures));
        Assert.Equal(4, check.Answers.Count);
        Assert.All(check.Answers, a => Assert.NotEmpty(a.Outputs));
        if (source.IsParametric)
        {
            // Each student's own numbers: the data cells print differently.
            Assert.Equal(4, check.Answers.Select(a => a.Outputs["data"]).Distinct().Count());
        }
    }

    [Fact]
    public async Task The_rnn_classwork_with_the_slides_numbers_predicts_adj_then_noun()
    {
        using var temp = new TempFolder();
        var source = ClassworkSource.Load(ClassworkFiles.Shipped("03-rnn-pos"));

        var check = await SourceCheck.RunAsync(source, [null], temp.Path, TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.True(check.Passed, string.Join("\n", check.Failures));
        Assert.Equal(
            "h1 = [4, 0], o1 = [0.9817, 0.0003, 0.018], tag ADJ\nh2 = [7, 5], o2 = [0.0003, 0, 0.9997], tag NOUN\n",
            check.Answers.Single().Outputs["answer"]);
    }

    [Fact]
    public async Task A_source_whose_solution_fails_its_own_hidden_test_is_not_released()
    {
        using var temp = new TempFolder();
        var notebook = Ipynb.Load(ClassworkFiles.Shipped("01-unit-output"));
        var kitFolder = Path.GetDirectoryName(ClassworkFiles.Shipped("01-unit-output"))!;
        foreach (var cell in notebook.Cells)
        {
            // The copy lives in a temp folder: its kit path must not depend on where it is.
            cell.Source = KitReference.MakeAbsolute(cell.Source, kitFolder);
            if (cell.Source.Contains("// BEGIN SOLUTION"))
            {
                cell.Source = cell.Source.Replace("+ i[2] * w[2] + b;", "+ i[2] * w[2];");
            }
        }
        var path = temp.File("forgot-the-bias.ipynb");
        notebook.Save(path);
        var stdout = new StringWriter();

        var exit = await Program.RunAsync(["assign", path, "--out", temp.File("out")], temp.Path, stdout, stdout, CancellationToken.None);

        Assert.Equal(1, exit);
        var output = stdout.ToString();
        Assert.Contains("✗ the source does not pass its own tests", output);
        Assert.Contains("nothing was released:", output);
        Assert.Contains("the source (seed 0): cell 9 'check-z': System.Exception: z = -1 is not the weighted sum of the inputs plus the bias", output);
        Assert.Contains("the source (seed 0): cell 10 'check-o': System.Exception: o = 0.2689414213699951 is not σ(z) for this unit", output);
        Assert.False(Directory.Exists(temp.File("out")));
    }

    [Fact]
    public async Task A_partial_credit_check_that_gives_the_teachers_solution_less_than_full_points_is_refused()
    {
        using var temp = new TempFolder();
        var notebook = Ipynb.CreateCSharp();
        new NbgraderCell("answer", false, true, false, null, null).WriteTo(notebook.AddCodeCell("int x;\n// BEGIN SOLUTION\nx = 2;\n// END SOLUTION"));
        var check = notebook.AddCodeCell("Console.WriteLine($\"partial credit: {(x == 3 ? 2 : 1)}\");");
        new NbgraderCell("check-x", true, false, true, 2, null).WriteTo(check);
        check.Metadata["coursekit"] = new System.Text.Json.Nodes.JsonObject { ["partial_credit"] = true };
        notebook.Save(temp.File("tiny.ipynb"));
        var stdout = new StringWriter();

        var exit = await Program.RunAsync(["assign", temp.File("tiny.ipynb"), "--out", temp.File("out")], temp.Path, stdout, stdout, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("the source: cell 2 'check-x': the teacher's solution earns only 1 of 2 points", stdout.ToString());
    }
}
