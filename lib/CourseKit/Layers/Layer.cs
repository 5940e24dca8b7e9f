using System.Numerics;
using CourseKit.Tensors;

namespace CourseKit.Layers;

/// <summary>
/// A module that maps a batch of rows to a batch of rows: a forward pass and, right beside it, the backward pass that
/// undoes it for gradients. Inputs are <c>(batch × features)</c>.
/// </summary>
/// <remarks>
/// <see cref="Forward"/> returns a tensor the caller owns. Loops that use an output at once and then move on (a
/// training step, a network passing rows from layer to layer) call <see cref="ForwardBorrowed"/>, which returns the
/// layer's own buffer and allocates nothing once the shapes are known.
/// </remarks>
public abstract class Layer<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Computes the layer's output and remembers what the backward pass needs. The caller owns the result.</summary>
    public Tensor<T> Forward(Tensor<T> input) => ForwardBorrowed(input).Clone();

    /// <summary>
    /// As <see cref="Forward"/>, but the result is the layer's buffer, lent until its next forward pass overwrites it.
    /// </summary>
    public abstract Tensor<T> ForwardBorrowed(Tensor<T> input);

    /// <summary>
    /// Given ∂loss/∂output, adds ∂loss/∂parameter into each parameter's gradient and returns ∂loss/∂input (a buffer of
    /// the layer's, overwritten by its next backward pass).
    /// </summary>
    public abstract Tensor<T> Backward(Tensor<T> outputGradient);

    /// <summary>
    /// Whether <see cref="Backward"/> computes ∂loss/∂input (default true). The first layer of a network reads data,
    /// which needs no gradient: turning this off there skips one matrix product per step, as PyTorch does for inputs
    /// without <c>requires_grad</c>. Layers that support it then return an empty (rows × 0) tensor from Backward.
    /// </summary>
    public virtual bool ComputesInputGradient { get; set; } = true;
}
