using System.Text.Json;
using CourseKit.Layers;
using CourseKit.Optimizers.Surfaces;
using CourseKit.Optimizers;

namespace CourseKit.Tests;

/// <summary>
/// Rebuilds the cases of tests/reference/optimizers.json (written by make_optimizer_reference.py) in CourseKit:
/// PyTorch's keyword options become constructor arguments, with PyTorch 1.13's defaults where a case gives none.
/// </summary>
internal static class OptimizerReference
{
    public const string File = "optimizers.json";

    public static IEnumerable<JsonElement> Cases => Reference.Cases(File, "trajectories");

    public static JsonElement Case(string name, string surface) =>
        Cases.Single(c => c.GetProperty("name").GetString() == name && c.GetProperty("surface").GetString() == surface);

    public static ISurface Surface(JsonElement c)
    {
        double a = c.GetProperty("a").GetDouble(), b = c.GetProperty("b").GetDouble();
        return c.GetProperty("surface").GetString() == "rosenbrock" ? new Rosenbrock(a, b) : new QuadraticBowl(a, b);
    }

    /// <summary>
    /// The optimizer of case <paramref name="c"/>, with option <paramref name="without"/> (if any) left at its default
    /// and ε multiplied by <paramref name="epsilonScale"/>: the perturbed forms show the reference really depends on them.
    /// </summary>
    public static Func<IReadOnlyList<Parameter<T>>, Optimizer<T>> Factory<T>(JsonElement c, string? without = null, double epsilonScale = 1)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var o = c.GetProperty("options");
        double lr = c.GetProperty("lr").GetDouble();
        double Num(string key, double fallback) => key != without && o.TryGetProperty(key, out var e) ? e.GetDouble() : fallback;
        bool Flag(string key) => key != without && o.TryGetProperty(key, out var e) && e.GetBoolean();
        double Beta(int i, double fallback) => "betas" != without && o.TryGetProperty("betas", out var e) ? e[i].GetDouble() : fallback;
        double wd = Num("weight_decay", 0);
        return c.GetProperty("optimizer").GetString() switch
        {
            "SGD" when Num("momentum", 0) == 0 => p => new GradientDescent<T>(p, lr, wd),
            "SGD" => p => new Momentum<T>(p, lr, Num("momentum", 0), Num("dampening", 0), Flag("nesterov"), wd),
            "Adagrad" => p => new Adagrad<T>(p, lr, Num("lr_decay", 0), wd, epsilon: 1e-10 * epsilonScale),
            "RMSprop" => p => new RmsProp<T>(p, lr, Num("alpha", 0.99), 1e-8 * epsilonScale, wd, Num("momentum", 0), Flag("centered")),
            "Adadelta" => p => new Adadelta<T>(p, lr, Num("rho", 0.9), 1e-6 * epsilonScale, wd),
            "Adam" => p => new Adam<T>(p, lr, Beta(0, 0.9), Beta(1, 0.999), 1e-8 * epsilonScale, wd),
            "AdamW" => p => new AdamW<T>(p, lr, Beta(0, 0.9), Beta(1, 0.999), 1e-8 * epsilonScale, Num("weight_decay", 0.01)),
            var other => throw new NotSupportedException($"No CourseKit optimizer for PyTorch's {other}."),
        };
    }

    public static Trajectory Run<T>(JsonElement c, string? without = null, double epsilonScale = 1)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var start = c.GetProperty("start");
        return Trajectory.Run(Factory<T>(c, without, epsilonScale), Surface(c),
            (start[0].GetDouble(), start[1].GetDouble()), c.GetProperty("steps").GetInt32());
    }

    /// <summary>Max |Δ| over every point's x and y, and separately over the losses relative to max(1, |f|).</summary>
    public static (double Points, double Losses) MaxDeviation(JsonElement c, Trajectory t)
    {
        var points = c.GetProperty("points").EnumerateArray().ToArray();
        var losses = c.GetProperty("losses").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        if (points.Length != t.Points.Count) return (double.PositiveInfinity, double.PositiveInfinity);
        double dp = 0, dl = 0;
        for (int i = 0; i < points.Length; i++)
        {
            dp = Math.Max(dp, Math.Max(Math.Abs(points[i][0].GetDouble() - t.Points[i].X), Math.Abs(points[i][1].GetDouble() - t.Points[i].Y)));
            dl = Math.Max(dl, Math.Abs(losses[i] - t.Points[i].Loss) / Math.Max(1, Math.Abs(losses[i])));
            if (double.IsNaN(t.Points[i].X) || double.IsNaN(t.Points[i].Y)) dp = double.PositiveInfinity;
        }
        return (dp, dl);
    }
}
