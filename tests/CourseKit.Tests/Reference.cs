using System.Text.Json;
using CourseKit.Tensors;

namespace CourseKit.Tests;

/// <summary>Reads the PyTorch reference JSON (see tests/reference/make_reference.py for the conventions).</summary>
internal static class Reference
{
    private static readonly Dictionary<string, JsonDocument> Cache = [];

    public static JsonElement Load(string file)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(file, out var doc))
            {
                var path = Path.Combine(AppContext.BaseDirectory, "reference", file);
                doc = JsonDocument.Parse(File.ReadAllText(path));
                Cache[file] = doc;
            }
            return doc.RootElement;
        }
    }

    public static Tensor<double> Tensor(this JsonElement e, string property) => ToTensor(e.GetProperty(property));

    public static Tensor<double> ToTensor(JsonElement rows)
    {
        var list = rows.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        return CourseKit.Tensors.Tensor.FromRows(list);
    }

    public static IEnumerable<JsonElement> Cases(string file, string section) => Load(file).GetProperty(section).EnumerateArray();
}

internal static class Assertions
{
    /// <summary>Asserts equal shapes and every element within tolerance, printing the max difference on failure.</summary>
    public static void Close<T>(Tensor<T> expected, Tensor<T> actual, double tolerance, string what = "")
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Assert.True(expected.Rows == actual.Rows && expected.Cols == actual.Cols,
            $"{what}: shape {actual.Shape}, expected {expected.Shape}");
        double diff = expected.MaxAbsDifference(actual);
        Assert.True(diff <= tolerance, $"{what}: max difference {diff:E3} > {tolerance:E1}\nexpected {expected}\nactual   {actual}");
    }
}
