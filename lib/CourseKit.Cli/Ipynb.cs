using System.Text.Json;
using System.Text.Json.Nodes;
using CourseKit.Cli.Runner;

namespace CourseKit.Cli;

/// <summary>
/// A small reader/writer for nbformat-4 notebooks over a <see cref="JsonNode"/> tree.
/// The tree is kept whole, so fields this class does not know survive a load and save.
/// </summary>
public sealed class Ipynb
{
    /// <summary>The largest notebook file read: far above any lesson (ours are 10-30 KB, 1-5 MB with outputs).</summary>
    public const long MaxBytes = 100L * 1024 * 1024;

    /// <summary>The most cells a notebook may have.</summary>
    public const int MaxCells = 10_000;

    private static readonly string[] CellTypes = ["code", "markdown", "raw"];

    // Duplicate keys are refused: which of two "source" fields is the real one is not a question to guess at.
    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    private readonly JsonObject _root;

    private Ipynb(JsonObject root)
    {
        _root = root;
    }

    /// <summary>The whole notebook as JSON.</summary>
    public JsonObject Json => _root;

    /// <summary>All cells in order; each wrapper reads its JSON live.</summary>
    public IReadOnlyList<IpynbCell> Cells =>
        ((JsonArray)_root["cells"]!).Select((cell, i) => new IpynbCell((JsonObject)cell!, i)).ToList();

    /// <summary>The notebook-level metadata object.</summary>
    public JsonObject Metadata => _root["metadata"] as JsonObject ?? (JsonObject)(_root["metadata"] = new JsonObject());

    /// <summary>Parses and validates notebook JSON.</summary>
    /// <exception cref="IpynbFormatException">Malformed JSON, or not an nbformat-4 notebook; the message says why.</exception>
    public static Ipynb Parse(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: StrictJson);
        }
        catch (JsonException e)
        {
            throw new IpynbFormatException($"malformed JSON: {e.Message}", e);
        }
        if (node is not JsonObject root)
        {
            throw new IpynbFormatException("the top level is not a JSON object");
        }
        Validate(root);
        return new Ipynb(root);
    }

    /// <summary>Reads and validates a notebook file.</summary>
    /// <exception cref="IpynbFormatException">The file is missing, unreadable, malformed or not nbformat 4; the message names the file.</exception>
    public static Ipynb Load(string path)
    {
        string text;
        try
        {
            switch (FileKinds.Of(path, followLinks: true))
            {
                case FileKind.Missing:
                    throw new IpynbFormatException($"{path}: file not found");
                case FileKind.Directory:
                    throw new IpynbFormatException($"{path}: is a folder, not a notebook");
                case FileKind.Special:
                    throw new IpynbFormatException($"{path}: not a regular file (a FIFO, socket or device)");
            }
            var length = new FileInfo(path).Length;
            if (length > MaxBytes)
            {
                throw new IpynbFormatException($"{path}: the file is {length / (1024 * 1024)} MB, over the {MaxBytes / (1024 * 1024)} MB limit for a notebook");
            }
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IpynbFormatException($"{path}: cannot read the file: {e.Message}", e);
        }
        try
        {
            return Parse(text);
        }
        catch (IpynbFormatException e)
        {
            throw new IpynbFormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>An empty notebook with the .NET (C#) kernelspec that Polyglot, Jupyter and the runner accept.</summary>
    public static Ipynb CreateCSharp() =>
        new(new JsonObject
        {
            ["cells"] = new JsonArray(),
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
                ["polyglot_notebook"] = new JsonObject
                {
                    ["kernelInfo"] = new JsonObject
                    {
                        ["defaultKernelName"] = "csharp",
                        ["items"] = new JsonArray(new JsonObject { ["name"] = "csharp" }),
                    },
                },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        });

    /// <summary>Appends a C# code cell with no outputs.</summary>
    public IpynbCell AddCodeCell(string source) =>
        AddCell(new JsonObject
        {
            ["cell_type"] = "code",
            ["metadata"] = new JsonObject { ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" } },
            ["source"] = JsonText.Write(source),
            ["outputs"] = new JsonArray(),
            ["execution_count"] = null,
        });

    /// <summary>Appends a markdown cell.</summary>
    public IpynbCell AddMarkdownCell(string source) =>
        AddCell(new JsonObject { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = JsonText.Write(source) });

    /// <summary>Every error output of every cell, in cell order, with 1-based cell numbers.</summary>
    public IReadOnlyList<NotebookError> FindErrors() =>
        Cells.SelectMany(cell => cell.Outputs
                .Where(output => output.OutputType == "error")
                .Select(output => new NotebookError(cell.Number, output.EName, output.EValue)))
            .ToList();

    /// <summary>The notebook as indented JSON.</summary>
    public string ToJson() => _root.ToJsonString(JsonText.Indented);

    /// <summary>Writes the notebook to <paramref name="path"/>.</summary>
    public void Save(string path) => File.WriteAllText(path, ToJson() + "\n");

    private IpynbCell AddCell(JsonObject cell)
    {
        var cells = (JsonArray)_root["cells"]!;
        cells.Add(cell);
        return new IpynbCell(cell, cells.Count - 1);
    }

    // Checks only what the runner and the exporter rely on, so a broken file fails here with a clear message
    // instead of deep inside the engine.
    private static void Validate(JsonObject root)
    {
        if (root["nbformat"] is not JsonValue version || !version.TryGetValue<int>(out var major))
        {
            throw new IpynbFormatException("no integer 'nbformat' field: not a Jupyter notebook");
        }
        if (major != 4)
        {
            throw new IpynbFormatException($"nbformat {major} is not supported (only nbformat 4)");
        }
        if (root["cells"] is not JsonArray cells)
        {
            throw new IpynbFormatException("'cells' is missing or not a list");
        }
        if (cells.Count > MaxCells)
        {
            throw new IpynbFormatException($"{cells.Count} cells, over the limit of {MaxCells}");
        }
        for (var i = 0; i < cells.Count; i++)
        {
            ValidateCell(cells[i], i + 1);
        }
    }

    private static void ValidateCell(JsonNode? node, int number)
    {
        if (node is not JsonObject cell)
        {
            throw new IpynbFormatException($"cell {number} is not a JSON object");
        }
        var type = JsonText.String(cell, "cell_type");
        if (type is null || !CellTypes.Contains(type))
        {
            throw new IpynbFormatException($"cell {number}: 'cell_type' must be one of {string.Join(", ", CellTypes)}");
        }
        if (!JsonText.IsMultiline(cell["source"]))
        {
            throw new IpynbFormatException($"cell {number}: 'source' must be a string or a list of strings");
        }
        if (cell["outputs"] is { } outputs && (outputs is not JsonArray list || list.Any(o => o is not JsonObject)))
        {
            throw new IpynbFormatException($"cell {number}: 'outputs' must be a list of objects");
        }
    }
}
