using System.Text;
using System.Text.Json.Nodes;

namespace CourseKit.Cli.Tests;

public class NotebookHtmlExporterTests
{
    private static Ipynb ExecutedNotebook()
    {
        var notebook = Ipynb.CreateCSharp();
        notebook.AddMarkdownCell("Intro without a heading.");
        notebook.AddMarkdownCell("# Lesson 3: *Gradients* & `dW`\n\nInline $y = wx$.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        AddCode(notebook, "show()", """{"output_type": "display_data", "metadata": {}, "data": {"text/html": "<b id=\"raw\">bold</b>", "text/plain": "PLAIN-ALTERNATIVE"}}""");
        AddCode(notebook, "x < 1", """{"output_type": "execute_result", "metadata": {}, "execution_count": 1, "data": {"text/plain": "<not html> & co"}}""");
        AddCode(notebook, "Console.WriteLine()", """{"output_type": "stream", "name": "stdout", "text": ["a < b\n"]}""");
        AddCode(notebook, "throw", """{"output_type": "error", "ename": "Error", "evalue": "System.InvalidOperationException: <boom>\n   at Submission#2", "traceback": []}""");
        AddCode(notebook, "png", """{"output_type": "display_data", "metadata": {}, "data": {"image/png": "iVBORw0K\nGgo=\n", "text/plain": "img"}}""");
        AddCode(notebook, "latex", """{"output_type": "display_data", "metadata": {}, "data": {"text/latex": "$$\\sum_i x_i$$", "text/plain": "sum"}}""");
        return notebook;
    }

    private static void AddCode(Ipynb notebook, string source, string outputJson)
    {
        var cell = notebook.AddCodeCell(source);
        ((JsonArray)cell.Json["outputs"]!).Add(JsonNode.Parse(outputJson));
    }

    [Fact]
    public void Title_comes_from_the_first_markdown_heading_as_plain_text()
    {
        Assert.Equal("Lesson 3: Gradients & dW", NotebookHtmlExporter.Title(ExecutedNotebook(), "fallback"));
        Assert.Equal("fallback", NotebookHtmlExporter.Title(Ipynb.CreateCSharp(), "fallback"));
    }

    [Fact]
    public void Markdown_is_rendered_with_headings_tables_and_math()
    {
        var html = NotebookHtmlExporter.Render(ExecutedNotebook(), "x");

        Assert.Contains("<title>Lesson 3: Gradients &amp; dW</title>", html);
        Assert.Contains("<h1>Lesson 3: <em>Gradients</em> &amp; <code>dW</code></h1>", html);
        Assert.Contains("<table>", html);
        Assert.Contains("<span class=\"math\">\\(y = wx\\)</span>", html);
    }

    [Fact]
    public void Formulas_are_typeset_by_temml_from_beside_the_page_and_only_marked_ones()
    {
        var html = NotebookHtmlExporter.Render(ExecutedNotebook(), "x");

        var head = html[..html.IndexOf("</head>", StringComparison.Ordinal)];
        Assert.Contains("<link rel=\"stylesheet\" href=\"temml.css\">", head);
        Assert.Contains("<script src=\"temml.min.js\"></script>", head);
        Assert.Contains("src: url(\"noto-sans-math.woff2\")", head);
        // The typesetting runs once the body is there, and looks only at what the exporter marked.
        var typeset = html[html.IndexOf("</main>", StringComparison.Ordinal)..];
        Assert.Contains("temml.render(", typeset);
        Assert.Contains("document.querySelectorAll(\"span.math, div.math\")", typeset);
        Assert.DoesNotContain("Formulas are shown as TeX source", html);
    }

    [Fact]
    public void Tex_in_code_and_plain_text_is_not_marked_as_a_formula()
    {
        var notebook = Ipynb.CreateCSharp();
        AddCode(notebook, "var s = \"$$\\\\frac{1}{2}$$\";", """{"output_type": "stream", "name": "stdout", "text": ["$$\\frac{1}{2}$$\n"]}""");

        var html = NotebookHtmlExporter.Render(notebook, "x");

        Assert.Contains("<code class=\"language-csharp\">var s = &quot;$$\\\\frac{1}{2}$$&quot;;</code>", html);
        Assert.Contains("<pre class=\"output stream stdout\">$$\\frac{1}{2}$$\n</pre>", html);
        Assert.DoesNotContain("class=\"math\"", html);
    }

    [Fact]
    public void Without_the_math_renderer_a_page_loads_none_and_says_its_formulas_are_tex()
    {
        var html = NotebookHtmlExporter.Render(ExecutedNotebook(), "x", math: false);

        Assert.DoesNotContain("temml", html);
        Assert.Contains("<p class=\"note\">Formulas are shown as TeX source", html);
        Assert.DoesNotContain("Formulas are shown as TeX source", NotebookHtmlExporter.Render(Ipynb.CreateCSharp(), "x", math: false));
    }

    [Fact]
    public void A_page_refers_to_nothing_on_the_network()
    {
        var html = NotebookHtmlExporter.Render(ExecutedNotebook(), "x");

        Assert.DoesNotMatch(@"(src|href)\s*=\s*[""']?(https?:)?//", html);
        Assert.DoesNotContain("mathjax", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Html_output_is_embedded_raw_and_wins_over_plain_text()
    {
        var html = NotebookHtmlExporter.Render(ExecutedNotebook(), "x");

        Assert.Contains("<div class=\"output html\"><b id=\"raw\">bold</b></div>", html);
        Assert.DoesNotContain("PLAIN-ALTERNATIVE", html);
    }

    [Fact]
    public void Plain_text_streams_and_source_are_escaped()
    {
        var html = NotebookHtmlExporter.Render(ExecutedNotebook(), "x");

        Assert.Contains("<pre class=\"output text\">&lt;not html&gt; &amp; co</pre>", html);
        Assert.Contains("<pre class=\"output stream stdout\">a &lt; b\n</pre>", html);
        Assert.Contains("<code class=\"language-csharp\">x &lt; 1</code>", html);
        Assert.DoesNotContain("<not html>", html);
    }

    [Fact]
    public void Errors_are_shown_in_a_red_box_with_name_and_value()
    {
        var html = NotebookHtmlExporter.Render(ExecutedNotebook(), "x");

        Assert.Contains(
            "<div class=\"output error\"><div class=\"ename\">Error</div><pre>System.InvalidOperationException: &lt;boom&gt;\n   at Submission#2</pre></div>",
            html);
        Assert.Matches(@"\.error \{[^}]*#cf222e", html);
    }

    [Fact]
    public void Images_become_data_uris_and_latex_outputs_marked_formulas()
    {
        var html = NotebookHtmlExporter.Render(ExecutedNotebook(), "x");

        Assert.Contains("src=\"data:image/png;base64,iVBORw0KGgo=\"", html);
        Assert.Contains("<div class=\"output latex\"><div class=\"math\">\\[\\sum_i x_i\\]</div></div>", html);
    }

    [Fact]
    public void Cells_carry_their_1_based_numbers_as_anchors()
    {
        var html = NotebookHtmlExporter.Render(ExecutedNotebook(), "x");

        Assert.Contains("<section class=\"cell markdown\" id=\"cell-1\">", html);
        Assert.Contains("<section class=\"cell code\" id=\"cell-6\">", html);
    }

    [Fact]
    public void Plotly_is_loaded_from_beside_the_page_in_the_head_before_any_output()
    {
        var html = NotebookHtmlExporter.Render(ExecutedNotebook(), "x");

        var script = html.IndexOf("<script src=\"plotly.min.js\"></script>", StringComparison.Ordinal);
        Assert.True(script > 0, "plotly.min.js is not referenced");
        Assert.True(script < html.IndexOf("</head>", StringComparison.Ordinal), "plotly.min.js is not in the head");
        Assert.True(script < html.IndexOf("<div class=\"output", StringComparison.Ordinal));
        Assert.DoesNotContain("cdn.plot.ly", html);
    }

    [Fact]
    public void Export_writes_the_page_and_a_real_plotly_bundle_beside_it()
    {
        using var temp = new TempFolder();

        var page = NotebookHtmlExporter.Export(ExecutedNotebook(), temp.File("lesson.html"), math: null);

        Assert.Equal(temp.File("lesson.html"), page);
        Assert.Contains("<h1>", File.ReadAllText(page));
        var bundle = File.ReadAllBytes(temp.File("plotly.min.js"));
        Assert.True(bundle.Length > 1_000_000, $"plotly.min.js has only {bundle.Length} bytes");
        Assert.StartsWith("/**\n* plotly.js v2.28.0", Encoding.UTF8.GetString(bundle, 0, 200));
        Assert.Equal("Plotly.NET.plotly-2.28.0.min.js", PlotlyJs.ResourceName);
    }
}
