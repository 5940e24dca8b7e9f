using System.Numerics;
using CourseKit.Layers;

namespace CourseKit.Regularization;

/// <summary>
/// A penalty on the size of the parameters, added to the data loss: <c>J = loss + Ω(θ)</c>. It has a value (to report
/// the total objective) and a gradient, which <see cref="AddGradient"/> adds to what backward already accumulated.
/// </summary>
/// <remarks>Use it between backward and the optimizer step: <c>model.Backward(…); penalty.AddGradient(model.Parameters); optimizer.Step();</c></remarks>
public abstract class WeightPenalty<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A penalty of strength <paramref name="lambda"/> over the parameters <paramref name="scope"/> selects.</summary>
    /// <param name="lambda">λ, a finite number ≥ 0.</param>
    /// <param name="scope">Which parameters to penalize; by default only weights (names ending in "W"), not biases.</param>
    protected WeightPenalty(double lambda, PenaltyScope scope)
    {
        if (!(double.IsFinite(lambda) && lambda >= 0))
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, $"The penalty strength λ must be a finite number ≥ 0, got {lambda}.");
        if (!Enum.IsDefined(scope)) throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown penalty scope.");
        Lambda = lambda;
        Scope = scope;
    }

    /// <summary>The strength λ.</summary>
    public double Lambda { get; }

    /// <summary>Which parameters are penalized.</summary>
    public PenaltyScope Scope { get; }

    /// <summary>The name students know it by, for example "L2".</summary>
    public abstract string Name { get; }

    /// <summary>True when <paramref name="parameter"/> is penalized under <see cref="Scope"/>.</summary>
    public bool Penalizes(Parameter<T> parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return Scope == PenaltyScope.AllParameters || parameter.Name.EndsWith('W');
    }

    /// <summary>Ω(θ) summed over the penalized parameters.</summary>
    public T Value(IEnumerable<Parameter<T>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        T total = T.Zero;
        foreach (var p in parameters)
            if (Penalizes(p)) total += Of(p.Value.ReadOnlySpan);
        return T.CreateChecked(Lambda) * total;
    }

    /// <summary>Adds ∂Ω/∂θ into the <see cref="Parameter{T}.Gradient"/> of each penalized parameter.</summary>
    public void AddGradient(IEnumerable<Parameter<T>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (Lambda == 0) return;   // so a NaN or ∞ weight does not leak into the gradient through 0·w
        T lambda = T.CreateChecked(Lambda);
        foreach (var p in parameters)
            if (Penalizes(p)) AddGradientOf(p.Value.ReadOnlySpan, lambda, p.Gradient.Span);
    }

    /// <summary>The penalty of one tensor without the factor λ, for example <c>Σ w²</c>.</summary>
    protected abstract T Of(ReadOnlySpan<T> weights);

    /// <summary>Adds <c>λ ∂(Of)/∂w</c> element by element into <paramref name="gradient"/>.</summary>
    protected abstract void AddGradientOf(ReadOnlySpan<T> weights, T lambda, Span<T> gradient);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name}(λ={Lambda.ToString(System.Globalization.CultureInfo.InvariantCulture)}{(Scope == PenaltyScope.WeightsOnly ? ", weights only" : "")})";
}
