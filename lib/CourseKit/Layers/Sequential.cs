using System.Numerics;
using CourseKit.Tensors;
using CourseKit.Worked;

namespace CourseKit.Layers;

/// <summary>
/// Layers applied one after another: the slide's composition <c>o = g(g(g(i W¹) W²) W³)</c>.
/// Backward runs the layers in reverse, each passing ∂loss/∂input to the layer before it (backpropagation).
/// Parameters are named by their layer's position from 1, as on the slide: "layer1.W" is W¹.
/// </summary>
public sealed class Sequential<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Layer<T>[] layers;

    /// <summary>Composes <paramref name="layers"/> in order.</summary>
    public Sequential(params Layer<T>[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Length == 0) throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        this.layers = layers;
        for (int i = 0; i < layers.Length; i++) AddModule($"layer{i + 1}", layers[i]);
    }

    /// <summary>The layers, first to last.</summary>
    public IReadOnlyList<Layer<T>> Layers => layers;

    /// <summary>Passed to the first layer: whether Backward computes ∂loss/∂input (see <see cref="Layer{T}.ComputesInputGradient"/>).</summary>
    public override bool ComputesInputGradient
    {
        get => layers[0].ComputesInputGradient;
        set => layers[0].ComputesInputGradient = value;
    }

    /// <inheritdoc/>
    public override Tensor<T> ForwardBorrowed(Tensor<T> input)
    {
        var x = input;
        foreach (var layer in layers) x = layer.ForwardBorrowed(x);
        return x;
    }

    /// <inheritdoc/>
    public override Tensor<T> Backward(Tensor<T> outputGradient)
    {
        var g = outputGradient;
        for (int i = layers.Length - 1; i >= 0; i--) g = layers[i].Backward(g);
        return g;
    }

    /// <summary>The output for <paramref name="input"/> in evaluation mode (dropout off), as a tensor the caller owns.</summary>
    public Tensor<T> Predict(Tensor<T> input)
    {
        bool wasTraining = IsTraining;
        IsTraining = false;
        try { return Forward(input); }
        finally { IsTraining = wasTraining; }
    }

    /// <summary>
    /// Every layer's forward pass written out with numbers, labelled as on the composition slide:
    /// <c>i</c> enters, layer k uses <c>W^k</c> and <c>b^k</c> and produces <c>h^k</c>; the last output is <c>o</c>.
    /// </summary>
    public WorkedComputation<T> Explain(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var all = new WorkedComputation<T>("Feedforward: " + ToString());
        var x = input;
        string symbol = @"\mathbf{i}";
        for (int i = 0; i < layers.Length; i++)
        {
            string k = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            string output = i == layers.Length - 1 ? @"\mathbf{o}" : $@"\mathbf{{h}}^{{{k}}}";
            if (layers[i] is Dense<T> dense)
            {
                var work = dense.Explain(x, symbol, $@"\mathbf{{W}}^{{{k}}}", $@"\mathbf{{b}}^{{{k}}}", output);
                all.AddRange(work);
                x = work.Result;
            }
            else
            {
                var y = layers[i].Forward(x);
                all.Step($"layer {k}: {layers[i]}", $@"\mathrm{{{layers[i]}}}({symbol})", x.ToLatex(), y, output);
                x = y;
            }
            symbol = output;
        }
        return all;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(" → ", layers.Select(l => l.ToString()));
}
