using System.Net;
using System.Text;

namespace CourseKit.Cli;

/// <summary>The standalone page shell shared by notebook pages and the index: inline stylesheet, no required network.</summary>
internal static class HtmlPage
{
    // Plotly.NET's default chart HTML asks require.js for 'plotly' and fetches require.js from a CDN when it is
    // missing. This stand-in answers that request with the bundled window.Plotly, so those charts draw offline too.
    private const string RequireShim = """
        <script>
        if (typeof window.requirejs !== "function") {
          window.requirejs = function (deps, callback) {
            callback.apply(null, deps.map(function (d) { return d === "plotly" ? window.Plotly : undefined; }));
          };
          window.requirejs.config = function () { return window.requirejs; };
          if (typeof window.require === "undefined") { window.require = window.requirejs; }
        }
        </script>
        """;

    // temml (see MathAssets) turns each formula the exporter marked into MathML, which the browser draws itself.
    // Only marked elements are touched, so TeX in code and in plain-text outputs stays as written. A formula temml
    // cannot read stays as TeX, with the reason as its tooltip.
    private const string Typeset = """
        <script>
        (function () {
          if (!window.temml) { return; }
          var marks = document.querySelectorAll("span.math, div.math");
          for (var i = 0; i < marks.length; i++) {
            var mark = marks[i];
            var tex = mark.textContent.trim().replace(/^\\[(\[]/, "").replace(/\\[)\]]$/, "");
            try {
              temml.render(tex, mark, { displayMode: mark.tagName === "DIV", annotate: true });
            } catch (e) {
              mark.title = String(e && e.message || e);
            }
          }
        })();
        </script>
        """;

    // The math font sits beside the page (MathAssets); its stretchy brackets keep matrices readable on machines that
    // have no math font of their own. This follows temml.css, so it wins over temml's list of system fonts.
    private static readonly string MathStyle = $$"""
        <style>
        @font-face { font-family: "Noto Sans Math"; src: url("{{MathAssets.FontFile}}") format("woff2"); }
        math { font-family: "Noto Sans Math", math; }
        </style>
        """;

    private const string NoMathNote =
        "<p class=\"note\">Formulas are shown as TeX source: the math renderer was not set up when this page was written. " +
        "Run <code>coursekit setup</code> where the npm registry is reachable, then <code>coursekit run</code> again.</p>\n";

    private const string Style = """
        <style>
        :root { color-scheme: light; }
        body { margin: 0; background: #fafafa; color: #1f2328; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        main { max-width: 80rem; margin: 0 auto; padding: 2rem 1.25rem 4rem 4.5rem; background: #fff; min-height: 100vh; box-sizing: border-box; }
        /* Prose keeps a readable line length; code and its outputs (worked steps, wide tables) may use the whole page. */
        .cell.markdown { max-width: 60rem; }
        h1, h2, h3, h4 { line-height: 1.25; margin: 1.4em 0 0.5em; }
        h1 { font-size: 1.9rem; border-bottom: 1px solid #d0d7de; padding-bottom: 0.3em; }
        a { color: #0969da; }
        pre, code { font: 0.875rem/1.45 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
        pre { overflow-x: auto; padding: 0.75rem 1rem; margin: 0; white-space: pre; }
        /* Long lines wrap, so nothing hides behind a scroll bar a reader may never see (or a printout). */
        pre.source, pre.output { white-space: pre-wrap; overflow-wrap: anywhere; }
        :not(pre) > code { background: #eff1f3; padding: 0.1em 0.35em; border-radius: 4px; }
        table { border-collapse: collapse; margin: 0.75rem 0; }
        /* A markdown table wider than the column scrolls inside its own box (as on GitHub) instead of past the page edge. */
        .cell.markdown table { display: block; width: max-content; max-width: 100%; overflow-x: auto; }
        th, td { border: 1px solid #d0d7de; padding: 0.3rem 0.7rem; text-align: left; vertical-align: top; }
        th { background: #f6f8fa; }
        img, svg { max-width: 100%; height: auto; }
        .cell { margin: 1.25rem 0; }
        .cell.code { position: relative; }
        .cell-label { position: absolute; left: -3.2rem; top: 0.55rem; width: 2.9rem; text-align: right; color: #8c959f; font: 0.75rem ui-monospace, monospace; }
        .source { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; }
        .outputs { border-left: 3px solid #d0d7de; margin-top: 0.4rem; padding-left: 0.75rem; }
        .output { margin: 0.4rem 0; overflow-x: auto; }
        /* A box that scrolls sideways shades the side where more is hidden (scroll bars may be invisible): the white
           covers scroll with the content and hide each shade once its end is reached. */
        div.math, .output.html {
          background:
            linear-gradient(to right, #fff 30%, rgba(255, 255, 255, 0)) left center / 2.5rem 100% no-repeat local,
            linear-gradient(to left, #fff 30%, rgba(255, 255, 255, 0)) right center / 2.5rem 100% no-repeat local,
            radial-gradient(farthest-side at 0 50%, rgba(0, 0, 0, 0.2), rgba(0, 0, 0, 0)) left center / 0.9rem 100% no-repeat scroll,
            radial-gradient(farthest-side at 100% 50%, rgba(0, 0, 0, 0.2), rgba(0, 0, 0, 0)) right center / 0.9rem 100% no-repeat scroll;
        }
        /* An output table keeps its cells on one line; when it is wider than the column, its output box scrolls. */
        .output table { font-size: 0.875rem; }
        .output table th, .output table td { white-space: nowrap; }
        div.math { overflow-x: auto; overflow-y: hidden; }
        .note { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: 0.5rem 0.75rem; }
        pre.output { padding: 0.25rem 0; }
        .stream.stderr { color: #9a6700; }
        .error { background: #ffebe9; border: 1px solid #cf222e; border-radius: 6px; color: #82071e; padding: 0.5rem 0.75rem; }
        .error .ename { font-weight: 600; }
        .error pre { padding: 0.25rem 0 0; white-space: pre-wrap; }
        .status-passed { color: #1a7f37; font-weight: 600; }
        .status-failed, .status-timed-out, .status-invalid { color: #cf222e; font-weight: 600; }
        @media (max-width: 48rem) {
          main { padding-left: 1.25rem; }
          .cell-label { position: static; text-align: left; width: auto; margin-bottom: 0.2rem; }
        }
        iframe.untrusted { display: block; width: 100%; min-height: 6rem; border: 1px dashed #d0d7de; background: #fff; }
        </style>
        """;

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    // A page that shows what a student's code produced runs no script at all: not the student's, not inline ones,
    // not a CDN's. Styles may be inline (the kit's tables use them); images only as data.
    private const string InertPolicy =
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; " +
        "frame-src 'self' about:; base-uri 'none'; form-action 'none'\">\n";

    /// <summary>
    /// A whole page; a notebook page's head loads plotly.min.js (before any output) and, with <paramref name="math"/>,
    /// temml.min.js, whose formulas it typesets once the body is there. Without it, formulas stay TeX and the page says
    /// why. An inert page (<paramref name="inert"/>: it shows a student's outputs) forbids every script by its
    /// Content-Security-Policy, so its formulas stay TeX.
    /// </summary>
    public static string Render(string title, string body, bool notebookPage, bool inert = false, bool math = false)
    {
        var scripts = notebookPage && !inert;
        var typeset = scripts && math;
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        if (inert)
        {
            page.Append(InertPolicy);
        }
        page.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(title)).Append("</title>\n");
        if (scripts)
        {
            page.Append("<script src=\"").Append(PlotlyJs.FileName).Append("\"></script>\n").Append(RequireShim);
        }
        if (typeset)
        {
            page.Append("<link rel=\"stylesheet\" href=\"").Append(MathAssets.StyleFile).Append("\">\n")
                .Append("<script src=\"").Append(MathAssets.ScriptFile).Append("\"></script>\n");
        }
        page.Append(Style).Append('\n');
        if (typeset)
        {
            page.Append(MathStyle).Append('\n');
        }
        page.Append("</head>\n<body>\n<main>\n");
        if (scripts && !math && body.Contains("class=\"math\"", StringComparison.Ordinal))
        {
            page.Append(NoMathNote);
        }
        page.Append(body).Append("</main>\n");
        if (typeset)
        {
            page.Append(Typeset).Append('\n');
        }
        return page.Append("</body>\n</html>\n").ToString();
    }
}
