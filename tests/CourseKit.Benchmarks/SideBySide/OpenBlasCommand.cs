using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json;
using CourseKit.Kernels;

namespace CourseKit.Benchmarks.SideBySide;

/// <summary>
/// <c>gemm-vs-openblas [--sizes 64,256,1024] [--rounds 30] [--core NAME] [--out file.json]</c>: CourseKit's GEMM against
/// Debian's OpenBLAS (the BLAS under PyTorch in the side-by-side) called in the same process, the two taking turns a few
/// calls at a time. The side-by-side's turns are 0.15 s and cross a process boundary; here each round's pair runs within
/// about 0.1 s on the same thread and the same data, so the ratio shows where the kernels stand when the shared VM's speed
/// drifts (it compares the GEMMs alone: PyTorch adds a few microseconds of dispatch per call).
/// </summary>
public static unsafe class OpenBlasCommand
{
    private const string Library = "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0";
    private const int RowMajor = 101, NoTrans = 111;

    /// <summary>Runs the comparison; returns the process exit code.</summary>
    public static int Run(IReadOnlyList<string> args)
    {
        int[] sizes;
        int rounds;
        try
        {
            sizes = (SideBySideCommand.Option(args, "--sizes") ?? "64,256,1024").Split(',').Select(s => SideBySideCommand.PositiveInt(s, "--sizes")).ToArray();
            rounds = SideBySideCommand.PositiveInt(SideBySideCommand.Option(args, "--rounds") ?? "30", "--rounds");
        }
        catch (ArgumentException e) { Console.Error.WriteLine(e.Message); return 2; }
        string output = SideBySideCommand.Option(args, "--out") ?? Path.Combine(SideBySideCommand.RepoRoot(), "artifacts", "benchmarks", "gemm-vs-openblas.json");

        // OpenBLAS reads these when it loads, from the C environment (Environment.SetEnvironmentVariable does not reach it).
        // Auto-detection can pick a five times slower kernel on a generically named virtual CPU, so a core type is chosen
        // from the CPU's flags unless --core or OPENBLAS_CORETYPE names one (the side-by-side times every candidate).
        string core = SideBySideCommand.Option(args, "--core") ?? Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") ?? CoreFromFlags();
        SetEnv("OPENBLAS_NUM_THREADS", "1");
        if (core != "auto") SetEnv("OPENBLAS_CORETYPE", core);
        if (!NativeLibrary.TryLoad(Library, out nint blas))
        {
            Console.Error.WriteLine($"Cannot load {Library}. Install Debian's OpenBLAS: sudo apt-get install -y libopenblas0-pthread");
            return 1;
        }
        var dgemm = (delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)NativeLibrary.GetExport(blas, "cblas_dgemm");
        var sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)NativeLibrary.GetExport(blas, "cblas_sgemm");
        var coreName = (delegate* unmanaged<sbyte*>)NativeLibrary.GetExport(blas, "openblas_get_corename");
        string reported = new(coreName());

        long oneCpu = 1L << (Environment.ProcessorCount - 1);
        bool pinned = SideBySideCommand.PinTo(oneCpu);
        Gemm.MaxThreads = 1;
        Console.WriteLine($"CourseKit GEMM vs OpenBLAS in one process, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, CPU: {SideBySideCommand.CpuName()}");
        Console.WriteLine($"OpenBLAS core {reported} (asked for {core}), one thread{(pinned ? $", on logical CPU {Environment.ProcessorCount - 1}" : "")}; " +
                          $"{rounds} rounds, each side's turn at least 3 samples of at least 2 ms, who goes first alternating.");
        Console.WriteLine();
        Console.WriteLine($"| {"product",-22} | {"OpenBLAS ms",11} | {"CourseKit ms",12} | {"ratio",6} | {"rounds 25–75 %",14} | {"GFLOP/s OpenBLAS",16} | {"GFLOP/s CourseKit",17} |");
        Console.WriteLine($"|{new string('-', 24)}|{new string('-', 13)}|{new string('-', 14)}|{new string('-', 8)}|{new string('-', 16)}|{new string('-', 18)}|{new string('-', 19)}|");
        var rows = new List<Dictionary<string, object>>();
        foreach (int n in sizes)
        {
            rows.Add(Compare<float>(n, rounds, (a, b, c) => sgemm(RowMajor, NoTrans, NoTrans, n, n, n, 1f, a, n, b, n, 0f, c, n)));
            rows.Add(Compare<double>(n, rounds, (a, b, c) => dgemm(RowMajor, NoTrans, NoTrans, n, n, n, 1.0, a, n, b, n, 0.0, c, n)));
        }
        var report = new Dictionary<string, object>
        {
            ["date_utc"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), ["cpu"] = SideBySideCommand.CpuName(),
            ["openblas_core"] = reported, ["rounds"] = rounds, ["products"] = rows,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        File.WriteAllText(output, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine();
        Console.WriteLine($"JSON: {output}");
        return 0;
    }

    private delegate void Blas<T>(T* a, T* b, T* c) where T : unmanaged;

    /// <summary>Times C = A·B (n × n, row-major, 64-byte aligned) on both sides in turns; checks both give the same C first.</summary>
    private static Dictionary<string, object> Compare<T>(int n, int rounds, Blas<T> blas) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(n);
        var a = new AlignedBuffer<T>(n * n);
        var b = new AlignedBuffer<T>(n * n);
        var c = new AlignedBuffer<T>(n * n);
        var check = new AlignedBuffer<T>(n * n);
        for (int i = 0; i < n * n; i++) { a.Span[i] = T.CreateTruncating(random.NextDouble() - 0.5); b.Span[i] = T.CreateTruncating(random.NextDouble() - 0.5); }
        void Ours() => Gemm.Multiply<T>(a.Span, n, false, b.Span, n, false, c.Span, n, n, n, n, false);
        void Theirs() => blas(a.Pointer, b.Pointer, check.Pointer);

        Ours();
        Theirs();
        // Entries in [-0.5, 0.5): a dot product of n terms is off by at most about n·ε in either library.
        double worst = 0, scale = n * double.CreateTruncating(T.BitIncrement(T.One) - T.One);
        for (int i = 0; i < n * n; i++) worst = Math.Max(worst, double.CreateTruncating(T.Abs(c.Span[i] - check.Span[i])));
        if (worst > scale)
            throw new InvalidOperationException($"GEMM {n}×{n} {Name<T>()}: CourseKit and OpenBLAS differ by {worst:E2} (more than {scale:E2}).");

        int oursReps = MedianTimer.WarmUp(Ours), theirsReps = MedianTimer.WarmUp(Theirs);
        var ours = new List<double>();
        var theirs = new List<double>();
        var ratios = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            List<double> o, t;
            if (round % 2 == 0) { t = MedianTimer.Samples(Theirs, theirsReps, 0); o = MedianTimer.Samples(Ours, oursReps, 0); }
            else { o = MedianTimer.Samples(Ours, oursReps, 0); t = MedianTimer.Samples(Theirs, theirsReps, 0); }
            ours.AddRange(o);
            theirs.AddRange(t);
            ratios.Add(MedianTimer.Median(o) / MedianTimer.Median(t));
        }
        double oursMs = MedianTimer.Median(ours), theirsMs = MedianTimer.Median(theirs), ratio = MedianTimer.Median(ratios);
        var sorted = ratios.Order().ToArray();
        double q1 = sorted[sorted.Length / 4], q3 = sorted[3 * sorted.Length / 4];
        double flop = 2.0 * n * n * n;
        string product = $"GEMM {n}×{n} {Name<T>()}";
        Console.WriteLine($"| {product,-22} | {SideBySideCommand.F(theirsMs),11} | {SideBySideCommand.F(oursMs),12} | {ratio,6:0.000} | {$"{q1:0.000}–{q3:0.000}",14} | " +
                          $"{flop / theirsMs / 1e6,16:0.0} | {flop / oursMs / 1e6,17:0.0} |");
        return new()
        {
            ["n"] = n, ["type"] = Name<T>(), ["openblas_ms"] = theirsMs, ["coursekit_ms"] = oursMs, ["ratio"] = ratio,
            ["ratio_quartiles"] = new[] { q1, q3 }, ["round_ratios"] = ratios, ["largest_difference"] = worst,
        };
    }

    private static string Name<T>() => typeof(T) == typeof(float) ? "float32" : "float64";

    // The first core type the CPU's flags allow (the side-by-side times each of them and keeps the fastest).
    private static string CoreFromFlags() => SideBySideCommand.OpenBlasCoreCandidates().FirstOrDefault() ?? "auto";

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnvNative(string name, string value, int overwrite);

    private static void SetEnv(string name, string value) => _ = SetEnvNative(name, value, 1);
}
