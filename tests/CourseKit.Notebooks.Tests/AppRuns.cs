using System.Diagnostics;

namespace CourseKit.Notebooks.Tests;

/// <summary>
/// Runs every lecture's file-based app (notebooks/apps/NAME.cs, made by `coursekit export --to app`) once, one after
/// another, with `dotnet run` and no notebook engine, and keeps what each printed.
/// </summary>
public sealed class AppRuns : IAsyncLifetime
{
    public string Root { get; } = RepoLocator.Find(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("The app tests must run inside the repository.");

    public string AppFolder => Path.Combine(Root, "notebooks", "apps");

    public Dictionary<string, (int Exit, string Output, double Seconds)> Runs { get; } = [];

    public async Task InitializeAsync()
    {
        foreach (var app in Directory.GetFiles(AppFolder, "*.cs").Order())
        {
            var name = Path.GetFileNameWithoutExtension(app);
            File.Delete(Path.Combine(AppFolder, name + ".html"));
            var start = new ProcessStartInfo("dotnet", ["run", Path.GetFileName(app)])
            {
                WorkingDirectory = AppFolder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
            Runs[name] = (process.HasExited ? process.ExitCode : -1, await output + await errors, clock.Elapsed.TotalSeconds);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>What the app printed, after asserting that it ran to its end and wrote its report.</summary>
    public string Output(string name)
    {
        var (exit, output, seconds) = Runs[name];
        Assert.True(exit == 0, $"{name}.cs exited with {exit} after {seconds:F0} s:\n{output}");
        Assert.Contains($"Report: {Path.Combine(AppFolder, name + ".html")}", output);
        return output;
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppRuns>
{
    public const string Name = "Apps";
}
