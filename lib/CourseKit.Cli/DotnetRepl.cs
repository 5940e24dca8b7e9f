namespace CourseKit.Cli;

/// <summary>Locates the pinned dotnet-repl that `dotnet tool restore` put in the NuGet global packages folder.</summary>
public static class DotnetRepl
{
    /// <summary>The version pinned in .config/dotnet-tools.json (a test keeps the two in step).</summary>
    public const string Version = "0.3.259";

    /// <summary>The NuGet global packages folder: NUGET_PACKAGES when set, else ~/.nuget/packages.</summary>
    public static string PackagesFolder(Func<string, string?> environment, string home)
    {
        var configured = environment("NUGET_PACKAGES");
        return string.IsNullOrWhiteSpace(configured) ? Path.Combine(home, ".nuget", "packages") : configured;
    }

    /// <summary>Where dotnet-repl's entry point lies inside a packages folder (the package id is lower-cased there).</summary>
    public static string EntryPoint(string packagesFolder) =>
        Path.Combine(packagesFolder, "dotnet-repl", Version, "tools", "net10.0", "any", "dotnet-repl.dll");

    /// <summary>The entry point for this machine's environment.</summary>
    /// <exception cref="FileNotFoundException">dotnet-repl is not restored; the message says how to fix it.</exception>
    public static string Locate()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var path = EntryPoint(PackagesFolder(Environment.GetEnvironmentVariable, home));
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"dotnet-repl {Version} is not restored (looked for {path}). Run `dotnet tool restore` in the repository root, or `coursekit setup`.",
                path);
        }
        return path;
    }
}
