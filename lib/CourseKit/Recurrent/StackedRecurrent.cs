using System.Numerics;
using CourseKit.Layers;
using CourseKit.Tensors;

namespace CourseKit.Recurrent;

/// <summary>
/// Recurrent layers stacked in depth: the outputs of one layer, step by step, are the input sequence of the next
/// (PyTorch's <c>num_layers</c>). The final state is the top layer's.
/// </summary>
public sealed class StackedRecurrent<T> : SequenceLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly SequenceLayer<T>[] layers;

    /// <summary>Stacks layers bottom to top; each layer's input size must equal the previous layer's output size.</summary>
    public StackedRecurrent(params SequenceLayer<T>[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Length == 0) throw new ArgumentException("A stack needs at least one layer.", nameof(layers));
        for (int k = 1; k < layers.Length; k++)
            if (layers[k].InputSize != layers[k - 1].OutputSize)
                throw new ShapeMismatchException(
                    $"Stacked RNN: layer {k} ({layers[k]}) takes {layers[k].InputSize} inputs but layer {k - 1} ({layers[k - 1]}) gives {layers[k - 1].OutputSize}.");
        this.layers = layers;
        for (int k = 0; k < layers.Length; k++) AddModule($"layer{k + 1}", layers[k]);
    }

    /// <summary>The layers, bottom first.</summary>
    public IReadOnlyList<SequenceLayer<T>> Layers => layers;

    /// <inheritdoc/>
    public override int InputSize => layers[0].InputSize;

    /// <inheritdoc/>
    public override int OutputSize => layers[^1].OutputSize;

    /// <inheritdoc/>
    public override Tensor<T> FinalState => layers[^1].FinalState;

    /// <inheritdoc/>
    public override Tensor<T> ForwardBorrowed(SequenceBatch<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var current = input;
        Tensor<T>? output = null;
        for (int k = 0; k < layers.Length; k++)
        {
            output = layers[k].ForwardBorrowed(current);
            current = AsSequences(output, input);
        }
        return output!;
    }

    /// <inheritdoc/>
    public override Tensor<T> Backward(Tensor<T>? outputGradient, Tensor<T>? finalStateGradient = null)
    {
        var gradient = layers[^1].Backward(outputGradient, finalStateGradient);
        for (int k = layers.Length - 2; k >= 0; k--) gradient = layers[k].Backward(gradient);
        return gradient;
    }

    /// <inheritdoc/>
    public override string ToString() => "Stacked(" + string.Join(" → ", layers.Select(l => l.ToString())) + ")";
}
