using BenchmarkDotNet.Attributes;
using CourseKit.Benchmarks.Workloads;

namespace CourseKit.Benchmarks;

/// <summary>
/// What a training loop costs, from a whole step of a small MNIST-sized MLP down to one 2×2 layer, in float32: the
/// side-by-side comparison's workloads (see Workloads/ for exactly what each one does).
/// </summary>
[MemoryDiagnoser]
public class TrainingBenchmarks
{
    private readonly MlpStepWorkload mlp = new();
    private readonly XorWorkload xor = new();
    private readonly TinyOpWorkload tinyForward = new(backward: false), tinyForwardBackward = new(backward: true);

    /// <summary>Builds every workload and runs it once, so the measured calls find their buffers allocated.</summary>
    [GlobalSetup]
    public void Setup()
    {
        mlp.Setup();
        xor.Setup();
        tinyForward.Setup();
        tinyForwardBackward.Setup();
    }

    /// <summary>One training step of the 784-256-256-10 ReLU MLP, batch 64: zero gradients, forward, cross-entropy, backward, Adam.</summary>
    [Benchmark]
    public void MlpTrainingStep() => mlp.Run();

    /// <summary>The lecture's XOR 2-2-1 network trained from scratch: 5000 full-batch Adam steps (lr 0.05, seed 0).</summary>
    [Benchmark]
    public void Xor5000AdamSteps() => xor.Run();

    /// <summary>2×2 matmul + tanh: the layer's forward pass.</summary>
    [Benchmark]
    public void Tiny2x2TanhForward() => tinyForward.Run();

    /// <summary>Forward, then backward with a fixed gradient (dW accumulates across calls, as between optimizer steps).</summary>
    [Benchmark]
    public void Tiny2x2TanhForwardBackward() => tinyForwardBackward.Run();
}
