using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CourseKit.Benchmarks.Workloads;
using CourseKit.Kernels;

namespace CourseKit.Benchmarks.SideBySide;

/// <summary>
/// <c>side-by-side [--only a,b] [--out file.json] [--no-threads] [--verbose] [--rounds 10] [--turn 0.15] [--isa avx2|sse|scalar]
/// [--vs-isa avx512|avx2|sse|scalar]</c>: runs every workload in PyTorch (one thread, OpenBLAS) and in CourseKit (one
/// thread, then two) in one run, prints both medians and the ratio CourseKit/PyTorch per workload (paired by round; the
/// ratio of the two medians beside it), the vector path CourseKit ran on, and each GEMM's GFLOP/s against a peak loop on
/// that path, and writes them as JSON. <c>--isa</c> runs CourseKit on a narrower path than the CPU's widest (by starting
/// it again with the DOTNET_Enable* variables); <c>--vs-isa</c> sets it against CourseKit on another path instead of
/// PyTorch, with the target that a narrower path takes at most <see cref="Targets.VersusWiderPath"/> times as long.
/// A benchmark, not a test: it reports, it never fails on a number.
/// </summary>
public static class SideBySideCommand
{
    // Many short rounds rather than a few long ones: this shared VM's speed drifts by ±30% or more within seconds,
    // and short turns spread both sides evenly over the same drift.
    private const int DefaultRounds = 10;            // --rounds
    private const double DefaultRoundSeconds = 0.15;  // --turn

    /// <summary>Runs the comparison; returns the process exit code.</summary>
    public static int Run(IReadOnlyList<string> args)
    {
        if (Isa.RunOn(Option(args, "--isa"), ["side-by-side", .. args]) is int code) return code;
        string? rivalIsa = Option(args, "--vs-isa");
        if (rivalIsa is not null && !Isa.Names.Contains(rivalIsa)) { Console.Error.WriteLine($"--vs-isa takes one of {string.Join(", ", Isa.Names)}."); return 2; }
        string? only = Option(args, "--only");
        string output = Option(args, "--out") ?? Path.Combine(RepoRoot(), "artifacts", "benchmarks", "side-by-side.json");
        bool twoThreads = !args.Contains("--no-threads");
        bool verbose = args.Contains("--verbose");     // per-round medians on stderr: how much the machine drifts
        // More, shorter rounds pair the two sides more closely in time when the machine is noisy.
        int rounds;
        try { rounds = PositiveInt(Option(args, "--rounds") ?? DefaultRounds.ToString(CultureInfo.InvariantCulture), "--rounds"); }
        catch (ArgumentException e) { Console.Error.WriteLine(e.Message); return 2; }
        string turnText = Option(args, "--turn") ?? DefaultRoundSeconds.ToString(CultureInfo.InvariantCulture);
        if (!double.TryParse(turnText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double turnSeconds) || turnSeconds <= 0)
        { Console.Error.WriteLine($"--turn takes a positive number of seconds (got \"{turnText}\")."); return 2; }
        var selected = Workload.All().Where(w => only is null || only.Split(',').Contains(w.Name)).ToList();
        if (selected.Count == 0) { Console.Error.WriteLine($"No workload matches --only {only}."); return 2; }

        Console.WriteLine($"CourseKit vs {(rivalIsa is null ? "PyTorch" : $"CourseKit on {rivalIsa}")}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, " +
                          $"CPU: {CpuName()}, {Environment.ProcessorCount} logical cores, load average {LoadAverage()}");
        Console.WriteLine($"CourseKit ISA: {Isa.Describe()}");
        string coreType = "auto";
        if (rivalIsa is null)
        {
            string? fastest = FastestOpenBlasCore();
            if (fastest is null) return 1;      // RunTorch has said what to install
            coreType = fastest;
            Console.WriteLine($"PyTorch: one thread, OpenBLAS core type {coreType}.");
        }
        string rivalName = rivalIsa is null ? "PyTorch" : $"CourseKit {rivalIsa}";
        Console.WriteLine($"Each workload: {rounds} rounds in turns ({rivalName} and CourseKit 1 thread, first in turn" +
                          $"{(twoThreads ? "; then CourseKit 2 threads" : "")}), {turnSeconds} s each.");
        // Both single-thread sides run on the same logical CPU: on a shared VM one virtual CPU can run at half speed
        // for seconds while the other does not, and a process's luck in where it was scheduled would decide the ratio.
        // Only the main thread (which runs the workloads) is pinned; before each two-thread turn every other thread is
        // set free (see FreeOtherThreads), so a product's second thread can run on another CPU.
        long allCpus = Environment.ProcessorCount >= 63 ? -1L : (1L << Environment.ProcessorCount) - 1;
        long oneCpu = PinTo(1L << (Environment.ProcessorCount - 1)) ? 1L << (Environment.ProcessorCount - 1) : 0;
        Console.WriteLine(oneCpu != 0
            ? $"{rivalName} and CourseKit's main thread are held to logical CPU {Environment.ProcessorCount - 1}; CourseKit's second thread may use any other."
            : "Could not pin the processes to one CPU; one-thread timings may land on different CPUs.");
        double peakFloat = PeakLoop.Gflops<float>(), peakDouble = PeakLoop.Gflops<double>();
        Console.WriteLine($"Peak loop on {Isa.Current}, one core: float {peakFloat:0.0} GFLOP/s, double {peakDouble:0.0} GFLOP/s.");
        string script = Path.Combine(RepoRoot(), "tests", "CourseKit.Benchmarks", "torch_workloads.py");
        using var rival = rivalIsa is null ? RivalServer.StartTorch(script, coreType, oneCpu) : RivalServer.StartCourseKit(rivalIsa, oneCpu);

        var rows = new List<Dictionary<string, object?>>();
        Console.WriteLine();
        int rivalWidth = Math.Max(11, rivalName.Length + 3);
        Console.WriteLine($"| {"workload",-44} | {(rivalName + " ms").PadLeft(rivalWidth)} | {"CourseKit ms",12} | {"ratio",7} | {"of medians",10} | {"target",6} | {"",4} |{(twoThreads ? " CourseKit 2 threads ms | 2T/1T |" : "")}");
        Console.WriteLine($"|{new string('-', 46)}|{new string('-', rivalWidth + 2)}|{new string('-', 14)}|{new string('-', 9)}|{new string('-', 12)}|{new string('-', 8)}|{new string('-', 6)}|{(twoThreads ? "------------------------|-------|" : "")}");
        foreach (var w in selected)
        {
            var answer = rival.Setup(w.Name);
            if (rivalIsa is not null && answer.GetProperty("isa").GetString() != rivalIsa)
            { Console.Error.WriteLine($"The rival runs {answer.GetProperty("isa").GetString()}, not {rivalIsa}: this CPU lacks it."); return 2; }
            w.Setup();
            Gemm.MaxThreads = 1;
            int reps = MedianTimer.WarmUp(w.Run);
            if (twoThreads) { Gemm.MaxThreads = 2; FreeOtherThreads(allCpus); MedianTimer.WarmUp(w.Run); }
            var theirSamples = new List<double>();
            var ourSamples = new List<double>();
            var twoSamples = new List<double>();
            var roundMedians = new List<double?[]>();    // [PyTorch, CourseKit 1 thread, CourseKit 2 threads or null] per round
            for (int round = 0; round < rounds; round++)
            {
                int theirsBefore = theirSamples.Count, oursBefore = ourSamples.Count, twoBefore = twoSamples.Count;
                // Who goes first alternates, so neither side always follows the other (and its cache footprint).
                if (round % 2 == 0) theirSamples.AddRange(rival.Sample(w.Name, turnSeconds));
                Gemm.MaxThreads = 1;
                ourSamples.AddRange(MedianTimer.Samples(w.Run, reps, turnSeconds));
                if (round % 2 == 1) theirSamples.AddRange(rival.Sample(w.Name, turnSeconds));
                if (twoThreads)
                {
                    Gemm.MaxThreads = 2;
                    FreeOtherThreads(allCpus);
                    twoSamples.AddRange(MedianTimer.Samples(w.Run, reps, turnSeconds));
                    Thread.Sleep(20);   // let the second thread stop spinning before the next turn
                }
                roundMedians.Add([MedianTimer.Median(theirSamples.Skip(theirsBefore)), MedianTimer.Median(ourSamples.Skip(oursBefore)),
                                  twoThreads ? MedianTimer.Median(twoSamples.Skip(twoBefore)) : null]);
                if (verbose)
                    Console.Error.WriteLine($"  {w.Name} round {round + 1}: PyTorch {F(roundMedians[^1][0]!.Value)} ms, CourseKit {F(roundMedians[^1][1]!.Value)} ms");
            }
            Gemm.MaxThreads = 1;
            double theirs = MedianTimer.Median(theirSamples), ours = MedianTimer.Median(ourSamples);
            double? two = twoThreads ? MedianTimer.Median(twoSamples) : null;
            // The ratio is paired: the median over rounds of each round's CourseKit/PyTorch. The VM switches between a
            // fast and a slow mode for seconds at a time, and the ratio of the two overall medians can compare one
            // side's fast mode with the other's slow one; each round's pair saw the same mode.
            double ratio = MedianTimer.Median(roundMedians.Select(r => r[1]!.Value / r[0]!.Value));
            double target = rivalIsa is null ? Targets.Ratio[w.Name] : Targets.VersusWiderPath;
            double? twoRatio = twoThreads ? MedianTimer.Median(roundMedians.Select(r => r[2]!.Value / r[1]!.Value)) : null;
            bool meets = ratio <= target;
            Console.WriteLine($"| {w.Description,-44} | {F(theirs).PadLeft(rivalWidth)} | {F(ours),12} | {ratio,7:0.000} | {ours / theirs,10:0.000} | {target,6:0.00} | {(meets ? "ok" : "MISS"),4} |" +
                              (two is double t ? $" {F(t),22} | {twoRatio,5:0.00} |" : ""));
            rows.Add(new()
            {
                ["name"] = w.Name, ["description"] = w.Description, ["torch_ms"] = theirs, ["coursekit_ms"] = ours,
                ["ratio"] = ratio, ["ratio_of_medians"] = ours / theirs, ["coursekit_2_threads_ratio"] = twoRatio, ["target"] = target, ["meets_target"] = meets, ["coursekit_2_threads_ms"] = two,
                ["samples"] = new { rival = theirSamples.Count, coursekit = ourSamples.Count, coursekit_2_threads = twoSamples.Count },
                ["gflops"] = w is IGemmWorkload g ? g.Flops / ours / 1e6 : null,
                ["gflops_2_threads"] = w is IGemmWorkload g2 && two is double t2 ? g2.Flops / t2 / 1e6 : null,
                ["percent_of_peak"] = w is IGemmWorkload g3 ? 100 * g3.Flops / ours / 1e6 / (g3.IsDouble ? peakDouble : peakFloat) : null,
                ["round_medians_ms"] = roundMedians,
            });
        }
        PrintGflops(rows, peakFloat, peakDouble, twoThreads);
        var torchInfo = rivalIsa is null ? RunTorch("tiny_fwd", coreType, quiet: true) : null;
        var report = new Dictionary<string, object?>
        {
            ["date_utc"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            ["cpu"] = CpuName(), ["logical_cores"] = Environment.ProcessorCount, ["load_average"] = LoadAverage(), ["dotnet"] = Environment.Version.ToString(),
            ["isa"] = Isa.Current, ["isa_description"] = Isa.Describe(), ["rival"] = rivalName,
            ["peak_gflops"] = new { @float = peakFloat, @double = peakDouble },
            ["torch"] = torchInfo?.GetProperty("torch").GetString(), ["torch_threads"] = 1,
            ["blas"] = torchInfo?.GetProperty("blas").Clone(), ["method"] = $"{rounds} interleaved rounds of {turnSeconds} s per side; times are medians of all per-run samples, ratios the median over rounds of each round's ratio{(oneCpu != 0 ? "; both one-thread sides on the same logical CPU" : "")}", ["openblas_core_type"] = coreType, ["workloads"] = rows,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        File.WriteAllText(output, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine();
        Console.WriteLine($"{rows.Count(r => (bool)r["meets_target"]!)} of {rows.Count} workloads meet their target. JSON: {output}");
        return 0;
    }

    /// <summary>
    /// Holds the calling thread, the main one that runs the workloads, to the CPUs in <paramref name="mask"/>. Threads it
    /// starts later inherit the setting; threads already running keep theirs.
    /// </summary>
    internal static bool PinTo(long mask)
    {
        ulong bits = (ulong)mask;
        return OperatingSystem.IsLinux() && SchedSetAffinity(0, sizeof(ulong), ref bits) == 0;   // 0: the calling thread
    }

    /// <summary>
    /// Lets every thread but the main one run on the CPUs in <paramref name="mask"/>: a thread-pool worker started by
    /// the pinned main thread inherits its single CPU, and a second thread there would only take turns with the first.
    /// </summary>
    private static void FreeOtherThreads(long mask)
    {
        if (!OperatingSystem.IsLinux()) return;
        int main = Environment.ProcessId;       // on Linux the main thread's id is the process id
        foreach (string dir in Directory.GetDirectories("/proc/self/task"))
        {
            ulong bits = (ulong)mask;
            if (int.TryParse(Path.GetFileName(dir), out int tid) && tid != main) _ = SchedSetAffinity(tid, sizeof(ulong), ref bits);
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "sched_setaffinity")]
    private static extern int SchedSetAffinity(int tid, nint size, ref ulong mask);

    /// <summary>Each GEMM's GFLOP/s (2n³ over its median time) and its share of the peak loop's, on the path CourseKit ran.</summary>
    private static void PrintGflops(List<Dictionary<string, object?>> rows, double peakFloat, double peakDouble, bool twoThreads)
    {
        var gemms = rows.Where(r => r["gflops"] is double).ToList();
        if (gemms.Count == 0) return;
        Console.WriteLine();
        Console.WriteLine($"GEMM on {Isa.Current} ({Gemm.KernelName}); peak loop, one core: float {peakFloat:0.0} GFLOP/s, double {peakDouble:0.0}.");
        Console.WriteLine($"| {"workload",-24} | GFLOP/s | of peak |{(twoThreads ? " 2 threads GFLOP/s | of 2 × peak |" : "")}");
        Console.WriteLine($"|{new string('-', 26)}|---------|---------|{(twoThreads ? "-------------------|-------------|" : "")}");
        foreach (var r in gemms)
        {
            double gflops = (double)r["gflops"]!, peak = gflops / (double)r["percent_of_peak"]! * 100;
            string two = twoThreads && r["gflops_2_threads"] is double g2 ? $" {g2,17:0.0} | {100 * g2 / (2 * peak),10:0} % |" : "";
            Console.WriteLine($"| {r["description"],-24} | {gflops,7:0.0} | {(double)r["percent_of_peak"]!,5:0} % |{two}");
        }
    }

    /// <summary>The 1-, 5- and 15-minute load averages, as /proc/loadavg gives them.</summary>
    internal static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
    }

    internal static string F(double ms) => ms >= 1 ? ms.ToString("0.00", CultureInfo.InvariantCulture) : ms.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>
    /// OpenBLAS picks its kernels from the CPU it detects, and on some virtual CPUs (this VM reports a generic
    /// "Intel Xeon Processor") it falls back to a kernel five times slower than it could run. PyTorch must be the fairest
    /// rival, so each candidate core type (auto-detection, and the ones the CPU's flags allow) is timed on a 1024 float32
    /// GEMM and the fastest is used for the whole run.
    /// </summary>
    private static string? FastestOpenBlasCore()
    {
        string? best = null;
        double bestMs = double.MaxValue;
        foreach (var core in OpenBlasCoreCandidates().Prepend("auto"))
        {
            var probe = RunTorch("gemm_1024_f32", core, quiet: true);
            if (probe is null) continue;
            double ms = probe.Value.GetProperty("medians_ms").GetProperty("gemm_1024_f32").GetDouble();
            Console.WriteLine($"  OpenBLAS core type {core}: 1024 float32 GEMM {ms:0.0} ms");
            if (ms < bestMs) (best, bestMs) = (core, ms);
        }
        return best;
    }

    /// <summary>The OpenBLAS core types this CPU's flags allow, widest vectors first.</summary>
    internal static IEnumerable<string> OpenBlasCoreCandidates()
    {
        string flags = "";
        bool amd = false;
        try
        {
            flags = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) ?? "";
            amd = File.ReadAllText("/proc/cpuinfo").Contains("AuthenticAMD", StringComparison.Ordinal);
        }
        catch (IOException) { }
        var candidates = new List<string>();
        if (flags.Contains(" avx512_bf16", StringComparison.Ordinal)) candidates.Add("Cooperlake");
        if (flags.Contains(" avx512f", StringComparison.Ordinal)) candidates.Add(amd ? "Zen" : "SkylakeX");
        if (flags.Contains(" avx2", StringComparison.Ordinal)) candidates.Add(amd ? "Zen" : "Haswell");
        return candidates.Distinct();
    }

    /// <summary>A positive whole number given for <paramref name="option"/>, or an error that names the option and the text.</summary>
    internal static int PositiveInt(string text, string option) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw new ArgumentException($"{option} takes positive whole numbers (got \"{text}\").");

    private static JsonElement? RunTorch(string names, string coreType, bool quiet = false)
    {
        string script = Path.Combine(RepoRoot(), "tests", "CourseKit.Benchmarks", "torch_workloads.py");
        var start = new ProcessStartInfo("/usr/bin/python3", [script, "1", names])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        start.Environment["OPENBLAS_NUM_THREADS"] = "1";
        start.Environment["OMP_NUM_THREADS"] = "1";
        if (coreType != "auto") start.Environment["OPENBLAS_CORETYPE"] = coreType;
        start.RedirectStandardError = quiet;
        try
        {
            using var process = Process.Start(start)!;
            var errors = quiet ? process.StandardError.ReadToEndAsync() : null;
            string json = process.StandardOutput.ReadToEnd();
            errors?.Wait();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Console.Error.WriteLine($"The PyTorch side failed (exit {process.ExitCode}). It needs Debian's python3-torch and libopenblas0-pthread: " +
                                        "sudo apt-get install -y python3-torch libopenblas0-pthread");
                return null;
            }
            return JsonDocument.Parse(json).RootElement.Clone();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.Error.WriteLine($"Cannot start /usr/bin/python3 ({e.Message}). Install Debian's python3-torch and libopenblas0-pthread.");
            return null;
        }
    }

    internal static string? Option(IReadOnlyList<string> args, string name)
    {
        int i = args.ToList().IndexOf(name);
        return i >= 0 && i + 1 < args.Count ? args[i + 1] : null;
    }

    internal static string CpuName()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? "unknown" : line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException) { return "unknown"; }
    }

    internal static string RepoRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "CourseKit.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? Directory.GetCurrentDirectory();
    }
}
