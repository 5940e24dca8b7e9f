using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CourseKit.Cli;

/// <summary>Markdown as the exported pages render it: CommonMark, pipe tables and $…$ / $$…$$ math (typeset by MathJax).</summary>
internal static class MarkdownText
{
    private static readonly MarkdownPipeline Pipeline =
        new MarkdownPipelineBuilder().UsePipeTables().UseMathematics().Build();

    // For a student's markdown: raw HTML in it is shown as text, never as markup.
    private static readonly MarkdownPipeline Escaped =
        new MarkdownPipelineBuilder().UsePipeTables().UseMathematics().DisableHtml().Build();

    /// <summary>The markdown as HTML; with <paramref name="trusted"/> false its raw HTML is escaped.</summary>
    public static string ToHtml(string markdown, bool trusted = true) => Markdown.ToHtml(markdown, trusted ? Pipeline : Escaped);

    /// <summary>The plain text of the first heading, or null when there is none.</summary>
    public static string? FirstHeading(string markdown)
    {
        var heading = Markdown.Parse(markdown, Pipeline).Descendants<HeadingBlock>().FirstOrDefault();
        if (heading?.Inline is null)
        {
            return null;
        }
        var text = string.Concat(heading.Inline.Descendants<Inline>().Select(PlainText)).Trim();
        return text.Length > 0 ? text : null;
    }

    private static string PlainText(Inline inline) => inline switch
    {
        LiteralInline literal => literal.Content.ToString(),
        CodeInline code => code.Content,
        MathInline math => math.Content.ToString(),
        LineBreakInline => " ",
        _ => "",
    };
}
