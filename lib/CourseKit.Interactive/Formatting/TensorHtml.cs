using System.Net;
using System.Numerics;
using System.Text;
using CourseKit.Tensors;

namespace CourseKit.Interactive.Formatting;

/// <summary>Tensors as HTML tables: the default way a notebook shows them.</summary>
public static class TensorHtml
{
    private const int MaxRows = 20, MaxCols = 20;

    /// <summary>The tensor as a compact HTML table with its shape as caption; large tensors are elided in the middle.</summary>
    /// <param name="tensor">The tensor.</param>
    /// <param name="name">An optional name shown before the shape, for example "W".</param>
    /// <param name="rowLabels">Optional labels for the rows (for example the XOR inputs).</param>
    /// <param name="colLabels">Optional labels for the columns (for example tag names).</param>
    /// <param name="format">Number format.</param>
    public static string ToHtml<T>(Tensor<T> tensor, string? name = null, IReadOnlyList<string>? rowLabels = null,
                                   IReadOnlyList<string>? colLabels = null, string format = "G6")
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var sb = new StringBuilder();
        sb.Append("<table class=\"coursekit-tensor\" style=\"border-collapse:collapse;font-family:monospace;margin:2px 0\">");
        sb.Append("<caption style=\"caption-side:top;text-align:left;color:#666;font-size:85%;white-space:nowrap\">")
          .Append(WebUtility.HtmlEncode(name is null ? "" : name + " ")).Append(tensor.Shape).Append(' ')
          .Append(typeof(T) == typeof(float) ? "float32" : "float64").Append("</caption>");
        var rows = Pick(tensor.Rows, MaxRows);
        var cols = Pick(tensor.Cols, MaxCols);
        if (colLabels is not null)
        {
            sb.Append("<tr>");
            if (rowLabels is not null) sb.Append("<th></th>");
            foreach (int c in cols) sb.Append(Cell("th", c < 0 ? "…" : Label(colLabels, c)));
            sb.Append("</tr>");
        }
        foreach (int r in rows)
        {
            sb.Append("<tr>");
            if (rowLabels is not null) sb.Append(Cell("th", r < 0 ? "⋮" : Label(rowLabels, r)));
            foreach (int c in cols)
                sb.Append(Cell("td", r < 0 ? "⋮" : c < 0 ? "…" : Tensor<T>.Format(tensor[r, c], format)));
            sb.Append("</tr>");
        }
        return sb.Append("</table>").ToString();
    }

    private static string Label(IReadOnlyList<string> labels, int i) => i < labels.Count ? labels[i] : "";

    private static string Cell(string tag, string text) =>
        $"<{tag} style=\"border:1px solid #ccc;padding:2px 8px;text-align:right\">{WebUtility.HtmlEncode(text)}</{tag}>";

    /// <summary>Indices to show: all when few, else the first and last few with −1 marking the gap.</summary>
    private static List<int> Pick(int count, int max)
    {
        if (count <= max) return [.. Enumerable.Range(0, count)];
        int half = max / 2;
        return [.. Enumerable.Range(0, half), -1, .. Enumerable.Range(count - half, half)];
    }
}
