using System.Text.Json;
using System.Text.Json.Nodes;
using CourseKit.Worker;

namespace CourseKit.Cli.Runner;

/// <summary>One message from the notebook worker (see <see cref="WorkerProtocol"/>), checked as it is read.</summary>
/// <param name="Kind">"ready", "output", "update" or "done".</param>
/// <param name="Cell">The cell it belongs to (0 for "ready").</param>
/// <param name="Output">For "output" and "update": the nbformat output.</param>
/// <param name="DisplayId">For "update", and for an output that can be updated: the display's id.</param>
/// <param name="Ok">For "done": whether the cell ran without an error.</param>
/// <param name="Seconds">For "ready" and "done": how long it took, as the worker measured it.</param>
/// <param name="Values">For "values": each variable's answer data.</param>
/// <param name="Problems">For "values" and "set": why a variable could not be read or set.</param>
internal sealed record WorkerEvent(
    string Kind, int Cell, JsonObject? Output, string? DisplayId, bool Ok, double Seconds,
    JsonObject? Values = null, JsonObject? Problems = null)
{
    private static readonly string[] OutputTypes = ["stream", "display_data", "execute_result", "error"];

    /// <summary>Reads one line of the protocol.</summary>
    /// <exception cref="InvalidDataException">Not a message of the protocol; the text says what is wrong.</exception>
    public static WorkerEvent Parse(string line)
    {
        JsonObject message;
        try
        {
            message = JsonNode.Parse(line) as JsonObject ?? throw new InvalidDataException("a message is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"a message is not JSON: {e.Message}");
        }
        var kind = Text(message, WorkerProtocol.Event) ?? throw new InvalidDataException("a message has no \"event\"");
        return kind switch
        {
            WorkerProtocol.Ready => new WorkerEvent(kind, 0, null, null, true, Number(message, WorkerProtocol.Seconds)),
            WorkerProtocol.Done => new WorkerEvent(kind, CellOf(message), null, null,
                message[WorkerProtocol.Ok] is JsonValue ok && ok.TryGetValue<bool>(out var b) && b, Number(message, WorkerProtocol.Seconds)),
            WorkerProtocol.Output => new WorkerEvent(kind, CellOf(message), OutputOf(message), Text(message, WorkerProtocol.DisplayId), true, 0),
            WorkerProtocol.Update => new WorkerEvent(kind, CellOf(message), OutputOf(message),
                Text(message, WorkerProtocol.DisplayId) ?? throw new InvalidDataException("an update has no display id"), true, 0),
            WorkerProtocol.Values => new WorkerEvent(kind, 0, null, null, true, 0,
                Detach(message, WorkerProtocol.Values) ?? throw new InvalidDataException("\"values\" has no values"),
                Detach(message, WorkerProtocol.Problems) ?? new JsonObject()),
            WorkerProtocol.Set => new WorkerEvent(kind, 0, null, null, true, 0, null,
                Detach(message, WorkerProtocol.Problems) ?? new JsonObject()),
            _ => throw new InvalidDataException($"unknown event '{kind}'"),
        };
    }

    private static JsonObject? Detach(JsonObject message, string name)
    {
        if (message[name] is not JsonObject value)
        {
            return null;
        }
        message.Remove(name);
        return value;
    }

    private static int CellOf(JsonObject message) =>
        message[WorkerProtocol.Cell] is JsonValue v && v.TryGetValue<int>(out var cell) && cell > 0
            ? cell
            : throw new InvalidDataException("a message has no cell number");

    private static JsonObject OutputOf(JsonObject message)
    {
        if (message[WorkerProtocol.Output] is not JsonObject output || Text(output, "output_type") is not { } type || !OutputTypes.Contains(type))
        {
            throw new InvalidDataException("an output is not an nbformat output");
        }
        output.Parent?.AsObject().Remove(WorkerProtocol.Output);
        return output;
    }

    private static string? Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static double Number(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? d : 0;
}
