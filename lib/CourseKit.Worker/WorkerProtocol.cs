using System.Text.Encodings.Web;
using System.Text.Json;

namespace CourseKit.Worker;

/// <summary>
/// The messages between <c>coursekit</c> and its notebook worker: one JSON object per line, UTF-8.
/// This file is compiled into both programs, so they agree on every name.
/// <code>
/// parent → worker   {"op":"run","cell":3,"code":"..."}       run one cell (cell = the cell's 1-based number)
///                   {"op":"open","folder":"/abs/folder"}     a fresh kernel in that folder, for the next notebook
///                   {"op":"values","names":["z","o"]}        the current values of variables, as answer data
///                   {"op":"set","values":{"z":{"declared":"double","data":{…}}}}
///                                                            declare variables with the values of answer data
///                   end of input                             finish and exit
/// worker → parent   {"event":"ready","seconds":0.9}          the kernel is up (at start, and after "open"); send cells
///                   {"event":"output","cell":3,"output":{…}}  one nbformat output (stream, display_data,
///                                                            execute_result or error), as it happens
///                   {"event":"update","cell":3,"display_id":"…","output":{…}}
///                                                            new data for an earlier display_data with that id
///                   {"event":"done","cell":3,"ok":true,"seconds":0.12}
///                                                            the cell finished (ok false: it failed)
///                   {"event":"values","values":{"z":{…}},"problems":{"o":"…"}}
///                   {"event":"set","problems":{}}            the answer to "values" and to "set"
/// </code>
/// A display_data output that can be updated carries <c>"display_id"</c> beside <c>"output"</c>. Answer data is
/// described in <c>AnswerCodec</c>.
/// </summary>
internal static class WorkerProtocol
{
    public const string Op = "op";
    public const string Run = "run";
    public const string Open = "open";
    public const string Folder = "folder";
    public const string Event = "event";
    public const string Ready = "ready";
    public const string Output = "output";
    public const string Update = "update";
    public const string Done = "done";
    public const string Cell = "cell";
    public const string Code = "code";
    public const string Ok = "ok";
    public const string Seconds = "seconds";
    public const string DisplayId = "display_id";
    public const string Values = "values";
    public const string Names = "names";
    public const string Set = "set";
    public const string Problems = "problems";

    /// <summary>The C# types an answer may have (see AnswerCodec): what crosses from a student's worker as data.</summary>
    public static readonly IReadOnlyList<string> AnswerTypes =
    [
        "double", "float", "int", "long", "bool", "string",
        "double[]", "float[]", "int[]", "long[]", "bool[]", "string[]", "double[][]",
        "double[,]", "float[,]", "int[,]", "Tensor<double>", "Tensor<float>",
    ];

    /// <summary>Compact, one line, and no escaping beyond JSON's own (math and non-ASCII stay readable in logs).</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
