using System.Globalization;
using CourseKit.Benchmarks.Workloads;
using CourseKit.Kernels;

namespace CourseKit.Benchmarks.SideBySide;

/// <summary>
/// <c>gemm-peak [--isa avx2|sse|scalar] [--seconds 1]</c>: one core's peak loop (<see cref="PeakLoop"/>) and the square
/// GEMMs' GFLOP/s on one thread, each against the peak loop run in turns beside it, on this CPU's widest vector path
/// or the one asked for. Quicker than the side-by-side when only the kernels are in question.
/// </summary>
public static class GemmPeakCommand
{
    private const int Turns = 10;

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
        // The peak loop runs again beside each GEMM, in alternating turns, and each turn's GEMM is set against the peak
        // measured just before it: on a shared virtual machine the CPU's speed drifts by tens of percent within minutes.
        double peak32 = PeakLoop.Gflops<float>(seconds / 4), peak64 = PeakLoop.Gflops<double>(seconds / 4);
        Console.WriteLine($"peak loop: float {peak32:0.0} GFLOP/s, double {peak64:0.0} GFLOP/s (at the start; each row's share is paired turn by turn)");
        foreach (var w in Workload.All().OfType<IGemmWorkload>())
        {
            var workload = (Workload)w;
            workload.Setup();
            int reps = MedianTimer.WarmUp(workload.Run);
            var times = new List<double>();
            var shares = new List<double>();
            for (int turn = 0; turn < Turns; turn++)
            {
                double peak = w.IsDouble ? PeakLoop.Gflops<double>(seconds / Turns / 2) : PeakLoop.Gflops<float>(seconds / Turns / 2);
                double ms = MedianTimer.Median(MedianTimer.Samples(workload.Run, reps, seconds / Turns / 2));
                times.Add(ms);
                shares.Add(w.Flops / ms / 1e6 / peak);
            }
            double median = MedianTimer.Median(times), gflops = w.Flops / median / 1e6;
            Console.WriteLine($"{workload.Description,-24} {median,9:0.0000} ms {gflops,7:0.0} GFLOP/s {100 * MedianTimer.Median(shares),5:0} % of peak");
        }
        return 0;
    }
}
