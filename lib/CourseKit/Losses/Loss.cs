using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Numerics;
using CourseKit.Tensors;

namespace CourseKit.Losses;

/// <summary>
/// A loss: how far predictions are from targets, and its gradient with respect to the predictions, which starts
/// backpropagation. Each target value gives one loss ℓ_i, so there are n = target.Length of them (one per element,
/// or one per example for a column of class indices), and <see cref="Reduction"/> combines them as PyTorch does:
/// <list type="bullet">
/// <item><see cref="LossReduction.Mean"/> (the default), <c>L = (1/n) Σ_i ℓ_i</c>, and <see cref="LossReduction.Sum"/>,
/// <c>L = Σ_i ℓ_i</c>: <see cref="Forward"/> returns the number L, then <see cref="Backward()"/> returns ∂L/∂prediction.</item>
/// <item><see cref="LossReduction.None"/>: <see cref="ForwardUnreduced"/> returns the ℓ_i, in the target's shape; then
/// <see cref="Backward(Tensor{T})"/>, given ∂L/∂ℓ_i for whatever L is built from them, returns ∂L/∂prediction
/// (PyTorch's <c>loss.backward(gradient)</c>).</item>
/// </list>
/// Calling the other pair throws, so a loss built for one reduction cannot be used as if it had another.
/// </summary>
public abstract class Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private (Tensor<T> Prediction, Tensor<T> Target)? last;
    private T[] losses = [];
    private Tensor<T>? unreduced, gradient;

    /// <summary>A loss that combines its ℓ_i as <paramref name="reduction"/> says.</summary>
    protected Loss(LossReduction reduction)
    {
        if (!Enum.IsDefined(reduction))
            throw new ArgumentOutOfRangeException(nameof(reduction), $"{reduction} is not a reduction: use Mean, Sum or None.");
        Reduction = reduction;
    }

    /// <summary>The name students know it by.</summary>
    public abstract string Name { get; }

    /// <summary>How the losses ℓ_i are combined (mean, sum, or not at all).</summary>
    public LossReduction Reduction { get; }

    /// <summary>
    /// The mean or sum of the losses of <paramref name="prediction"/> against <paramref name="target"/>; remembers what
    /// <see cref="Backward()"/> needs.
    /// </summary>
    public T Forward(Tensor<T> prediction, Tensor<T> target)
    {
        if (Reduction == LossReduction.None)
            throw new InvalidOperationException($"{Name} has reduction None, which keeps one loss per target value: call ForwardUnreduced, then Backward(lossGradient).");
        Remember(prediction, target);
        int n = target.Length;
        if (losses.Length < n) losses = new T[n];
        var each = losses.AsSpan(0, n);
        LossOfEach(prediction, target, each);
        T sum = T.Zero;
        foreach (T loss in each) sum += loss;
        return Reduction == LossReduction.Sum ? sum : sum / T.CreateChecked(n);   // 0/0 = NaN for no losses, as in PyTorch
    }

    /// <summary>
    /// The losses ℓ_i of <paramref name="prediction"/> against <paramref name="target"/>, in the target's shape (a buffer
    /// the loss reuses: clone it to keep it); remembers what <see cref="Backward(Tensor{T})"/> needs. Reduction None only.
    /// </summary>
    public Tensor<T> ForwardUnreduced(Tensor<T> prediction, Tensor<T> target)
    {
        if (Reduction != LossReduction.None)
            throw new InvalidOperationException($"{Name} has reduction {Reduction}: call Forward, or build the loss with reduction: LossReduction.None.");
        Remember(prediction, target);
        if (unreduced is null || unreduced.Rows != target.Rows || unreduced.Cols != target.Cols)
            unreduced = new Tensor<T>(target.Rows, target.Cols);
        LossOfEach(prediction, target, unreduced.Span);
        return unreduced;
    }

    /// <summary>∂L/∂prediction for the last <see cref="Forward"/> call (a buffer the loss reuses). Reductions Mean and Sum.</summary>
    public Tensor<T> Backward()
    {
        if (Reduction == LossReduction.None)
            throw new InvalidOperationException($"{Name} has reduction None: call Backward(lossGradient) with ∂L/∂ℓ for every loss.");
        var (prediction, target) = Last();
        var g = UnscaledGradient(prediction, target);
        // The mean's 1/n as one factor for every element, rather than a division each.
        if (Reduction == LossReduction.Mean && g.Length > 0)
            TensorPrimitives.Multiply(g.Span, T.One / T.CreateChecked(target.Length), g.Span);
        return g;
    }

    /// <summary>
    /// ∂L/∂prediction for the last <see cref="ForwardUnreduced"/> call, given <paramref name="lossGradient"/> = ∂L/∂ℓ_i
    /// in the losses' shape (a buffer the loss reuses). All ones gives the gradient of the sum. Reduction None only.
    /// </summary>
    public Tensor<T> Backward(Tensor<T> lossGradient)
    {
        ArgumentNullException.ThrowIfNull(lossGradient);
        if (Reduction != LossReduction.None)
            throw new InvalidOperationException($"{Name} has reduction {Reduction}, so its loss is one number: call Backward() without a gradient.");
        var (prediction, target) = Last();
        if (lossGradient.Rows != target.Rows || lossGradient.Cols != target.Cols)
            Check.SameShape(lossGradient, target, $"{Name} backward (∂L/∂losses vs the losses)");
        var g = UnscaledGradient(prediction, target);
        if (g.Cols == lossGradient.Cols)
            TensorPrimitives.Multiply(g.Span, lossGradient.ReadOnlySpan, g.Span);
        else   // one loss per row (class targets): row r of the gradient belongs to ℓ_r alone
            for (int r = 0; r < g.Rows; r++) TensorPrimitives.Multiply(g.Row(r), lossGradient[r, 0], g.Row(r));
        return g;
    }

    /// <summary>Checks that the arguments fit together; by default they must have the same shape.</summary>
    protected virtual void CheckArguments(Tensor<T> prediction, Tensor<T> target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        // The message is built only on failure: this runs every training step, which must not allocate.
        if (prediction.Rows != target.Rows || prediction.Cols != target.Cols)
            Check.SameShape(prediction, target, $"{Name} (prediction vs target)");
    }

    /// <summary>Writes each loss ℓ_i, in the target's order, into <paramref name="losses"/> (target.Length values).</summary>
    protected abstract void LossOfEach(Tensor<T> prediction, Tensor<T> target, Span<T> losses);

    /// <summary>Writes <c>∂(Σ_i ℓ_i)/∂prediction</c> into <paramref name="gradient"/>: each prediction's part in its own loss.</summary>
    protected abstract void GradientOfEach(Tensor<T> prediction, Tensor<T> target, Tensor<T> gradient);

    private void Remember(Tensor<T> prediction, Tensor<T> target)
    {
        CheckArguments(prediction, target);
        last = (prediction, target);
    }

    private (Tensor<T> Prediction, Tensor<T> Target) Last() =>
        last ?? throw new InvalidOperationException($"{Name}: Backward was called before Forward.");

    private Tensor<T> UnscaledGradient(Tensor<T> prediction, Tensor<T> target)
    {
        if (gradient is null || gradient.Rows != prediction.Rows || gradient.Cols != prediction.Cols)
            gradient = new Tensor<T>(prediction.Rows, prediction.Cols);
        GradientOfEach(prediction, target, gradient);
        return gradient;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        Reduction == LossReduction.Mean ? Name : $"{Name} (reduction: {Reduction.ToString().ToLowerInvariant()})";
}
