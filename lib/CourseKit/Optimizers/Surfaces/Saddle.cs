namespace CourseKit.Optimizers.Surfaces;

/// <summary>
/// The saddle <c>f(x, y) = x² − y²</c>: the gradient vanishes at (0, 0), which is a minimum along x and a maximum
/// along y. Started exactly on the x axis, gradient descent converges to the saddle point; any offset in y escapes,
/// slowly at first because the gradient near the saddle is small. Unbounded below, so there is no minimum.
/// </summary>
public sealed record Saddle : ISurface
{
    /// <inheritdoc/>
    public string Name => "saddle x² − y²";

    /// <inheritdoc/>
    public double Value(double x, double y) => x * x - y * y;

    /// <inheritdoc/>
    public (double X, double Y) Gradient(double x, double y) => (2 * x, -2 * y);

    /// <summary>The stationary point (0, 0), which is not a minimum.</summary>
    public (double X, double Y) Minimum => (0, 0);
}
