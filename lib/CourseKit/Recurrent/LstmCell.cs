using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Numerics;
using CourseKit.Kernels;
using CourseKit.Tensors;
using CourseKit.Worked;

namespace CourseKit.Recurrent;

/// <summary>
/// Long short-term memory step. Gates (blocks, PyTorch's order): input i, forget f, candidate g, output o.
/// <code>
/// i = σ(x W_ii + h W_hi + b)    f = σ(x W_if + h W_hf + b)    g = tanh(x W_ig + h W_hg + b)    o = σ(x W_io + h W_ho + b)
/// c(t) = f ⊙ c(t−1) + i ⊙ g     h(t) = o ⊙ tanh(c(t))
/// </code>
/// </summary>
/// <remarks>
/// Slide ↔ library: the second LSTM slide writes <c>f = σ(b_f + W_f h(t−1) + U_f x(t))</c> in column vectors, with
/// <b>W on the hidden state and U on the input</b> (the reverse of the simple-RNN slide), and calls the candidate
/// <c>tanh(b_c + W_c h + U_c x)</c>. So block f of <c>W_hh</c> is <c>W_fᵀ</c>, block f of <c>W_ih</c> is <c>U_fᵀ</c>, and the
/// slide's candidate is block g. The first slide's <c>W_f · [h, x]</c> is the same matrix as <c>[W_f U_f]</c> side by side.
/// PyTorch: <c>nn.LSTM</c>, the same gate order and two biases (<c>b_ih + b_hh</c> is the slide's b).
/// </remarks>
public sealed class LstmCell<T> : RecurrentCell<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly string[] Names = ["i", "f", "g", "o"];

    /// <summary>A cell with random weights (PyTorch's initialisation) from <paramref name="random"/>.</summary>
    public LstmCell(int inputs, int hidden, Random? random = null) : base(inputs, hidden, 4, random) { }

    /// <summary>
    /// The slide's LSTM from its per-gate column-vector matrices: each gate's W (H × H) on h(t−1), U (H × inputs) on x(t)
    /// and bias b (H values; null = 0). "c" is the slide's candidate, <c>tanh(b_c + W_c h + U_c x)</c>.
    /// </summary>
    public static LstmCell<T> FromSlide(
        (Tensor<T> W, Tensor<T> U, Tensor<T>? b) forget,
        (Tensor<T> W, Tensor<T> U, Tensor<T>? b) input,
        (Tensor<T> W, Tensor<T> U, Tensor<T>? b) candidate,
        (Tensor<T> W, Tensor<T> U, Tensor<T>? b) output)
    {
        ArgumentNullException.ThrowIfNull(forget.U);
        ArgumentNullException.ThrowIfNull(forget.W);
        var cell = new LstmCell<T>(forget.U.Cols, forget.W.Rows);
        cell.SetBlock(0, input.W, input.U, input.b);
        cell.SetBlock(1, forget.W, forget.U, forget.b);
        cell.SetBlock(2, candidate.W, candidate.U, candidate.b);
        cell.SetBlock(3, output.W, output.U, output.b);
        return cell;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> GateNames => Names;

    /// <inheritdoc/>
    public override bool HasCellState => true;

    /// <inheritdoc/>
    public override string Name => "LSTM";

    /// <summary>
    /// One step written out in the second LSTM slide's notation with every number: the forget, input and output gates,
    /// the candidate, the cell update <c>c = f ⊙ c(t−1) + i ⊙ c̃</c> and <c>h = o ⊙ tanh(c)</c>. Vectors may be rows or columns.
    /// </summary>
    public WorkedComputation<T> ExplainStep(Tensor<T> x, Tensor<T> hPrev, Tensor<T> cPrev)
    {
        var step = Step(x, hPrev, cPrev);
        var work = new WorkedComputation<T>("One LSTM step (slide notation: W multiplies h(t−1), U multiplies x(t))");
        const string h = @"\mathbf{h}^{(t-1)}";
        SlideEquations.Gate(work, "Step 1: forget gate", @"\mathbf{f}^{(t)}", @"\sigma", "f", GateMatrices(1), hPrev, h, x, step["f"]);
        SlideEquations.Gate(work, "Step 1: input gate", @"\mathbf{i}^{(t)}", @"\sigma", "i", GateMatrices(0), hPrev, h, x, step["i"]);
        SlideEquations.Gate(work, "Step 1: output gate", @"\mathbf{o}^{(t)}", @"\sigma", "o", GateMatrices(3), hPrev, h, x, step["o"]);
        SlideEquations.Gate(work, "Step 2: candidate", @"\tilde{\mathbf{c}}^{(t)}", @"\tanh", "c", GateMatrices(2), hPrev, h, x, step["g"]);
        var (f, i, g, o, c) = (SlideEquations.Column(step["f"]), SlideEquations.Column(step["i"]), SlideEquations.Column(step["g"]),
                               SlideEquations.Column(step["o"]), SlideEquations.Column(step["c"]));
        work.Step("Step 2: update the cell: forget some old, add some new",
            @"\mathbf{f}^{(t)} \odot \mathbf{c}^{(t-1)} + \mathbf{i}^{(t)} \odot \tilde{\mathbf{c}}^{(t)}",
            $@"{f.ToLatex()} \odot {SlideEquations.Column(cPrev).ToLatex()} + {i.ToLatex()} \odot {g.ToLatex()}", c, @"\mathbf{c}^{(t)}");
        work.Step("Step 3: output some of the cell", @"\mathbf{o}^{(t)} \odot \tanh(\mathbf{c}^{(t)})",
            $@"{o.ToLatex()} \odot \tanh\left({c.ToLatex()}\right)", SlideEquations.Column(step["h"]), @"\mathbf{h}^{(t)}");
        return work;
    }

    internal override void StepForward(int batch, ReadOnlySpan<T> inputPart, ReadOnlySpan<T> hPrev, ReadOnlySpan<T> cPrev,
        Span<T> gates, Span<T> saved, Span<T> h, Span<T> c, Span<T> scratch)
    {
        int H = Hidden, gh = 4 * H;
        inputPart[..(batch * gh)].CopyTo(gates);                            // x W_ih + b_ih + b_hh (folded)
        HiddenProjection(batch, hPrev, gates, accumulate: true);            //   + h(t−1) W_hh
        for (int b = 0; b < batch; b++)
        {
            var row = gates.Slice(b * gh, gh);
            ActivationKernels.Sigmoid(row[..(2 * H)], row[..(2 * H)]);            // i, f
            ActivationKernels.Tanh(row.Slice(2 * H, H), row.Slice(2 * H, H));      // g
            ActivationKernels.Sigmoid(row.Slice(3 * H, H), row.Slice(3 * H, H));   // o
            ReadOnlySpan<T> i = row[..H], f = row.Slice(H, H), g = row.Slice(2 * H, H), o = row.Slice(3 * H, H);
            var cRow = c.Slice(b * H, H);
            var tanhC = saved.Slice(b * H, H);
            TensorPrimitives.Multiply(f, cPrev.Slice(b * H, H), cRow);           // forget some old
            TensorPrimitives.MultiplyAdd(i, g, cRow, cRow);                       // add some new
            ActivationKernels.Tanh(cRow, tanhC);
            TensorPrimitives.Multiply(o, tanhC, h.Slice(b * H, H));              // output some of the cell
        }
    }

    /// <inheritdoc/>
    internal override bool HalvesShareGradient => true;                // every gate: x W_ih + b_ih + h W_hh + b_hh

    internal override void StepBackward(int batch, ReadOnlySpan<T> gates, ReadOnlySpan<T> saved, ReadOnlySpan<T> hPrev,
        ReadOnlySpan<T> cPrev, ReadOnlySpan<T> c, ReadOnlySpan<T> dh, ReadOnlySpan<T> dc,
        Span<T> dInputPart, Span<T> dHiddenPart, Span<T> dhPrev, Span<T> dcPrev)
    {
        int H = Hidden, gh = 4 * H;
        for (int b = 0; b < batch; b++)
        {
            int r = b * gh, s = b * H;
            var row = dInputPart.Slice(r, gh);
            RecurrentKernels.LstmBackward(gates.Slice(r, H), gates.Slice(r + H, H), gates.Slice(r + 2 * H, H), gates.Slice(r + 3 * H, H),
                saved.Slice(s, H), cPrev.Slice(s, H), dh.Slice(s, H), dc.Slice(s, H),
                dcPrev.Slice(s, H), row[..H], row.Slice(H, H), row.Slice(2 * H, H), row.Slice(3 * H, H));
        }
        HiddenProjectionBackward(batch, dInputPart, dhPrev, accumulate: false);
    }
}
