using System.Globalization;
using System.Text.Json.Nodes;
using CourseKit.Tensors;

namespace CourseKit.Worker;

/// <summary>
/// Answers as data: the values a graded notebook hands in (numbers, strings, booleans, arrays, matrices, tensors),
/// written as JSON by the student's worker and read back into .NET values by the checker's worker. Nothing else
/// crosses: an object of any other type is refused, so no code of the student's can travel with an answer.
/// <code>
/// {"type": "double", "value": 0.5}                       also float, int, long, bool, string
/// {"type": "double[]", "value": [1, 2]}                  also float[], int[], long[], bool[], string[]
/// {"type": "double[][]", "value": [[1, 2], [3]]}
/// {"type": "double[,]", "rows": 2, "cols": 2, "value": [1, 2, 3, 4]}     row by row; also float[,], int[,]
/// {"type": "Tensor&lt;double&gt;", "rows": 1, "cols": 2, "value": [1, 2]}    also Tensor&lt;float&gt;
/// {"type": "null"}
/// </code>
/// Non-finite numbers travel as the strings "NaN", "Infinity" and "-Infinity".
/// </summary>
public static class AnswerCodec
{
    /// <summary>The most numbers (or strings) one answer may hold.</summary>
    public const int MaxElements = 100_000;

    /// <summary>The longest string an answer may hold.</summary>
    public const int MaxStringLength = 100_000;

    /// <summary>The type names an answer may have, as they are written in C#.</summary>
    public static IReadOnlyList<string> Types => WorkerProtocol.AnswerTypes;

    /// <summary>The value as data, or why it cannot be an answer.</summary>
    public static (JsonObject? Data, string? Problem) Encode(object? value)
    {
        try
        {
            return (value switch
            {
                null => new JsonObject { ["type"] = "null" },
                double d => Scalar("double", Number(d)),
                float f => Scalar("float", Number(f)),
                int i => Scalar("int", i),
                long l => Scalar("long", l),
                bool b => Scalar("bool", b),
                string s => Scalar("string", Text(s)),
                double[] a => Scalar("double[]", Array(a, x => Number(x))),
                float[] a => Scalar("float[]", Array(a, x => Number(x))),
                int[] a => Scalar("int[]", Array(a, x => x)),
                long[] a => Scalar("long[]", Array(a, x => x)),
                bool[] a => Scalar("bool[]", Array(a, x => x)),
                string[] a => Scalar("string[]", Array(a, x => x is null ? null : Text(x))),
                double[][] a => Scalar("double[][]", Jagged(a)),
                double[,] m => Matrix("double[,]", m.GetLength(0), m.GetLength(1), Flat(m).Select(x => Number(x))),
                float[,] m => Matrix("float[,]", m.GetLength(0), m.GetLength(1), Flat(m).Select(x => Number(x))),
                int[,] m => Matrix("int[,]", m.GetLength(0), m.GetLength(1), Flat(m).Select(x => (JsonNode?)x)),
                Tensor<double> t => Matrix("Tensor<double>", t.Rows, t.Cols, t.ToFlatArray().Select(x => Number(x))),
                Tensor<float> t => Matrix("Tensor<float>", t.Rows, t.Cols, t.ToFlatArray().Select(x => Number(x))),
                _ => throw new AnswerException($"is a {value.GetType().Name}; an answer must be one of {string.Join(", ", Types)}"),
            }, null);
        }
        catch (AnswerException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>The .NET type of an answer type name (the declared type the checker gives the variable).</summary>
    /// <exception cref="AnswerException">Not one of <see cref="Types"/>.</exception>
    public static Type ClrType(string typeName) => typeName switch
    {
        "double" => typeof(double),
        "float" => typeof(float),
        "int" => typeof(int),
        "long" => typeof(long),
        "bool" => typeof(bool),
        "string" => typeof(string),
        "double[]" => typeof(double[]),
        "float[]" => typeof(float[]),
        "int[]" => typeof(int[]),
        "long[]" => typeof(long[]),
        "bool[]" => typeof(bool[]),
        "string[]" => typeof(string[]),
        "double[][]" => typeof(double[][]),
        "double[,]" => typeof(double[,]),
        "float[,]" => typeof(float[,]),
        "int[,]" => typeof(int[,]),
        "Tensor<double>" => typeof(Tensor<double>),
        "Tensor<float>" => typeof(Tensor<float>),
        _ => throw new AnswerException($"'{typeName}' is not an answer type; use one of {string.Join(", ", Types)}"),
    };

    /// <summary>The type as a declaration writes it where the kit's namespace may not be imported.</summary>
    public static string CSharpName(string typeName) => typeName.StartsWith("Tensor<", StringComparison.Ordinal) ? "CourseKit.Tensors." + typeName : typeName;

    /// <summary>Reads data back into a value of the declared type; a whole number may stand for a double.</summary>
    /// <exception cref="AnswerException">The data is malformed, too large, or does not fit the declared type.</exception>
    public static object? Decode(JsonObject data, string declaredType)
    {
        var type = Text(data, "type");
        if (type == "null")
        {
            return ClrType(declaredType).IsValueType
                ? throw new AnswerException($"is null, and a {declaredType} cannot be null")
                : null;
        }
        if (type != declaredType && !(Widens(type, declaredType)))
        {
            throw new AnswerException($"is a {type}, not a {declaredType}");
        }
        var value = data["value"];
        return declaredType switch
        {
            "double" => ToDouble(value),
            "float" => (float)ToDouble(value),
            "int" => checked((int)ToLong(value)),
            "long" => ToLong(value),
            "bool" => ToBool(value),
            "string" => ToText(value),
            "double[]" => Items(value).Select(ToDouble).ToArray(),
            "float[]" => Items(value).Select(v => (float)ToDouble(v)).ToArray(),
            "int[]" => Items(value).Select(v => checked((int)ToLong(v))).ToArray(),
            "long[]" => Items(value).Select(ToLong).ToArray(),
            "bool[]" => Items(value).Select(ToBool).ToArray(),
            "string[]" => Items(value).Select(v => v is null ? null : ToText(v)).ToArray(),
            "double[][]" => Items(value).Select(row => Items(row).Select(ToDouble).ToArray()).ToArray(),
            "double[,]" => ToMatrix(data, ToDouble),
            "float[,]" => ToMatrix(data, v => (float)ToDouble(v)),
            "int[,]" => ToMatrix(data, v => checked((int)ToLong(v))),
            "Tensor<double>" => ToTensor(data, ToDouble),
            "Tensor<float>" => ToTensor(data, v => (float)ToDouble(v)),
            _ => throw new AnswerException($"'{declaredType}' is not an answer type"),
        };
    }

    // An int is a fine long or double; a float a fine double.
    private static bool Widens(string? from, string to) => (from, to) switch
    {
        ("int", "long" or "double" or "float") => true,
        ("long" or "float", "double") => true,
        ("int[]", "long[]" or "double[]" or "float[]") => true,
        ("float[]" or "long[]", "double[]") => true,
        ("int[,]", "double[,]" or "float[,]") => true,
        ("float[,]", "double[,]") => true,
        ("Tensor<float>", "Tensor<double>") => true,
        _ => false,
    };

    private static JsonObject Scalar(string type, JsonNode? value) => new() { ["type"] = type, ["value"] = value };

    private static JsonObject Matrix(string type, int rows, int cols, IEnumerable<JsonNode?> values)
    {
        Count((long)rows * cols);
        return new JsonObject { ["type"] = type, ["rows"] = rows, ["cols"] = cols, ["value"] = new JsonArray(values.ToArray()) };
    }

    private static JsonArray Array<T>(T[] items, Func<T, JsonNode?> convert)
    {
        Count(items.Length);
        return new JsonArray(items.Select(convert).ToArray());
    }

    private static JsonArray Jagged(double[][] rows)
    {
        Count(rows.Sum(r => (long)(r?.Length ?? 0)));
        return new JsonArray(rows.Select(r => r is null
            ? throw new AnswerException("has a row that is null")
            : (JsonNode?)new JsonArray(r.Select(x => Number(x)).ToArray())).ToArray());
    }

    private static IEnumerable<T> Flat<T>(T[,] matrix)
    {
        for (var r = 0; r < matrix.GetLength(0); r++)
        {
            for (var c = 0; c < matrix.GetLength(1); c++)
            {
                yield return matrix[r, c];
            }
        }
    }

    private static void Count(long elements)
    {
        if (elements > MaxElements)
        {
            throw new AnswerException($"holds {elements} values; an answer may hold at most {MaxElements}");
        }
    }

    private static JsonNode Number(double x) =>
        double.IsFinite(x) ? JsonValue.Create(x) : JsonValue.Create(double.IsNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity");

    private static JsonNode Text(string s) =>
        s.Length <= MaxStringLength ? JsonValue.Create(s) : throw new AnswerException($"is a string of {s.Length} characters; at most {MaxStringLength}");

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static double ToDouble(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        JsonValue v when v.TryGetValue<string>(out var s) => s switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => throw new AnswerException($"holds \"{s}\" where a number belongs"),
        },
        _ => throw new AnswerException("holds something that is not a number where a number belongs"),
    };

    private static long ToLong(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<long>(out var l) ? l : throw new AnswerException("holds something that is not a whole number where one belongs");

    private static bool ToBool(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : throw new AnswerException("holds something that is not true or false where a bool belongs");

    private static string ToText(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length <= MaxStringLength
            ? s
            : throw new AnswerException("holds something that is not a string (or a string too long) where a string belongs");

    private static List<JsonNode?> Items(JsonNode? node)
    {
        if (node is not JsonArray array)
        {
            throw new AnswerException("is not a list where a list belongs");
        }
        Count(array.Count);
        return [.. array];
    }

    private static T[,] ToMatrix<T>(JsonObject data, Func<JsonNode?, T> convert)
    {
        var (rows, cols, items) = Shape(data);
        var matrix = new T[rows, cols];
        for (var k = 0; k < items.Count; k++)
        {
            matrix[k / cols, k % cols] = convert(items[k]);
        }
        return matrix;
    }

    private static Tensor<T> ToTensor<T>(JsonObject data, Func<JsonNode?, T> convert)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var (rows, cols, items) = Shape(data);
        return new Tensor<T>(rows, cols, items.Select(convert).ToArray());
    }

    private static (int Rows, int Cols, List<JsonNode?> Items) Shape(JsonObject data)
    {
        var rows = (int)ToLong(data["rows"]);
        var cols = (int)ToLong(data["cols"]);
        var items = Items(data["value"]);
        if (rows < 0 || cols < 0 || (long)rows * cols != items.Count)
        {
            throw new AnswerException($"says it is {rows} × {cols} but holds {items.Count} values");
        }
        return (rows, cols, items);
    }
}

/// <summary>A value that cannot be an answer, or data that cannot be read back; the message completes "the answer …".</summary>
public sealed class AnswerException(string message) : Exception(message);
