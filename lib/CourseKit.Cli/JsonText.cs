using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CourseKit.Cli;

/// <summary>nbformat stores multi-line text either as one string or as a list of strings; this reads and writes both.</summary>
internal static class JsonText
{
    /// <summary>
    /// Indented JSON for files: relaxed escaping keeps '&lt;', '&gt;' and quotes readable, as Jupyter writes them;
    /// the files are data, not embedded in HTML.
    /// </summary>
    public static readonly JsonSerializerOptions Indented =
        new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>True when <paramref name="node"/> is a string or an array of strings.</summary>
    public static bool IsMultiline(JsonNode? node) =>
        node switch
        {
            JsonValue v => v.TryGetValue<string>(out _),
            JsonArray a => a.All(item => item is JsonValue iv && iv.TryGetValue<string>(out _)),
            _ => false,
        };

    /// <summary>The concatenated text; a JSON object (e.g. application/json data) comes back serialized.</summary>
    public static string Read(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return "";
            case JsonValue v when v.TryGetValue<string>(out var s):
                return s;
            case JsonArray a:
                var sb = new StringBuilder();
                foreach (var item in a)
                {
                    sb.Append(item is JsonValue iv && iv.TryGetValue<string>(out var line) ? line : item?.ToJsonString());
                }
                return sb.ToString();
            default:
                return node.ToJsonString();
        }
    }

    /// <summary>Splits text into lines that keep their '\n', as Jupyter writes them (diffs stay line-based).</summary>
    public static JsonArray Write(string text)
    {
        var array = new JsonArray();
        var start = 0;
        while (start < text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline + 1;
            array.Add(text[start..end]);
            start = end;
        }
        return array;
    }

    /// <summary>The string value of an object's property, or null when it is missing or not a string.</summary>
    public static string? String(JsonObject obj, string property) =>
        obj[property] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
