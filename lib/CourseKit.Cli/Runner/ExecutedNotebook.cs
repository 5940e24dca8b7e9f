using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace CourseKit.Cli.Runner;

/// <summary>
/// The copy of a notebook that a run fills in: each code cell's outputs as they arrive (consecutive stream text
/// joined, as Jupyter stores it), updated displays, its execution count, its time and how it ended.
/// Cells that never ran are marked so; outputs past a cell's character budget are counted and dropped.
/// </summary>
internal sealed class ExecutedNotebook
{
    private readonly Dictionary<string, JsonObject> _displays = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _chars = [];
    private readonly Dictionary<int, long> _dropped = [];
    private readonly long? _maxCellChars;
    private readonly Ipynb _notebook;
    private readonly IReadOnlyList<IpynbCell> _cells;
    private int _executionCount;

    // The stream output being written: text arrives in many small pieces and is joined here, then stored once.
    private (JsonObject Output, StringBuilder Text)? _stream;

    /// <param name="source">The notebook as read; it is copied, not changed.</param>
    /// <param name="maxCellChars">Output characters kept per cell, or null for no limit.</param>
    public ExecutedNotebook(Ipynb source, long? maxCellChars)
    {
        _notebook = Ipynb.Parse(source.ToJson());
        _cells = _notebook.Cells;
        _maxCellChars = maxCellChars;
        foreach (var cell in _cells.Where(c => c.CellType == "code"))
        {
            cell.Json["outputs"] = new JsonArray();
            cell.Json["execution_count"] = null;
            Status(cell, CellStatus.NotRun);
        }
    }

    /// <summary>The notebook with the outputs so far.</summary>
    public Ipynb Notebook
    {
        get
        {
            CloseStream();
            return _notebook;
        }
    }

    /// <summary>Characters dropped per cell number, for cells that went over the budget.</summary>
    public IReadOnlyDictionary<int, long> Dropped => _dropped;

    /// <summary>Marks a cell as started: it gets the next execution count and the time it started.</summary>
    public void Start(int cellNumber)
    {
        var cell = Cell(cellNumber);
        cell.Json["execution_count"] = ++_executionCount;
        Execution(cell)["iopub.execute_input"] = Timestamp();
    }

    /// <summary>Adds one output to a cell (joining stream text to the stream before it), within the cell's budget.</summary>
    public void Add(int cellNumber, JsonObject output, string? displayId = null)
    {
        var cell = Cell(cellNumber);
        var outputs = (JsonArray)cell.Json["outputs"]!;
        if (output["output_type"]?.GetValue<string>() == "execute_result")
        {
            output["execution_count"] = cell.Json["execution_count"]?.DeepClone();
        }
        var isStream = output["output_type"]?.GetValue<string>() == "stream";
        var text = isStream ? JsonText.Read(output["text"]) : null;
        if (!Fits(cellNumber, text?.Length ?? output.ToJsonString().Length))
        {
            return;
        }
        if (isStream && _stream is var (open, builder) && outputs.Count > 0 && ReferenceEquals(outputs[^1], open)
            && open["name"]?.GetValue<string>() == output["name"]?.GetValue<string>())
        {
            builder.Append(text);
            return;
        }
        CloseStream();
        outputs.Add(output);
        if (isStream)
        {
            _stream = (output, new StringBuilder(text));
        }
        if (displayId is not null)
        {
            _displays[displayId] = output;
        }
    }

    /// <summary>Replaces the data of an earlier display (in any cell); an unknown id is shown as a new display.</summary>
    public void Update(int cellNumber, string displayId, JsonObject output)
    {
        CloseStream();
        if (_displays.TryGetValue(displayId, out var shown))
        {
            shown["data"] = output["data"]?.DeepClone() ?? new JsonObject();
            return;
        }
        Add(cellNumber, output, displayId);
    }

    /// <summary>Records how a cell ended and how long it took.</summary>
    public void Finish(int cellNumber, CellStatus status, double seconds)
    {
        CloseStream();
        var cell = Cell(cellNumber);
        Status(cell, status);
        ((JsonObject)cell.Metadata["coursekit"]!)["seconds"] = Math.Round(seconds, 3);
        Execution(cell)["shell.execute_reply"] = Timestamp();
        if (_dropped.TryGetValue(cellNumber, out var dropped))
        {
            ((JsonArray)cell.Json["outputs"]!).Add(new JsonObject
            {
                ["output_type"] = "stream",
                ["name"] = "stderr",
                ["text"] = $"[output cut at {_maxCellChars} characters: {dropped.ToString(CultureInfo.InvariantCulture)} more were dropped]\n",
            });
        }
    }

    /// <summary>Adds an error output to a cell and records it as ended with <paramref name="status"/>.</summary>
    public void Fail(int cellNumber, CellStatus status, string name, string message, double seconds)
    {
        CloseStream();
        ((JsonArray)Cell(cellNumber).Json["outputs"]!).Add(new JsonObject
        {
            ["output_type"] = "error",
            ["ename"] = name,
            ["evalue"] = message,
            ["traceback"] = new JsonArray(message.Split('\n').Select(line => (JsonNode?)JsonValue.Create(line)).ToArray()),
        });
        Finish(cellNumber, status, seconds);
    }

    /// <summary>Every code cell's time and how it ended, in cell order.</summary>
    public IReadOnlyList<CellTime> Times() =>
        _cells.Where(c => c.CellType == "code")
            .Select(c => c.Metadata["coursekit"] is JsonObject info
                ? new CellTime(c.Number, JsonText.String(info, "status") ?? CellStatus.NotRun.Text(),
                    info["seconds"] is JsonValue s && s.TryGetValue<double>(out var seconds) ? seconds : null)
                : new CellTime(c.Number, CellStatus.NotRun.Text(), null))
            .ToList();

    private void CloseStream()
    {
        if (_stream is var (output, text))
        {
            output["text"] = text.ToString();
            _stream = null;
        }
    }

    private bool Fits(int cellNumber, int size)
    {
        if (_maxCellChars is not { } max)
        {
            return true;
        }
        var used = _chars.GetValueOrDefault(cellNumber);
        if (used + size <= max)
        {
            _chars[cellNumber] = used + size;
            return true;
        }
        _dropped[cellNumber] = _dropped.GetValueOrDefault(cellNumber) + size;
        return false;
    }

    private IpynbCell Cell(int number) => _cells[number - 1];

    private static void Status(IpynbCell cell, CellStatus status)
    {
        var info = cell.Metadata["coursekit"] as JsonObject ?? (JsonObject)(cell.Metadata["coursekit"] = new JsonObject());
        info["status"] = status.Text();
        if (status == CellStatus.NotRun)
        {
            info.Remove("seconds");
        }
    }

    private static JsonObject Execution(IpynbCell cell) =>
        cell.Metadata["execution"] as JsonObject ?? (JsonObject)(cell.Metadata["execution"] = new JsonObject());

    private static string Timestamp() => DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);
}
