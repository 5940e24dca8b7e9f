using System.Text.Json.Nodes;

namespace CourseKit.Cli;

/// <summary>One output of a code cell: display_data, execute_result, stream or error.</summary>
public sealed class IpynbOutput
{
    internal IpynbOutput(JsonObject json)
    {
        Json = json;
    }

    /// <summary>The output's JSON object, for anything this wrapper does not expose.</summary>
    public JsonObject Json { get; }

    /// <summary>"display_data", "execute_result", "stream" or "error".</summary>
    public string OutputType => JsonText.String(Json, "output_type") ?? "";

    /// <summary>The mime types of a display_data or execute_result output, in file order.</summary>
    public IReadOnlyList<string> MimeTypes =>
        Json["data"] is JsonObject data ? data.Select(pair => pair.Key).ToList() : [];

    /// <summary>The data of one mime type as text, or null when the output has no such mime type.</summary>
    public string? Data(string mimeType) =>
        Json["data"] is JsonObject data && data.ContainsKey(mimeType) ? JsonText.Read(data[mimeType]) : null;

    /// <summary>For a stream output: "stdout" or "stderr".</summary>
    public string? StreamName => JsonText.String(Json, "name");

    /// <summary>For a stream output: its text.</summary>
    public string Text => JsonText.Read(Json["text"]);

    /// <summary>For an error output: the error's name.</summary>
    public string EName => JsonText.String(Json, "ename") ?? "";

    /// <summary>For an error output: the error's value (the runner puts the message and stack trace here).</summary>
    public string EValue => JsonText.String(Json, "evalue") ?? "";
}
