using System.Globalization;
using Plotly.NET;

namespace CourseKit.Interactive.Charts;

/// <summary>
/// Renders a Plotly.NET chart as notebook HTML that works in every place the kit's notebooks are opened:
/// an exported page that already carries plotly.js (offline), Jupyter (plotly.js through require.js), and VS Code
/// (plotly.js added with a script tag). Plotly.NET's own HTML always loads plotly.js from a CDN through require.js,
/// which draws a blank box offline.
/// </summary>
public static class ChartHtml
{

    private static int counter;

    /// <summary>The chart's HTML: a div and a script that draws the figure with <c>Plotly.newPlot</c>.</summary>
    public static string ToHtml(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        string figure = GenericChart.toJson(chart);
        string id = "coursekit-plot-" + Interlocked.Increment(ref counter).ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        return $$"""
<div id="{{id}}" class="coursekit-chart"></div>
<script type="text/javascript">
(function () {
  var figure = {{figure}};
  var draw = function (P) { P.newPlot('{{id}}', figure.data, figure.layout, figure.config); };
  if (typeof window.Plotly !== 'undefined') { draw(window.Plotly); return; }
  var cdn = 'https://cdn.plot.ly/plotly-{{PlotlyBundle.Version}}.min';
  if (typeof window.requirejs === 'function') {
    window.requirejs.config({ paths: { plotly: cdn } });
    window.requirejs(['plotly'], function (P) { window.Plotly = P; draw(P); });
  } else {
    var s = document.createElement('script');
    s.src = cdn + '.js';
    s.onload = function () { draw(window.Plotly); };
    document.head.appendChild(s);
  }
})();
</script>
""";
    }
}
