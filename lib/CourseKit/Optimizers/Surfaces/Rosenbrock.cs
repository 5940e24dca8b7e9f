namespace CourseKit.Optimizers.Surfaces;

/// <summary>
/// Rosenbrock's banana function <c>f(x, y) = (a − x)² + b (y − x²)²</c>, minimum 0 at (a, a²) at the end of a curved,
/// flat-bottomed valley: easy to reach the valley, slow to follow it. Defaults a = 1, b = 100 (minimum at (1, 1)).
/// </summary>
/// <param name="A">a, where the minimum lies: (a, a²).</param>
/// <param name="B">b, how steep the valley walls are.</param>
public sealed record Rosenbrock(double A = 1, double B = 100) : ISurface
{
    /// <inheritdoc/>
    public string Name => $"Rosenbrock (a={A}, b={B})";

    /// <inheritdoc/>
    public double Value(double x, double y)
    {
        double r = A - x, s = y - x * x;
        return r * r + B * s * s;
    }

    /// <inheritdoc/>
    public (double X, double Y) Gradient(double x, double y)
    {
        double s = y - x * x;
        return (-2 * (A - x) - 4 * B * x * s, 2 * B * s);
    }

    /// <inheritdoc/>
    public (double X, double Y) Minimum => (A, A * A);
}
