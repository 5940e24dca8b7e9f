using System.Numerics;
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
        var lines = new List<string> { $@"&\textbf{{{Escape(work.Title)}}}" };
        foreach (var step in work)
            lines.Add($@"&\text{{{Escape(step.Description)}:}}\quad {step.ToLatex(format)}");
        return @"\begin{aligned}" + string.Join(@" \\[4pt] ", lines) + @"\end{aligned}";
    }

    /// <summary>Escapes text for <c>\text{…}</c>.</summary>
    internal static string Escape(string text) =>
        text.Replace(@"\", @"\backslash ").Replace("{", @"\{").Replace("}", @"\}").Replace("_", @"\_")
            .Replace("%", @"\%").Replace("&", @"\&").Replace("#", @"\#").Replace("$", @"\$")
            .Replace("×", @"$\times$").Replace("Σ", @"$\Sigma$").Replace("→", @"$\to$");
}
