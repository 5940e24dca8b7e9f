using System.Numerics;
using CourseKit.Tensors;

namespace CourseKit.Layers;

/// <summary>How a dense layer's weights are drawn before training (biases start at zero).</summary>
public enum WeightInit
{
    /// <summary>He for ReLU-like activations, Xavier otherwise.</summary>
    Auto,
    /// <summary>Glorot/Xavier uniform: U(−a, a), a = √(6 / (in + out)). Keeps variance steady for tanh and sigmoid.</summary>
    XavierUniform,
    /// <summary>Glorot/Xavier normal: N(0, 2 / (in + out)).</summary>
    XavierNormal,
    /// <summary>He/Kaiming uniform: U(−a, a), a = √(6 / in). Makes up for ReLU zeroing half its inputs.</summary>
    HeUniform,
    /// <summary>He/Kaiming normal: N(0, 2 / in).</summary>
    HeNormal,
    /// <summary>PyTorch's <c>nn.Linear</c> default: U(−1/√in, 1/√in) for weights and biases.</summary>
    PyTorchDefault,
}

/// <summary>Draws initial weights; every draw comes from the <see cref="Random"/> passed in, so a seed reproduces it.</summary>
public static class Initializers
{
    /// <summary>Fills a (fanIn × fanOut) weight tensor according to <paramref name="init"/>.</summary>
    public static void Fill<T>(Tensor<T> weights, WeightInit init, Random random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(random);
        int fanIn = weights.Rows, fanOut = weights.Cols;
        var span = weights.Span;
        switch (init)
        {
            case WeightInit.XavierUniform: Uniform(span, Math.Sqrt(6.0 / (fanIn + fanOut)), random); break;
            case WeightInit.XavierNormal: Normal(span, Math.Sqrt(2.0 / (fanIn + fanOut)), random); break;
            case WeightInit.HeUniform: Uniform(span, Math.Sqrt(6.0 / fanIn), random); break;
            case WeightInit.HeNormal: Normal(span, Math.Sqrt(2.0 / fanIn), random); break;
            case WeightInit.PyTorchDefault: Uniform(span, 1.0 / Math.Sqrt(fanIn), random); break;
            default: throw new ArgumentOutOfRangeException(nameof(init), $"Resolve {init} to a concrete scheme first.");
        }
    }

    /// <summary>Fills with U(−bound, bound).</summary>
    public static void Uniform<T>(Span<T> values, double bound, Random random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < values.Length; i++) values[i] = T.CreateChecked((2 * random.NextDouble() - 1) * bound);
    }

    /// <summary>Fills with N(0, std²).</summary>
    public static void Normal<T>(Span<T> values, double std, Random random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < values.Length; i++) values[i] = T.CreateChecked(std * Tensor.StandardNormal(random));
    }
}
