using BenchmarkDotNet.Attributes;
using CourseKit.Benchmarks.Workloads;

namespace CourseKit.Benchmarks;

/// <summary>
/// Square GEMM, C = A·B (no transposes, no accumulation), through the packed, register-tiled <c>Gemm.Multiply</c>, in
/// float32 and float64: the side-by-side comparison's GEMM workloads. The summary's GFLOP/s column is 2·N³ / Mean.
/// One thread unless <c>COURSEKIT_THREADS</c> says otherwise, so compare with one core's peak.
/// </summary>
[MemoryDiagnoser]
[GflopsColumn]
public class GemmBenchmarks
{
    private GemmWorkload<float> single = null!;
    private GemmWorkload<double> dbl = null!;

    /// <summary>Rows = columns = inner size of every matrix.</summary>
    [Params(64, 256, 1024)]
    public int N { get; set; }

    /// <summary>Random N×N operands, drawn once per case (fixed seeds).</summary>
    [GlobalSetup]
    public void Setup()
    {
        single = new GemmWorkload<float>(N);
        dbl = new GemmWorkload<double>(N);
        single.Setup();
        dbl.Setup();
    }

    /// <summary>C = A·B in float32.</summary>
    [Benchmark]
    public void Float32() => single.Run();

    /// <summary>C = A·B in float64.</summary>
    [Benchmark]
    public void Float64() => dbl.Run();
}
