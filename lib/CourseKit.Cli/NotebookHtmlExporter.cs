using System.Text;

namespace CourseKit.Cli;

/// <summary>
/// Turns a notebook into one standalone, readable HTML page (no Python, no network): markdown through Markdig, code
/// with its outputs, plotly.js and the math renderer (<see cref="MathAssets"/>) from the page's own folder.
/// </summary>
public static class NotebookHtmlExporter
{
    /// <summary>The page title: the first markdown heading's text, else <paramref name="fallback"/>.</summary>
    public static string Title(Ipynb notebook, string fallback) =>
        notebook.Cells.Where(c => c.CellType == "markdown").Select(c => MarkdownText.FirstHeading(c.Source))
            .FirstOrDefault(t => t is not null) ?? fallback;

    /// <summary>
    /// The whole page as a string; it expects plotly.min.js beside it and, with <paramref name="math"/>, the math
    /// renderer too (see <see cref="Export"/>). Without <paramref name="math"/> formulas stay TeX source.
    /// </summary>
    public static string Render(Ipynb notebook, string fallbackTitle, bool math = true) =>
        HtmlPage.Render(Title(notebook, fallbackTitle), RenderCells(notebook.Cells), notebookPage: true, math: math);

    /// <summary>
    /// The cells as HTML sections, for a page that adds its own parts around them (a feedback page, where
    /// <paramref name="trusted"/> is false: outputs and markdown cannot run script).
    /// </summary>
    internal static string RenderCells(IEnumerable<IpynbCell> cells, bool trusted = true)
    {
        var body = new StringBuilder();
        foreach (var cell in cells)
        {
            body.Append(RenderCell(cell, trusted));
        }
        return body.ToString();
    }

    /// <summary>
    /// Writes the page to <paramref name="htmlPath"/> and plotly.min.js beside it, and the math renderer when there is
    /// one (`setup` fetches it; see <see cref="MathAssets.Find"/>); returns the page's path.
    /// </summary>
    public static string Export(Ipynb notebook, string htmlPath, MathAssets? math)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(htmlPath))!;
        PlotlyJs.WriteTo(folder);
        math?.WriteTo(folder);
        File.WriteAllText(htmlPath, Render(notebook, Path.GetFileNameWithoutExtension(htmlPath), math is not null));
        return Path.GetFullPath(htmlPath);
    }

    private static string RenderCell(IpynbCell cell, bool trusted = true)
    {
        var anchor = $"id=\"cell-{cell.Number}\"";
        switch (cell.CellType)
        {
            case "markdown":
                return $"<section class=\"cell markdown\" {anchor}>\n{MarkdownText.ToHtml(cell.Source, trusted)}</section>\n";
            case "code":
                var language = cell.Language is { } l ? $" class=\"language-{HtmlPage.Encode(l)}\"" : "";
                var html = new StringBuilder()
                    .Append($"<section class=\"cell code\" {anchor}>\n")
                    .Append($"<div class=\"cell-label\">[{cell.Number}]</div>\n")
                    .Append($"<pre class=\"source\"><code{language}>{HtmlPage.Encode(cell.Source)}</code></pre>\n");
                var outputs = cell.Outputs;
                if (outputs.Count > 0)
                {
                    html.Append("<div class=\"outputs\">\n");
                    foreach (var output in outputs)
                    {
                        html.Append(OutputHtml.Render(output, trusted));
                    }
                    html.Append("</div>\n");
                }
                return html.Append("</section>\n").ToString();
            default:
                return $"<section class=\"cell raw\" {anchor}><pre>{HtmlPage.Encode(cell.Source)}</pre></section>\n";
        }
    }
}
