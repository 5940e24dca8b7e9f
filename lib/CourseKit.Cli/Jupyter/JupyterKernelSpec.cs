using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace CourseKit.Cli.Jupyter;

/// <summary>
/// The Jupyter kernelspec for the kit's notebooks (<c>.net-csharp</c>, the name their metadata asks for), pointing at the
/// repository's pinned notebook engine by its full path. The engine's own <c>jupyter install</c> writes
/// <c>dotnet interactive</c>, a local tool that exists only below a folder whose tool manifest lists it, so that kernel
/// dies when a notebook is opened elsewhere; this one starts from any folder, and listens on this machine only.
/// </summary>
internal static class JupyterKernelSpec
{
    /// <summary>The kernel's name: the kernelspec the notebooks' metadata names.</summary>
    public const string Name = ".net-csharp";

    private const string ToolPackage = "microsoft.dotnet-interactive";

    /// <summary>
    /// Writes the kernelspec into <paramref name="dataDirectory"/>/kernels/.net-csharp (replacing an older one) and
    /// returns its folder. <paramref name="engine"/> is the engine's entry assembly.
    /// </summary>
    public static string Write(string dataDirectory, string engine)
    {
        var folder = Path.Combine(dataDirectory, "kernels", Name);
        Directory.CreateDirectory(folder);
        var spec = new JsonObject
        {
            ["argv"] = new JsonArray(DotnetHost.Path, engine, "jupyter", "--default-kernel", "csharp", "--http-local-only",
                "--http-port-range", "2048-3000", "{connection_file}"),
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["metadata"] = new JsonObject { ["coursekit"] = "written by coursekit jupyter install" },
        };
        File.WriteAllText(Path.Combine(folder, "kernel.json"), spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return folder;
    }

    /// <summary>
    /// The entry assembly of the engine pinned in <paramref name="repoRoot"/>'s tool manifest, in the NuGet package folder
    /// that <c>dotnet tool restore</c> fills; null when it has not been restored (run <c>coursekit setup</c>).
    /// </summary>
    public static string? FindEngine(string repoRoot)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(repoRoot, ".config", "dotnet-tools.json")));
        var version = manifest?["tools"]?[ToolPackage]?["version"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"{repoRoot}/.config/dotnet-tools.json does not pin {ToolPackage}");
        var tools = Path.Combine(PackagesFolder(), ToolPackage, version, "tools");
        if (!Directory.Exists(tools))
        {
            return null;
        }
        foreach (var settings in Directory.EnumerateFiles(tools, "DotnetToolSettings.xml", SearchOption.AllDirectories))
        {
            var entry = XDocument.Load(settings).Descendants("Command").FirstOrDefault()?.Attribute("EntryPoint")?.Value;
            if (entry is not null && File.Exists(Path.Combine(Path.GetDirectoryName(settings)!, entry)))
            {
                return Path.Combine(Path.GetDirectoryName(settings)!, entry);
            }
        }
        return null;
    }

    /// <summary>Jupyter's user data folder: <c>JUPYTER_DATA_DIR</c>, else the platform's (as <c>jupyter --data-dir</c> prints).</summary>
    public static string UserDataDirectory()
    {
        if (Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") is { Length: > 0 } set)
        {
            return set;
        }
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter");
        }
        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(home, "Library", "Jupyter");
        }
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".local", "share") : xdg, "jupyter");
    }

    private static string PackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
