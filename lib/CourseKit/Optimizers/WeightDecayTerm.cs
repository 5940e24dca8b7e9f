using System.Numerics;

namespace CourseKit.Optimizers;

/// <summary>
/// L2 weight decay added to the gradient, as PyTorch's optimizers apply <c>weight_decay</c>: <c>g ← g + λ θ</c>
/// (the gradient of the penalty <c>λ/2 Σθ²</c>). AdamW decays the weights directly instead.
/// </summary>
internal static class WeightDecayTerm
{
    /// <summary>Checks that λ is a finite number ≥ 0 and returns it.</summary>
    public static double Validate(double weightDecay, string name) =>
        double.IsFinite(weightDecay) && weightDecay >= 0
            ? weightDecay
            : throw new ArgumentOutOfRangeException(name, $"The weight decay must be a finite number ≥ 0, got {weightDecay}.");

    /// <summary><c>g + λ θ</c>, or <c>g</c> itself when λ = 0 (so a NaN or ∞ in θ does not leak into the gradient).</summary>
    public static T Apply<T>(T gradient, T theta, T lambda) where T : IFloatingPointIeee754<T> =>
        lambda == T.Zero ? gradient : gradient + lambda * theta;
}
