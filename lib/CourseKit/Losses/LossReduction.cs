namespace CourseKit.Losses;

/// <summary>
/// How a <see cref="Loss{T}"/> combines its n losses ℓ_i (one per target value: per element, or per example for class
/// targets), as PyTorch's <c>reduction</c> argument does.
/// </summary>
public enum LossReduction
{
    /// <summary><c>L = (1/n) Σ_i ℓ_i</c>, PyTorch's default <c>'mean'</c>; the mean of no losses is NaN, as there.</summary>
    Mean,

    /// <summary><c>L = Σ_i ℓ_i</c>, PyTorch's <c>'sum'</c>.</summary>
    Sum,

    /// <summary>
    /// No reduction, PyTorch's <c>'none'</c>: the losses ℓ_i themselves, from <see cref="Loss{T}.ForwardUnreduced"/>,
    /// with <see cref="Loss{T}.Backward(CourseKit.Tensors.Tensor{T})"/> taking ∂L/∂ℓ_i.
    /// </summary>
    None,
}
