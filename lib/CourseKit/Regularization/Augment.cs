using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Numerics;
using CourseKit.Tensors;

namespace CourseKit.Regularization;

/// <summary>Data augmentation: enlarging a training set with altered copies of its examples.</summary>
public static class Augment
{
    /// <summary>
    /// The data set with <paramref name="copies"/> noisy copies appended: rows of the result are the original X, then
    /// copy 1 (X + ε₁), copy 2, …, each <c>ε ~ N(0, σ²)</c> per element; the targets are y repeated <c>copies + 1</c> times
    /// in the same order, so row r of the result still belongs with its target.
    /// </summary>
    /// <param name="X">Inputs, (n × features).</param>
    /// <param name="y">Targets, (n × outputs), one row per input row.</param>
    /// <param name="copies">How many noisy copies to add, ≥ 0.</param>
    /// <param name="sigma">σ of the noise, a finite number ≥ 0.</param>
    /// <param name="rnd">Source of the noise; pass <c>new Random(seed)</c> to reproduce it.</param>
    /// <returns>Inputs ((copies + 1)·n × features) and targets ((copies + 1)·n × outputs), both new tensors.</returns>
    public static (Tensor<T> X, Tensor<T> y) WithNoise<T>(Tensor<T> X, Tensor<T> y, int copies, double sigma, Random rnd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(X);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(rnd);
        ArgumentOutOfRangeException.ThrowIfNegative(copies);
        GaussianNoise<T>.ValidateSigma(sigma, nameof(sigma));
        if (X.Rows != y.Rows)
            throw new ShapeMismatchException($"Augment.WithNoise: X has shape {X.Shape} but y {y.Shape}; they need the same number of rows.");
        int blocks = copies + 1;
        var bigX = new Tensor<T>(X.Rows * blocks, X.Cols);
        var bigY = new Tensor<T>(y.Rows * blocks, y.Cols);
        for (int k = 0; k < blocks; k++)
        {
            var xBlock = bigX.Span.Slice(k * X.Length, X.Length);
            X.ReadOnlySpan.CopyTo(xBlock);
            y.ReadOnlySpan.CopyTo(bigY.Span.Slice(k * y.Length, y.Length));
            if (k == 0) continue;   // block 0 is the untouched original
            var noise = Tensor.Normal(X.Rows, X.Cols, T.Zero, T.CreateChecked(sigma), rnd);
            TensorPrimitives.Add(xBlock, noise.ReadOnlySpan, xBlock);
        }
        return (bigX, bigY);
    }
}
