using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Numerics;
using CourseKit.Layers;
using CourseKit.Tensors;

namespace CourseKit.Regularization;

/// <summary>
/// Noise injection as a layer: in training <c>y = x + ε</c> with each <c>ε ~ N(0, σ²)</c> drawn afresh; in evaluation the
/// identity. The noise does not depend on x, so backward passes the gradient through unchanged: <c>dx = dy</c>.
/// </summary>
/// <remarks>Shapes: x, y and ε are all (batch × features). Keras calls this layer <c>GaussianNoise</c>.</remarks>
public sealed class GaussianNoise<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Random random;
    private Tensor<T>? output, inputGradient;
    private bool forwardDone;

    /// <summary>Adds noise of standard deviation <paramref name="sigma"/> drawn from <paramref name="random"/>.</summary>
    /// <param name="sigma">σ, a finite number ≥ 0; 0 makes the layer the identity.</param>
    /// <param name="random">Source of the noise; pass <c>new Random(seed)</c> to reproduce it.</param>
    public GaussianNoise(double sigma, Random random)
    {
        Sigma = ValidateSigma(sigma, nameof(sigma));
        ArgumentNullException.ThrowIfNull(random);
        this.random = random;
    }

    /// <summary>Adds noise of standard deviation <paramref name="sigma"/> reproducible from <paramref name="seed"/>.</summary>
    public GaussianNoise(double sigma, int seed) : this(sigma, new Random(seed)) { }

    /// <summary>The standard deviation σ of the added noise.</summary>
    public double Sigma { get; }

    /// <summary>The noise ε added by the last training forward pass; null before the first one.</summary>
    public Tensor<T>? Noise { get; private set; }

    /// <inheritdoc/>
    public override Tensor<T> ForwardBorrowed(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        forwardDone = true;
        var y = Ensure(ref output, input.Rows, input.Cols);
        if (!IsTraining || Sigma == 0)
        {
            input.CopyTo(y);
            return y;
        }
        Noise = Tensor.Normal(input.Rows, input.Cols, T.Zero, T.CreateChecked(Sigma), random);
        TensorPrimitives.Add(input.ReadOnlySpan, Noise.ReadOnlySpan, y.Span);   // y = x + ε
        return y;
    }

    /// <inheritdoc/>
    public override Tensor<T> Backward(Tensor<T> outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (!forwardDone) throw new InvalidOperationException("GaussianNoise layer: Backward was called before Forward.");
        Check.SameShape(output!, outputGradient, "GaussianNoise backward (output vs its gradient)");
        var dx = Ensure(ref inputGradient, outputGradient.Rows, outputGradient.Cols);
        outputGradient.CopyTo(dx);   // ∂(x + ε)/∂x = 1
        return dx;
    }

    /// <summary>Checks that σ is a finite number ≥ 0 and returns it.</summary>
    internal static double ValidateSigma(double sigma, string name) =>
        double.IsFinite(sigma) && sigma >= 0
            ? sigma
            : throw new ArgumentOutOfRangeException(name, sigma, $"The noise standard deviation σ must be a finite number ≥ 0, got {sigma}.");

    /// <inheritdoc/>
    public override string ToString() => $"GaussianNoise(σ={Sigma.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
}
