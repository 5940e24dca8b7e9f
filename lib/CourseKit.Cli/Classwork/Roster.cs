using System.Text.RegularExpressions;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// The class list: student ids, one per line in a .txt file (blank lines and lines starting with '#' skipped), or a
/// .csv file (RFC 4180: quoted fields, doubled quotes, a byte-order mark) with a header whose "id", "student",
/// "student_id" or "username" column holds them (else the first column). An id names files and folders, so it is
/// limited to letters, digits, '.', '_' and '-', and to <see cref="MaxIdLength"/> characters.
/// </summary>
public static partial class Roster
{
    /// <summary>The longest id: it names a file, a feedback page and a folder.</summary>
    public const int MaxIdLength = 100;

    private static readonly string[] IdColumns = ["id", "student", "student_id", "username"];

    /// <summary>The ids in file order.</summary>
    /// <exception cref="ClassworkException">Unreadable file, bad or duplicate ids, or no ids; every problem is listed.</exception>
    public static IReadOnlyList<string> Load(string path)
    {
        var full = Path.GetFullPath(path);
        var (text, unreadable) = SubmissionFile.Read(full, 10L * 1024 * 1024);
        if (text is null)
        {
            throw new ClassworkException(full, [$"cannot read the roster: it {unreadable}"]);
        }
        text = text.TrimStart('\uFEFF');
        List<(string Id, int Line)> entries;
        try
        {
            entries = Path.GetExtension(full).Equals(".csv", StringComparison.OrdinalIgnoreCase)
                ? FromCsv(text)
                : FromText(text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray());
        }
        catch (FormatException e)
        {
            throw new ClassworkException(full, [e.Message]);
        }
        var problems = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, line) in entries)
        {
            if (Problem(id) is { } problem)
            {
                problems.Add($"line {line}: '{TerminalText.Safe(id)}' {problem}");
            }
            else if (!seen.TryAdd(id, line))
            {
                problems.Add($"line {line}: '{id}' is already on line {seen[id]} (ids are compared without case: they name files)");
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
    public static bool IsValidId(string id) => Problem(id) is null;

    /// <summary>Why <paramref name="id"/> cannot be a student id ("is 255 characters long; …"), or null when it can.</summary>
    public static string? Problem(string id) =>
        id.Length > MaxIdLength ? $"is {id.Length} characters long; a student id has at most {MaxIdLength}"
        : id.Any(char.IsControl) ? "holds control characters"
        : !ValidId().IsMatch(id) ? "is not a usable student id (letters, digits, '.', '_', '-'; starting with a letter or digit)"
        : null;

    private static List<(string Id, int Line)> FromText(string[] lines) =>
        lines.Select((text, i) => (Id: text.Trim(), Line: i + 1))
            .Where(e => e.Id.Length > 0 && !e.Id.StartsWith('#'))
            .ToList();

    private static List<(string Id, int Line)> FromCsv(string text)
    {
        var rows = Csv.Parse(text);
        if (rows.Count == 0)
        {
            return [];
        }
        var header = rows[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var column = Math.Max(0, header.FindIndex(h => IdColumns.Contains(h)));
        return rows.Skip(1)
            .Where(r => r.Fields.Any(f => f.Trim().Length > 0))
            .Select(r => (Id: column < r.Fields.Count ? r.Fields[column].Trim() : "", r.Line))
            .ToList();
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex ValidId();
}
