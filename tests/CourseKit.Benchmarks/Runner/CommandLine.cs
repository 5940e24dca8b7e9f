namespace CourseKit.Benchmarks.Runner;

/// <summary>`coursekit` as a user runs it, built once into a scratch folder (so `dotnet run`'s build check is never timed), set up.</summary>
internal static class CommandLine
{
    /// <summary>The dotnet host: the SDK's when it says which, else the one on PATH.</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>Builds coursekit.dll into <paramref name="scratch"/>/cli and runs `setup`; the dll's path, or null (and why, on stderr).</summary>
    public static async Task<string?> BuildAsync(string root, string scratch)
    {
        var build = await TimedProcess.RunAsync(Dotnet, ["build", "lib/CourseKit.Cli", "-c", "Release", "-o", Path.Combine(scratch, "cli")],
            root, TimeSpan.FromMinutes(10), Path.Combine(scratch, "build.log"));
        var cli = Path.Combine(scratch, "cli", "coursekit.dll");
        var setup = build.ExitCode == 0
            ? await TimedProcess.RunAsync(Dotnet, [cli, "setup"], root, TimeSpan.FromMinutes(10), Path.Combine(scratch, "setup.log"))
            : build;
        if (setup.ExitCode == 0)
        {
            return cli;
        }
        Console.Error.WriteLine(File.ReadAllText(Path.Combine(scratch, build.ExitCode == 0 ? "setup.log" : "build.log")));
        return null;
    }
}
