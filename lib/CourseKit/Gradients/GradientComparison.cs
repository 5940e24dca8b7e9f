using System.Globalization;
using CourseKit.Tensors;

namespace CourseKit.Gradients;

/// <summary>
/// An analytic gradient set beside a numeric one, in the style of makemore's <c>cmp</c>:
/// whether they agree exactly, approximately, and by how much at most.
/// </summary>
/// <param name="Name">What was checked, for example "layer1.W".</param>
/// <param name="Shape">Its shape.</param>
/// <param name="Exact">Every element equal.</param>
/// <param name="Approximate">Every element within the tolerance (relative to max(1, |analytic|, |numeric|)).</param>
/// <param name="MaxDifference">The largest absolute difference.</param>
/// <param name="MaxRelativeError">The largest difference divided by max(1, |analytic|, |numeric|).</param>
/// <param name="Analytic">The gradient from backpropagation (or your derivation), in double precision.</param>
/// <param name="Numeric">The gradient it was compared with, in double precision.</param>
public sealed record GradientComparison(string Name, string Shape, bool Exact, bool Approximate, double MaxDifference, double MaxRelativeError,
                                        Tensor<double> Analytic, Tensor<double> Numeric)
{
    /// <summary>Comparisons of at most this many numbers print both gradients in full.</summary>
    public const int PrintLimit = 12;

    /// <inheritdoc/>
    public override string ToString()
    {
        string line = string.Create(CultureInfo.InvariantCulture,
            $"{Name,-14} {Shape,-9} | exact: {Exact,-5} | approximate: {Approximate,-5} | max difference: {MaxDifference:E2}");
        if (Analytic.Length > PrintLimit) return line;
        return line + Environment.NewLine + $"    analytic {Analytic.ToString("G8")}" + Environment.NewLine + $"    numeric  {Numeric.ToString("G8")}";
    }
}
