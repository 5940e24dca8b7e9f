using System.Text;

namespace CourseKit.Cli;

/// <summary>index.html in the output folder: every notebook with its status, linked to its page.</summary>
internal static class IndexPage
{
    public static string Render(RunSummary summary)
    {
        var body = new StringBuilder()
            .Append("<h1>CourseKit notebooks</h1>\n")
            .Append($"<p>{HtmlPage.Encode(summary.Verdict)}</p>\n")
            .Append("<table>\n<thead><tr><th>notebook</th><th>status</th><th>seconds</th><th>first error</th></tr></thead>\n<tbody>\n");
        foreach (var (result, html) in summary.Entries)
        {
            var name = HtmlPage.Encode(result.Name);
            // Links are relative so the folder can be moved or published as a whole.
            var link = html is null ? name : $"<a href=\"{Uri.EscapeDataString(Path.GetFileName(html))}\">{name}</a>";
            var status = result.StatusText;
            body.Append("<tr><td>").Append(link)
                .Append("</td><td class=\"status-").Append(status.Replace(' ', '-')).Append("\">").Append(status)
                .Append("</td><td>").Append(RunSummary.Seconds(result.Seconds))
                .Append("</td><td>").Append(HtmlPage.Encode(result.FirstError?.Headline ?? ""))
                .Append("</td></tr>\n");
        }
        body.Append("</tbody>\n</table>\n");
        return HtmlPage.Render("CourseKit notebooks", body.ToString(), notebookPage: false);
    }
}
