using System.Text.RegularExpressions;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// The class list: student ids, one per line in a .txt file (blank lines and lines starting with '#' skipped), or a
/// .csv file with a header whose "id", "student", "student_id" or "username" column holds them (else the first column).
/// An id names files and folders, so it is limited to letters, digits, '.', '_' and '-'.
/// </summary>
public static partial class Roster
{
    private static readonly string[] IdColumns = ["id", "student", "student_id", "username"];

    /// <summary>The ids in file order.</summary>
    /// <exception cref="ClassworkException">Unreadable file, bad or duplicate ids, or no ids; every problem is listed.</exception>
    public static IReadOnlyList<string> Load(string path)
    {
        var full = Path.GetFullPath(path);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ClassworkException(full, [$"cannot read the roster: {e.Message}"]);
        }
        var entries = Path.GetExtension(full).Equals(".csv", StringComparison.OrdinalIgnoreCase) ? FromCsv(lines) : FromText(lines);
        var problems = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, line) in entries)
        {
            if (!ValidId().IsMatch(id))
            {
                problems.Add($"line {line}: '{id}' is not a usable student id (letters, digits, '.', '_', '-'; starting with a letter or digit)");
            }
            else if (!seen.TryAdd(id, line))
            {
                problems.Add($"line {line}: '{id}' is already on line {seen[id]}");
            }
        }
        if (entries.Count == 0)
        {
            problems.Add("the roster lists no students");
        }
        if (problems.Count > 0)
        {
            throw new ClassworkException(full, problems);
        }
        return entries.Select(e => e.Id).ToList();
    }

    /// <summary>True when <paramref name="id"/> can be a student id (and so a file name).</summary>
    public static bool IsValidId(string id) => ValidId().IsMatch(id);

    private static List<(string Id, int Line)> FromText(string[] lines) =>
        lines.Select((text, i) => (Id: text.Trim(), Line: i + 1))
            .Where(e => e.Id.Length > 0 && !e.Id.StartsWith('#'))
            .ToList();

    private static List<(string Id, int Line)> FromCsv(string[] lines)
    {
        if (lines.Length == 0)
        {
            return [];
        }
        var header = lines[0].Split(',').Select(h => h.Trim().Trim('"').ToLowerInvariant()).ToList();
        var column = Math.Max(0, header.FindIndex(h => IdColumns.Contains(h)));
        return lines.Skip(1).Select((text, i) => (Fields: text.Split(','), Line: i + 2))
            .Where(e => e.Fields.Any(f => f.Trim().Length > 0))
            .Select(e => (Id: column < e.Fields.Length ? e.Fields[column].Trim().Trim('"') : "", e.Line))
            .ToList();
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex ValidId();
}
