using System.Text.RegularExpressions;

namespace CourseKit.Cli.Runner;

/// <summary>
/// What the runner's kernel accepts: C# cells, with <c>#r "file.dll"</c>, <c>using</c>, <c>display(...)</c>,
/// <c>#!csharp</c> and <c>#!who</c>/<c>#!whos</c>. A cell for another kernel, or a magic command of another kernel,
/// is refused before it runs, with an error that says so, instead of failing somewhere inside the engine.
/// </summary>
internal static partial class CellSupport
{
    /// <summary>What the runner supports, as the error messages say it.</summary>
    public const string Supported =
        "coursekit runs C# cells only: C# code, #r \"path/to/file.dll\", #!csharp, #!who and #!whos";

    private static readonly string[] CSharpNames = ["csharp", "c#", "C#"];
    private static readonly string[] AllowedMagics = ["#!csharp", "#!c#", "#!C#", "#!who", "#!whos"];

    /// <summary>Null when the runner can run the cell; otherwise the error to show in it.</summary>
    /// <param name="language">The cell's kernel from its metadata, or null when it names none (the notebook's C#).</param>
    /// <param name="source">The cell's code.</param>
    public static string? Problem(string? language, string source)
    {
        if (language is not null && !CSharpNames.Contains(language))
        {
            return $"this cell is for the '{language}' kernel; {Supported}.";
        }
        var lineNumber = 0;
        foreach (var raw in source.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                var magic = line.Split((char[])[' ', '\t'], 2)[0];
                if (!AllowedMagics.Contains(magic))
                {
                    return $"line {lineNumber}: '{magic}' is a magic command of another kernel or tool; {Supported}.";
                }
            }
            else if (NuGetReference().IsMatch(line))
            {
                return $"line {lineNumber}: NuGet references (#r \"nuget: ...\", #i) are not supported, since notebooks must run " +
                       $"offline and the same everywhere; reference a published .dll instead. {Supported}.";
            }
        }
        return null;
    }

    [GeneratedRegex("""^#(r\s*"\s*nuget\s*:|i\s)""", RegexOptions.IgnoreCase)]
    private static partial Regex NuGetReference();
}
