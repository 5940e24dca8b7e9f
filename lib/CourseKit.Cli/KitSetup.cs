namespace CourseKit.Cli;

/// <summary>`coursekit setup`: restores the pinned notebook tools and publishes the kit that notebooks `#r`.</summary>
internal static class KitSetup
{
    private const int TailLines = 40;

    private static readonly (string Description, string[] Arguments)[] Steps =
    [
        ("restore local tools", ["tool", "restore"]),
        ("publish CourseKit.Interactive to artifacts/kit",
            ["publish", "lib/CourseKit.Interactive/CourseKit.Interactive.csproj", "-c", "Release", "-o", "artifacts/kit"]),
    ];

    /// <summary>Runs every step in <paramref name="repoRoot"/>; stops at the first failure and shows the tail of its output.</summary>
    public static async Task<bool> RunAsync(string repoRoot, TextWriter stdout, CancellationToken cancellationToken)
    {
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
        return true;
    }
}
