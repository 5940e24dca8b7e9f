using System.Text;
using System.Text.RegularExpressions;

namespace CourseKit.Cli;

/// <summary>
/// A <c>text/latex</c> output as HTML: each formula marked for the page's typesetter the way Markdig marks markdown
/// math (<c>span.math</c> with <c>\(…\)</c> inline, <c>div.math</c> with <c>\[…\]</c> displayed), and the text between
/// formulas escaped. Jupyter writes these outputs as <c>$$…$$</c> or <c>$…$</c>; MathJax, which Jupyter renders them
/// with, also takes <c>\[…\]</c>, <c>\(…\)</c> and a bare <c>\begin{…}…\end{…}</c>, so those count as formulas too.
/// </summary>
internal static partial class LatexOutput
{
    // $$…$$ and \[…\] display; \(…\) and $…$ inline. An escaped \$ is a dollar sign, not a delimiter.
    [GeneratedRegex(@"\$\$(?<display>.+?)\$\$|\\\[(?<display>.+?)\\\]|\\\((?<inline>.+?)\\\)|(?<!\\)\$(?<inline>(?:[^$\\]|\\.)+?)\$",
        RegexOptions.Singleline)]
    private static partial Regex Formula();

    [GeneratedRegex(@"^\\begin\{([^}]+)\}.*\\end\{\1\}$", RegexOptions.Singleline)]
    private static partial Regex Environment();

    /// <summary>The output's HTML: formulas marked, text escaped.</summary>
    public static string ToHtml(string latex)
    {
        var text = latex.Trim();
        // One formula, the common case; whole-output matching also keeps a $…$ inside its \text{…} from splitting it.
        if (text.Length > 4 && text.StartsWith("$$", StringComparison.Ordinal) && text.EndsWith("$$", StringComparison.Ordinal)
            && !text[2..^2].Contains("$$", StringComparison.Ordinal))
        {
            return Display(text[2..^2]);
        }
        if (Environment().IsMatch(text))
        {
            return Display(text);
        }
        var html = new StringBuilder();
        var at = 0;
        foreach (Match formula in Formula().Matches(text))
        {
            html.Append(HtmlPage.Encode(text[at..formula.Index]));
            html.Append(formula.Groups["display"].Success ? Display(formula.Groups["display"].Value) : Inline(formula.Groups["inline"].Value));
            at = formula.Index + formula.Length;
        }
        return html.Append(HtmlPage.Encode(text[at..])).ToString();
    }

    /// <summary>A displayed formula, as Markdig writes one for <c>$$…$$</c> on its own lines.</summary>
    public static string Display(string tex) => $"<div class=\"math\">\\[{HtmlPage.Encode(tex.Trim())}\\]</div>";

    /// <summary>An inline formula, as Markdig writes one for <c>$…$</c>.</summary>
    public static string Inline(string tex) => $"<span class=\"math\">\\({HtmlPage.Encode(tex.Trim())}\\)</span>";
}
