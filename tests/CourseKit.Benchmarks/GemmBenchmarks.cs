using BenchmarkDotNet.Attributes;
using CourseKit.Kernels;

namespace CourseKit.Benchmarks;

/// <summary>
/// Square GEMM, C = A·B (no transposes, no accumulation), through the packed, register-tiled
/// <see cref="Gemm.Multiply{T}(Tensor{T}, bool, Tensor{T}, bool, Tensor{T}, bool)"/>, in float32 and float64.
/// The summary's GFLOP/s column is 2·N³ / Mean. The kernel is single-threaded, so compare with one core's peak.
/// </summary>
[MemoryDiagnoser]
[GflopsColumn]
public class GemmBenchmarks
{
    private Tensor<float> af = null!, bf = null!, cf = null!;
    private Tensor<double> ad = null!, bd = null!, cd = null!;

    /// <summary>Rows = columns = inner size of every matrix.</summary>
    [Params(64, 256, 1024)]
    public int N { get; set; }

    /// <summary>Random N×N float32 operands, drawn once per case (fixed seeds).</summary>
    [GlobalSetup(Target = nameof(Float32))]
    public void SetupFloat32()
    {
        af = Tensor.Normal(N, N, 0f, 1f, new Random(1));
        bf = Tensor.Normal(N, N, 0f, 1f, new Random(2));
        cf = new Tensor<float>(N, N);
    }

    /// <summary>Random N×N float64 operands, drawn once per case (fixed seeds).</summary>
    [GlobalSetup(Target = nameof(Float64))]
    public void SetupFloat64()
    {
        ad = Tensor.Normal(N, N, 0.0, 1.0, new Random(1));
        bd = Tensor.Normal(N, N, 0.0, 1.0, new Random(2));
        cd = new Tensor<double>(N, N);
    }

    /// <summary>C = A·B in float32.</summary>
    [Benchmark]
    public Tensor<float> Float32()
    {
        Gemm.Multiply(af, false, bf, false, cf, accumulate: false);
        return cf;
    }

    /// <summary>C = A·B in float64.</summary>
    [Benchmark]
    public Tensor<double> Float64()
    {
        Gemm.Multiply(ad, false, bd, false, cd, accumulate: false);
        return cd;
    }
}
