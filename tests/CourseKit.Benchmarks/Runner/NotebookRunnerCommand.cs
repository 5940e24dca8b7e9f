using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CourseKit.Benchmarks.SideBySide;
using CourseKit.Worker;

namespace CourseKit.Benchmarks.Runner;

/// <summary>
/// <c>notebook-runner [--out file.json] [--latency-runs 5]</c>: the 12 lecture notebooks run, in one session, by the
/// pinned dotnet-repl (one process per notebook, as `coursekit run` used to) and by CourseKit's runner (warm workers,
/// one per core, and again one at a time), plus the time from a worker's start to the first cell's first output.
/// dotnet-repl is installed into a temporary tool folder for the comparison and removed after it.
/// A benchmark, not a test: it reports and checks the targets, it never fails the build.
/// </summary>
public static class NotebookRunnerCommand
{
    /// <summary>The dotnet-repl the kit used before it had its own runner.</summary>
    public const string DotnetReplVersion = "0.3.259";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var root = SideBySideCommand.RepoRoot();
        var output = Option(args, "--out") ?? Path.Combine(root, "artifacts", "benchmarks", "notebook-runner.json");
        var latencyRuns = int.Parse(Option(args, "--latency-runs") ?? "5", CultureInfo.InvariantCulture);
        var notebooks = Directory.GetFiles(Path.Combine(root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal).ToList();
        var cpu = CpuName();
        Console.WriteLine($"Notebook runners, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, CPU: {cpu}, {Environment.ProcessorCount} logical cores, {notebooks.Count} lecture notebooks");

        using var scratch = new Scratch();
        var cli = await CommandLine.BuildAsync(root, scratch.Path);
        if (cli is null)
        {
            return 1;
        }
        var repl = await InstallDotnetReplAsync(scratch.Path);
        if (repl is null)
        {
            return 1;
        }

        Console.WriteLine($"dotnet-repl {DotnetReplVersion}: one process per notebook, one at a time …");
        var replTimes = new List<double>();
        foreach (var notebook in notebooks)
        {
            var clock = Stopwatch.StartNew();
            var executed = Path.Combine(scratch.Path, "repl", Path.GetFileName(notebook));
            Directory.CreateDirectory(Path.GetDirectoryName(executed)!);
            var (exit, seconds) = await TimedProcess.RunAsync(repl, ["--run", notebook, "--exit-after-run", "--output-path", executed],
                Path.GetDirectoryName(notebook)!, TimeSpan.FromMinutes(10));
            replTimes.Add(seconds);
            Console.WriteLine($"  {Path.GetFileNameWithoutExtension(notebook),-28} {seconds,6:0.0} s{(exit == 0 ? "" : $"  (exit code {exit?.ToString(CultureInfo.InvariantCulture) ?? "none: killed"})")}");
        }
        var replTotal = replTimes.Sum();

        var jobs = Environment.ProcessorCount;
        var (ownTotal, ownPassed) = await RunOwnAsync(cli, root, Path.Combine(scratch.Path, "own"), jobs);
        Console.WriteLine($"CourseKit, {jobs} workers: {ownTotal:0.0} s ({ownPassed} of {notebooks.Count} passed)");
        var (oneTotal, onePassed) = await RunOwnAsync(cli, root, Path.Combine(scratch.Path, "one"), 1);
        Console.WriteLine($"CourseKit, 1 worker:  {oneTotal:0.0} s ({onePassed} of {notebooks.Count} passed)");

        var latencies = new List<double>();
        for (var i = 0; i < latencyRuns; i++)
        {
            latencies.Add(await FirstOutputSecondsAsync(root, notebooks[0]));
        }
        latencies.Sort();
        var latency = latencies[latencies.Count / 2];

        var ratio = ownTotal / replTotal;
        Console.WriteLine();
        Console.WriteLine("| measure | value | target | |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| dotnet-repl {DotnetReplVersion}, 12 notebooks one by one | {replTotal:0.0} s | | |");
        Console.WriteLine($"| CourseKit runner, {jobs} workers | {ownTotal:0.0} s | ≤ 60 s | {Verdict(ownTotal <= 60)} |");
        Console.WriteLine($"| CourseKit / dotnet-repl | {ratio:0.00} | ≤ 0.40 | {Verdict(ratio <= 0.4)} |");
        Console.WriteLine($"| CourseKit runner, 1 worker | {oneTotal:0.0} s ({oneTotal / replTotal:0.00} of dotnet-repl) | | |");
        Console.WriteLine($"| worker start to first output (median of {latencyRuns}) | {latency:0.00} s | ≤ 2 s | {Verdict(latency <= 2)} |");

        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        File.WriteAllText(output, JsonSerializer.Serialize(new
        {
            date = DateTime.UtcNow,
            cpu,
            cores = Environment.ProcessorCount,
            notebooks = notebooks.Select(Path.GetFileNameWithoutExtension),
            dotnetRepl = new { version = DotnetReplVersion, seconds = replTimes, total = replTotal },
            courseKit = new { jobs, total = ownTotal, passed = ownPassed, oneWorkerTotal = oneTotal },
            ratio,
            firstOutputSeconds = latencies,
        }, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        Console.WriteLine($"Written: {output}");
        return 0;
    }

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    private static string Dotnet => CommandLine.Dotnet;

    // `coursekit run --no-setup` on the lecture notebooks, timed from the start of the command to its end.
    private static async Task<(double Seconds, int Passed)> RunOwnAsync(string cli, string root, string outDir, int jobs)
    {
        var (exit, seconds) = await TimedProcess.RunAsync(Dotnet,
            [cli, "run", "--no-setup", "--out", outDir, "--jobs", jobs.ToString(CultureInfo.InvariantCulture)], root, TimeSpan.FromMinutes(20));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var passed = summary.RootElement.GetProperty("passed").GetInt32();
        if (exit != 0)
        {
            Console.WriteLine($"  coursekit run exited with {exit}");
        }
        return (seconds, passed);
    }

    // A fresh worker in the notebook's folder: from the process start to the first output of the first code cell,
    // spoken to in the worker's own protocol (see WorkerProtocol).
    private static async Task<double> FirstOutputSecondsAsync(string root, string notebook)
    {
        var cells = JsonNode.Parse(File.ReadAllText(notebook))!["cells"]!.AsArray();
        var index = cells.Select((c, i) => (c, i)).First(x => x.c!["cell_type"]!.GetValue<string>() == "code").i;
        var source = cells[index]!["source"] is JsonArray lines ? string.Concat(lines.Select(l => l!.GetValue<string>())) : cells[index]!["source"]!.GetValue<string>();
        var info = new ProcessStartInfo(Dotnet)
        {
            ArgumentList = { Path.Combine(root, "artifacts", "worker", "coursekit-worker.dll") },
            WorkingDirectory = Path.GetDirectoryName(notebook)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var clock = Stopwatch.StartNew();
        using var worker = Process.Start(info)!;
        _ = worker.StandardError.ReadToEndAsync();
        try
        {
            var request = new JsonObject { [WorkerProtocol.Op] = WorkerProtocol.Run, [WorkerProtocol.Cell] = index + 1, [WorkerProtocol.Code] = source };
            var sent = false;
            while (await worker.StandardOutput.ReadLineAsync() is { } line)
            {
                var kind = JsonNode.Parse(line)![WorkerProtocol.Event]!.GetValue<string>();
                if (kind == WorkerProtocol.Ready && !sent)
                {
                    await worker.StandardInput.WriteLineAsync(request.ToJsonString());
                    await worker.StandardInput.FlushAsync();
                    sent = true;
                }
                else if (kind is WorkerProtocol.Output or WorkerProtocol.Done)
                {
                    return clock.Elapsed.TotalSeconds;
                }
            }
            throw new InvalidOperationException("the worker stopped before the first cell's output");
        }
        finally
        {
            worker.Kill(entireProcessTree: true);
        }
    }

    private static async Task<string?> InstallDotnetReplAsync(string folder)
    {
        var tools = Path.Combine(folder, "tools");
        var log = Path.Combine(folder, "install.log");
        var (exit, _) = await TimedProcess.RunAsync(Dotnet, ["tool", "install", "dotnet-repl", "--version", DotnetReplVersion, "--tool-path", tools],
            folder, TimeSpan.FromMinutes(5), log);
        var shim = Path.Combine(tools, OperatingSystem.IsWindows() ? "dotnet-repl.exe" : "dotnet-repl");
        if (exit != 0 || !File.Exists(shim))
        {
            Console.Error.WriteLine($"could not install dotnet-repl {DotnetReplVersion}:\n{File.ReadAllText(log)}");
            return null;
        }
        return shim;
    }

    private static string CpuName() => SideBySideCommand.CpuName();

    private static string? Option(IReadOnlyList<string> args, string name) => SideBySideCommand.Option(args, name);

    // A temp folder removed at the end, with what was installed into it.
    private sealed class Scratch : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("coursekit-runner-benchmark-").FullName;

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // Left for the system's temp cleanup.
            }
        }
    }
}
