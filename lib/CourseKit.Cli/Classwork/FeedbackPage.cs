using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CourseKit.Cli.Runner;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// One student's feedback page: the score of every check with the reason it failed, what grading repaired, and the
/// graded notebook with its outputs. The page runs no script: its policy forbids every one, a student's HTML output
/// shows in a frame that may not run any, and markdown's raw HTML is escaped. A test cell shows only what the student's notebook showed: its hidden tests' code,
/// and any output they printed, are left out, and their error keeps only its first line (the exception's message).
/// </summary>
internal static class FeedbackPage
{
    /// <summary>The page's HTML. <paramref name="graded"/> is the notebook that ran (or would have), cell for cell with <paramref name="origins"/>.</summary>
    public static string Render(ClassworkSource source, GradebookEntry entry, Ipynb? graded, IReadOnlyList<ClassworkCell?> origins)
    {
        var body = new StringBuilder();
        body.Append($"<h1>{HtmlPage.Encode(source.Name)}: feedback for {HtmlPage.Encode(entry.Student)}</h1>\n");
        var css = entry.Total >= entry.MaxPoints && entry.MaxPoints > 0 ? "status-passed" : "status-failed";
        body.Append($"<p class=\"{css}\">Score: {Number(entry.Total)} / {Number(entry.MaxPoints)} ({HtmlPage.Encode(entry.Status)})</p>\n");
        if (entry.Seed is { } seed)
        {
            body.Append($"<p>Your numbers came from seed {seed}.</p>\n");
        }
        AppendList(body, "Problems with the submission", entry.Errors, "error");
        AppendList(body, "What grading repaired", entry.Notes, null);

        body.Append("<h2>Checks</h2>\n<table>\n<tr><th>check</th><th>points</th><th>result</th></tr>\n");
        foreach (var item in entry.Items)
        {
            var result = item.Message is null ? "✓ passed" : "✗ " + item.Message;
            body.Append($"<tr><td><a href=\"#check-{HtmlPage.Encode(item.Id)}\">{HtmlPage.Encode(item.Id)}</a></td>")
                .Append($"<td>{Number(item.Points)} / {Number(item.MaxPoints)}</td><td>{HtmlPage.Encode(result)}</td></tr>\n");
        }
        body.Append("</table>\n");

        if (graded is not null)
        {
            body.Append("<h2>Your notebook as graded</h2>\n");
            var shown = Redact(graded, origins, entry.Seed);
            foreach (var (cell, origin) in shown.Cells.Zip(origins))
            {
                if (origin is { Kind: ClassworkCellKind.Test, Id: { } id })
                {
                    body.Append($"<div id=\"check-{HtmlPage.Encode(id)}\"></div>\n");
                }
                body.Append(NotebookHtmlExporter.RenderCells([cell], trusted: false));
            }
        }
        return HtmlPage.Render($"{source.Name}: {entry.Student}", body.ToString(), notebookPage: true, inert: true);
    }

    // A copy in which each restored cell carries its student version, and hidden tests leave no trace but their verdict.
    private static Ipynb Redact(Ipynb graded, IReadOnlyList<ClassworkCell?> origins, int? seed)
    {
        var copy = Ipynb.Parse(graded.ToJson());
        foreach (var (cell, origin) in copy.Cells.Zip(origins))
        {
            // A restored cell shows what the student's notebook shows (no grader's paths, no hidden tests).
            if (origin is not { IsRestored: true })
            {
                continue;
            }
            cell.Source = origin.StudentSource(seed);
            if (origin.Kind != ClassworkCellKind.Test || !origin.HasHiddenTests)
            {
                continue;
            }
            cell.Source = cell.Source.TrimEnd('\n') + "\n// … and hidden tests, not shown\n";
            var kept = new JsonArray();
            foreach (var output in cell.Outputs.Where(o => o.OutputType == "error"))
            {
                kept.Add(new JsonObject
                {
                    ["output_type"] = "error",
                    ["ename"] = output.EName,
                    ["evalue"] = new NotebookError(null, output.EName, output.EValue).FirstLine,
                    ["traceback"] = new JsonArray(),
                });
            }
            cell.Json["outputs"] = kept;
        }
        return copy;
    }

    private static void AppendList(StringBuilder body, string title, IReadOnlyList<string> lines, string? css)
    {
        if (lines.Count == 0)
        {
            return;
        }
        body.Append($"<h2>{HtmlPage.Encode(title)}</h2>\n<ul{(css is null ? "" : $" class=\"{css}\"")}>\n");
        foreach (var line in lines)
        {
            body.Append($"<li>{HtmlPage.Encode(line)}</li>\n");
        }
        body.Append("</ul>\n");
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
