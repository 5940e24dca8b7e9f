using System.Text.Json.Nodes;
using CourseKit.Cli.Classwork;

namespace CourseKit.Cli.Tests.Classwork;

/// <summary>The small parts of grading: partial credit, the output cap, the progress bar, the feedback page.</summary>
public class GradingPartsTests
{
    [Theory]
    [InlineData("partial credit: 1.5\n", 1.5)]
    [InlineData("partial credit: 1\nsomething else\npartial credit: 2\n", 2)]
    [InlineData("partial credit: 9\n", 3)]
    [InlineData("partial credit: -1\n", 0)]
    public void Partial_credit_is_the_last_reported_line_clamped_to_the_cells_points(string stdout, double expected)
    {
        Assert.Equal(expected, PartialCredit.Earned(stdout, 3));
    }

    [Fact]
    public void A_cell_that_reports_no_partial_credit_has_none()
    {
        Assert.Null(PartialCredit.Earned("my partial credit: 3\n", 3));
    }

    [Fact]
    public void Gigantic_output_is_cut_per_cell_and_the_cut_is_reported()
    {
        var notebook = Ipynb.CreateCSharp();
        var cell = notebook.AddCodeCell("spam();");
        ((JsonArray)cell.Json["outputs"]!).Add(new JsonObject
        {
            ["output_type"] = "stream", ["name"] = "stdout", ["text"] = JsonText.Write(new string('x', 50_000) + "\n"),
        });
        notebook.AddCodeCell("quiet();");

        var cut = OutputCap.Apply(notebook, perCell: 1000);

        Assert.Equal([(1, 49_001L)], cut);
        var text = notebook.Cells[0].StreamText();
        Assert.StartsWith(new string('x', 1000) + "\n[… 49001 more characters cut by the grader]", text);
    }

    [Fact]
    public void Redirected_progress_is_one_plain_line_per_student()
    {
        var output = new StringWriter();
        var progress = new ProgressBar(output, 2, terminal: false);

        progress.Starting(0, "alice");
        progress.Finished(1, "alice", "5 / 5");

        Assert.Matches(@"^\[1/2\] alice: 5 / 5 \(0:0\d\)\n$", output.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void Terminal_progress_redraws_one_line_with_a_bar()
    {
        var output = new StringWriter();
        var progress = new ProgressBar(output, 2, terminal: true);

        progress.Starting(0, "alice");
        progress.Finished(1, "alice", "5 / 5");
        progress.Starting(1, "bob");
        progress.Finished(2, "bob", "1 / 5");

        var text = output.ToString();
        Assert.StartsWith("\r[....................] 1/2  alice  0:0", text);
        Assert.Contains("\r[##########..........] 1/2  alice: 5 / 5  0:0", text);
        Assert.Contains("\r[####################] 2/2  bob: 1 / 5  0:0", text);
        Assert.Equal(1, text.Count(c => c == '\n'));
    }

    [Fact]
    public void The_feedback_page_shows_each_checks_verdict_but_never_the_hidden_tests()
    {
        var source = ClassworkFiles.UnitOutput();
        var merged = SubmissionMerge.Merge(source, ClassworkFiles.Answered(source, "bob", "z = 0; o = 0.5;"), 7);
        var checkZ = merged.Notebook.Cells[merged.IndexOf(source.Tests.Single(t => t.Id == "check-z"))];
        ((JsonArray)checkZ.Json["outputs"]!).Add(new JsonObject
        {
            ["output_type"] = "error", ["ename"] = "Error",
            ["evalue"] = "System.Exception: z = 0 is not the weighted sum of the inputs plus the bias\n   at Submission#9.<<Initialize>>d__0.MoveNext()",
        });
        ((JsonArray)checkZ.Json["outputs"]!).Add(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "expected 1.25" });
        var entry = new GradebookEntry("bob", "bob.ipynb", "sha", 7, "graded",
            [new ItemScore("check-o-is-a-sigmoid-output", 1, 1, null), new ItemScore("check-z", 0, 2, "System.Exception: z = 0 is not the weighted sum of the inputs plus the bias"),
             new ItemScore("check-o", 0, 2, "System.Exception: o = 0.5 is not σ(z) for this unit")],
            [], ["cell 9 'check-z' was deleted; restored from the source"], 4);

        var html = FeedbackPage.Render(source, entry, merged.Notebook, merged.Origins);

        Assert.Contains("Score: 1 / 5 (graded)", html);
        Assert.Contains("Your numbers came from seed 7.", html);
        Assert.Contains("<td>0 / 2</td><td>✗ System.Exception: z = 0 is not the weighted sum of the inputs plus the bias</td>", html);
        Assert.Contains("cell 9 &#39;check-z&#39; was deleted; restored from the source", html);
        Assert.Contains("// … and hidden tests, not shown", html);
        Assert.DoesNotContain("zExpected", html);
        Assert.DoesNotContain("oExpected", html);
        Assert.DoesNotContain("expected 1.25", html);
        Assert.DoesNotContain("Submission#9", html);
        Assert.Contains("#r &quot;../../artifacts/kit/CourseKit.Interactive.dll&quot;", html);
        Assert.DoesNotContain(ClassworkFiles.RepoRoot + "/artifacts", html);
    }
}
