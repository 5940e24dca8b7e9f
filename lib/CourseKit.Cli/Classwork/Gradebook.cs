using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// gradebook.json and gradebook.csv: one entry per student, each item's points, the total and the errors. Both files
/// are rewritten atomically after every student, so a killed run loses nothing, and a re-run resumes: a student whose
/// submission is unchanged (same SHA-256, same source) keeps the entry.
/// </summary>
internal sealed class Gradebook
{
    /// <summary>The gradebook's file names in the grading folder.</summary>
    public const string JsonName = "gradebook.json", CsvName = "gradebook.csv";

    private readonly SortedDictionary<string, GradebookEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>An empty gradebook for <paramref name="source"/> (whose file has SHA-256 <paramref name="sourceSha256"/>), graded in <paramref name="sandbox"/>.</summary>
    public Gradebook(ClassworkSource source, string sourceSha256, string sandbox)
    {
        Source = source;
        SourceSha256 = sourceSha256;
        Sandbox = sandbox;
    }

    /// <summary>The assignment.</summary>
    public ClassworkSource Source { get; }

    /// <summary>The source file's SHA-256: entries graded against another source are not reused.</summary>
    public string SourceSha256 { get; }

    /// <summary>"bwrap" or "none".</summary>
    public string Sandbox { get; }

    /// <summary>The entries, by student id in ordinal order.</summary>
    public IReadOnlyCollection<GradebookEntry> Entries => _entries.Values;

    /// <summary>Adds or replaces the student's entry.</summary>
    public void Set(GradebookEntry entry) => _entries[entry.Student] = entry;

    /// <summary>
    /// The entries of an earlier run in <paramref name="folder"/> that graded the same source, for resuming;
    /// none when there is no earlier gradebook, it is unreadable, or the source has changed since.
    /// </summary>
    public IReadOnlyList<GradebookEntry> LoadEarlier(string folder, out string? reason)
    {
        reason = null;
        var path = Path.Combine(folder, JsonName);
        if (!File.Exists(path))
        {
            return [];
        }
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
            if (root is null || JsonText.String(root, "source_sha256") != SourceSha256)
            {
                reason = "the source changed since the last run; grading everyone again";
                return [];
            }
            return (root["students"] as JsonArray ?? []).OfType<JsonObject>().Select(ReadEntry).ToList();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or IOException)
        {
            reason = $"the earlier {path} cannot be read ({e.Message}); grading everyone again";
            return [];
        }
    }

    /// <summary>The sandbox an earlier gradebook in <paramref name="folder"/> records, or null.</summary>
    public static string? SandboxOf(string folder)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(Path.Combine(folder, JsonName))) is JsonObject root ? JsonText.String(root, "sandbox") : null;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }

    /// <summary>Writes gradebook.json and gradebook.csv into <paramref name="folder"/>, each atomically.</summary>
    public void Save(string folder)
    {
        AtomicFile.WriteAllText(Path.Combine(folder, JsonName), ToJson());
        AtomicFile.WriteAllText(Path.Combine(folder, CsvName), ToCsv());
    }

    /// <summary>gradebook.json: the assignment, the source's SHA-256, the sandbox, and per student the file, its SHA-256, seed, status, total, items, errors and notes.</summary>
    public string ToJson()
    {
        var students = new JsonArray();
        foreach (var entry in _entries.Values)
        {
            var items = new JsonObject();
            foreach (var item in entry.Items)
            {
                items[item.Id] = new JsonObject
                {
                    ["points"] = item.Points,
                    ["max_points"] = item.MaxPoints,
                    ["message"] = item.Message,
                };
            }
            students.Add(new JsonObject
            {
                ["student"] = entry.Student,
                ["file"] = entry.File,
                ["sha256"] = entry.Sha256,
                ["seed"] = entry.Seed,
                ["status"] = entry.Status,
                ["total"] = entry.Total,
                ["max_points"] = entry.MaxPoints,
                ["items"] = items,
                ["errors"] = new JsonArray(entry.Errors.Select(e => (JsonNode?)e).ToArray()),
                ["notes"] = new JsonArray(entry.Notes.Select(n => (JsonNode?)n).ToArray()),
                ["seconds"] = Math.Round(entry.Seconds, 1),
            });
        }
        var root = new JsonObject
        {
            ["assignment"] = Source.Name,
            ["source"] = Source.Path,
            ["source_sha256"] = SourceSha256,
            ["sandbox"] = Sandbox,
            ["max_points"] = Source.MaxPoints,
            ["students"] = students,
        };
        return root.ToJsonString(JsonText.Indented) + "\n";
    }

    /// <summary>student, one column per test id (source order), total, max_points, status, errors, notes.</summary>
    public string ToCsv()
    {
        var ids = Source.Tests.Select(t => t.Id!).ToList();
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', new[] { "student" }.Concat(ids).Concat(["total", "max_points", "status", "errors", "notes"]).Select(Field)));
        foreach (var entry in _entries.Values)
        {
            var points = ids.Select(id => entry.Items.FirstOrDefault(i => i.Id == id) is { } item ? Number(item.Points) : "");
            var row = new[] { entry.Student }.Concat(points)
                .Concat([Number(entry.Total), Number(entry.MaxPoints), entry.Status, string.Join("; ", entry.Errors), string.Join("; ", entry.Notes)]);
            csv.AppendLine(string.Join(',', row.Select(Field)));
        }
        return csv.ToString();
    }

    private static GradebookEntry ReadEntry(JsonObject json)
    {
        var items = (json["items"] as JsonObject ?? []).Select(pair =>
        {
            var item = (JsonObject)pair.Value!;
            return new ItemScore(pair.Key, item["points"]!.GetValue<double>(), item["max_points"]!.GetValue<double>(),
                JsonText.String(item, "message"));
        }).ToList();
        List<string> Strings(string name) => (json[name] as JsonArray ?? []).Select(n => n?.GetValue<string>() ?? "").ToList();
        return new GradebookEntry(
            JsonText.String(json, "student") ?? throw new FormatException("an entry without 'student'"),
            JsonText.String(json, "file"),
            JsonText.String(json, "sha256"),
            json["seed"]?.GetValue<int>(),
            JsonText.String(json, "status") ?? "",
            items,
            Strings("errors"),
            Strings("notes"),
            json["seconds"]?.GetValue<double>() ?? 0);
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    // RFC 4180: quote a field with a comma, quote or line break, doubling its quotes; control characters escaped; a leading =, +, - or @ is
    // prefixed with ' so a spreadsheet does not run a student's text as a formula.
    private static string Field(string text)
    {
        text = TerminalText.Safe(text);   // a file printed in a terminal must not move its cursor or colour it
        if (text.Length > 0 && "=+-@".Contains(text[0]) && !double.TryParse(text, CultureInfo.InvariantCulture, out _))
        {
            text = "'" + text;
        }
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
