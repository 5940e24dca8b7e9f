using System.Globalization;
using Plotly.NET;
using Plotly.NET.CSharp;
using CChart = Plotly.NET.CSharp.Chart;

namespace CourseKit.Interactive.Charts;

/// <summary>Charts whose x axis is the words of a sentence, in order (a value after each word, per-word scores).</summary>
public static class WordPlots
{
    /// <summary>
    /// One line per series over the words of a sentence: the value after word k is drawn at the tick "k word", so a
    /// word that occurs twice keeps two places.
    /// </summary>
    /// <exception cref="ArgumentException">A series has a different length from <paramref name="words"/>.</exception>
    public static GenericChart OverWords(string title, string yTitle, IReadOnlyList<string> words,
                                         params (string Name, IReadOnlyList<double> Values)[] series)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(series);
        var ticks = words.Select((w, k) => (k + 1).ToString(CultureInfo.InvariantCulture) + " " + w).ToArray();
        foreach (var s in series)
            if (s.Values.Count != words.Count)
                throw new ArgumentException($"Series '{s.Name}' has {s.Values.Count} values for {words.Count} words.", nameof(series));
        var traces = series.Select(s => CChart.Line<string, double, string>(ticks, s.Values, ShowMarkers: true, Name: s.Name));
        return Plotly.NET.Chart.withTitle(title, null).Invoke(CChart.Combine(traces))
            .WithXAxisStyle<double, double, double>(TitleText: "after the word")
            .WithYAxisStyle<double, double, double>(TitleText: yTitle)
            .WithSize(Math.Clamp(120 + 60 * words.Count, 480, 900), 380);
    }
}
