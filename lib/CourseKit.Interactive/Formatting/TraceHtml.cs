using System.Net;
using System.Numerics;
using System.Text;
using CourseKit.Recurrent;
using CourseKit.Tensors;

namespace CourseKit.Interactive.Formatting;

/// <summary>
/// A recurrent trace as a table: one row per time step, one column per value the cell computed (input, previous
/// state, each gate, cell state, new state), each cell showing the vector's numbers.
/// </summary>
public static class TraceHtml
{
    /// <summary>The trace as an HTML table.</summary>
    public static string ToHtml<T>(RecurrentTrace<T> trace, string format = "G4") where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(trace);
        var html = new StringBuilder("<table class=\"coursekit-trace\"><caption>")
            .Append(WebUtility.HtmlEncode($"{trace.Cell}: every value at every step")).Append("</caption><tr><th>t</th>");
        foreach (var name in trace.Names) html.Append("<th>").Append(WebUtility.HtmlEncode(name)).Append("</th>");
        html.Append("</tr>");
        foreach (var step in trace.Steps)
        {
            html.Append("<tr><td>").Append(step.Time).Append("</td>");
            foreach (var (_, value) in step.Values)
                html.Append("<td style=\"font-family:monospace;white-space:nowrap\">[")
                    .Append(string.Join(", ", value.ToFlatArray().Select(v => WebUtility.HtmlEncode(Tensor<T>.Format(v, format)))))
                    .Append("]</td>");
            html.Append("</tr>");
        }
        return html.Append("</table>").ToString();
    }
}
