using System.Net;
using System.Numerics;
using System.Runtime.Intrinsics;
using CourseKit.Gradients;
using CourseKit.Interactive.Charts;
using CourseKit.Interactive.Formatting;
using CourseKit.Interactive.Reports;
using CourseKit.Recurrent;
using CourseKit.Tensors;
using CourseKit.Worked;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace CourseKit.Interactive;

/// <summary>
/// The one call a notebook's setup cell makes after loading the kit:
/// <code>
/// #r "../artifacts/kit/CourseKit.Interactive.dll"
/// CourseKit.Interactive.Kit.Setup();
/// </code>
/// It registers how tensors, worked computations, gradient checks and charts are displayed.
/// </summary>
public static class Kit
{
    private static int initialized;
    // Set by Setup, which only a notebook calls; an app shows into its report.
    private static Func<object?, Shown>? show;

    /// <summary>The kit's version.</summary>
    public static string Version => typeof(Tensor<>).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Registers the kit's formatters (safe to call more than once) and returns a one-line banner.</summary>
    public static string Setup()
    {
        if (Interlocked.Exchange(ref initialized, 1) == 0)
        {
            RegisterTensor<double>();
            RegisterTensor<float>();
            RegisterWorked<double>();
            RegisterWorked<float>();
            Formatter.Register<RecurrentTrace<double>>(t => TraceHtml.ToHtml(t), HtmlFormatter.MimeType);
            Formatter.Register<RecurrentTrace<float>>(t => TraceHtml.ToHtml(t), HtmlFormatter.MimeType);
            Formatter.Register<GradientCheckReport>(GradientReportHtml, HtmlFormatter.MimeType);
            Formatter.Register<GenericChart>(ChartHtml.ToHtml, HtmlFormatter.MimeType);
            Formatter.Register<HtmlBlock>(b => b.Html, HtmlFormatter.MimeType);
            Formatter.Register<LatexBlock>(b => b.Latex, "text/latex");
            Formatter.SetPreferredMimeTypesFor(typeof(LatexBlock), "text/latex");
        }
        show = Engine.NotebookDisplay.Show;
        PlotlyInSession.SendOnce();
        return $"CourseKit {Version} ready: {Environment.ProcessorCount} cores, SIMD {SimdWidth()}-bit, .NET {Environment.Version}";
    }

    /// <summary>
    /// Shows a value, wherever the lesson runs: in a notebook as <c>display(…)</c> does (with the kit's formatters);
    /// in an app exported with <c>coursekit export --to app</c>, in the app's HTML report and as text on the console.
    /// The handle's <see cref="Shown.Update"/> replaces what was shown (a progress line).
    /// </summary>
    public static Shown Show(object? value) => (show ?? AppReport.Add)(value);

    /// <summary>A tensor as an HTML table with a name and row/column labels (a truth table, a tag set).</summary>
    public static HtmlBlock Table<T>(Tensor<T> tensor, string? name = null,
        IReadOnlyList<string>? rowLabels = null, IReadOnlyList<string>? colLabels = null, string format = "G6")
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new(TensorHtml.ToHtml(tensor, name, rowLabels, colLabels, format));

    /// <summary>Any HTML, displayed as HTML (a plain string would be shown as text).</summary>
    public static HtmlBlock Html(string html) => new(html);

    private static void RegisterTensor<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        Formatter.Register<Tensor<T>>(t => TensorHtml.ToHtml(t), HtmlFormatter.MimeType);
        Formatter.Register<Tensor<T>>(t => t.ToString(), PlainTextFormatter.MimeType);
    }

    private static void RegisterWorked<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Worked computations read best as equations: text/latex, which Jupyter and VS Code both typeset.
        Formatter.Register<WorkedComputation<T>>(w => "$$" + LatexDisplay.WorkedLatex(w, "G4") + "$$", "text/latex");
        Formatter.Register<WorkedComputation<T>>(w => w.ToString(), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(WorkedComputation<T>), "text/latex");
    }

    internal static string GradientReportHtml(GradientCheckReport report)
    {
        var rows = string.Concat(report.Select(c =>
            $"<tr><td>{WebUtility.HtmlEncode(c.Name)}</td><td>{c.Shape}</td><td>{(c.Exact ? "yes" : "no")}</td>" +
            $"<td style=\"color:{(c.Approximate ? "green" : "red")}\">{(c.Approximate ? "yes" : "NO")}</td>" +
            $"<td>{c.MaxDifference:E2}</td><td>{c.MaxRelativeError:E2}</td>" +
            $"<td>{Small(c.Analytic)}</td><td>{Small(c.Numeric)}</td></tr>"));
        return "<table class=\"coursekit-gradcheck\"><tr><th>gradient</th><th>shape</th><th>exact</th><th>approximate</th>" +
               "<th>max difference</th><th>max relative error</th><th>analytic</th><th>numeric</th></tr>" + rows + "</table>" +
               $"<p><b style=\"color:{(report.Passed ? "green" : "red")}\">{(report.Passed ? "PASSED" : "FAILED")}</b>: " +
               $"analytic and numeric gradients differ by at most {report.MaxDifference:E2} (tolerance {report.Tolerance:E0}).</p>";
    }

    // Small gradients are shown in full so a student can compare them number by number.
    private static string Small(Tensor<double> t) =>
        t.Length <= GradientComparison.PrintLimit ? TensorHtml.ToHtml(t, format: "G8") : "…";

    private static int SimdWidth() =>
        Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0;
}

/// <summary>
/// A piece of HTML the notebook shows as HTML. (The kit does not use ASP.NET's HtmlString: the engine carries its own,
/// older copy of that assembly.)
/// </summary>
/// <param name="Html">The markup.</param>
public sealed record HtmlBlock(string Html)
{
    /// <inheritdoc/>
    public override string ToString() => Html;
}
