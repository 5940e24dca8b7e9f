using System.Globalization;
using System.Net;
using System.Text;
using CourseKit.Training;
using Plotly.NET;
using Plotly.NET.CSharp;
using CChart = Plotly.NET.CSharp.Chart;

namespace CourseKit.Interactive.Charts;

/// <summary>
/// Confusion matrices in a notebook: an annotated heatmap (columns "predicted", rows "true", each cell showing its
/// count) and an HTML table with per-class recall and precision. The counting itself is
/// <see cref="ConfusionMatrix"/> in the library.
/// </summary>
public static class ConfusionCharts
{
    /// <summary>
    /// The matrix as a heatmap with the count written in every cell; x axis "predicted", y axis "true", the first class at
    /// the top left so the diagonal runs down to the right.
    /// </summary>
    public static GenericChart Heatmap(ConfusionMatrix matrix, string title = "Confusion matrix")
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.Classes;
        var z = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Select(j => matrix[i, j]).ToArray()).ToArray();
        // Zeros are left blank so the few confusions stand out; the colour scale stays light so every count is readable.
        var text = z.Select(row => row.Select(c => c == 0 ? "" : c.ToString(CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var labels = matrix.Labels.ToArray();
        var chart = CChart.AnnotatedHeatmap<int, string, string, string>(z, text, X: labels, Y: labels,
            ColorScale: LightBlues, ReverseYAxis: true);
        int size = Math.Clamp(160 + 34 * n, 360, 760);
        return Plotly.NET.Chart.withTitle(title, null).Invoke(chart)
            .WithXAxisStyle<double, double, double>(TitleText: "predicted")
            .WithYAxisStyle<double, double, double>(TitleText: "true")
            .WithSize(size + 80, size);
    }

    /// <summary>Counts and draws in one call: <paramref name="predicted"/> and <paramref name="actual"/> are class ids into <paramref name="labels"/>.</summary>
    public static GenericChart Heatmap(IReadOnlyList<int> predicted, IReadOnlyList<int> actual, IReadOnlyList<string> labels,
                                       string title = "Confusion matrix") =>
        Heatmap(ConfusionMatrix.Count(predicted, actual, labels), title);

    /// <summary>
    /// The matrix as an HTML table: rows true class, columns predicted class, the diagonal in bold, a "recall" column
    /// (diagonal ÷ row sum) and a "precision" row (diagonal ÷ column sum). Undefined values show as "–".
    /// </summary>
    public static HtmlBlock Table(ConfusionMatrix matrix, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.Classes;
        // Many classes (17 POS tags) make a wide table: smaller type, whole percentages, no wrapped cells, and a
        // scroll bar rather than a cut if it is still too wide.
        string size = n > 8 ? "font-size:80%;" : "";
        int digits = n > 8 ? 0 : 1;
        var sb = new StringBuilder("<div style=\"overflow-x:auto;max-width:100%\">")
            .Append($"<table class=\"coursekit-confusion\" style=\"border-collapse:collapse;font-family:monospace;margin:2px 0;{size}\">");
        sb.Append("<caption style=\"caption-side:top;text-align:left;color:#666;font-size:85%;white-space:nowrap\">")
          .Append(WebUtility.HtmlEncode($"{(name is null ? "" : name + ": ")}rows true, columns predicted; {matrix.Total} examples, accuracy {Percent(matrix.Accuracy)}"))
          .Append("</caption><tr>").Append(Cell("th", n > 8 ? "true \\ pred." : "true \\ predicted"));
        foreach (var l in matrix.Labels) sb.Append(Cell("th", l));
        sb.Append(Cell("th", "recall")).Append("</tr>");
        for (int i = 0; i < n; i++)
        {
            sb.Append("<tr>").Append(Cell("th", matrix.Labels[i]));
            for (int j = 0; j < n; j++)
            {
                string count = matrix[i, j].ToString(CultureInfo.InvariantCulture);
                sb.Append(i == j ? Cell("td", count, "font-weight:bold;background:#e8f0fe")
                                 : Cell("td", matrix[i, j] == 0 ? "·" : count, matrix[i, j] == 0 ? "color:#bbb" : "background:#fde8e8"));
            }
            sb.Append(Cell("td", Percent(matrix.Recall(i), digits))).Append("</tr>");
        }
        sb.Append("<tr>").Append(Cell("th", "precision"));
        for (int j = 0; j < n; j++) sb.Append(Cell("td", Percent(matrix.Precision(j), digits)));
        sb.Append(Cell("td", "")).Append("</tr>");
        return new HtmlBlock(sb.Append("</table></div>").ToString());
    }

    private static readonly StyleParam.Colorscale LightBlues = StyleParam.Colorscale.NewCustom(
        [Tuple.Create(0.0, Color.fromString("#ffffff")), Tuple.Create(1.0, Color.fromString("#5b9bd5"))]);

    // "97.3 %", or "97%" in a wide table.
    private static string Percent(double x, int digits = 1) =>
        double.IsNaN(x) ? "–"
        : digits == 0 ? (100 * x).ToString("0", CultureInfo.InvariantCulture) + "%"
        : x.ToString("P" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Cell(string tag, string text, string style = "") =>
        $"<{tag} style=\"border:1px solid #ccc;padding:2px 5px;text-align:right;white-space:nowrap;{style}\">{WebUtility.HtmlEncode(text)}</{tag}>";
}
