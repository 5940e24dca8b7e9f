namespace CourseKit.Optimizers.Surfaces;

/// <summary>
/// A loss surface f(x, y) over two parameters, with its gradient, for drawing and comparing optimizer trajectories.
/// </summary>
public interface ISurface
{
    /// <summary>A short name for legends, for example "Rosenbrock (a=1, b=100)".</summary>
    string Name { get; }

    /// <summary>f(x, y).</summary>
    double Value(double x, double y);

    /// <summary>∇f = (∂f/∂x, ∂f/∂y) at (x, y).</summary>
    (double X, double Y) Gradient(double x, double y);

    /// <summary>The global minimum, or for a surface without one (a saddle) its stationary point.</summary>
    (double X, double Y) Minimum { get; }
}
