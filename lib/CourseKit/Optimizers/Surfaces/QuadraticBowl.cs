namespace CourseKit.Optimizers.Surfaces;

/// <summary>
/// The bowl <c>f(x, y) = a x² + b y²</c>, minimum 0 at (0, 0). With b ≫ a it is a long narrow valley, where plain
/// gradient descent zig-zags across y while crawling along x (the condition number is b / a); the defaults a = 1,
/// b = 10 show that. Scaled down (a = 1e−7, b = 1e−6) its gradients are as small as ε, which shows where ε sits.
/// </summary>
/// <param name="A">a, the curvature along x (f'' = 2a); must be &gt; 0.</param>
/// <param name="B">b, the curvature along y (f'' = 2b); must be &gt; 0.</param>
public sealed record QuadraticBowl(double A = 1, double B = 10) : ISurface
{
    /// <inheritdoc/>
    public string Name => $"bowl (a={A}, b={B})";

    /// <inheritdoc/>
    public double Value(double x, double y) => A * x * x + B * y * y;

    /// <inheritdoc/>
    public (double X, double Y) Gradient(double x, double y) => (2 * A * x, 2 * B * y);

    /// <inheritdoc/>
    public (double X, double Y) Minimum => (0, 0);
}
