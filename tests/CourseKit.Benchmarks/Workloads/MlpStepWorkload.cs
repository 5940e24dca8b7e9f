using CourseKit.Activations;
using CourseKit.Layers;
using CourseKit.Losses;
using CourseKit.Optimizers;
using CourseKit.Tensors;

namespace CourseKit.Benchmarks.Workloads;

/// <summary>One training step of a 784-256-256-10 ReLU MLP, batch 64, cross-entropy, Adam (lr 1e-3), float32.</summary>
public sealed class MlpStepWorkload : Workload
{
    private const int Batch = 64, Inputs = 784, Hidden = 256, Classes = 10;
    private Sequential<float> mlp = null!;
    private CrossEntropy<float> loss = null!;
    private Adam<float> adam = null!;
    private Tensor<float> images = null!, labels = null!;

    /// <inheritdoc/>
    public override string Name => "mlp_step";

    /// <inheritdoc/>
    public override string Description => "MLP 784-256-256-10 step (b64, CE, Adam)";

    /// <inheritdoc/>
    public override void Setup()
    {
        var random = new Random(0);
        mlp = new Sequential<float>(
            new Dense<float>(Inputs, Hidden, new Relu<float>(), random),
            new Dense<float>(Hidden, Hidden, new Relu<float>(), random),
            new Dense<float>(Hidden, Classes, null, random))
        {
            ComputesInputGradient = false,   // the images need no gradient (PyTorch: x without requires_grad)
        };
        loss = new CrossEntropy<float>();
        adam = new Adam<float>(mlp.Parameters, 1e-3);
        images = Tensor.Normal(Batch, Inputs, 0f, 1f, random);
        labels = new Tensor<float>(Batch, 1);
        for (int r = 0; r < Batch; r++) labels[r, 0] = random.Next(Classes);
        Run();
    }

    /// <summary>Zero gradients, forward, loss, backward, Adam update.</summary>
    public override void Run()
    {
        adam.ZeroGradients();
        loss.Forward(mlp.Forward(images), labels);
        mlp.Backward(loss.Backward());
        adam.Step();
    }
}
