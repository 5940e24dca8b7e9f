using System.Globalization;
using CourseKit.Benchmarks.Workloads;
using CourseKit.Kernels;

namespace CourseKit.Benchmarks.SideBySide;

/// <summary>
/// <c>gemm-peak [--isa avx2|sse|scalar] [--seconds 1]</c>: one core's peak loop (<see cref="PeakLoop"/>) and the square
/// GEMMs' GFLOP/s on one thread, on this CPU's widest vector path or the one asked for. Quicker than the side-by-side
/// when only the kernels are in question.
/// </summary>
public static class GemmPeakCommand
{
    /// <summary>Runs the measurement; returns the process exit code.</summary>
    public static int Run(IReadOnlyList<string> args)
    {
        if (Isa.RunOn(SideBySideCommand.Option(args, "--isa"), ["gemm-peak", .. args]) is int code) return code;
        double seconds = double.Parse(SideBySideCommand.Option(args, "--seconds") ?? "1", CultureInfo.InvariantCulture);
        long oneCpu = 1L << (Environment.ProcessorCount - 1);
        SideBySideCommand.PinTo(oneCpu);
        Gemm.MaxThreads = 1;
        Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, CPU: {SideBySideCommand.CpuName()}, on logical CPU {Environment.ProcessorCount - 1}");
        Console.WriteLine($"ISA: {Isa.Describe()}");
        double peak32 = PeakLoop.Gflops<float>(seconds / 2), peak64 = PeakLoop.Gflops<double>(seconds / 2);
        Console.WriteLine($"peak loop: float {peak32:0.0} GFLOP/s, double {peak64:0.0} GFLOP/s");
        foreach (var w in Workload.All().OfType<IGemmWorkload>())
        {
            var workload = (Workload)w;
            workload.Setup();
            int reps = MedianTimer.WarmUp(workload.Run);
            double ms = MedianTimer.Median(MedianTimer.Samples(workload.Run, reps, seconds));
            double gflops = w.Flops / ms / 1e6, peak = w.IsDouble ? peak64 : peak32;
            Console.WriteLine($"{workload.Description,-24} {ms,9:0.0000} ms {gflops,7:0.0} GFLOP/s {100 * gflops / peak,5:0} % of peak");
        }
        return 0;
    }
}
