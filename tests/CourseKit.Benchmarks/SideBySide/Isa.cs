using System.Diagnostics;
using System.Runtime.Intrinsics;
using CourseKit.Kernels;

namespace CourseKit.Benchmarks.SideBySide;

/// <summary>
/// The vector instruction set CourseKit runs on (the JIT's choice for this process), and how to start this program on a
/// narrower one: .NET reads the DOTNET_Enable* variables only when a process starts, so <c>--isa</c> starts a child.
/// </summary>
public static class Isa
{
    /// <summary>The names <c>--isa</c> accepts, widest first.</summary>
    public static readonly string[] Names = ["avx512", "avx2", "sse", "neon", "scalar"];

    // Set in the child, so it never starts another (and says so if the CPU lacks the path asked for).
    private const string ChildMarker = "COURSEKIT_ISA_CHILD";

    /// <summary>The path this process runs: one of <see cref="Names"/>.</summary>
    public static string Current =>
        Vector512.IsHardwareAccelerated ? "avx512"
        : Vector256.IsHardwareAccelerated ? "avx2"
        : Vector128.IsHardwareAccelerated ? (System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported ? "neon" : "sse")
        : "scalar";

    /// <summary>One line for reports: the path, whether multiply-adds are fused, the GEMM kernel and the float tanh and sigmoid.</summary>
    public static string Describe() =>
        $"{Current} ({(System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported ? "fused multiply-add" : "no fused multiply-add")}); " +
        $"GEMM kernel {Gemm.KernelName}; float tanh and sigmoid {ActivationKernels.FloatFunctionsPath}";

    /// <summary>The DOTNET_Enable* settings that make the JIT take <paramref name="isa"/> on a CPU that has it (x64).</summary>
    public static IReadOnlyDictionary<string, string> Variables(string isa) => isa switch
    {
        // .NET 10 reads DOTNET_EnableAVX512; earlier runtimes read DOTNET_EnableAVX512F. Both, so either turns AVX-512 off.
        "avx2" => new Dictionary<string, string> { ["DOTNET_EnableAVX512F"] = "0", ["DOTNET_EnableAVX512"] = "0" },
        "sse" => new Dictionary<string, string> { ["DOTNET_EnableAVX"] = "0" },
        "scalar" => new Dictionary<string, string> { ["DOTNET_EnableHWIntrinsic"] = "0" },
        _ => new Dictionary<string, string>(),
    };

    /// <summary>
    /// Null when this process already runs <paramref name="isa"/> (or none was asked for); else the exit code of this
    /// program run again as a child with <paramref name="args"/> and the matching variables, or 2 when it cannot be.
    /// </summary>
    public static int? RunOn(string? isa, IEnumerable<string> args)
    {
        if (isa is null || isa == Current) return null;
        if (!Names.Contains(isa))
        {
            Console.Error.WriteLine($"--isa takes one of {string.Join(", ", Names)} (got \"{isa}\").");
            return 2;
        }
        if (Environment.GetEnvironmentVariable(ChildMarker) is not null || isa is "avx512" or "neon")
        {
            Console.Error.WriteLine($"Asked for --isa {isa}, but this process runs {Current}: the CPU lacks it, or a DOTNET_Enable* variable turned it off.");
            return 2;
        }
        var start = StartInfo(isa, args);
        using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start this program again.");
        child.WaitForExit();
        return child.ExitCode;
    }

    /// <summary>This program with <paramref name="args"/>, on <paramref name="isa"/>, its output not redirected.</summary>
    public static ProcessStartInfo StartInfo(string isa, IEnumerable<string> args)
    {
        string host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        // Under `dotnet CourseKit.Benchmarks.dll` the host needs the assembly first; the apphost does not.
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(typeof(Isa).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        // A child of a child would inherit the first child's settings: start from none.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("DOTNET_Enable", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        foreach (var (name, value) in Variables(isa)) start.Environment[name] = value;
        start.Environment[ChildMarker] = isa;
        return start;
    }
}
