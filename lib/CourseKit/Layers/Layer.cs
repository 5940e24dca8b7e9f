using System.Numerics;
using CourseKit.Tensors;

namespace CourseKit.Layers;

/// <summary>
/// One step of a network: a forward pass and, right beside it, the backward pass that undoes it for gradients.
/// Inputs are batches of row vectors: <c>(batch × features)</c>.
/// </summary>
/// <remarks>
/// For speed a layer reuses its output buffers: the tensor <see cref="Forward"/> returns is overwritten by the
/// next call. <see cref="Tensor{T}.Clone"/> it to keep it (or use <see cref="Sequential{T}.Predict"/>).
/// </remarks>
public abstract class Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Computes the layer's output and remembers what the backward pass needs.</summary>
    public abstract Tensor<T> Forward(Tensor<T> input);

    /// <summary>
    /// Given ∂loss/∂output, adds ∂loss/∂parameter into each parameter's gradient and returns ∂loss/∂input.
    /// </summary>
    public abstract Tensor<T> Backward(Tensor<T> outputGradient);

    /// <summary>The learnable parameters (none for a pure activation).</summary>
    public virtual IReadOnlyList<Parameter<T>> Parameters => [];

    /// <summary>
    /// Whether <see cref="Backward"/> computes ∂loss/∂input (default true). The first layer of a network reads data,
    /// which needs no gradient: turning this off there skips one matrix product per step, as PyTorch does for inputs
    /// without <c>requires_grad</c>. Layers that support it then return an empty (rows × 0) tensor from Backward.
    /// </summary>
    public virtual bool ComputesInputGradient { get; set; } = true;

    /// <summary>Training or evaluation mode (dropout behaves differently; most layers ignore it).</summary>
    public bool IsTraining { get; set; } = true;

    /// <summary>Sets every parameter's gradient to zero.</summary>
    public void ZeroGradients()
    {
        var parameters = Parameters;
        for (int i = 0; i < parameters.Count; i++) parameters[i].ZeroGradient();
    }

    /// <summary>Reuses <paramref name="buffer"/> when it already has the wanted shape, else allocates it.</summary>
    protected static Tensor<T> Ensure(ref Tensor<T>? buffer, int rows, int cols)
    {
        if (buffer is null || buffer.Rows != rows || buffer.Cols != cols) buffer = new Tensor<T>(rows, cols);
        return buffer;
    }

    /// <summary>Throws a clear error when backward is called before forward.</summary>
    protected static TValue Remembered<TValue>(TValue? value, string layer) where TValue : class =>
        value ?? throw new InvalidOperationException($"{layer}: Backward was called before Forward.");
}
