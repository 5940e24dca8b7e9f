using System.Globalization;
using System.Text.Json;
using CourseKit.Benchmarks.Workloads;
using CourseKit.Kernels;

namespace CourseKit.Benchmarks.SideBySide;

/// <summary>
/// <c>serve [--isa avx2|sse|scalar]</c>: CourseKit's workloads on one thread behind the same line protocol as
/// <c>torch_workloads.py --serve</c> (<c>setup NAME</c>, <c>sample NAME SECONDS</c>, <c>quit</c>; one JSON line back each),
/// so the side-by-side can set CourseKit on one vector path against CourseKit on another (<c>--vs-isa</c>) in turns,
/// as it does against PyTorch.
/// </summary>
public static class ServeCommand
{
    /// <summary>Answers commands from stdin until <c>quit</c> or its end; returns the process exit code.</summary>
    public static int Run(IReadOnlyList<string> args)
    {
        if (Isa.RunOn(SideBySideCommand.Option(args, "--isa"), ["serve", .. args]) is int code) return code;
        Gemm.MaxThreads = 1;
        var table = Workload.All().ToDictionary(w => w.Name);
        var reps = new Dictionary<string, int>();
        while (Console.ReadLine() is string line)
        {
            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || parts[0] == "quit") break;
            var w = table[parts[1]];
            if (parts[0] == "setup")
            {
                w.Setup();
                reps[w.Name] = MedianTimer.WarmUp(w.Run);
                Console.WriteLine(JsonSerializer.Serialize(new { ok = true, isa = Isa.Current }));
            }
            else if (parts[0] == "sample")
                Console.WriteLine(JsonSerializer.Serialize(MedianTimer.Samples(w.Run, reps[w.Name], double.Parse(parts[2], CultureInfo.InvariantCulture))));
        }
        return 0;
    }
}
