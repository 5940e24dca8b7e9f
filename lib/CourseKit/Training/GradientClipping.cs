using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using CourseKit.Layers;

namespace CourseKit.Training;

/// <summary>
/// Keeps exploding gradients in check, the usual companion of backpropagation through time: a long product of
/// recurrent Jacobians can blow a gradient up by orders of magnitude in one step.
/// </summary>
public static class GradientClipping
{
    /// <summary>
    /// Rescales all gradients together so their joint L2 norm is at most <paramref name="maxNorm"/>; directions are kept.
    /// Returns the norm before clipping. Same rule as PyTorch's <c>clip_grad_norm_</c>: scale = maxNorm / (norm + 1e-6) when below 1.
    /// </summary>
    public static double ClipNorm<T>(IEnumerable<Parameter<T>> parameters, double maxNorm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(maxNorm > 0)) throw new ArgumentOutOfRangeException(nameof(maxNorm), $"The largest allowed norm must be positive (got {maxNorm}).");
        var list = parameters as IReadOnlyList<Parameter<T>> ?? parameters.ToList();
        double sumOfSquares = 0;
        foreach (var p in list)
        {
            var g = p.Gradient.ReadOnlySpan;
            sumOfSquares += double.CreateChecked(TensorPrimitives.Dot(g, g));
        }
        double norm = Math.Sqrt(sumOfSquares);
        double scale = maxNorm / (norm + 1e-6);
        if (scale < 1)
        {
            T factor = T.CreateChecked(scale);
            foreach (var p in list) TensorPrimitives.Multiply(p.Gradient.Span, factor, p.Gradient.Span);
        }
        return norm;
    }

    /// <summary>Clamps every gradient element into [−<paramref name="limit"/>, <paramref name="limit"/>] (PyTorch's <c>clip_grad_value_</c>).</summary>
    public static void ClipValue<T>(IEnumerable<Parameter<T>> parameters, double limit) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(limit > 0)) throw new ArgumentOutOfRangeException(nameof(limit), $"The clipping limit must be positive (got {limit}).");
        T high = T.CreateChecked(limit), low = -high;
        foreach (var p in parameters) TensorPrimitives.Clamp(p.Gradient.Span, low, high, p.Gradient.Span);
    }
}
