using System.Numerics;
using CourseKit.Layers;
using CourseKit.Tensors;

namespace CourseKit.Optimizers.Surfaces;

/// <summary>One point of a trajectory: the parameters (x, y) after <paramref name="Step"/> steps and f there.</summary>
/// <param name="Step">How many steps were taken to get here (0 = the start).</param>
/// <param name="X">x after the step.</param>
/// <param name="Y">y after the step.</param>
/// <param name="Loss">f(x, y).</param>
public readonly record struct TrajectoryPoint(int Step, double X, double Y, double Loss);

/// <summary>
/// The path an optimizer takes on a 2-D <see cref="ISurface"/>: the start and the point after every step.
/// </summary>
/// <param name="Optimizer">The optimizer's description, for example "Adam(lr=0.1, …)".</param>
/// <param name="Surface">The surface it ran on.</param>
/// <param name="Points">The start (step 0) and the point after each step, with f at each.</param>
public sealed record Trajectory(string Optimizer, ISurface Surface, IReadOnlyList<TrajectoryPoint> Points)
{
    /// <summary>
    /// Runs <paramref name="steps"/> steps of the optimizer that <paramref name="optimizerFactory"/> builds over a single
    /// 1×2 parameter [x, y] that starts at <paramref name="start"/>. Before each step the parameter's gradient is set to
    /// the surface's ∇f, so the optimizer sees exactly what a backward pass would give it.
    /// </summary>
    /// <example><code>var path = Trajectory.Run(p => new Adam&lt;double&gt;(p, 0.1), new Rosenbrock(), (-1.2, 1.0), 200);</code></example>
    public static Trajectory Run<T>(Func<IReadOnlyList<Parameter<T>>, Optimizer<T>> optimizerFactory, ISurface surface,
        (double X, double Y) start, int steps) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(optimizerFactory);
        ArgumentNullException.ThrowIfNull(surface);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        var xy = new Parameter<T>("xy", new Tensor<T>(1, 2, [T.CreateChecked(start.X), T.CreateChecked(start.Y)]));
        var optimizer = optimizerFactory([xy]) ?? throw new ArgumentException("The factory returned no optimizer.", nameof(optimizerFactory));
        var points = new List<TrajectoryPoint>(steps + 1);
        for (int step = 0; ; step++)
        {
            double x = double.CreateChecked(xy.Value[0, 0]), y = double.CreateChecked(xy.Value[0, 1]);
            points.Add(new TrajectoryPoint(step, x, y, surface.Value(x, y)));
            if (step == steps) break;
            var (gx, gy) = surface.Gradient(x, y);
            xy.Gradient[0, 0] = T.CreateChecked(gx);
            xy.Gradient[0, 1] = T.CreateChecked(gy);
            optimizer.Step();
        }
        return new Trajectory(optimizer.ToString(), surface, points);
    }

    /// <summary>The last point reached.</summary>
    public TrajectoryPoint End => Points[^1];

    /// <summary>The distance from the end to the surface's minimum (or stationary point).</summary>
    public double DistanceToMinimum => Math.Sqrt(Math.Pow(End.X - Surface.Minimum.X, 2) + Math.Pow(End.Y - Surface.Minimum.Y, 2));

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Optimizer} on {Surface.Name}: {Points.Count - 1} steps, ({Points[0].X:G4}, {Points[0].Y:G4}) → ({End.X:G6}, {End.Y:G6}), f = {End.Loss:G4}";
}
