using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json;
using CourseKit.Cli.Runner;

namespace CourseKit.Cli;

/// <summary>The results of one `coursekit run`: the closing table and summary.json.</summary>
internal sealed class RunSummary
{
    private const int ErrorColumnWidth = 90;

    private readonly List<SummaryEntry> _entries = [];

    public IReadOnlyList<SummaryEntry> Entries => _entries;

    public int Passed => _entries.Count(e => e.Result.Passed);

    public int Failed => _entries.Count - Passed;

    public void Add(NotebookRunResult result, string? htmlPath) => _entries.Add(new SummaryEntry(result, htmlPath));

    public static string Seconds(double seconds) => seconds.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>The one-line verdict; deliberately not in the bare "N passed, N failed" shape that test-log readers count.</summary>
    public string Verdict => $"{Notebooks(_entries.Count)}: {Passed} passed, {Failed} failed";

    public static string Notebooks(int count) => count == 1 ? "1 notebook" : $"{count} notebooks";

    public void WriteTable(TextWriter writer)
    {
        string[] header = ["notebook", "status", "seconds", "first error"];
        var rows = _entries.Select(e => new[]
        {
            e.Result.Name,
            e.Result.StatusText,
            Seconds(e.Result.Seconds),
            Truncate(e.Result.FirstError?.Headline ?? "", ErrorColumnWidth),
        }).ToList();
        var widths = Enumerable.Range(0, header.Length)
            .Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max())
            .ToArray();
        string Line(string[] cells) =>
            string.Join("  ", cells.Select((c, i) => i == 2 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();

        writer.WriteLine(Line(header));
        writer.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            writer.WriteLine(Line(row));
        }
    }

    public string ToJson()
    {
        var notebooks = new JsonArray();
        foreach (var (result, html) in _entries)
        {
            var errors = new JsonArray();
            foreach (var error in result.Errors)
            {
                errors.Add(new JsonObject { ["cell"] = error.Cell, ["ename"] = error.EName, ["message"] = error.Message });
            }
            var cells = new JsonArray();
            foreach (var cell in result.Cells)
            {
                cells.Add(new JsonObject { ["cell"] = cell.Cell, ["status"] = cell.Status, ["seconds"] = cell.Seconds });
            }
            notebooks.Add(new JsonObject
            {
                ["name"] = result.Name,
                ["path"] = result.NotebookPath,
                ["status"] = result.StatusText,
                ["seconds"] = Math.Round(result.Seconds, 2),
                ["errors"] = errors,
                ["executed"] = result.ExecutedPath,
                ["html"] = html,
                ["cells"] = cells,
            });
        }
        var root = new JsonObject { ["notebooks"] = notebooks, ["passed"] = Passed, ["failed"] = Failed };
        return root.ToJsonString(JsonText.Indented);
    }

    private static string Truncate(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
