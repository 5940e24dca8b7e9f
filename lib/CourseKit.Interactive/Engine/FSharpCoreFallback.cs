using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace CourseKit.Interactive.Engine;

/// <summary>
/// Lets Plotly.NET run inside the notebook engine of VS Code and Jupyter. Plotly.NET 6.0.0 is built against
/// FSharp.Core 10.1, while dotnet-interactive 1.0.712001 already has FSharp.Core 10.0 loaded, so the runtime refuses
/// the request and charts throw FileNotFoundException. When a request for FSharp.Core fails, this hands back the copy
/// that is already loaded (or, outside the engine, the one shipped beside the kit). CourseKit's own notebook worker
/// loads the FSharp.Core that Plotly.NET was built for and never needs it.
/// </summary>
internal static class FSharpCoreFallback
{
    private static int registered;

    /// <summary>Runs when the kit's assembly is first used, before any Plotly.NET type is touched.</summary>
#pragma warning disable CA2255 // A library initializer is the point here: it must run before Plotly.NET is first touched.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1) return;
        AssemblyLoadContext.Default.Resolving += Resolve;
    }

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        if (!string.Equals(name.Name, "FSharp.Core", StringComparison.Ordinal)) return null;
        var loaded = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => string.Equals(a.GetName().Name, "FSharp.Core", StringComparison.Ordinal))
            .OrderByDescending(a => a.GetName().Version)
            .FirstOrDefault();
        if (loaded is not null) return loaded;
        var beside = Path.Combine(AppContext.BaseDirectory, "FSharp.Core.dll");
        var kitFolder = Path.GetDirectoryName(typeof(FSharpCoreFallback).Assembly.Location);
        if (kitFolder is not null && File.Exists(Path.Combine(kitFolder, "FSharp.Core.dll")))
            beside = Path.Combine(kitFolder, "FSharp.Core.dll");
        return File.Exists(beside) ? context.LoadFromAssemblyPath(beside) : null;
    }
}
