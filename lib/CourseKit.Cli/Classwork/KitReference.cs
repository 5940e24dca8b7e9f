using System.Text.RegularExpressions;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// The <c>#r "../../artifacts/kit/CourseKit.Interactive.dll"</c> lines of a notebook. The engine resolves a relative
/// path against its working folder, and grading runs each submission in a fresh temp folder, so these lines are made
/// absolute (resolved against the source notebook's folder) and the sandbox is given read-only access to those folders.
/// </summary>
public static partial class KitReference
{
    /// <summary>The source with each relative <c>#r "X.dll"</c> made absolute against <paramref name="folder"/>.</summary>
    public static string MakeAbsolute(string source, string folder) =>
        DllReference().Replace(source, m => Path.IsPathRooted(m.Groups["path"].Value)
            ? m.Value
            : $"{m.Groups["prefix"].Value}\"{Path.GetFullPath(m.Groups["path"].Value, folder)}\"");

    /// <summary>Every <c>#r "X.dll"</c> path in the source, resolved against <paramref name="folder"/>.</summary>
    public static IEnumerable<string> Paths(string source, string folder) =>
        DllReference().Matches(source).Select(m => Path.GetFullPath(m.Groups["path"].Value, folder));

    [GeneratedRegex(@"^(?<prefix>[ \t]*#r[ \t]+)""(?<path>[^""]+\.dll)""", RegexOptions.Multiline)]
    private static partial Regex DllReference();
}
