namespace CourseKit.Cli;

/// <summary>
/// The plotly.js bundle that Plotly.NET carries as a resource. Exported pages load it from beside themselves,
/// because chart HTML that fetches plotly.js from a CDN renders blank offline.
/// </summary>
public static class PlotlyJs
{
    /// <summary>The file name pages reference: &lt;script src="plotly.min.js"&gt;.</summary>
    public const string FileName = "plotly.min.js";

    private static readonly Lazy<byte[]> Bundle = new(ReadBundle);

    /// <summary>The manifest resource name, e.g. "Plotly.NET.plotly-2.28.0.min.js".</summary>
    public static string ResourceName =>
        Assembly.GetManifestResourceNames().SingleOrDefault(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal)
                                                                && n.EndsWith(".min.js", StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"{Assembly.GetName().Name} carries no Plotly.NET.plotly-*.min.js resource");

    /// <summary>The bundle's bytes.</summary>
    public static ReadOnlyMemory<byte> Content => Bundle.Value;

    /// <summary>Writes plotly.min.js into <paramref name="folder"/> unless an identical copy is there; returns its path.</summary>
    public static string WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path) || new FileInfo(path).Length != Bundle.Value.Length)
        {
            File.WriteAllBytes(path, Bundle.Value);
        }
        return path;
    }

    private static System.Reflection.Assembly Assembly => typeof(Plotly.NET.Trace).Assembly;

    private static byte[] ReadBundle()
    {
        using var stream = Assembly.GetManifestResourceStream(ResourceName)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
