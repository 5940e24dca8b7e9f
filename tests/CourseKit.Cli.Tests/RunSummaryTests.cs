using System.Text.Json.Nodes;

namespace CourseKit.Cli.Tests;

public class RunSummaryTests
{
    private static NotebookRunResult Result(string name, NotebookStatus status, params NotebookError[] errors) =>
        new(name, $"/nb/{name}.ipynb", status, 4.26, errors,
            status is NotebookStatus.Passed or NotebookStatus.Failed ? $"/out/{name}.ipynb" : null, null, null, []);

    private static RunSummary Summary()
    {
        var summary = new RunSummary();
        summary.Add(Result("01-ok", NotebookStatus.Passed), "/out/01-ok.html");
        summary.Add(Result("02-bad", NotebookStatus.Failed,
            new NotebookError(4, "Error", "System.Exception: first\n   at X"), new NotebookError(6, "Error", "second")), "/out/02-bad.html");
        summary.Add(Result("03-slow", NotebookStatus.TimedOut, new NotebookError(null, "Timeout", "timed out after 20 s")), null);
        return summary;
    }

    [Fact]
    public void Summary_json_has_every_notebook_with_status_errors_and_counts()
    {
        var json = JsonNode.Parse(Summary().ToJson())!;

        Assert.Equal(1, json["passed"]!.GetValue<int>());
        Assert.Equal(2, json["failed"]!.GetValue<int>());
        var notebooks = json["notebooks"]!.AsArray();
        Assert.Equal(["passed", "failed", "timed out"], notebooks.Select(n => n!["status"]!.GetValue<string>()));
        Assert.Equal("/out/01-ok.html", notebooks[0]!["html"]!.GetValue<string>());
        Assert.Equal(4.26, notebooks[0]!["seconds"]!.GetValue<double>());
        var errors = notebooks[1]!["errors"]!.AsArray();
        Assert.Equal(4, errors[0]!["cell"]!.GetValue<int>());
        Assert.Equal("System.Exception: first\n   at X", errors[0]!["message"]!.GetValue<string>());
        Assert.Null(notebooks[2]!["errors"]![0]!["cell"]);
        Assert.Null(notebooks[2]!["executed"]);
    }

    [Fact]
    public void The_table_has_one_row_per_notebook_with_its_first_error()
    {
        var text = new StringWriter();
        Summary().WriteTable(text);
        var lines = text.ToString().TrimEnd().Split(Environment.NewLine);

        Assert.Equal(5, lines.Length);
        Assert.Matches(@"^notebook\s+status\s+seconds\s+first error$", lines[0]);
        Assert.Matches(@"^01-ok\s+passed\s+4\.3$", lines[2]);
        Assert.Matches(@"^02-bad\s+failed\s+4\.3\s+cell 4: System\.Exception: first$", lines[3]);
        Assert.Matches(@"^03-slow\s+timed out\s+4\.3\s+timed out after 20 s$", lines[4]);
    }

    [Fact]
    public void Each_notebook_gets_a_one_line_report()
    {
        Assert.Equal("✓ 01-ok  4.3 s", RunCommand.ResultLine(Result("01-ok", NotebookStatus.Passed)));
        Assert.Equal("✗ 02-bad  4.3 s  cell 4: System.Exception: first (+1 more)",
            RunCommand.ResultLine(Summary().Entries[1].Result));
        Assert.Equal("✗ x  4.3 s  invalid: /nb/x.ipynb: malformed JSON",
            RunCommand.ResultLine(Result("x", NotebookStatus.Invalid, new NotebookError(null, "InvalidNotebook", "/nb/x.ipynb: malformed JSON"))));
    }

    [Fact]
    public void The_verdict_line_avoids_the_bare_shape_that_ci_counts_as_tests()
    {
        Assert.Equal("3 notebooks: 1 passed, 2 failed", Summary().Verdict);
        var one = new RunSummary();
        one.Add(Result("01-ok", NotebookStatus.Passed), null);
        Assert.Equal("1 notebook: 1 passed, 0 failed", one.Verdict);
    }

    [Fact]
    public void The_index_page_links_each_exported_page_with_its_status()
    {
        var html = IndexPage.Render(Summary());

        Assert.Contains("<a href=\"01-ok.html\">01-ok</a></td><td class=\"status-passed\">passed", html);
        Assert.Contains("<td>03-slow</td><td class=\"status-timed-out\">timed out", html);
        Assert.Contains("cell 4: System.Exception: first", html);
    }
}
