using System.Numerics;
using CourseKit.Activations;
using CourseKit.Kernels;
using CourseKit.Tensors;
using CourseKit.Worked;

namespace CourseKit.Layers;

/// <summary>
/// A fully connected layer in the slide's row-vector form: <c>o = g(i × W + b)</c>.
/// </summary>
/// <remarks>
/// <para>Shapes: input <c>i</c> is (batch × in), <c>W</c> is (in × out) with <c>W[k, j]</c> the weight from input k to
/// unit j, <c>b</c> is (1 × out) and is added to every row, output <c>o</c> is (batch × out).</para>
/// <para>Other notations: the "hidden units" slide writes <c>h = g(Wᵀx + b)</c> with column vectors; that <c>W</c> is
/// this one (xᵀ W = (Wᵀ x)ᵀ). PyTorch's <c>nn.Linear</c> stores <c>weight</c> as (out × in): it is this <c>Wᵀ</c>.</para>
/// Forward: <c>z = i W + b</c>, <c>o = g(z)</c>. Backward: <c>dz = dO ⊙ g'(z)</c>, <c>dW += iᵀ dz</c>,
/// <c>db += Σ_rows dz</c>, <c>di = dz Wᵀ</c>.
/// </remarks>
public sealed class Dense<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? input, z, output, dz, inputGradient;

    /// <summary>A layer of <paramref name="units"/> units over <paramref name="inputs"/> inputs with random initial weights.</summary>
    /// <param name="inputs">Number of input features.</param>
    /// <param name="units">Number of units (outputs).</param>
    /// <param name="activation">The non-linearity g; identity when null.</param>
    /// <param name="random">Source of the initial weights; pass <c>new Random(seed)</c> to reproduce them. Null draws from <see cref="DefaultRandom"/>.</param>
    /// <param name="init">How to draw the weights; <see cref="WeightInit.Auto"/> picks He for ReLU-like activations and Xavier otherwise.</param>
    /// <param name="bias">Whether the layer has a bias <c>b</c>.</param>
    public Dense(int inputs, int units, Activation<T>? activation = null, Random? random = null,
                 WeightInit init = WeightInit.Auto, bool bias = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        Activation = activation ?? new Identity<T>();
        if (init == WeightInit.Auto)
            init = Activation is Relu<T> or LeakyRelu<T> ? WeightInit.HeUniform : WeightInit.XavierUniform;
        random ??= DefaultRandom.Next();
        Weights = AddParameter("W", new Tensor<T>(inputs, units));
        Initializers.Fill(Weights.Value, init, random);
        if (bias)
        {
            Bias = AddParameter("b", new Tensor<T>(1, units));
            if (init == WeightInit.PyTorchDefault) Initializers.Uniform(Bias.Value.Span, 1.0 / Math.Sqrt(inputs), random);
        }
    }

    /// <summary>A layer with given weights (copied), for example the slide's hand-set XOR network.</summary>
    /// <param name="weights">W, (in × out).</param>
    /// <param name="bias">b, (1 × out), or null for no bias.</param>
    /// <param name="activation">g; identity when null.</param>
    public Dense(Tensor<T> weights, Tensor<T>? bias = null, Activation<T>? activation = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (bias is not null && (bias.Rows != 1 || bias.Cols != weights.Cols))
            throw new ShapeMismatchException($"Bias has shape {bias.Shape} but weights {weights.Shape} need a (1×{weights.Cols}) bias.");
        Activation = activation ?? new Identity<T>();
        Weights = AddParameter("W", weights.Clone());
        Bias = bias is null ? null : AddParameter("b", bias.Clone());
    }

    /// <summary>W, (in × out).</summary>
    public Parameter<T> Weights { get; }

    /// <summary>b, (1 × out), or null when the layer has no bias.</summary>
    public Parameter<T>? Bias { get; }

    /// <summary>The non-linearity g.</summary>
    public Activation<T> Activation { get; }

    /// <summary>Number of inputs.</summary>
    public int Inputs => Weights.Value.Rows;

    /// <summary>Number of units.</summary>
    public int Units => Weights.Value.Cols;

    /// <summary>The pre-activation <c>z = i W + b</c> of the last forward pass.</summary>
    public Tensor<T>? PreActivation => z;

    /// <inheritdoc/>
    public override Tensor<T> ForwardBorrowed(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Cols != Inputs)
            throw new ShapeMismatchException(
                $"Dense layer: input has shape {input.Shape} but W is {Weights.Value.Shape}; the input needs {Inputs} columns.");
        this.input = input;
        var zb = Ensure(ref z, input.Rows, Units);
        if (Bias is null) Gemm.Multiply(input, false, Weights.Value, false, zb, accumulate: false);
        else
        {
            // Start from the bias in every row, then accumulate i × W on top: one pass, no extra add.
            for (int r = 0; r < zb.Rows; r++) Bias.Value.ReadOnlySpan.CopyTo(zb.Row(r));
            Gemm.Multiply(input, false, Weights.Value, false, zb, accumulate: true);
        }
        var ob = Ensure(ref output, input.Rows, Units);
        Activation.Forward(zb, ob);
        return ob;
    }

    /// <inheritdoc/>
    public override Tensor<T> Backward(Tensor<T> outputGradient)
    {
        var x = Remembered(input, "Dense layer");
        var zb = Remembered(z, "Dense layer");
        Check.SameShape(zb, outputGradient, "Dense layer backward (output vs its gradient)");
        var dzb = Ensure(ref dz, zb.Rows, zb.Cols);
        Activation.Backward(zb, output!, outputGradient, dzb);
        Gemm.Multiply(x, true, dzb, false, Weights.Gradient, accumulate: true);        // dW += iᵀ dz
        if (Bias is not null) Tensor<T>.SumRowsInto(dzb, Bias.Gradient, accumulate: true); // db += Σ_rows dz
        if (!ComputesInputGradient) return Ensure(ref inputGradient, x.Rows, 0);        // data needs no gradient
        var dx = Ensure(ref inputGradient, x.Rows, x.Cols);
        Gemm.Multiply(dzb, false, Weights.Value, true, dx, accumulate: false);          // di = dz Wᵀ
        return dx;
    }

    /// <summary>
    /// The forward pass written out with its numbers: <c>i × W</c>, then <c>+ b</c>, then <c>g(·)</c>.
    /// The symbols default to the unit slides' (<c>i</c>, <c>W</c>, <c>b</c>, <c>o</c>); pass others (LaTeX) to match
    /// another slide, for example <c>X</c>, <c>W</c>, <c>c</c>, <c>h</c> for the XOR network, whose slide writes the product
    /// without a sign (<paramref name="times"/> = " ").
    /// </summary>
    public WorkedComputation<T> Explain(Tensor<T> input, string inputSymbol = @"\mathbf{i}", string weightSymbol = @"\mathbf{W}",
                                        string biasSymbol = @"\mathbf{b}", string outputSymbol = @"\mathbf{o}", string times = @" \times ")
    {
        ArgumentNullException.ThrowIfNull(input);
        var work = new WorkedComputation<T>($"{this}: {Plain(outputSymbol)} = {Activation.Name}({Plain(inputSymbol)} × {Plain(weightSymbol)}{(Bias is null ? "" : " + " + Plain(biasSymbol))})");
        string product = inputSymbol + times + weightSymbol;
        var z = work.Step("weighted sums", product, input.ToLatex() + times + Weights.Value.ToLatex(), input.MatMul(Weights.Value));
        if (Bias is not null)
        {
            var withBias = z.Add(Bias.Value);
            work.Step("add the bias", $"{product} + {biasSymbol}", $@"{z.ToLatex()} + {Bias.Value.ToLatex()}", withBias);
            z = withBias;
        }
        if (Activation is not Identity<T>)
        {
            var (symbolic, numeric) = ApplyLatex(Activation, Bias is null ? product : $"{product} + {biasSymbol}", z.ToLatex());
            work.Step($"apply {Activation.Name}", symbolic, numeric, Activation.Apply(z), outputSymbol);
        }
        else work[^1] = work[^1] with { Name = outputSymbol };
        return work;
    }

    /// <summary>
    /// One unit's output in the slide's summation form, <c>o_j = g(Σ_k i_k w_{k,j} + b_j)</c>, with every product shown.
    /// <paramref name="input"/> must be a single row.
    /// </summary>
    public WorkedComputation<T> ExplainUnit(Tensor<T> input, int unit = 0)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rows != 1 || input.Cols != Inputs)
            throw new ShapeMismatchException($"ExplainUnit needs one input row of shape (1×{Inputs}), got {input.Shape}.");
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(unit, Units);
        // The title is plain text (it is also ToString's first line), so the subscripts are Unicode ones: Σₖ iₖ wₖ,₁.
        var work = new WorkedComputation<T>($"Unit {unit + 1}: o = {Activation.Name}(Σₖ iₖ wₖ,{Subscript(unit + 1)}{(Bias is null ? "" : " + b")})");
        T sum = Bias is null ? T.Zero : Bias.Value[0, unit];
        var terms = new List<string>();
        for (int k = 0; k < Inputs; k++)
        {
            sum += input[0, k] * Weights.Value[k, unit];
            terms.Add($@"{Paren(input[0, k])} \cdot {Paren(Weights.Value[k, unit])}");
        }
        if (Bias is not null) terms.Add(Paren(Bias.Value[0, unit]));
        string j = (unit + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var z1 = Tensor.Full(1, 1, sum);
        work.Step("weighted sum", $@"\sum_k i_k w_{{k,{j}}}{(Bias is null ? "" : $" + b_{j}")}", string.Join(" + ", terms), z1, $"z_{j}");
        var o = Activation.Apply(z1);
        var (symbolic, numeric) = ApplyLatex(Activation, $"z_{j}", Latex.Number(sum));
        work.Step($"apply {Activation.Name}", symbolic, numeric, o, $"o_{j}");
        return work;
    }

    private static string Subscript(int n) =>
        new(n.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(d => (char)('₀' + (d - '0'))).ToArray());

    private static string Paren(T v) => v < T.Zero ? $"({Latex.Number(v)})" : Latex.Number(v);

    /// <summary>Plain-text form of a LaTeX symbol for titles: <c>\mathbf{W}^{1}</c> → <c>W1</c>.</summary>
    private static string Plain(string latex) =>
        latex.Replace(@"\mathbf{", "").Replace(@"\boldsymbol{", "").Replace("^{", "").Replace("{", "").Replace("}", "").Replace(@"\", "");

    /// <summary>"g(argument)" in the slides' style: ReLU as max(0, ·), as on the XOR and ReLU slides.</summary>
    internal static (string Symbolic, string Numeric) ApplyLatex(Activation<T> g, string symbolicArgument, string numericArgument)
    {
        if (g is Relu<T>) return ($@"\max(0,\ {symbolicArgument})", $@"\max\left(0,\ {numericArgument}\right)");
        string name = g switch
        {
            Sigmoid<T> => @"\sigma",
            Tanh<T> => @"\tanh",
            Identity<T> => @"\mathrm{id}",
            _ => @"\mathrm{" + g.Name.Split('(')[0] + "}",
        };
        return ($@"{name}({symbolicArgument})", $@"{name}\left({numericArgument}\right)");
    }

    /// <inheritdoc/>
    public override string ToString() => $"Dense({Inputs} → {Units}, {Activation.Name}{(Bias is null ? ", no bias" : "")})";
}
