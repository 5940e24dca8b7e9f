using System.Numerics;
using System.Text;
using CourseKit.Tensors;
using CourseKit.Worked;

namespace CourseKit.Interactive.Formatting;

/// <summary>
/// LaTeX for notebooks. Outputs use the <c>text/latex</c> type with <c>$$ … $$</c> delimiters, which Jupyter renders
/// with MathJax and VS Code with its built-in KaTeX renderer.
/// </summary>
public static class LatexDisplay
{
    /// <summary>The tensor as a displayable <c>bmatrix</c>, optionally named: <c>W = [ … ]</c>.</summary>
    public static LatexBlock AsLatex<T>(this Tensor<T> tensor, string? name = null, string format = "G4")
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Math((name is null ? "" : name + " = ") + tensor.ToLatex(format));

    /// <summary>A worked computation as aligned equations, each step labelled in words.</summary>
    public static LatexBlock AsLatex<T>(this WorkedComputation<T> work, string format = "G4")
        where T : unmanaged, IFloatingPointIeee754<T> => Math(WorkedLatex(work, format));

    /// <summary>Any LaTeX math, for example a slide's formula, as a displayable block.</summary>
    public static LatexBlock Math(string latex) => new("$$" + latex + "$$");

    internal static string WorkedLatex<T>(WorkedComputation<T> work, string format) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(work);
        var lines = new List<string> { "&" + Text(work.Title, bold: true) };
        foreach (var step in work)
            lines.Add($@"&{Text(step.Description + ":")}\quad {step.ToLatex(format)}");
        return @"\begin{aligned}" + string.Join(@" \\[4pt] ", lines) + @"\end{aligned}";
    }

    /// <summary>
    /// Plain text as LaTeX: runs of it in <c>\text{…}</c> (<c>\textbf{…}</c> when <paramref name="bold"/>), and each
    /// character that text mode would need a backslash escape for set in math mode between them. Renderers disagree on
    /// escapes inside <c>\text</c> (MathJax 3 shows <c>\_</c> literally unless its textmacros package is loaded; KaTeX and
    /// temml read it), while all of them read <c>\_</c>, <c>\{</c> or <c>\times</c> in math mode.
    /// </summary>
    internal static string Text(string text, bool bold = false)
    {
        var latex = new StringBuilder();
        var run = new StringBuilder();
        foreach (var c in text)
        {
            if (MathSymbol(c) is not { } symbol)
            {
                run.Append(c);
                continue;
            }
            Flush();
            // Braced, the symbol is an ordinary atom: the spaces around it come from the text, as written.
            latex.Append(bold ? $@"{{\boldsymbol{{{symbol}}}}}" : $"{{{symbol}}}");
        }
        Flush();
        return latex.ToString();

        void Flush()
        {
            if (run.Length == 0) return;
            latex.Append(bold ? @"\textbf{" : @"\text{").Append(run).Append('}');
            run.Clear();
        }
    }

    private static string? MathSymbol(char c) => c switch
    {
        '\\' => @"\backslash",
        '{' => @"\{",
        '}' => @"\}",
        '_' => @"\_",
        '%' => @"\%",
        '&' => @"\&",
        '#' => @"\#",
        '$' => @"\$",
        '^' => @"\hat{}",
        '~' => @"\sim",
        // Text fonts of KaTeX (VS Code) lack these; math fonts have them.
        '×' => @"\times",
        'Σ' => @"\Sigma",
        '→' => @"\to",
        _ => null,
    };
}
