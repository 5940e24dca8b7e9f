using System.Net;
using CourseKit.Gradients;
using CourseKit.Interactive.Charts;
using CourseKit.Interactive.Formatting;
using CourseKit.Recurrent;
using CourseKit.Tensors;
using CourseKit.Worked;
using Plotly.NET;

namespace CourseKit.Interactive.Reports;

/// <summary>How a value looks in a report: the same HTML the notebook formatters give, math as <c>$$ … $$</c> for the page to typeset.</summary>
internal static class HtmlOf
{
    public static string Value(object? value) => value switch
    {
        null => "<pre>null</pre>",
        HtmlBlock block => block.Html,
        LatexBlock latex => Math(latex.Latex),
        GenericChart chart => ChartHtml.ToHtml(chart),
        Tensor<double> t => TensorHtml.ToHtml(t),
        Tensor<float> t => TensorHtml.ToHtml(t),
        WorkedComputation<double> w => Math("$$" + LatexDisplay.WorkedLatex(w, "G4") + "$$"),
        WorkedComputation<float> w => Math("$$" + LatexDisplay.WorkedLatex(w, "G4") + "$$"),
        RecurrentTrace<double> trace => TraceHtml.ToHtml(trace),
        RecurrentTrace<float> trace => TraceHtml.ToHtml(trace),
        GradientCheckReport report => Kit.GradientReportHtml(report),
        _ => "<pre>" + WebUtility.HtmlEncode(value.ToString()) + "</pre>",
    };

    /// <summary>Plain text for the console: what a notebook shows as text/plain, or where the value went.</summary>
    public static string Text(object? value) => value switch
    {
        null => "null",
        GenericChart => "(a chart: see the report)",
        HtmlBlock => "(shown in the report)",
        LatexBlock latex => latex.Latex,
        _ => value.ToString() ?? "",
    };

    // A formula block for the report's typesetter (ReportMath): the TeX without its $$ delimiters.
    private static string Math(string latex) => "<div class=\"math\">" + WebUtility.HtmlEncode(latex.Trim().Trim('$')) + "</div>";
}
