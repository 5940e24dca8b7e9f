namespace CourseKit.Cli.Tests;

public class LatexOutputTests
{
    [Fact]
    public void A_displayed_formula_becomes_one_marked_block_with_its_tex_kept_and_escaped()
    {
        Assert.Equal(@"<div class=""math"">\[\sum_i x_i &lt; 1\]</div>", LatexOutput.ToHtml("$$\\sum_i x_i < 1$$\n"));
        Assert.Equal(@"<div class=""math"">\[x\]</div>", LatexOutput.ToHtml(@"\[x\]"));
        // The kit's worked steps once put $…$ inside \text{…}: still one formula.
        Assert.Equal(@"<div class=""math"">\[\textbf{Dense(3 $\to$ 2)}\]</div>", LatexOutput.ToHtml(@"$$\textbf{Dense(3 $\to$ 2)}$$"));
    }

    [Fact]
    public void A_bare_environment_is_displayed_as_mathjax_would()
    {
        Assert.Equal(@"<div class=""math"">\[\begin{align} a &amp;= b \end{align}\]</div>", LatexOutput.ToHtml(@"\begin{align} a &= b \end{align}"));
    }

    [Fact]
    public void Text_between_formulas_stays_text_and_an_escaped_dollar_is_no_delimiter()
    {
        Assert.Equal(@"costs \$5 &amp; <span class=""math"">\(x^2\)</span> or <div class=""math"">\[y\]</div>, then <span class=""math"">\(z\)</span>.",
            LatexOutput.ToHtml(@"costs \$5 & $x^2$ or $$y$$, then \(z\)."));
        Assert.Equal("no math &lt;here&gt;", LatexOutput.ToHtml("no math <here>"));
    }
}
