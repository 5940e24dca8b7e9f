using System.Text;

namespace CourseKit.Gradients;

/// <summary>The result of a gradient check: one comparison per parameter (and the input), and an overall verdict.</summary>
public sealed class GradientCheckReport(IReadOnlyList<GradientComparison> comparisons, double tolerance) : IReadOnlyList<GradientComparison>
{
    /// <summary>The tolerance each comparison was held to.</summary>
    public double Tolerance { get; } = tolerance;

    /// <summary>True when every comparison agrees within the tolerance.</summary>
    public bool Passed => comparisons.All(c => c.Approximate);

    /// <summary>The largest absolute difference over all comparisons.</summary>
    public double MaxDifference => comparisons.Count == 0 ? 0 : comparisons.Max(c => c.MaxDifference);

    /// <inheritdoc/>
    public GradientComparison this[int index] => comparisons[index];

    /// <inheritdoc/>
    public int Count => comparisons.Count;

    /// <inheritdoc/>
    public IEnumerator<GradientComparison> GetEnumerator() => comparisons.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Throws with the whole table when the check failed, for tests.</summary>
    public GradientCheckReport ThrowIfFailed() =>
        Passed ? this : throw new InvalidOperationException("Gradient check failed:" + Environment.NewLine + this);

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var c in comparisons) sb.AppendLine(c.ToString());
        sb.Append(Passed ? "PASSED" : "FAILED").Append($": max difference {MaxDifference:E2} (tolerance {Tolerance:E0})");
        return sb.ToString();
    }
}
