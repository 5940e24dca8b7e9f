using System.Text;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// The region markers inside code cells, nbgrader's delimiters in C# comments: <c>// BEGIN SOLUTION</c> …
/// <c>// END SOLUTION</c> around the teacher's answer, <c>// BEGIN HIDDEN TESTS</c> … <c>// END HIDDEN TESTS</c> around
/// checks the students do not see. A marker is a line that holds only the comment (indentation allowed).
/// </summary>
public static class RegionMarkers
{
    /// <summary>The line a student finds where the teacher's answer was.</summary>
    public const string YourCodeHere = "// YOUR CODE HERE";

    /// <summary>The statement under it, so an unanswered cell fails loudly instead of passing silently.</summary>
    public const string NotImplemented = "throw new NotImplementedException();";

    /// <summary>The two kinds of region.</summary>
    public enum Kind
    {
        /// <summary><c>// BEGIN SOLUTION</c> … <c>// END SOLUTION</c>.</summary>
        Solution,

        /// <summary><c>// BEGIN HIDDEN TESTS</c> … <c>// END HIDDEN TESTS</c>.</summary>
        HiddenTests,
    }

    /// <summary>True when the source has at least one marker of this kind.</summary>
    public static bool Contains(string source, Kind kind) => Lines(source).Any(line => Marker(line) is { } m && m.Kind == kind);

    /// <summary>What is wrong with the markers: unclosed, nested or unopened regions; empty when they are well formed.</summary>
    public static IReadOnlyList<string> Problems(string source)
    {
        var problems = new List<string>();
        (Kind Kind, int Line)? open = null;
        var lines = Lines(source);
        for (var i = 0; i < lines.Count; i++)
        {
            if (Marker(lines[i]) is not { } marker)
            {
                continue;
            }
            if (marker.Begin)
            {
                if (open is { } o)
                {
                    problems.Add($"line {i + 1}: {Name(marker.Kind, true)} inside the {Name(o.Kind, true)} region opened on line {o.Line}");
                }
                open = (marker.Kind, i + 1);
            }
            else if (open is not { } o || o.Kind != marker.Kind)
            {
                problems.Add($"line {i + 1}: {Name(marker.Kind, false)} without a {Name(marker.Kind, true)} before it");
            }
            else
            {
                open = null;
            }
        }
        if (open is { } unclosed)
        {
            problems.Add($"line {unclosed.Line}: {Name(unclosed.Kind, true)} is never closed by {Name(unclosed.Kind, false)}");
        }
        return problems;
    }

    /// <summary>The student's version of a solution cell: each solution region becomes "// YOUR CODE HERE" and a throw, at its indentation.</summary>
    public static string ReplaceSolutions(string source) =>
        Rewrite(source, Kind.Solution, (indent, sb) => sb.Append(indent).Append(YourCodeHere).Append('\n')
            .Append(indent).Append(NotImplemented).Append('\n'));

    /// <summary>The student's version of a test cell: hidden-test regions removed with their markers.</summary>
    public static string RemoveHiddenTests(string source) => Rewrite(source, Kind.HiddenTests, (_, _) => { });

    /// <summary>The grading version of a test cell: the marker lines removed, the hidden checks kept.</summary>
    public static string UnmarkHiddenTests(string source)
    {
        var kept = Lines(source).Where(line => Marker(line) is not { Kind: Kind.HiddenTests });
        return Join(kept, source);
    }

    // Replaces each region of one kind (markers included) by what `replacement` writes for the BEGIN line's indentation.
    private static string Rewrite(string source, Kind kind, Action<string, StringBuilder> replacement)
    {
        var sb = new StringBuilder();
        var inside = false;
        foreach (var line in Lines(source))
        {
            var marker = Marker(line);
            if (marker is { } m && m.Kind == kind)
            {
                if (m.Begin)
                {
                    replacement(line[..(line.Length - line.TrimStart().Length)], sb);
                }
                inside = m.Begin;
                continue;
            }
            if (!inside)
            {
                sb.Append(line).Append('\n');
            }
        }
        return Trim(sb.ToString(), source);
    }

    private static (Kind Kind, bool Begin)? Marker(string line)
    {
        var text = line.Trim();
        if (!text.StartsWith("//", StringComparison.Ordinal))
        {
            return null;
        }
        return text[2..].Trim() switch
        {
            "BEGIN SOLUTION" => (Kind.Solution, true),
            "END SOLUTION" => (Kind.Solution, false),
            "BEGIN HIDDEN TESTS" => (Kind.HiddenTests, true),
            "END HIDDEN TESTS" => (Kind.HiddenTests, false),
            _ => null,
        };
    }

    private static string Name(Kind kind, bool begin) =>
        $"// {(begin ? "BEGIN" : "END")} {(kind == Kind.Solution ? "SOLUTION" : "HIDDEN TESTS")}";

    private static List<string> Lines(string source) => source.Replace("\r\n", "\n").Split('\n').ToList();

    private static string Join(IEnumerable<string> lines, string original) => Trim(string.Join('\n', lines) + "\n", original);

    // Lines() sees a final "\n" as an empty last line; keep the result's ending like the original's.
    private static string Trim(string text, string original) =>
        original.EndsWith('\n') ? text.TrimEnd('\n') + "\n" : text.TrimEnd('\n');
}
