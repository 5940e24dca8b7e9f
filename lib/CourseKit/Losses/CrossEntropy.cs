using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Numerics;
using CourseKit.Kernels;
using CourseKit.Tensors;

namespace CourseKit.Losses;

/// <summary>
/// Cross-entropy on logits (PyTorch's <c>CrossEntropyLoss</c>): <c>L = −(1/B) Σ_rows log softmax(x)[y]</c>, where
/// the target is a (batch × 1) column of class indices. Uses a stable log-softmax, so logits like [1000, 1001, 1002]
/// are fine. Gradient: <c>(softmax(x) − onehot(y)) / B</c>.
/// </summary>
public sealed class CrossEntropy<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] row = [];

    /// <inheritdoc/>
    public override string Name => "cross-entropy";

    /// <summary>The loss for class indices given as integers.</summary>
    public T Forward(Tensor<T> logits, IReadOnlyList<int> classes) => Forward(logits, ClassTargets.FromIndices<T>(classes));

    /// <inheritdoc/>
    public override T Forward(Tensor<T> prediction, Tensor<T> target)
    {
        ClassTargets.Check(prediction, target, Name);
        Last = (prediction, target);
        if (row.Length < prediction.Cols) row = new T[prediction.Cols];
        var logProbabilities = row.AsSpan(0, prediction.Cols);
        T sum = T.Zero;
        for (int r = 0; r < prediction.Rows; r++)
        {
            ActivationKernels.LogSoftmax<T>(prediction.Row(r), logProbabilities);
            sum -= logProbabilities[ClassTargets.At(target, r)];
        }
        return sum * InverseCount(prediction.Rows);
    }

    /// <inheritdoc/>
    protected override void Gradient(Tensor<T> prediction, Tensor<T> target, Tensor<T> gradient)
    {
        T scale = InverseCount(prediction.Rows);
        for (int r = 0; r < prediction.Rows; r++)
        {
            var g = gradient.Row(r);
            ActivationKernels.Softmax<T>(prediction.Row(r), g);
            g[ClassTargets.At(target, r)] -= T.One;
            TensorPrimitives.Multiply<T>(g, scale, g);
        }
    }
}
