using System.Numerics;
using CourseKit.Tensors;

namespace CourseKit.Losses;

/// <summary>
/// Negative log-likelihood on log-probabilities (PyTorch's <c>NLLLoss</c>): <c>L = −(1/B) Σ_rows x[y]</c>.
/// Put a <see cref="Activations.LogSoftmax{T}"/> before it; together they equal <see cref="CrossEntropy{T}"/>.
/// Gradient: <c>−onehot(y) / B</c>.
/// </summary>
public sealed class NegativeLogLikelihood<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override string Name => "negative log-likelihood";

    /// <summary>The loss for class indices given as integers.</summary>
    public T Forward(Tensor<T> logProbabilities, IReadOnlyList<int> classes) => Forward(logProbabilities, ClassTargets.FromIndices<T>(classes));

    /// <inheritdoc/>
    public override T Forward(Tensor<T> prediction, Tensor<T> target)
    {
        ClassTargets.Check(prediction, target, Name);
        Last = (prediction, target);
        T sum = T.Zero;
        for (int r = 0; r < prediction.Rows; r++) sum -= prediction[r, ClassTargets.At(target, r)];
        return sum * InverseCount(prediction.Rows);
    }

    /// <inheritdoc/>
    protected override void Gradient(Tensor<T> prediction, Tensor<T> target, Tensor<T> gradient)
    {
        gradient.Clear();
        T scale = InverseCount(prediction.Rows);
        for (int r = 0; r < prediction.Rows; r++) gradient[r, ClassTargets.At(target, r)] = -scale;
    }
}
