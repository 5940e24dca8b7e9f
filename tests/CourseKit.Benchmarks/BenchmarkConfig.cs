using System.Runtime.CompilerServices;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace CourseKit.Benchmarks;

/// <summary>The suite's configuration: BenchmarkDotNet's defaults plus a job meant for a small, shared, noisy VM.</summary>
public static class BenchmarkConfig
{
    /// <summary>
    /// BenchmarkDotNet's defaults plus the suite's default job, "Stable": BenchmarkDotNet's own pilot and warm-up, then
    /// 15 to 40 measured iterations (it stops early once the error is small), with outliers above the upper fence removed.
    /// Options such as <c>--iterationCount</c> or <c>--warmupCount</c> adjust it. A <c>--job</c> option (for example
    /// <c>--job short</c>) replaces it: BenchmarkDotNet itself would keep a config's own default job and ignore
    /// <c>--job</c>, so that job is left out when the arguments name one. Results go to BenchmarkDotNet.Artifacts beside
    /// this project unless <c>--artifacts</c> says otherwise.
    /// </summary>
    /// <param name="args">The command-line arguments, to see whether they choose a job.</param>
    public static IConfig Create(IReadOnlyList<string> args)
    {
        var config = ManualConfig.Create(DefaultConfig.Instance).WithArtifactsPath(ArtifactsPath());
        if (NamesJob(args)) return config;
        var stable = Job.Default
            .WithId("Stable")
            .WithMinIterationCount(15)
            .WithMaxIterationCount(40)
            .AsDefault();
        return config.AddJob(stable);
    }

    /// <summary>Whether the arguments choose a job: <c>--job NAME</c>, <c>--job=NAME</c> or <c>-j NAME</c>.</summary>
    public static bool NamesJob(IReadOnlyList<string> args) =>
        args.Any(a => a is "--job" or "-j" || a.StartsWith("--job=", StringComparison.OrdinalIgnoreCase));

    private static string ArtifactsPath([CallerFilePath] string sourceFile = "")
    {
        // Beside the project when its sources are here (a normal checkout); else BenchmarkDotNet's default place.
        string? projectDirectory = Path.GetDirectoryName(sourceFile);
        return projectDirectory is not null && Directory.Exists(projectDirectory)
            ? Path.Combine(projectDirectory, "BenchmarkDotNet.Artifacts")
            : Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts");
    }
}
