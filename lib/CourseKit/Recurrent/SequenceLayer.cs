using System.Numerics;
using CourseKit.Layers;
using CourseKit.Tensors;

namespace CourseKit.Recurrent;

/// <summary>
/// A module that reads a whole <see cref="SequenceBatch{T}"/> and gives one output vector per time step
/// (time-major, like its input) plus a final state per sequence: the recurrent layers and their combinations.
/// </summary>
/// <remarks>
/// <see cref="Forward"/> returns outputs the caller owns; <see cref="ForwardBorrowed"/> lends the layer's own buffer
/// until its next forward pass, for loops that use the outputs at once. <see cref="FinalState"/> is the layer's buffer too.
/// Padded positions produce zero outputs and take no part in the gradients.
/// </remarks>
public abstract class SequenceLayer<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Size of each input vector.</summary>
    public abstract int InputSize { get; }

    /// <summary>Size of each output vector (and of the final state).</summary>
    public abstract int OutputSize { get; }

    /// <summary>
    /// Runs the sequences from the layer's initial states (zeros unless set). Returns the outputs, (Steps·Batch × OutputSize), time-major,
    /// zero at padded positions; the caller owns them.
    /// </summary>
    public Tensor<T> Forward(SequenceBatch<T> input) => ForwardBorrowed(input).Clone();

    /// <summary>As <see cref="Forward"/>, but the outputs are the layer's buffer, lent until its next forward pass.</summary>
    public abstract Tensor<T> ForwardBorrowed(SequenceBatch<T> input);

    /// <summary>
    /// The state summarising each whole sequence after the last forward pass, (Batch × OutputSize): the "last hidden
    /// state" a many-to-one network classifies from. The layer's buffer: clone it to keep it past the next pass.
    /// </summary>
    public abstract Tensor<T> FinalState { get; }

    /// <summary>
    /// Backpropagation through time. Takes ∂L/∂outputs (or null when only the final state feeds the loss) and
    /// ∂L/∂final state (or null), adds every parameter's gradient, and returns ∂L/∂input (Steps·Batch × InputSize).
    /// </summary>
    public abstract Tensor<T> Backward(Tensor<T>? outputGradient, Tensor<T>? finalStateGradient = null);

    /// <summary>The outputs as a sequence batch with the input's lengths, ready to feed the next layer.</summary>
    protected static SequenceBatch<T> AsSequences(Tensor<T> outputs, SequenceBatch<T> like) =>
        new(outputs, like.Steps, like.Batch, like.Lengths.ToArray());
}
