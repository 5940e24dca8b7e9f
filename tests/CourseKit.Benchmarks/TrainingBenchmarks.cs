using BenchmarkDotNet.Attributes;
using CourseKit.Activations;
using CourseKit.Examples;
using CourseKit.Layers;
using CourseKit.Losses;
using CourseKit.Optimizers;

namespace CourseKit.Benchmarks;

/// <summary>
/// What a training loop costs, from a whole step of a small MNIST-sized MLP down to one 2×2 layer, in float32.
/// </summary>
[MemoryDiagnoser]
public class TrainingBenchmarks
{
    private const int Batch = 64, Inputs = 784, Hidden = 256, Classes = 10;

    private Sequential<float> mlp = null!;
    private CrossEntropy<float> crossEntropy = null!;
    private Adam<float> adam = null!;
    private Tensor<float> images = null!, labels = null!;

    private Dense<float> tiny = null!;
    private Tensor<float> tinyInput = null!, tinyGradient = null!;

    /// <summary>
    /// A 784-256-256-10 ReLU network with Adam (lr 1e-3) and a fixed random batch of 64 inputs with class labels 0–9.
    /// The first step runs here, so the measured steps find every layer's and the loss's buffers already allocated.
    /// </summary>
    [GlobalSetup(Target = nameof(MlpTrainingStep))]
    public void SetupMlp()
    {
        var random = new Random(0);
        mlp = new Sequential<float>(
            new Dense<float>(Inputs, Hidden, new ReLU<float>(), random),
            new Dense<float>(Hidden, Hidden, new ReLU<float>(), random),
            new Dense<float>(Hidden, Classes, null, random));
        crossEntropy = new CrossEntropy<float>();
        adam = new Adam<float>(mlp.Parameters, 1e-3);
        images = Tensor.Normal(Batch, Inputs, 0f, 1f, random);
        labels = new Tensor<float>(Batch, 1);
        for (int r = 0; r < Batch; r++) labels[r, 0] = random.Next(Classes);
        MlpTrainingStep();
    }

    /// <summary>One training step, batch 64: zero gradients, forward, cross-entropy, backward, Adam update.</summary>
    [Benchmark]
    public float MlpTrainingStep()
    {
        adam.ZeroGradients();
        float loss = crossEntropy.Forward(mlp.Forward(images), labels);
        mlp.Backward(crossEntropy.Backward());
        adam.Step();
        return loss;
    }

    /// <summary>The lecture's XOR 2-2-1 network trained from scratch: 5000 full-batch Adam steps (lr 0.05, seed 0).</summary>
    [Benchmark]
    public XorTraining<float> Xor5000AdamSteps() => Xor.Train<float>(seed: 0, epochs: 5000, learningRate: 0.05);

    /// <summary>A 2×2 layer without bias, o = tanh(x W), on a 2×2 input, and a fixed output gradient.</summary>
    [GlobalSetup(Targets = [nameof(Tiny2x2TanhForward), nameof(Tiny2x2TanhForwardBackward)])]
    public void SetupTiny()
    {
        tiny = new Dense<float>(Tensor.FromRows<float>([0.5f, -0.25f], [0.75f, 1f]), bias: null, activation: new Tanh<float>());
        tinyInput = Tensor.FromRows<float>([1f, 2f], [-1f, 0.5f]);
        tinyGradient = Tensor.FromRows<float>([1f, -1f], [0.5f, 0.25f]);
        Tiny2x2TanhForwardBackward();
    }

    /// <summary>2×2 matmul + tanh: the layer's forward pass.</summary>
    [Benchmark]
    public Tensor<float> Tiny2x2TanhForward() => tiny.Forward(tinyInput);

    /// <summary>
    /// Forward, then backward with the fixed gradient. dW accumulates across calls (nothing zeroes it), which is what
    /// the layer does between optimizer steps; the values stay bounded well within float range.
    /// </summary>
    [Benchmark]
    public Tensor<float> Tiny2x2TanhForwardBackward()
    {
        tiny.Forward(tinyInput);
        return tiny.Backward(tinyGradient);
    }
}
