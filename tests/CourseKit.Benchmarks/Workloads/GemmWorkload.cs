using System.Numerics;
using CourseKit.Kernels;
using CourseKit.Tensors;

namespace CourseKit.Benchmarks.Workloads;

/// <summary>A workload that is one matrix product: its floating-point operations, for GFLOP/s.</summary>
public interface IGemmWorkload
{
    /// <summary>2·n³ for a square product of size n.</summary>
    double Flops { get; }

    /// <summary>Whether the product is in float64 (compared with the double peak).</summary>
    bool IsDouble { get; }
}

/// <summary>Square C = A·B of size n (torch.mm(a, b, out=c)).</summary>
public sealed class GemmWorkload<T>(int n) : Workload, IGemmWorkload where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T> a = null!, b = null!, c = null!;

    /// <summary>Matrix size.</summary>
    public int N => n;

    /// <inheritdoc/>
    public double Flops => 2.0 * n * n * n;

    /// <inheritdoc/>
    public bool IsDouble => typeof(T) == typeof(double);

    /// <inheritdoc/>
    public override string Name => $"gemm_{n}_{(typeof(T) == typeof(float) ? "f32" : "f64")}";

    /// <inheritdoc/>
    public override string Description => $"GEMM {n}×{n} {(typeof(T) == typeof(float) ? "float32" : "float64")}";

    /// <inheritdoc/>
    public override void Setup()
    {
        var random = new Random(n);
        a = Tensor.Normal(n, n, T.Zero, T.One, random);
        b = Tensor.Normal(n, n, T.Zero, T.One, random);
        c = new Tensor<T>(n, n);
        Run();
    }

    /// <inheritdoc/>
    public override void Run() => Gemm.Multiply(a, false, b, false, c, accumulate: false);
}
