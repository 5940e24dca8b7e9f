using System.Text.Json.Nodes;

namespace CourseKit.Cli.Tests;

/// <summary>The whole `coursekit run` on a folder: real engine, pages, index and summary.json.</summary>
[Collection(EngineCollection.Name)]
public class RunCommandEngineTests
{
    [Fact]
    public async Task Run_writes_executed_notebooks_pages_index_and_summary_and_fails_on_an_invalid_notebook()
    {
        using var temp = new TempFolder();
        var lessons = Directory.CreateDirectory(temp.File("lessons")).FullName;
        var ok = Ipynb.CreateCSharp();
        ok.AddMarkdownCell("# Lesson one");
        ok.AddCodeCell("\"<b id='shown'>rich</b>\".DisplayAs(\"text/html\");");
        ok.Save(Path.Combine(lessons, "01-ok.ipynb"));
        File.WriteAllText(Path.Combine(lessons, "02-broken.ipynb"), "{ this is not json");
        var outDir = temp.File("out");
        var stdout = new StringWriter();

        var exit = await Program.RunAsync(
            ["run", lessons, "--out", outDir, "--no-setup", "--timeout", "120"], temp.Path, stdout, new StringWriter(), CancellationToken.None);

        var console = stdout.ToString();
        Assert.Equal(1, exit);
        Assert.Matches(@"✓ 01-ok  \d+\.\d s", console);
        Assert.Contains("✗ 02-broken  0.0 s  invalid: " + Path.Combine(lessons, "02-broken.ipynb") + ": malformed JSON", console);
        Assert.Contains("2 notebooks: 1 passed, 1 failed", console);

        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")))!;
        Assert.Equal(1, summary["passed"]!.GetValue<int>());
        Assert.Equal(1, summary["failed"]!.GetValue<int>());
        var first = summary["notebooks"]![0]!;
        Assert.Equal("passed", first["status"]!.GetValue<string>());
        Assert.Equal(Path.Combine(outDir, "01-ok.ipynb"), first["executed"]!.GetValue<string>());
        var second = summary["notebooks"]![1]!;
        Assert.Equal("invalid", second["status"]!.GetValue<string>());
        Assert.Contains("02-broken.ipynb", second["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Null(second["html"]);

        var page = File.ReadAllText(first["html"]!.GetValue<string>());
        Assert.Contains("<title>Lesson one</title>", page);
        Assert.Contains("<b id='shown'>rich</b>", page);
        Assert.Contains("<script src=\"plotly.min.js\"></script>", page);
        Assert.True(new FileInfo(Path.Combine(outDir, "plotly.min.js")).Length > 1_000_000);
        var index = File.ReadAllText(Path.Combine(outDir, "index.html"));
        Assert.Contains("<a href=\"01-ok.html\">01-ok</a>", index);
        Assert.Contains("status-invalid", index);
    }
}
