using System.Globalization;
using System.Text.RegularExpressions;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// A test cell marked <c>"coursekit": {"partial_credit": true}</c> reports what it earned by printing a line
/// <c>partial credit: X</c> (X in points). The last such line counts, clamped to 0 … the cell's points; a cell that
/// prints none and does not throw earns full points; a cell that throws earns none (as every check).
/// </summary>
internal static partial class PartialCredit
{
    /// <summary>The points reported in <paramref name="stdout"/>, clamped to 0 … <paramref name="points"/>; null when none is reported.</summary>
    public static double? Earned(string stdout, double points)
    {
        if (Line().Matches(stdout).LastOrDefault() is not { } match
            || !double.TryParse(match.Groups["points"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var earned))
        {
            return null;
        }
        return Math.Clamp(double.IsFinite(earned) ? earned : 0, 0, points);
    }

    [GeneratedRegex(@"^partial credit:[ \t]*(?<points>[-+0-9.eE]+)[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex Line();
}
