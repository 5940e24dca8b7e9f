using CourseKit.Examples;

namespace CourseKit.Benchmarks.Workloads;

/// <summary>The lecture's XOR 2-2-1 ReLU network trained from scratch: 5000 full-batch Adam steps (lr 0.05, MSE), float32.</summary>
public sealed class XorWorkload : Workload
{
    /// <inheritdoc/>
    public override string Name => "xor_5000_adam";

    /// <inheritdoc/>
    public override string Description => "XOR 2-2-1, 5000 full-batch Adam steps";

    /// <inheritdoc/>
    public override void Setup() => Run();

    /// <inheritdoc/>
    public override void Run() => Xor.Train<float>(seed: 0, epochs: 5000, learningRate: 0.05);
}
