using CourseKit.Recurrent.Architectures;
using CourseKit.Recurrent;
using CourseKit.Tensors;

namespace CourseKit.Benchmarks.Workloads;

/// <summary>
/// One forward + backward pass of a recurrent layer over batch 32, 50 steps, 64 inputs, 128 hidden units (float32),
/// with a fixed gradient on every output and the input gradient computed (PyTorch: x.requires_grad, out.backward(R)).
/// </summary>
public sealed class RecurrentStepWorkload(CellKind kind, bool bidirectional) : Workload
{
    private const int Batch = 32, Steps = 50, Inputs = 64, Hidden = 128;
    private SequenceLayer<float> layer = null!;
    private SequenceBatch<float> input = null!;
    private Tensor<float> outputGradient = null!;

    /// <inheritdoc/>
    public override string Name => (bidirectional ? "bi" : "") + kind switch
    {
        CellKind.Lstm => "lstm",
        CellKind.SimpleRnn => "rnn_tanh",
        _ => "gru",
    } + "_step";

    /// <inheritdoc/>
    public override string Description => $"{(bidirectional ? "bidirectional " : "")}{kind} fwd+bwd (b32, T50, 64→128)";

    /// <inheritdoc/>
    public override void Setup()
    {
        var random = new Random(1);
        layer = RecurrentEncoder.Create<float>(kind, Inputs, Hidden, bidirectional, random: random);
        input = new SequenceBatch<float>(Tensor.Normal(Steps * Batch, Inputs, 0f, 1f, random), Steps, Batch);
        outputGradient = Tensor.Normal(Steps * Batch, layer.OutputSize, 0f, 1f, random);
        Run();
    }

    /// <summary>Zero gradients, forward over the sequence, backpropagation through time.</summary>
    public override void Run()
    {
        layer.ZeroGradients();
        layer.Forward(input);
        layer.Backward(outputGradient);
    }
}
