using System.Diagnostics;
using System.Text.RegularExpressions;
using CourseKit.Notebooks.Tests.Browser;
using Xunit.Abstractions;

namespace CourseKit.Notebooks.Tests;

/// <summary>
/// Every page `coursekit run` exported, opened in headless Chromium with the network off: formulas are typeset (no TeX
/// source is visible text) and no request leaves the machine.
/// </summary>
[Collection("notebooks")]
public sealed partial class OfflinePageTests(NotebookRun run, ITestOutputHelper output)
{
    // A backslash command (\frac, \begin, \mathbf), display delimiters or \( \[ : TeX a reader should never see.
    [GeneratedRegex(@"\\[A-Za-z]+|\$\$|\\[(\[]")]
    private static partial Regex TexSource();

    private static readonly string[] LocalSchemes = ["file:", "data:", "blob:", "about:"];

    [ChromiumFact]
    public async Task Every_page_typesets_its_formulas_and_asks_for_nothing_beyond_the_machine()
    {
        var pages = Directory.GetFiles(run.OutDir, "*.html").Order().ToArray();
        Assert.Contains(pages, p => Path.GetFileName(p) == "index.html");
        // COURSEKIT_SCREENSHOTS=<folder> keeps a full-page PNG of each page, to look at.
        var screenshots = Environment.GetEnvironmentVariable("COURSEKIT_SCREENSHOTS");
        var problems = new List<string>();
        var clock = Stopwatch.StartNew();
        await using var browser = await HeadlessChromium.StartAsync();
        output.WriteLine($"Chromium started in {clock.Elapsed.TotalSeconds:0.0} s");
        foreach (var page in pages)
        {
            var name = Path.GetFileName(page);
            var shot = screenshots is null ? null : Path.Combine(screenshots, Path.ChangeExtension(name, ".png"));
            var visit = await browser.VisitAsync(page, shot);
            output.WriteLine($"{name}: load {visit.LoadMilliseconds:0} ms, {visit.Typeset}/{visit.Formulas} formulas typeset, {visit.Requests.Count} requests");
            foreach (var request in visit.Requests.Where(r => !LocalSchemes.Any(s => r.StartsWith(s, StringComparison.OrdinalIgnoreCase))))
            {
                problems.Add($"{name} asked for {request}");
            }
            var tex = TexSource().Matches(visit.VisibleText);
            if (tex.Count > 0)
            {
                var shown = tex.Take(3).Select(m => $"…{Around(visit.VisibleText, m.Index)}…");
                problems.Add($"{name} shows TeX source {tex.Count} times, first in: {string.Join(" | ", shown)}");
            }
            if (visit.Typeset != visit.Formulas)
            {
                problems.Add($"{name}: {visit.Formulas - visit.Typeset} of {visit.Formulas} formulas were not typeset");
            }
            problems.AddRange(visit.Errors.Select(e => $"{name}: {e}"));
        }
        output.WriteLine($"{pages.Length} pages in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n\ncoursekit run said:\n" + run.Console);
    }

    private static string Around(string text, int index) =>
        text[Math.Max(0, index - 50)..Math.Min(text.Length, index + 50)].ReplaceLineEndings(" ");
}
