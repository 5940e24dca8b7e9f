using System.Numerics;
using CourseKit.Layers;
using CourseKit.Tensors;

namespace CourseKit.Recurrent;

/// <summary>
/// A layer that reads a whole <see cref="SequenceBatch{T}"/> and gives one output vector per time step
/// (time-major, like its input) plus a final state per sequence: the recurrent layers and their combinations.
/// </summary>
/// <remarks>
/// The outputs and final state are buffers the layer reuses: the next <see cref="Forward"/> overwrites them.
/// Padded positions produce zero outputs and take no part in the gradients.
/// </remarks>
public abstract class SequenceLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Size of each input vector.</summary>
    public abstract int InputSize { get; }

    /// <summary>Size of each output vector (and of the final state).</summary>
    public abstract int OutputSize { get; }

    /// <summary>
    /// Runs the sequences from zero initial states. Returns the outputs, (Steps·Batch × OutputSize), time-major,
    /// zero at padded positions.
    /// </summary>
    public abstract Tensor<T> Forward(SequenceBatch<T> input);

    /// <summary>
    /// The state summarising each whole sequence after the last <see cref="Forward"/>, (Batch × OutputSize):
    /// the "last hidden state" a many-to-one network classifies from.
    /// </summary>
    public abstract Tensor<T> FinalState { get; }

    /// <summary>
    /// Backpropagation through time. Takes ∂L/∂outputs (or null when only the final state feeds the loss) and
    /// ∂L/∂final state (or null), adds every parameter's gradient, and returns ∂L/∂input (Steps·Batch × InputSize).
    /// </summary>
    public abstract Tensor<T> Backward(Tensor<T>? outputGradient, Tensor<T>? finalStateGradient = null);

    /// <summary>The learnable parameters.</summary>
    public abstract IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>Total number of learnable numbers.</summary>
    public int ParameterCount => Parameters.Sum(p => p.Value.Length);

    /// <summary>Sets every parameter's gradient to zero.</summary>
    public void ZeroGradients()
    {
        foreach (var p in Parameters) p.ZeroGradient();
    }

    /// <summary>The outputs as a sequence batch with the input's lengths, ready to feed the next layer.</summary>
    protected static SequenceBatch<T> AsSequences(Tensor<T> outputs, SequenceBatch<T> like) =>
        new(outputs, like.Steps, like.Batch, like.Lengths.ToArray());

    /// <summary>Reuses <paramref name="buffer"/> when it already has the wanted shape, else allocates it.</summary>
    protected static Tensor<T> Ensure(ref Tensor<T>? buffer, int rows, int cols)
    {
        if (buffer is null || buffer.Rows != rows || buffer.Cols != cols) buffer = new Tensor<T>(rows, cols);
        return buffer;
    }
}
