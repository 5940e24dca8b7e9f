using System.Text;
using System.Text.Json.Nodes;

namespace CourseKit.Cli;

/// <summary>One cell of a notebook, read live from its JSON object.</summary>
public sealed class IpynbCell
{
    internal IpynbCell(JsonObject json, int index)
    {
        Json = json;
        Index = index;
    }

    /// <summary>The cell's JSON object, for anything this wrapper does not expose.</summary>
    public JsonObject Json { get; }

    /// <summary>0-based position among all cells.</summary>
    public int Index { get; }

    /// <summary>1-based position among all cells: the number that reports use.</summary>
    public int Number => Index + 1;

    /// <summary>"code", "markdown" or "raw".</summary>
    public string CellType => JsonText.String(Json, "cell_type") ?? "";

    /// <summary>The cell's source, joined when the file stores it as a list of lines.</summary>
    public string Source
    {
        get => JsonText.Read(Json["source"]);
        set => Json["source"] = JsonText.Write(value);
    }

    /// <summary>The cell's metadata object (created when missing).</summary>
    public JsonObject Metadata => Json["metadata"] as JsonObject ?? (JsonObject)(Json["metadata"] = new JsonObject());

    /// <summary>The code cell's kernel language ("csharp", "fsharp", ...), or null for other cells or when unset.</summary>
    public string? Language =>
        (Metadata["dotnet_interactive"] as JsonObject is { } di ? JsonText.String(di, "language") : null)
        ?? (Metadata["polyglot_notebook"] as JsonObject is { } pn ? JsonText.String(pn, "kernelName") : null);

    /// <summary>The outputs of a code cell, in order (empty for other cells).</summary>
    public IReadOnlyList<IpynbOutput> Outputs =>
        Json["outputs"] is JsonArray outputs ? outputs.OfType<JsonObject>().Select(o => new IpynbOutput(o)).ToList() : [];

    /// <summary>The concatenated data of one mime type over all display_data and execute_result outputs ("" when none).</summary>
    public string OutputText(string mimeType)
    {
        var sb = new StringBuilder();
        foreach (var output in Outputs)
        {
            sb.Append(output.Data(mimeType));
        }
        return sb.ToString();
    }

    /// <summary>The concatenated text of the stream outputs, all of them or only those named <paramref name="name"/> ("stdout", "stderr").</summary>
    public string StreamText(string? name = null)
    {
        var sb = new StringBuilder();
        foreach (var output in Outputs.Where(o => o.OutputType == "stream" && (name is null || o.StreamName == name)))
        {
            sb.Append(output.Text);
        }
        return sb.ToString();
    }
}
