using System.Globalization;
using System.Text.RegularExpressions;

namespace CourseKit.Notebooks.Tests;

/// <summary>Numbers read back from what a notebook printed, so a test checks values and not only that a label appeared.</summary>
internal static class Printed
{
    /// <summary>The number in the first group of <paramref name="pattern"/>'s first match; fails naming the pattern and the text when there is none.</summary>
    public static double Number(string text, string pattern)
    {
        var match = Regex.Match(text, pattern);
        Assert.True(match.Success, $"no match for /{pattern}/ in:\n{text}");
        return double.Parse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
