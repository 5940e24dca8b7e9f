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

    /// <summary>
    /// Asserts equal shapes and <c>|actual − expected| ≤ tolerance · max(1, |expected|)</c> everywhere: relative for
    /// values beyond 1, absolute below (where a reference's own rounding can be large relative to a tiny value).
    /// Prints the largest scaled difference on failure.
    /// </summary>
    public static void CloseRelative(Tensor<double> expected, Tensor<double> actual, double tolerance, string what = "")
    {
        Assert.True(expected.Rows == actual.Rows && expected.Cols == actual.Cols,
            $"{what}: shape {actual.Shape}, expected {expected.Shape}");
        double worst = 0;
        for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, ScaledDifference(expected.Span[i], actual.Span[i]));
        Assert.True(worst <= tolerance, $"{what}: max scaled difference {worst:E3} > {tolerance:E1}\nexpected {expected}\nactual   {actual}");
    }

    /// <summary>The scalar form of <see cref="CloseRelative"/>.</summary>
    public static void CloseRelative(double expected, double actual, double tolerance, string what = "")
    {
        double scaled = ScaledDifference(expected, actual);
        Assert.True(scaled <= tolerance, $"{what}: {actual:R}, expected {expected:R} (scaled difference {scaled:E3} > {tolerance:E1})");
    }

    /// <summary><c>|actual − expected| / max(1, |expected|)</c>; 0 when both are the same value (infinities and NaN included); NaN against a number never passes.</summary>
    public static double ScaledDifference(double expected, double actual) =>
        expected.Equals(actual) ? 0 : Math.Abs(actual - expected) / Math.Max(1, Math.Abs(expected));
}
