using CourseKit.Optimizers.Surfaces;
using CourseKit.Optimizers;

namespace CourseKit.Tests;

public class SurfaceTests
{
    public static TheoryData<string> Names() => ["bowl", "rosenbrock", "saddle"];

    private static ISurface Create(string name) => name switch
    {
        "bowl" => new QuadraticBowl(),
        "rosenbrock" => new Rosenbrock(),
        "saddle" => new Saddle(),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Gradient_matches_central_differences(string name)
    {
        var s = Create(name);
        const double h = 1e-6;
        foreach (var (x, y) in new[] { (-1.2, 1.0), (0.3, -0.7), (2.0, 0.5) })
        {
            var (gx, gy) = s.Gradient(x, y);
            double nx = (s.Value(x + h, y) - s.Value(x - h, y)) / (2 * h), ny = (s.Value(x, y + h) - s.Value(x, y - h)) / (2 * h);
            // Central differences with h = 1e-6: measured up to 2.4e-10 of max(1, |∂f|) (Rosenbrock).
            Assert.True(Math.Abs(gx - nx) <= 1e-9 * Math.Max(1, Math.Abs(nx)), $"{s.Name} ∂f/∂x at ({x}, {y}): {gx} vs {nx}, difference {Math.Abs(gx - nx):E3}");
            Assert.True(Math.Abs(gy - ny) <= 1e-9 * Math.Max(1, Math.Abs(ny)), $"{s.Name} ∂f/∂y at ({x}, {y}): {gy} vs {ny}, difference {Math.Abs(gy - ny):E3}");
        }
        var (mx, my) = s.Gradient(s.Minimum.X, s.Minimum.Y);
        Assert.Equal((0.0, 0.0), (mx, my));
    }

    [Fact]
    public void Trajectory_includes_the_start_and_one_point_per_step()
    {
        var t = Trajectory.Run<double>(p => new GradientDescent<double>(p, 0.1), new QuadraticBowl(1, 2), (1.0, 1.0), 3);
        Assert.Equal(4, t.Points.Count);
        Assert.Equal(new TrajectoryPoint(0, 1, 1, 3), t.Points[0]);
        // x ← x (1 − 0.2), y ← y (1 − 0.4)
        Assert.Equal(0.8 * 0.8 * 0.8, t.End.X, 1e-15);
        Assert.Equal(0.6 * 0.6 * 0.6, t.End.Y, 1e-15);
        Assert.Equal(3, t.End.Step);
        Assert.Contains("gradient descent", t.ToString());
    }

    [Fact]
    public void Saddle_holds_on_its_axis_and_escapes_off_it()
    {
        var on = Trajectory.Run<double>(p => new GradientDescent<double>(p, 0.1), new Saddle(), (1.0, 0.0), 100);
        Assert.True(on.DistanceToMinimum < 1e-8, on.ToString());
        var off = Trajectory.Run<double>(p => new GradientDescent<double>(p, 0.1), new Saddle(), (1.0, 1e-6), 100);
        Assert.True(Math.Abs(off.End.Y) > 1, off.ToString());
        Assert.True(off.End.Loss < -1, off.ToString());
    }

    [Fact]
    public void Adam_reaches_the_Rosenbrock_minimum()
    {
        var t = Trajectory.Run<double>(p => new Adam<double>(p, 0.02), new Rosenbrock(), (-1.2, 1.0), 5000);
        Assert.True(t.DistanceToMinimum < 1e-2, t.ToString());
    }
}
