using CourseKit.Cli.Npm;

namespace CourseKit.Cli;

/// <summary>
/// `coursekit setup`: restores the pinned notebook engine that VS Code and Jupyter run (dotnet-interactive), publishes
/// the kit that notebooks `#r`, publishes the notebook worker that `run`, `assign` and `grade` start, and fetches the
/// math renderer of the exported pages from the npm registry (<see cref="MathAssets"/>).
/// </summary>
internal static class KitSetup
{
    private const int TailLines = 40;

    // Per request; the largest download is 0.6 MB. Offline, a refused connection fails at once rather than at this limit.
    private static readonly TimeSpan NpmTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The kit's entry assembly below a repository root, as `setup` publishes it.</summary>
    public static string KitAssemblyIn(string repoRoot) => Path.Combine(repoRoot, "artifacts", "kit", "CourseKit.Interactive.dll");

    private static readonly (string Description, string[] Arguments)[] Steps =
    [
        ("restore local tools", ["tool", "restore"]),
        ("publish CourseKit.Interactive to artifacts/kit",
            ["publish", "lib/CourseKit.Interactive/CourseKit.Interactive.csproj", "-c", "Release", "-o", "artifacts/kit"]),
        // Ahead-of-time compiled (ReadyToRun) for this machine: the worker reaches its first cell in about half the time.
        ("publish the notebook worker to artifacts/worker",
            ["publish", "lib/CourseKit.Worker/CourseKit.Worker.csproj", "-c", "Release", "-o", "artifacts/worker",
             "--use-current-runtime", "--self-contained", "false", "-p:PublishReadyToRun=true"]),
    ];

    /// <summary>
    /// Runs every step in <paramref name="repoRoot"/>; stops at the first failure and shows the tail of its output.
    /// Two set-ups at once (two test runs, say) take turns, so neither publishes over files the other is writing.
    /// Only the math renderer may fail without failing set-up: pages then show formulas as TeX source, and say so.
    /// </summary>
    public static async Task<bool> RunAsync(string repoRoot, TextWriter stdout, CancellationToken cancellationToken)
    {
        await using var turn = await SetupLock.TakeAsync(repoRoot, shared: false, cancellationToken);
        foreach (var (description, arguments) in Steps)
        {
            // Output is kept in memory and shown only on failure: a passing build is noise.
            var output = new StringWriter();
            var outcome = await ChildProcess.RunAsync(DotnetHost.Path, arguments, repoRoot, output, null, cancellationToken);
            var seconds = RunSummary.Seconds(outcome.Elapsed.TotalSeconds);
            if (outcome.ExitCode == 0)
            {
                stdout.WriteLine($"✓ {description} ({seconds} s)");
                continue;
            }
            stdout.WriteLine($"✗ {description} failed: `dotnet {string.Join(' ', arguments)}` exited with code {outcome.ExitCode} after {seconds} s");
            var lines = output.ToString().TrimEnd().Split('\n');
            stdout.WriteLine($"--- last {Math.Min(TailLines, lines.Length)} of {lines.Length} lines of its output ---");
            foreach (var line in lines.TakeLast(TailLines))
            {
                stdout.WriteLine(line.TrimEnd('\r'));
            }
            stdout.WriteLine("---");
            return false;
        }
        using var http = new HttpClient { Timeout = NpmTimeout };
        await MathAssets.SetUpAsync(repoRoot, () => new NpmRegistry(http, NpmRegistry.FromEnvironment()), stdout, cancellationToken);
        return true;
    }
}
