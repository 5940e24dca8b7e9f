using CourseKit.Activations;
using CourseKit.Layers;
using CourseKit.Optimizers.Surfaces;
using CourseKit.Optimizers;
using CourseKit.Tensors;
using Plotly.NET.CSharp;
using Plotly.NET;
using CChart = Plotly.NET.CSharp.Chart;

namespace CourseKit.Interactive.Charts;

/// <summary>
/// The charts the lecture's notebooks draw, built on Plotly.NET. Each returns a <see cref="GenericChart"/>, which the
/// kit's formatter displays as an interactive plot.
/// </summary>
public static class Plots
{
    /// <summary>Curves y = f(x) over [from, to] on one set of axes.</summary>
    public static GenericChart Functions(string title, double from, double to, params (string Name, Func<double, double> F)[] curves)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var xs = Grid(from, to, 401);
        var traces = curves.Select(c => CChart.Line<double, double, string>(xs, xs.Select(c.F), Name: c.Name));
        return Style(CChart.Combine(traces), title, "x", "y");
    }

    /// <summary>An activation <c>g</c> and its derivative <c>g'</c> side by side, as the slides draw them.</summary>
    public static GenericChart Activation(ElementwiseActivation<double> g, double from = -5, double to = 5)
    {
        ArgumentNullException.ThrowIfNull(g);
        var xs = Grid(from, to, 401);
        var x = Tensor.Row(xs);
        var y = g.Apply(x).ToFlatArray();
        var d = g.Derivative(x).ToFlatArray();
        var chart = CChart.Combine([
            CChart.Line<double, double, string>(xs, y, Name: $"{g.Name}(x)"),
            CChart.Line<double, double, string>(xs, d, Name: $"{g.Name}'(x)"),
        ]);
        return Style(chart, $"{g.Name} and its gradient", "x", "value");
    }

    /// <summary>A loss (or any metric) per epoch; an optional marker (for example where early stopping chose).</summary>
    public static GenericChart LossCurve(IReadOnlyList<double> losses, string title = "Training loss", bool logScale = false,
                                         int? markEpoch = null, string yTitle = "loss")
    {
        ArgumentNullException.ThrowIfNull(losses);
        var epochs = Enumerable.Range(1, losses.Count).Select(e => (double)e).ToArray();
        var traces = new List<GenericChart> { CChart.Line<double, double, string>(epochs, losses, Name: yTitle) };
        if (markEpoch is int m && m >= 1 && m <= losses.Count)
            traces.Add(CChart.Point<double, double, string>([m], [losses[m - 1]], Name: $"epoch {m}"));
        var chart = Style(CChart.Combine(traces), title, "epoch", yTitle);
        return logScale ? LogYAxis(chart, yTitle) : chart;
    }

    /// <summary>Several curves over 1, 2, 3, … on one chart, for example training vs validation loss per epoch.</summary>
    public static GenericChart Curves(string title, string xTitle, string yTitle, params (string Name, IReadOnlyList<double> Values)[] series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var traces = series.Select(s => CChart.Line<double, double, string>(
            Enumerable.Range(1, s.Values.Count).Select(e => (double)e), s.Values, Name: s.Name));
        return Style(CChart.Combine(traces), title, xTitle, yTitle);
    }

    /// <summary>Curves from a computed sequence of (name, values), for example one per learning rate.</summary>
    public static GenericChart Curves(string title, string xTitle, string yTitle, IEnumerable<(string Name, double[] Values)> series) =>
        Curves(title, xTitle, yTitle, AsSeries(series));

    /// <summary>
    /// <see cref="Curves(string, string, string, ValueTuple{string, IReadOnlyList{double}}[])"/> on a logarithmic y
    /// axis, for values that span orders of magnitude: a gradient that vanishes to 1e-7, or a diverging loss next to
    /// converging ones. A straight line on it is exponential growth or decay. Values ≤ 0 have no place on a log axis
    /// and are left out.
    /// </summary>
    public static GenericChart LogCurves(string title, string xTitle, string yTitle, params (string Name, IReadOnlyList<double> Values)[] series) =>
        LogYAxis(Curves(title, xTitle, yTitle, series), yTitle);

    /// <summary>Log-scale curves from a computed sequence of (name, values).</summary>
    public static GenericChart LogCurves(string title, string xTitle, string yTitle, IEnumerable<(string Name, double[] Values)> series) =>
        LogCurves(title, xTitle, yTitle, AsSeries(series));

    // A log y axis whose ticks read 10⁻⁶, not plotly's SI prefixes (1µ, 1n, 1p), which students misread.
    private static GenericChart LogYAxis(GenericChart chart, string yTitle)
    {
        var styled = chart.WithYAxisStyle<double, double, double>(TitleText: yTitle, AxisType: StyleParam.AxisType.Log);
        if (GenericChart.getLayout(styled).GetPropertyValue("yaxis") is DynamicObj.DynamicObj axis)
            axis.SetProperty("exponentformat", "power");
        return styled;
    }

    private static (string Name, IReadOnlyList<double> Values)[] AsSeries(IEnumerable<(string Name, double[] Values)> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return [.. series.Select(s => (s.Name, (IReadOnlyList<double>)s.Values))];
    }

    /// <summary>
    /// A one-input regression: the data points (x, y) and each model's prediction ŷ(x) as a curve over
    /// [<paramref name="from"/>, <paramref name="to"/>], computed in evaluation mode (dropout off). It shows what the
    /// losses only summarise: a curve too stiff to follow the points (underfitting) or one that chases every noisy
    /// point (overfitting).
    /// </summary>
    /// <param name="title">The chart's title.</param>
    /// <param name="x">Inputs, (n × 1).</param>
    /// <param name="y">Targets, (n × 1).</param>
    /// <param name="from">Where the curves start on the x axis.</param>
    /// <param name="to">Where they end.</param>
    /// <param name="models">Named one-input, one-output models.</param>
    public static GenericChart Fits(string title, Tensor<double> x, Tensor<double> y, double from, double to,
                                    params (string Name, Layer<double> Model)[] models)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(models);
        if (x.Cols != 1 || y.Cols != 1 || x.Rows != y.Rows)
            throw new ShapeMismatchException($"Fits needs one input and one target column of the same length, got x {x.Shape} and y {y.Shape}.");
        var grid = Grid(from, to, 201);
        var traces = new List<GenericChart>
        {
            CChart.Point<double, double, string>(x.ToFlatArray(), y.ToFlatArray(), Name: "data", Marker: ClassMarker("black", size: 8)),
        };
        foreach (var (name, model) in models)
        {
            bool wasTraining = model.IsTraining;
            model.IsTraining = false;
            try { traces.Add(CChart.Line<double, double, string>(grid, model.Forward(Tensor.Column(grid)).ToFlatArray(), Name: name)); }
            finally { model.IsTraining = wasTraining; }
        }
        return Style(CChart.Combine(traces), title, "x", "y");
    }

    /// <summary>
    /// A two-input model's output over the plane as a heatmap, with the data points on top coloured by class:
    /// what a decision boundary looks like.
    /// </summary>
    public static GenericChart DecisionBoundary(Layer<double> model, Tensor<double> inputs, Tensor<double> targets,
                                                double from = -0.5, double to = 1.5, int resolution = 81, string title = "Decision boundary")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.Cols != 2) throw new ShapeMismatchException($"A decision boundary needs two input columns, got {inputs.Shape}.");
        var axis = Grid(from, to, resolution);
        var grid = new Tensor<double>(resolution * resolution, 2);
        for (int r = 0; r < resolution; r++)
            for (int c = 0; c < resolution; c++)
            {
                grid[r * resolution + c, 0] = axis[c];
                grid[r * resolution + c, 1] = axis[r];
            }
        var output = model.Forward(grid);
        var z = Enumerable.Range(0, resolution).Select(r => Enumerable.Range(0, resolution).Select(c => output[r * resolution + c, 0]).ToArray()).ToArray();
        var heat = CChart.Heatmap<double, double, double, string>(z, X: axis, Y: axis, Name: "model output", ColorScale: StyleParam.Colorscale.RdBu, ReverseScale: true);
        var points = new List<GenericChart> { heat };
        foreach (var label in Enumerable.Range(0, inputs.Rows).Select(i => targets[i, 0]).Distinct().Order())
        {
            // Black crosses and white rings stay readable on every colour of the map.
            var idx = Enumerable.Range(0, inputs.Rows).Where(i => targets[i, 0] == label).ToArray();
            points.Add(CChart.Point<double, double, string>(idx.Select(i => inputs[i, 0]), idx.Select(i => inputs[i, 1]),
                Name: $"y = {label}", Marker: ClassMarker(label > 0.5 ? "white" : "black", inputs.Rows <= 20 ? 11 : 6),
                MarkerSymbol: label > 0.5 ? StyleParam.MarkerSymbol.Circle : StyleParam.MarkerSymbol.X));
        }
        // The colour bar takes the right-hand side, so the legend goes in one row under the x axis.
        return Style(CChart.Combine(points), title, "x₁", "x₂").WithSize(560, 520)
            .WithLegendStyle(Orientation: StyleParam.Orientation.Horizontal, X: 0.0, XAnchor: StyleParam.XAnchorPosition.Left,
                             Y: -0.18, YAnchor: StyleParam.YAnchorPosition.Top);
    }

    /// <summary>
    /// Optimizer paths drawn on a loss surface's contour plot. Contours show log(1 + f) so the narrow valleys of
    /// Rosenbrock stay visible; each path is a line with a marker per step, starting at the same point.
    /// </summary>
    public static GenericChart Trajectories(ISurface surface, (double From, double To) xRange, (double From, double To) yRange,
                                            IReadOnlyList<Trajectory> paths, string? title = null, int resolution = 121)
    {
        ArgumentNullException.ThrowIfNull(surface);
        ArgumentNullException.ThrowIfNull(paths);
        var xs = Grid(xRange.From, xRange.To, resolution);
        var ys = Grid(yRange.From, yRange.To, resolution);
        var z = ys.Select(y => xs.Select(x => Math.Log(1 + Math.Max(surface.Value(x, y) - surface.Value(surface.Minimum.X, surface.Minimum.Y), 0))).ToArray()).ToArray();
        var traces = new List<GenericChart>
        {
            CChart.Contour<double, double, double, string>(z, X: xs, Y: ys, Name: "log(1 + f)", ShowScale: false,
                ColorScale: StyleParam.Colorscale.Viridis),
        };
        foreach (var path in paths)
            traces.Add(CChart.Line<double, double, string>(path.Points.Select(p => p.X), path.Points.Select(p => p.Y),
                ShowMarkers: true, Name: path.Optimizer));
        traces.Add(CChart.Point<double, double, string>([surface.Minimum.X], [surface.Minimum.Y], Name: "minimum",
            MarkerSymbol: StyleParam.MarkerSymbol.Star));
        return Style(CChart.Combine(traces), title ?? $"Optimizer paths on {surface.Name}", "x", "y").WithSize(720, 560);
    }

    /// <summary>A matrix as a heatmap with optional row and column labels (gate activations, confusion matrices).</summary>
    public static GenericChart Heatmap(Tensor<double> values, string title, IReadOnlyList<string>? rowLabels = null,
                                       IReadOnlyList<string>? colLabels = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var z = Enumerable.Range(0, values.Rows).Select(r => values.Row(r).ToArray()).ToArray();
        var chart = CChart.Heatmap<double, string, string, string>(z,
            X: colLabels?.ToArray() ?? Enumerable.Range(0, values.Cols).Select(i => i.ToString()).ToArray(),
            Y: rowLabels?.ToArray() ?? Enumerable.Range(0, values.Rows).Select(i => i.ToString()).ToArray(),
            ColorScale: StyleParam.Colorscale.Viridis);
        return Style(chart, title, "", "");
    }

    /// <summary>A bar chart of named values.</summary>
    public static GenericChart Bars(string title, string yTitle, IReadOnlyList<string> labels, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(values);
        return Style(CChart.Column<double, string, string>(values.ToArray(), Keys: labels.ToArray()), title, "", yTitle);
    }

    // A marker in one colour with a black outline, for data points and classes. Plotly.NET's Marker.init takes F#
    // options, awkward from C#; the marker is a dynamic object, so its plotly.js properties are set by name.
    private static Plotly.NET.TraceObjects.Marker ClassMarker(string color, int size = 11)
    {
        var outline = new DynamicObj.DynamicObj();
        outline.SetProperty("color", "black");
        outline.SetProperty("width", 1.5);
        var marker = new Plotly.NET.TraceObjects.Marker();
        marker.SetProperty("size", size);
        marker.SetProperty("color", color);
        marker.SetProperty("line", outline);
        return marker;
    }

    /// <summary>n evenly spaced points from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static double[] Grid(double from, double to, int n) =>
        [.. Enumerable.Range(0, n).Select(i => n == 1 ? from : from + (to - from) * i / (n - 1))];

    private static GenericChart Style(GenericChart chart, string title, string xTitle, string yTitle) =>
        Plotly.NET.Chart.withTitle(title, null).Invoke(chart)
             .WithXAxisStyle<double, double, double>(TitleText: xTitle)
             .WithYAxisStyle<double, double, double>(TitleText: yTitle)
             .WithSize(640, 400);
}
