using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Numerics;
using CourseKit.Kernels;
using CourseKit.Tensors;
using CourseKit.Worked;

namespace CourseKit.Recurrent;

/// <summary>
/// The simple (Elman) RNN step: <c>h(t) = tanh(U h(t−1) + W x(t) + b)</c>, one block of gates.
/// </summary>
/// <remarks>
/// Slide ↔ library: the slide writes column vectors, <c>h(t) = tanh(U h(t−1) + W x(t))</c>, with U (H × H) on the
/// hidden state and W (H × inputs) on the input. This cell stores row-vector weights, so <c>W_hh = Uᵀ</c> and
/// <c>W_ih = Wᵀ</c>; <see cref="FromSlide"/> does that transpose. PyTorch: <c>nn.RNN</c>, <c>W_ih = weight_ih_l0ᵀ</c>.
/// The output <c>o(t) = softmax(V h(t))</c> is a separate dense layer on top (see <see cref="RecurrentLayer{T}"/>).
/// </remarks>
public sealed class SimpleRnnCell<T> : RecurrentCell<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly string[] Names = ["h"];

    /// <summary>A cell with random weights (PyTorch's initialisation) from <paramref name="random"/>.</summary>
    public SimpleRnnCell(int inputs, int hidden, RnnNonlinearity nonlinearity = RnnNonlinearity.Tanh, Random? random = null)
        : base(inputs, hidden, 1, random) => Nonlinearity = nonlinearity;

    /// <summary>
    /// The slide's cell from its column-vector matrices: U (H × H) on h(t−1), W (H × inputs) on x(t), optional bias b.
    /// </summary>
    public static SimpleRnnCell<T> FromSlide(Tensor<T> U, Tensor<T> W, Tensor<T>? b = null, RnnNonlinearity nonlinearity = RnnNonlinearity.Tanh)
    {
        ArgumentNullException.ThrowIfNull(U);
        ArgumentNullException.ThrowIfNull(W);
        var cell = new SimpleRnnCell<T>(W.Cols, U.Rows, nonlinearity);
        cell.SetBlock(0, U, W, b);
        return cell;
    }

    /// <summary>tanh, ReLU or none.</summary>
    public RnnNonlinearity Nonlinearity { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> GateNames => Names;

    /// <inheritdoc/>
    public override string Name => Nonlinearity switch
    {
        RnnNonlinearity.Tanh => "RNN(tanh)",
        RnnNonlinearity.Relu => "RNN(ReLU)",
        _ => "RNN(linear)",
    };

    /// <summary>
    /// One step written out in the simple-RNN slide's notation, <c>h(t) = tanh(U h(t−1) + W x(t))</c> (U on the hidden
    /// state, W on the input; a bias term only if the cell has one), with every number. Vectors may be rows or columns.
    /// </summary>
    public WorkedComputation<T> ExplainStep(Tensor<T> x, Tensor<T> hPrev, int time = 1)
    {
        var step = Step(x, hPrev);
        string t = time.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string tPrev = (time - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (onHidden, onInput, b) = GateMatrices(0);
        bool hasBias = b.ReadOnlySpan.ContainsAnyExcept(T.Zero);
        var h = SlideEquations.Column(hPrev);
        var xc = SlideEquations.Column(x);
        var pre = onHidden.MatMul(h) + onInput.MatMul(xc);
        if (hasBias) pre = pre + b;
        string function = Nonlinearity switch { RnnNonlinearity.Tanh => @"\tanh", RnnNonlinearity.Relu => @"\max\left(0,\ ", _ => "" };
        string close = Nonlinearity switch { RnnNonlinearity.Tanh => @"\right)", RnnNonlinearity.Relu => @"\right)", _ => "" };
        string open = Nonlinearity == RnnNonlinearity.Tanh ? @"\left(" : "";
        string symbolic = $@"\mathbf{{U}}\mathbf{{h}}^{{({tPrev})}} + \mathbf{{W}}\mathbf{{x}}^{{({t})}}{(hasBias ? @" + \mathbf{b}" : "")}";
        string numbers = $@"{onHidden.ToLatex()} {h.ToLatex()} + {onInput.ToLatex()} {xc.ToLatex()}{(hasBias ? " + " + b.ToLatex() : "")}";
        var work = new WorkedComputation<T>($"Simple RNN step {t} (slide notation: U multiplies h(t−1), W multiplies x(t))");
        if (Nonlinearity == RnnNonlinearity.None)
            work.Step("combine the history with the input", symbolic, numbers, SlideEquations.Column(step["h"]), $@"\mathbf{{h}}^{{({t})}}");
        else
        {
            work.Step("combine the history with the input", symbolic, numbers, pre, $@"\mathbf{{a}}^{{({t})}}");
            work.Step($"apply {Nonlinearity}", $@"{function}{open}\mathbf{{a}}^{{({t})}}{close}", $@"{function}{open}{pre.ToLatex()}{close}",
                SlideEquations.Column(step["h"]), $@"\mathbf{{h}}^{{({t})}}");
        }
        return work;
    }

    internal override void StepForward(int batch, ReadOnlySpan<T> inputPart, ReadOnlySpan<T> hPrev, ReadOnlySpan<T> cPrev,
        Span<T> gates, Span<T> saved, Span<T> h, Span<T> c, Span<T> scratch)
    {
        int n = batch * Hidden;
        inputPart[..n].CopyTo(h);                                      // x(t) W_ih + b_ih + b_hh (folded)
        HiddenProjection(batch, hPrev, h, accumulate: true);           //   + h(t−1) W_hh
        switch (Nonlinearity)
        {
            case RnnNonlinearity.Tanh: ActivationKernels.Tanh(h[..n], h[..n]); break;
            case RnnNonlinearity.Relu: TensorPrimitives.Max(h[..n], T.Zero, h[..n]); break;
        }
    }

    /// <inheritdoc/>
    internal override bool HalvesShareGradient => true;                // a = x W_ih + h W_hh + b

    /// <inheritdoc/>
    internal override bool NeedsOnlyNewState => true;                  // the derivative needs only h(t)

    internal override void StepBackward(int batch, ReadOnlySpan<T> gates, ReadOnlySpan<T> saved, ReadOnlySpan<T> hPrev,
        ReadOnlySpan<T> cPrev, ReadOnlySpan<T> c, ReadOnlySpan<T> dh, ReadOnlySpan<T> dc,
        Span<T> dInputPart, Span<T> dHiddenPart, Span<T> dhPrev, Span<T> dcPrev)
    {
        int n = batch * Hidden;
        var da = dInputPart[..n];
        switch (Nonlinearity)
        {
            case RnnNonlinearity.Tanh: ActivationKernels.TanhBackward(gates[..n], dh[..n], da); break;  // (1 − h²) dh
            case RnnNonlinearity.Relu: ActivationKernels.ReluBackward(gates[..n], dh[..n], da); break;  // h > 0 ⇔ a > 0
            default: dh[..n].CopyTo(da); break;
        }
        HiddenProjectionBackward(batch, da, dhPrev, accumulate: false);
    }
}
