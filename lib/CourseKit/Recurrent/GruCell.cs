using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Numerics;
using CourseKit.Kernels;
using CourseKit.Tensors;
using CourseKit.Worked;

namespace CourseKit.Recurrent;

/// <summary>
/// Gated recurrent unit step, in either reset placement (see <see cref="GruResetPlacement"/>).
/// Blocks, in column order: reset r, update, candidate.
/// <code>
/// BeforeMatmul (slides):  r = σ(…)  u = σ(…)  h̃ = tanh(x W_in + b_in + (r ⊙ h) W_hn + b_hn)   h(t) = (1 − u) ⊙ h + u ⊙ h̃
/// AfterMatmul (PyTorch):  r = σ(…)  z = σ(…)  n = tanh(x W_in + b_in + r ⊙ (h W_hn + b_hn))   h(t) = (1 − z) ⊙ n + z ⊙ h
/// </code>
/// </summary>
/// <remarks>
/// Slide ↔ library: the GRU slide writes <c>u = σ(b_u + W_u h(t−1) + U_u x(t))</c> with W on the hidden state and U
/// on the input (column vectors), so block u of <c>W_hh</c> is <c>W_uᵀ</c> and of <c>W_ih</c> is <c>U_uᵀ</c>.
/// The slide's update gate u says how much is <i>new</i>; PyTorch's z says how much is <i>kept</i>: <c>u = 1 − z</c>.
/// Each placement keeps its own source's meaning for the middle block, so weights import without sign changes.
/// PyTorch: <c>nn.GRU</c> is <see cref="GruResetPlacement.AfterMatmul"/>, gate order r, z, n.
/// </remarks>
public sealed class GruCell<T> : RecurrentCell<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly string[] SlideNames = ["r", "u", "h̃"];
    private static readonly string[] PyTorchNames = ["r", "z", "n"];

    /// <summary>A cell with random weights (PyTorch's initialisation); PyTorch's reset placement unless told otherwise.</summary>
    public GruCell(int inputs, int hidden, GruResetPlacement reset = GruResetPlacement.AfterMatmul, Random? random = null)
        : base(inputs, hidden, 3, random) => Reset = reset;

    /// <summary>
    /// The slide's GRU from its per-gate column-vector matrices: each gate's W (H × H) on h(t−1), U (H × inputs) on x(t)
    /// and bias b (H values; null = 0). Uses the slide's reset placement, <see cref="GruResetPlacement.BeforeMatmul"/>.
    /// </summary>
    public static GruCell<T> FromSlide(
        (Tensor<T> W, Tensor<T> U, Tensor<T>? b) update,
        (Tensor<T> W, Tensor<T> U, Tensor<T>? b) reset,
        (Tensor<T> W, Tensor<T> U, Tensor<T>? b) candidate)
    {
        ArgumentNullException.ThrowIfNull(update.U);
        ArgumentNullException.ThrowIfNull(update.W);
        var cell = new GruCell<T>(update.U.Cols, update.W.Rows, GruResetPlacement.BeforeMatmul);
        cell.SetBlock(0, reset.W, reset.U, reset.b);
        cell.SetBlock(1, update.W, update.U, update.b);
        cell.SetBlock(2, candidate.W, candidate.U, candidate.b);
        return cell;
    }

    /// <inheritdoc/>
    /// <remarks>The candidate's sum holds the reset gate: <c>x W_in + b_in + r ⊙ (h W_hn + b_hn)</c> (PyTorch), or
    /// <c>x W_in + b_in + (r ⊙ h) W_hn + b_hn</c> (slides).</remarks>
    internal override Tensor<T> PreActivations(ReadOnlySpan<T> x, ReadOnlySpan<T> hPrev, ReadOnlySpan<T> gates)
    {
        var sums = base.PreActivations(x, hPrev, gates);
        int H = Hidden;
        var r = gates[..H];
        var resetState = Reset == GruResetPlacement.BeforeMatmul ? new T[H] : null;
        if (resetState is not null)
            for (int k = 0; k < H; k++) resetState[k] = r[k] * hPrev[k];
        for (int j = 0; j < H; j++)
        {
            int column = 2 * H + j;
            sums[0, column] = resetState is null
                ? InputPart(x, column) + r[j] * HiddenPart(hPrev, column)
                : InputPart(x, column) + HiddenPart(resetState, column);
        }
        return sums;
    }

    /// <summary>Where the reset gate acts.</summary>
    public GruResetPlacement Reset { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> GateNames => Reset == GruResetPlacement.BeforeMatmul ? SlideNames : PyTorchNames;

    /// <inheritdoc/>
    public override string Name => Reset == GruResetPlacement.BeforeMatmul ? "GRU(slides)" : "GRU";

    /// <summary>
    /// One step written out with every number. For <see cref="GruResetPlacement.BeforeMatmul"/> in the GRU slide's
    /// notation (update u, reset r, candidate with <c>W_h (r ⊙ h)</c>, <c>h = (1 − u) ⊙ h(t−1) + u ⊙ h̃</c>); for
    /// <see cref="GruResetPlacement.AfterMatmul"/> in PyTorch's (r, z, <c>n = tanh(b_in + U_n x + r ⊙ (W_n h + b_hn))</c>).
    /// Vectors may be rows or columns.
    /// </summary>
    public WorkedComputation<T> ExplainStep(Tensor<T> x, Tensor<T> hPrev)
    {
        var step = Step(x, hPrev);
        const string h = @"\mathbf{h}^{(t-1)}";
        var hp = SlideEquations.Column(hPrev);
        if (Reset == GruResetPlacement.BeforeMatmul)
        {
            var work = new WorkedComputation<T>("One GRU step (slide notation: W multiplies h(t−1), U multiplies x(t); reset before the product)");
            SlideEquations.Gate(work, "Step 1: update gate", @"\mathbf{u}^{(t)}", @"\sigma", "u", GateMatrices(1), hPrev, h, x, step["u"]);
            SlideEquations.Gate(work, "Step 1: reset gate", @"\mathbf{r}^{(t)}", @"\sigma", "r", GateMatrices(0), hPrev, h, x, step["r"]);
            var r = SlideEquations.Column(step["r"]);
            var reset = r.Hadamard(hp);
            work.Step("Step 2: reset the old state", @"\mathbf{r}^{(t)} \odot \mathbf{h}^{(t-1)}", $@"{r.ToLatex()} \odot {hp.ToLatex()}", reset);
            SlideEquations.Gate(work, "Step 2: candidate", @"\tilde{\mathbf{h}}^{(t)}", @"\tanh", "h", GateMatrices(2), reset,
                @"(\mathbf{r}^{(t)} \odot \mathbf{h}^{(t-1)})", x, step["h̃"]);
            var u = SlideEquations.Column(step["u"]);
            var oneMinusU = Tensor.Full(Hidden, 1, T.One) - u;
            work.Step("Step 2: forget some old, add some new",
                @"(1 - \mathbf{u}^{(t)}) \odot \mathbf{h}^{(t-1)} + \mathbf{u}^{(t)} \odot \tilde{\mathbf{h}}^{(t)}",
                $@"{oneMinusU.ToLatex()} \odot {hp.ToLatex()} + {u.ToLatex()} \odot {SlideEquations.Column(step["h̃"]).ToLatex()}",
                SlideEquations.Column(step["h"]), @"\mathbf{h}^{(t)}");
            return work;
        }
        var pytorch = new WorkedComputation<T>("One GRU step (PyTorch's form: reset after the product, z = 1 − u)");
        SlideEquations.Gate(pytorch, "reset gate", @"\mathbf{r}^{(t)}", @"\sigma", "r", GateMatrices(0), hPrev, h, x, step["r"]);
        SlideEquations.Gate(pytorch, "keep gate (PyTorch's z)", @"\mathbf{z}^{(t)}", @"\sigma", "z", GateMatrices(1), hPrev, h, x, step["z"]);
        int o = 2 * Hidden;
        var (wn, un, _) = GateMatrices(2);
        var bin = new Tensor<T>(Hidden, 1);
        var bhn = new Tensor<T>(Hidden, 1);
        for (int j = 0; j < Hidden; j++) { bin[j, 0] = InputBias.Value[0, o + j]; bhn[j, 0] = HiddenBias.Value[0, o + j]; }
        var rr = SlideEquations.Column(step["r"]);
        var xc = SlideEquations.Column(x);
        var hiddenPart = wn.MatMul(hp) + bhn;
        pytorch.Step("hidden half of the candidate", @"\mathbf{W}_n \mathbf{h}^{(t-1)} + \mathbf{b}_{hn}",
            $@"{wn.ToLatex()} {hp.ToLatex()} + {bhn.ToLatex()}", hiddenPart);
        pytorch.Step("candidate: reset applied after the product", @"\tanh(\mathbf{b}_{in} + \mathbf{U}_n \mathbf{x}^{(t)} + \mathbf{r}^{(t)} \odot (\mathbf{W}_n \mathbf{h}^{(t-1)} + \mathbf{b}_{hn}))",
            $@"\tanh\left({bin.ToLatex()} + {un.ToLatex()} {xc.ToLatex()} + {rr.ToLatex()} \odot {hiddenPart.ToLatex()}\right)",
            SlideEquations.Column(step["n"]), @"\mathbf{n}^{(t)}");
        var z = SlideEquations.Column(step["z"]);
        pytorch.Step("new state", @"(1 - \mathbf{z}^{(t)}) \odot \mathbf{n}^{(t)} + \mathbf{z}^{(t)} \odot \mathbf{h}^{(t-1)}",
            $@"{(Tensor.Full(Hidden, 1, T.One) - z).ToLatex()} \odot {SlideEquations.Column(step["n"]).ToLatex()} + {z.ToLatex()} \odot {hp.ToLatex()}",
            SlideEquations.Column(step["h"]), @"\mathbf{h}^{(t)}");
        return pytorch;
    }

    private PackedMatrix<T>? gatesPacked, candidatePacked, candidateTransposed, gatesTransposed;

    // PyTorch's candidate keeps b_hn inside r ⊙ (h W_hn + b_hn), so b_hh is added per step, not folded into the input part.
    internal override bool FoldsHiddenBias => false;

    internal override void PrepareForward()
    {
        if (Reset == GruResetPlacement.AfterMatmul) { base.PrepareForward(); return; }
        int H = Hidden, gh = 3 * H;
        var w = HiddenWeights.Value.ReadOnlySpan;
        Pack(ref gatesPacked, w, gh, false, H, 2 * H);             // W_hh's r and u blocks
        Pack(ref candidatePacked, w[(2 * H)..], gh, false, H, H);  // W_hn, multiplied by r ⊙ h
    }

    internal override void PrepareBackward()
    {
        if (Reset == GruResetPlacement.AfterMatmul) { base.PrepareBackward(); return; }
        int H = Hidden, gh = 3 * H;
        var w = HiddenWeights.Value.ReadOnlySpan;
        Pack(ref gatesTransposed, w, gh, true, 2 * H, H);
        Pack(ref candidateTransposed, w[(2 * H)..], gh, true, H, H);
    }

    internal override void StepForward(int batch, ReadOnlySpan<T> inputPart, ReadOnlySpan<T> hPrev, ReadOnlySpan<T> cPrev,
        Span<T> gates, Span<T> saved, Span<T> h, Span<T> c, Span<T> scratch)
    {
        int H = Hidden, gh = 3 * H;
        FillHiddenBias(batch, scratch);
        if (Reset == GruResetPlacement.AfterMatmul)
            HiddenProjection(batch, hPrev, scratch, accumulate: true);           // all three blocks: h W_hh + b_hh
        else
            Gemm.Multiply(hPrev, H, false, gatesPacked!, scratch, gh, batch, accumulate: true);   // r, u blocks only
        for (int b = 0; b < batch; b++)
        {
            var row = gates.Slice(b * gh, gh);
            TensorPrimitives.Add(inputPart.Slice(b * gh, 2 * H), scratch.Slice(b * gh, 2 * H), row[..(2 * H)]);
            ActivationKernels.Sigmoid(row[..(2 * H)], row[..(2 * H)]);
            if (Reset == GruResetPlacement.AfterMatmul)
            {
                var hn = saved.Slice(b * H, H);
                scratch.Slice(b * gh + 2 * H, H).CopyTo(hn);                       // keep h W_hn + b_hn for backward
                TensorPrimitives.MultiplyAdd(row[..H], hn, inputPart.Slice(b * gh + 2 * H, H), row.Slice(2 * H, H));
                ActivationKernels.Tanh(row.Slice(2 * H, H), row.Slice(2 * H, H));   // n
                RecurrentKernels.Interpolate(row.Slice(2 * H, H), hPrev.Slice(b * H, H), row.Slice(H, H), h.Slice(b * H, H));  // (1 − z) n + z h
            }
            else TensorPrimitives.Multiply(row[..H], hPrev.Slice(b * H, H), saved.Slice(b * H, H));   // r ⊙ h(t−1)
        }
        if (Reset == GruResetPlacement.AfterMatmul) return;

        // (r ⊙ h) W_hn + b_hn: the candidate's hidden half needs r first, so it is a second, smaller product.
        var candidate = scratch[(2 * H)..];
        Gemm.Multiply(saved, H, false, candidatePacked!, candidate, gh, batch, accumulate: true);
        for (int b = 0; b < batch; b++)
        {
            var hTilde = gates.Slice(b * gh + 2 * H, H);
            TensorPrimitives.Add(inputPart.Slice(b * gh + 2 * H, H), candidate.Slice(b * gh, H), hTilde);
            ActivationKernels.Tanh(hTilde, hTilde);
            RecurrentKernels.Interpolate(hPrev.Slice(b * H, H), hTilde, gates.Slice(b * gh + H, H), h.Slice(b * H, H));   // (1 − u) h + u h̃
        }
    }

    internal override void StepBackward(int batch, ReadOnlySpan<T> gates, ReadOnlySpan<T> saved, ReadOnlySpan<T> hPrev,
        ReadOnlySpan<T> cPrev, ReadOnlySpan<T> c, ReadOnlySpan<T> dh, ReadOnlySpan<T> dc,
        Span<T> dInputPart, Span<T> dHiddenPart, Span<T> dhPrev, Span<T> dcPrev)
    {
        int H = Hidden, gh = 3 * H;
        if (Reset == GruResetPlacement.AfterMatmul)
        {
            for (int b = 0; b < batch; b++)
            {
                int r = b * gh, s = b * H;
                var dIn = dInputPart.Slice(r, gh);
                RecurrentKernels.GruBackward(gates.Slice(r, H), gates.Slice(r + H, H), gates.Slice(r + 2 * H, H), saved.Slice(s, H),
                    hPrev.Slice(s, H), dh.Slice(s, H), dIn[..H], dIn.Slice(H, H), dIn.Slice(2 * H, H),
                    dHiddenPart.Slice(r + 2 * H, H), dhPrev.Slice(s, H));
                dIn[..(2 * H)].CopyTo(dHiddenPart.Slice(r, 2 * H));               // r and z: both halves share a gradient
            }
            HiddenProjectionBackward(batch, dHiddenPart, dhPrev, accumulate: true);
            return;
        }

        // Slides' placement. First the candidate: dh̃_pre, then ∂L/∂(r ⊙ h) = dh̃_pre W_hnᵀ (into dcPrev, unused by a GRU).
        var dResetHidden = dcPrev;
        for (int b = 0; b < batch; b++)
        {
            int r = b * gh, s = b * H;
            for (int j = 0; j < H; j++)
            {
                T u = gates[r + H + j], hTilde = gates[r + 2 * H + j], d = dh[s + j];
                T dPre = d * u * (T.One - hTilde * hTilde);
                dInputPart[r + 2 * H + j] = dPre;
                dHiddenPart[r + 2 * H + j] = dPre;
            }
        }
        Gemm.Multiply(dHiddenPart[(2 * H)..], gh, false, candidateTransposed!, dResetHidden, H, batch, accumulate: false);
        for (int b = 0; b < batch; b++)
        {
            int r = b * gh, s = b * H;
            for (int j = 0; j < H; j++)
            {
                T rg = gates[r + j], u = gates[r + H + j], hTilde = gates[r + 2 * H + j], d = dh[s + j], old = hPrev[s + j];
                T dRh = dResetHidden[s + j];
                dhPrev[s + j] = d * (T.One - u) + dRh * rg;                  // kept part, and through r ⊙ h
                T drPre = dRh * old * rg * (T.One - rg);
                T duPre = d * (hTilde - old) * u * (T.One - u);
                dInputPart[r + j] = dHiddenPart[r + j] = drPre;
                dInputPart[r + H + j] = dHiddenPart[r + H + j] = duPre;
            }
        }
        Gemm.Multiply(dHiddenPart, gh, false, gatesTransposed!, dhPrev, H, batch, accumulate: true);  // r, u blocks
        dResetHidden[..(batch * H)].Clear();
    }

    internal override void AccumulateHiddenWeightGradient(int rows, ReadOnlySpan<T> hPrevAll, ReadOnlySpan<T> savedAll, ReadOnlySpan<T> dHiddenAll)
    {
        if (Reset == GruResetPlacement.AfterMatmul)
        {
            base.AccumulateHiddenWeightGradient(rows, hPrevAll, savedAll, dHiddenAll);
            return;
        }
        int H = Hidden, gh = 3 * H;
        var dw = HiddenWeights.Gradient.Span;
        Gemm.Multiply(hPrevAll, H, true, dHiddenAll, gh, false, dw, gh, H, 2 * H, rows, accumulate: true);                 // r, u: h(t−1)ᵀ
        Gemm.Multiply(savedAll, H, true, dHiddenAll[(2 * H)..], gh, false, dw[(2 * H)..], gh, H, H, rows, accumulate: true); // h̃: (r ⊙ h)ᵀ
    }
}
