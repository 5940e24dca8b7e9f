using CourseKit.Activations;
using CourseKit.Layers;
using CourseKit.Tensors;

namespace CourseKit.Benchmarks.Workloads;

/// <summary>tanh(x·W) on 2×2 matrices (a 2×2 dense layer without bias): forward, or forward + backward.</summary>
public sealed class TinyOpWorkload(bool backward) : Workload
{
    private Dense<float> layer = null!;
    private Tensor<float> input = null!, gradient = null!;

    /// <inheritdoc/>
    public override string Name => backward ? "tiny_fwd_bwd" : "tiny_fwd";

    /// <inheritdoc/>
    public override string Description => $"tanh(2×2 · 2×2) {(backward ? "forward+backward" : "forward")}";

    /// <inheritdoc/>
    public override void Setup()
    {
        layer = new Dense<float>(Tensor.FromRows<float>([0.5f, -0.25f], [0.75f, 1f]), bias: null, activation: new Tanh<float>());
        input = Tensor.FromRows<float>([1f, 2f], [-1f, 0.5f]);
        gradient = Tensor.FromRows<float>([1f, -1f], [0.5f, 0.25f]);
        Run();
    }

    /// <inheritdoc/>
    public override void Run()
    {
        layer.Forward(input);
        if (backward) layer.Backward(gradient);
    }
}
