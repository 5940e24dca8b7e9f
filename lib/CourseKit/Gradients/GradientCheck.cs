using System.Numerics;
using CourseKit.Layers;
using CourseKit.Losses;
using CourseKit.Recurrent;
using CourseKit.Tensors;

namespace CourseKit.Gradients;

/// <summary>
/// Checks backpropagation against finite differences: each number's gradient is estimated as
/// <c>(L(θ + ε) − L(θ − ε)) / 2ε</c> and compared with what the backward pass computed.
/// Use it on your own layers, and to see that backprop is nothing but the chain rule.
/// </summary>
/// <remarks>Use double precision: in float the estimate is only good to about 1e−3.</remarks>
public static class GradientCheck
{
    /// <summary>Checks every parameter of <paramref name="model"/>, and the input, for <c>loss(model(input), target)</c>.</summary>
    public static GradientCheckReport Check<T>(Layer<T> model, Loss<T> loss, Tensor<T> input, Tensor<T> target,
                                               double epsilon = 1e-6, double tolerance = 1e-6)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        return Run(model, input, y => loss.Forward(y, target), _ => loss.Backward(), epsilon, tolerance);
    }

    /// <summary>
    /// Checks a layer on its own, with the loss <c>L = Σ (layer(input) ⊙ R)</c> for a fixed random R,
    /// so every output element contributes with its own weight.
    /// </summary>
    public static GradientCheckReport CheckLayer<T>(Layer<T> layer, Tensor<T> input, int seed = 0,
                                                    double epsilon = 1e-6, double tolerance = 1e-6)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(layer);
        Tensor<T>? r = null;
        return Run(layer, input,
            y =>
            {
                r ??= Tensor.Normal(y.Rows, y.Cols, T.Zero, T.One, new Random(seed));
                return y.Hadamard(r).Sum();
            },
            _ => r!, epsilon, tolerance);
    }

    /// <summary>
    /// Checks backpropagation through time of a recurrent layer: the loss <c>L = Σ (outputs ⊙ R) + Σ (final state ⊙ S)</c>
    /// for fixed random R and S, so both the per-step outputs and the final state carry gradient. Padded input positions are probed
    /// too: their numeric gradient must come out zero.
    /// </summary>
    public static GradientCheckReport CheckSequenceLayer<T>(SequenceLayer<T> layer, SequenceBatch<T> input, int seed = 0,
                                                            double epsilon = 1e-6, double tolerance = 1e-6)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(input);
        var random = new Random(seed);
        var r = Tensor.Normal(input.Steps * input.Batch, layer.OutputSize, T.Zero, T.One, random);
        var s = Tensor.Normal(input.Batch, layer.OutputSize, T.Zero, T.One, random);
        T LossOf() => layer.Forward(input).Hadamard(r).Sum() + layer.FinalState.Hadamard(s).Sum();

        layer.ZeroGradients();
        layer.Forward(input);
        var inputGradient = layer.Backward(r, s).Clone();
        var comparisons = new List<GradientComparison>();
        foreach (var p in layer.Parameters)
            comparisons.Add(Compare(p.Name, p.Gradient.Clone(), Numeric(p.Value, LossOf, epsilon), tolerance));
        comparisons.Add(Compare("input", inputGradient, Numeric(input.Data, LossOf, epsilon), tolerance));
        return new GradientCheckReport(comparisons, tolerance);
    }

    /// <summary>Checks a loss's gradient with respect to its prediction.</summary>
    public static GradientCheckReport CheckLoss<T>(Loss<T> loss, Tensor<T> prediction, Tensor<T> target,
                                                   double epsilon = 1e-6, double tolerance = 1e-6)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(prediction);
        loss.Forward(prediction, target);
        var analytic = loss.Backward().Clone();
        var numeric = Numeric(prediction, () => loss.Forward(prediction, target), epsilon);
        return new GradientCheckReport([Compare("prediction", analytic, numeric, tolerance)], tolerance);
    }

    /// <summary>
    /// Compares a gradient you derived by hand with another (numeric or from the library), like makemore's <c>cmp</c>.
    /// </summary>
    public static GradientComparison Compare<T>(string name, Tensor<T> analytic, Tensor<T> numeric, double tolerance = 1e-6)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tensors.Check.SameShape(analytic, numeric, $"Comparing gradients of {name}");
        double maxDiff = 0, maxRel = 0;
        bool exact = true;
        var a = analytic.ReadOnlySpan;
        var n = numeric.ReadOnlySpan;
        for (int i = 0; i < a.Length; i++)
        {
            double x = double.CreateChecked(a[i]), y = double.CreateChecked(n[i]);
            double d = Math.Abs(x - y);
            if (double.IsNaN(d)) { maxDiff = maxRel = double.NaN; exact = false; break; }
            exact &= x == y;
            maxDiff = Math.Max(maxDiff, d);
            maxRel = Math.Max(maxRel, d / Math.Max(1.0, Math.Max(Math.Abs(x), Math.Abs(y))));
        }
        return new GradientComparison(name, analytic.Shape, exact, maxRel <= tolerance, maxDiff, maxRel,
                                      analytic.Convert<T, double>(), numeric.Convert<T, double>());
    }

    private static GradientCheckReport Run<T>(Layer<T> layer, Tensor<T> input, Func<Tensor<T>, T> lossOf,
                                              Func<Tensor<T>, Tensor<T>> outputGradient, double epsilon, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(input);
        // Analytic: one forward and backward pass from zeroed gradients.
        layer.ZeroGradients();
        var output = layer.Forward(input);
        lossOf(output);
        var inputGradient = layer.Backward(outputGradient(output)).Clone();
        var comparisons = new List<GradientComparison>();
        foreach (var p in layer.Parameters)
        {
            var analytic = p.Gradient.Clone();
            var numeric = Numeric(p.Value, () => lossOf(layer.Forward(input)), epsilon);
            comparisons.Add(Compare(p.Name, analytic, numeric, tolerance));
        }
        var probe = input.Clone();
        var numericInput = Numeric(probe, () => lossOf(layer.Forward(probe)), epsilon);
        comparisons.Add(Compare("input", inputGradient, numericInput, tolerance));
        return new GradientCheckReport(comparisons, tolerance);
    }

    /// <summary>Central differences: nudges each element of <paramref name="values"/> by ±ε and restores it.</summary>
    internal static Tensor<T> Numeric<T>(Tensor<T> values, Func<T> loss, double epsilon)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var grad = new Tensor<T>(values.Rows, values.Cols);
        var v = values.Span;
        T eps = T.CreateChecked(epsilon), twoEps = T.CreateChecked(2 * epsilon);
        for (int i = 0; i < v.Length; i++)
        {
            T saved = v[i];
            v[i] = saved + eps;
            T plus = loss();
            v[i] = saved - eps;
            T minus = loss();
            v[i] = saved;
            grad.Span[i] = (plus - minus) / twoEps;
        }
        return grad;
    }
}
