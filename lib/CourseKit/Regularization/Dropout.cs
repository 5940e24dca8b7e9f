using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Numerics;
using CourseKit.Layers;
using CourseKit.Tensors;

namespace CourseKit.Regularization;

/// <summary>
/// Inverted dropout, as PyTorch's <c>nn.Dropout</c>: in training each element is zeroed with probability p and every kept
/// element is scaled by <c>1/(1−p)</c>, so the expected output equals the input; in evaluation the layer is the identity.
/// </summary>
/// <remarks>
/// Forward (training): <c>y = x ⊙ m</c> with <c>m</c> = 0 (probability p) or <c>1/(1−p)</c>. Backward: <c>dx = dy ⊙ m</c>,
/// the same mask. Shapes: x, y, m are all (batch × features). A new mask is drawn on every training forward pass unless
/// <see cref="FreezeMask"/> is set.
/// </remarks>
public sealed class Dropout<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Random random;
    private Tensor<T>? mask, output, inputGradient;
    private bool lastWasTraining;
    private bool forwardDone;

    /// <summary>Dropout with drop probability <paramref name="p"/> drawing its masks from <paramref name="random"/>.</summary>
    /// <param name="p">Probability that an element is zeroed, in [0, 1); 0 makes the layer the identity.</param>
    /// <param name="random">Source of the masks; pass <c>new Random(seed)</c> to reproduce them.</param>
    public Dropout(double p, Random random)
    {
        // p = 1 would scale by 1/0; PyTorch allows it (all zeros) but it can never train, so it is rejected here.
        if (!(p >= 0 && p < 1))
            throw new ArgumentOutOfRangeException(nameof(p), p, $"The dropout probability p must lie in [0, 1), got {p}.");
        ArgumentNullException.ThrowIfNull(random);
        P = p;
        this.random = random;
    }

    /// <summary>Dropout with drop probability <paramref name="p"/> and masks reproducible from <paramref name="seed"/>.</summary>
    public Dropout(double p, int seed) : this(p, new Random(seed)) { }

    /// <summary>The probability p that an element is zeroed in training.</summary>
    public double P { get; }

    /// <summary>The factor <c>1/(1−p)</c> applied to kept elements.</summary>
    public double Scale => 1.0 / (1.0 - P);

    /// <summary>
    /// The mask of the last training forward pass: 0 where an element was dropped, <c>1/(1−p)</c> where it was kept
    /// (the factor each element was multiplied by). Null before the first training pass.
    /// </summary>
    public Tensor<T>? Mask => mask;

    /// <summary>
    /// When true, training passes reuse the current mask instead of drawing a new one (a mask is drawn if none of the
    /// input's shape exists yet), so the layer is a fixed function, for example for a gradient check.
    /// </summary>
    public bool FreezeMask { get; set; }

    /// <inheritdoc/>
    public override Tensor<T> ForwardBorrowed(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        forwardDone = true;
        lastWasTraining = IsTraining && P > 0;
        var y = Ensure(ref output, input.Rows, input.Cols);
        if (!lastWasTraining)
        {
            input.CopyTo(y);
            return y;
        }
        bool reuse = FreezeMask && mask is not null && mask.Rows == input.Rows && mask.Cols == input.Cols;
        if (!reuse) DrawMask(input.Rows, input.Cols);
        TensorPrimitives.Multiply(input.ReadOnlySpan, mask!.ReadOnlySpan, y.Span);   // y = x ⊙ m
        return y;
    }

    /// <inheritdoc/>
    public override Tensor<T> Backward(Tensor<T> outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (!forwardDone) throw new InvalidOperationException("Dropout layer: Backward was called before Forward.");
        var y = output!;
        Check.SameShape(y, outputGradient, "Dropout backward (output vs its gradient)");
        var dx = Ensure(ref inputGradient, y.Rows, y.Cols);
        if (!lastWasTraining) outputGradient.CopyTo(dx);
        else TensorPrimitives.Multiply(outputGradient.ReadOnlySpan, mask!.ReadOnlySpan, dx.Span);   // dx = dy ⊙ m
        return dx;
    }

    private void DrawMask(int rows, int cols)
    {
        var m = new Tensor<T>(rows, cols);   // a fresh tensor, so a mask a caller kept is not overwritten
        var span = m.Span;
        // Kept with probability 1 − p: NextDouble() is uniform in [0, 1), so "u ≥ p" has exactly that probability.
        T scale = T.CreateChecked(Scale);
        for (int i = 0; i < span.Length; i++) span[i] = random.NextDouble() >= P ? scale : T.Zero;
        mask = m;
    }

    /// <inheritdoc/>
    public override string ToString() => $"Dropout(p={P.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
}
