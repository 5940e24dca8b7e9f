using System.Text.Json;

namespace CourseKit.Notebooks.Tests;

/// <summary>
/// Runs `coursekit run` once over the repository's notebooks — the README's main job — into a temporary folder,
/// and gives the tests the executed notebooks and the summary.
/// </summary>
public sealed class NotebookRun : IAsyncLifetime
{
    public string Root { get; } = RepoLocator.Find(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("The notebook tests must run inside the repository.");

    public string OutDir { get; } = Path.Combine(Path.GetTempPath(), "coursekit-notebook-tests-" + Guid.NewGuid().ToString("N")[..8]);

    public int ExitCode { get; private set; }

    public string Console { get; private set; } = "";

    public JsonElement Summary { get; private set; }

    public async Task InitializeAsync()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        // COURSEKIT_NOTEBOOKS="notebooks/07-simple-rnn.ipynb ..." runs only those (for working on a few notebooks);
        // the full suite, as CI runs it, leaves it unset and runs every notebook.
        var only = (Environment.GetEnvironmentVariable("COURSEKIT_NOTEBOOKS") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        ExitCode = await Program.RunAsync(["run", .. only, "--out", OutDir, "--timeout", "600"], Root, stdout, stderr, CancellationToken.None);
        Console = stdout + Environment.NewLine + stderr;
        var summaryPath = Path.Combine(OutDir, "summary.json");
        Assert.True(File.Exists(summaryPath), $"coursekit run wrote no summary.json:\n{Console}");
        Summary = JsonDocument.Parse(File.ReadAllText(summaryPath)).RootElement;
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(OutDir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    /// <summary>The executed notebook, after asserting that it passed (with the first error's cell and message if not).</summary>
    public Ipynb Executed(string name)
    {
        var entry = Summary.GetProperty("notebooks").EnumerateArray().Single(n => n.GetProperty("name").GetString() == name);
        string status = entry.GetProperty("status").GetString()!;
        if (status != "passed")
        {
            var errors = string.Join("\n", entry.GetProperty("errors").EnumerateArray()
                .Select(e => $"cell {e.GetProperty("cell")}: {e.GetProperty("message").GetString()}"));
            Assert.Fail($"{name}.ipynb {status}:\n{errors}");
        }
        return Ipynb.Load(Path.Combine(OutDir, name + ".ipynb"));
    }
}

internal static class NotebookText
{
    /// <summary>Everything a cell printed (stdout) plus every text output, for simple "contains" checks.</summary>
    public static string AllText(this IpynbCell cell) =>
        cell.StreamText() + "\n" + cell.OutputText("text/plain") + "\n" + cell.OutputText("text/latex") + "\n" + cell.OutputText("text/html");

    /// <summary>The first code cell whose source contains <paramref name="marker"/>.</summary>
    public static IpynbCell CellWith(this Ipynb notebook, string marker) =>
        notebook.Cells.FirstOrDefault(c => c.CellType == "code" && c.Source.Contains(marker, StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"no code cell contains \"{marker}\"");

    /// <summary>How many outputs of the notebook are Plotly charts drawn by the kit.</summary>
    public static int ChartCount(this Ipynb notebook) =>
        notebook.Cells.SelectMany(c => c.Outputs).Count(o => (o.Data("text/html") ?? "").Contains(".newPlot(", StringComparison.Ordinal)
                                                             && (o.Data("text/html") ?? "").Contains("\"data\":[{", StringComparison.Ordinal));
}
