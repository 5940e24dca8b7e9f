namespace CourseKit.Interactive.Formatting;

/// <summary>
/// Math to show as typeset math: <c>text/latex</c> in a notebook (Jupyter's MathJax, VS Code's KaTeX), a formula
/// rendered in the page of an app's report. The kit's own type, so that an app needs no part of the notebook engine.
/// </summary>
/// <param name="Latex">The LaTeX, with its <c>$$ … $$</c> delimiters.</param>
public sealed record LatexBlock(string Latex)
{
    /// <inheritdoc/>
    public override string ToString() => Latex;
}
