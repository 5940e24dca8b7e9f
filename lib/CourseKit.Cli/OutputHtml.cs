using System.Text;

namespace CourseKit.Cli;

/// <summary>Renders one cell output as HTML, choosing the richest mime type a static page can show.</summary>
internal static class OutputHtml
{
    private static readonly string[] MimePreference =
        ["text/html", "image/svg+xml", "image/png", "text/latex", "text/markdown", "text/plain"];

    /// <summary>
    /// One output. An untrusted output (a student's, on a feedback page) shows HTML and SVG inside a sandboxed frame
    /// that runs no script, and markdown with its raw HTML escaped.
    /// </summary>
    public static string Render(IpynbOutput output, bool trusted = true) => output.OutputType switch
    {
        "display_data" or "execute_result" => RenderData(output, trusted),
        "stream" => $"<pre class=\"output stream {Css(output.StreamName ?? "stdout")}\">{HtmlPage.Encode(output.Text)}</pre>\n",
        "error" => "<div class=\"output error\"><div class=\"ename\">" + HtmlPage.Encode(output.EName) + "</div><pre>"
                   + HtmlPage.Encode(output.EValue) + "</pre></div>\n",
        _ => "",
    };

    private static string RenderData(IpynbOutput output, bool trusted)
    {
        var mime = MimePreference.FirstOrDefault(m => output.Data(m) is not null);
        if (mime is null)
        {
            var kinds = string.Join(", ", output.MimeTypes);
            return $"<pre class=\"output text\">{HtmlPage.Encode($"[output in a format this page cannot show: {kinds}]")}</pre>\n";
        }
        var data = output.Data(mime)!;
        if (!trusted && mime is "text/html" or "image/svg+xml")
        {
            // sandbox="" : no scripts, no forms, no navigation of the page, an origin of its own.
            return $"<iframe class=\"output html untrusted\" sandbox=\"\" title=\"output\" srcdoc=\"{HtmlPage.Encode(data)}\"></iframe>\n";
        }
        return mime switch
        {
            // Rich outputs are embedded raw: their scripts (charts) run in the page, after plotly.min.js in the head.
            "text/html" => $"<div class=\"output html\">{data}</div>\n",
            "image/svg+xml" => $"<div class=\"output svg\">{data}</div>\n",
            "image/png" => $"<div class=\"output image\"><img alt=\"output image\" src=\"data:image/png;base64,{Base64(data)}\"></div>\n",
            "text/latex" => $"<div class=\"output latex\">{LatexOutput.ToHtml(data)}</div>\n",
            "text/markdown" => $"<div class=\"output markdown\">{MarkdownText.ToHtml(data, trusted)}</div>\n",
            _ => $"<pre class=\"output text\">{HtmlPage.Encode(data)}</pre>\n",
        };
    }

    private static string Base64(string data)
    {
        var clean = new StringBuilder(data.Length);
        foreach (var c in data.Where(c => !char.IsWhiteSpace(c)))
        {
            clean.Append(c);
        }
        return clean.ToString();
    }

    private static string Css(string name) => new(name.Where(char.IsAsciiLetterOrDigit).ToArray());
}
