using System.Numerics;
using CourseKit.Kernels;
using CourseKit.Layers;
using CourseKit.Tensors;

namespace CourseKit.Recurrent;

/// <summary>
/// What one time step of a recurrent network computes from the input x(t) and the previous state h(t−1).
/// A cell holds the weights; <see cref="RecurrentLayer{T}"/> runs it along a sequence and does backpropagation through time.
/// </summary>
/// <remarks>
/// <para>Layout (row vectors, a batch of rows, like <see cref="Dense{T}"/>): every gate's pre-activation is
/// <c>x W_ih + b_ih + h W_hh + b_hh</c>, with the gates stacked side by side in the columns:
/// <c>W_ih</c> is (inputs × G·H), <c>W_hh</c> is (H × G·H), both biases (1 × G·H).</para>
/// <para>This is PyTorch's layout transposed (<c>W_ih = weight_ih_l0ᵀ</c>, gates in PyTorch's order), so weights move
/// between the two by a transpose; see each cell for how the slides' per-gate matrices map into the blocks.</para>
/// <para>Stacking the gates lets one matrix product compute all gates for the whole batch; the layer does the input
/// half for all time steps at once before the recurrence, and the cell does the hidden half step by step.</para>
/// </remarks>
public abstract class RecurrentCell<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a cell with weights drawn like PyTorch's: U(−1/√H, 1/√H) for all weights and biases.</summary>
    protected RecurrentCell(int inputs, int hidden, int gates, Random? random)
    {
        if (inputs < 1 || hidden < 1)
            throw new ArgumentOutOfRangeException(nameof(hidden), $"A recurrent cell needs inputs ≥ 1 and hidden ≥ 1 (got {inputs}, {hidden}).");
        Inputs = inputs;
        Hidden = hidden;
        Gates = gates;
        random ??= DefaultRandom.Next();
        double bound = 1.0 / Math.Sqrt(hidden);
        InputWeights = NewParameter("W_ih", inputs, gates * hidden, bound, random);
        HiddenWeights = NewParameter("W_hh", hidden, gates * hidden, bound, random);
        InputBias = NewParameter("b_ih", 1, gates * hidden, bound, random);
        HiddenBias = NewParameter("b_hh", 1, gates * hidden, bound, random);
    }

    private Parameter<T> NewParameter(string name, int rows, int cols, double bound, Random random)
    {
        var value = new Tensor<T>(rows, cols);
        Initializers.Uniform(value.Span, bound, random);
        return AddParameter(name, value);
    }

    /// <summary>Size of each input vector x(t).</summary>
    public int Inputs { get; }

    /// <summary>Size of the hidden state h(t).</summary>
    public int Hidden { get; }

    /// <summary>How many H-wide blocks are stacked in the weights (1 simple, 4 LSTM, 3 GRU).</summary>
    public int Gates { get; }

    /// <summary>Names of the stacked blocks, in column order (for example i, f, g, o).</summary>
    public abstract IReadOnlyList<string> GateNames { get; }

    /// <summary>Whether the cell carries a second state beside h (the LSTM's cell state c).</summary>
    public virtual bool HasCellState => false;

    /// <summary><c>W_ih</c>: (inputs × G·H), input to every gate.</summary>
    public Parameter<T> InputWeights { get; }

    /// <summary><c>W_hh</c>: (H × G·H), previous hidden state to every gate.</summary>
    public Parameter<T> HiddenWeights { get; }

    /// <summary><c>b_ih</c>: (1 × G·H).</summary>
    public Parameter<T> InputBias { get; }

    /// <summary><c>b_hh</c>: (1 × G·H). PyTorch keeps two biases; the slides have one, which is their sum.</summary>
    public Parameter<T> HiddenBias { get; }

    /// <summary>Short name for tables ("LSTM", "GRU", "RNN(tanh)").</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Imports PyTorch's stacked weights (<c>weight_ih_l0</c> (G·H × inputs), <c>weight_hh_l0</c>, <c>bias_ih_l0</c>,
    /// <c>bias_hh_l0</c> as (1 × G·H) rows): they are transposed into this cell's layout; gate order is already PyTorch's.
    /// </summary>
    public void SetFromPyTorch(Tensor<T> weightIh, Tensor<T> weightHh, Tensor<T>? biasIh = null, Tensor<T>? biasHh = null)
    {
        ArgumentNullException.ThrowIfNull(weightIh);
        ArgumentNullException.ThrowIfNull(weightHh);
        InputWeights.Set(weightIh.Transpose());
        HiddenWeights.Set(weightHh.Transpose());
        if (biasIh is null) InputBias.Value.Clear(); else InputBias.Set(biasIh.Reshape(1, biasIh.Length));
        if (biasHh is null) HiddenBias.Value.Clear(); else HiddenBias.Set(biasHh.Reshape(1, biasHh.Length));
    }

    /// <summary>
    /// Sets one gate's block from the slides' column-vector matrices: <paramref name="onHidden"/> (H × H) multiplies
    /// h(t−1), <paramref name="onInput"/> (H × inputs) multiplies x(t), <paramref name="bias"/> (H values) is added once.
    /// The block stores their transposes; the bias goes into <c>b_ih</c> and that block of <c>b_hh</c> is zeroed.
    /// </summary>
    protected void SetBlock(int block, Tensor<T> onHidden, Tensor<T> onInput, Tensor<T>? bias)
    {
        ArgumentNullException.ThrowIfNull(onHidden);
        ArgumentNullException.ThrowIfNull(onInput);
        string gate = GateNames[block];
        if (onHidden.Rows != Hidden || onHidden.Cols != Hidden)
            throw new ShapeMismatchException($"{Name} gate {gate}: the hidden-state matrix has shape {onHidden.Shape}, expected ({Hidden}×{Hidden}).");
        if (onInput.Rows != Hidden || onInput.Cols != Inputs)
            throw new ShapeMismatchException($"{Name} gate {gate}: the input matrix has shape {onInput.Shape}, expected ({Hidden}×{Inputs}).");
        if (bias is not null && bias.Length != Hidden)
            throw new ShapeMismatchException($"{Name} gate {gate}: the bias has shape {bias.Shape}, expected {Hidden} values.");
        int offset = block * Hidden;
        for (int j = 0; j < Hidden; j++)
        {
            for (int k = 0; k < Hidden; k++) HiddenWeights.Value[k, offset + j] = onHidden[j, k];
            for (int k = 0; k < Inputs; k++) InputWeights.Value[k, offset + j] = onInput[j, k];
            InputBias.Value[0, offset + j] = bias is null ? T.Zero : bias.ReadOnlySpan[j];
            HiddenBias.Value[0, offset + j] = T.Zero;
        }
    }

    /// <summary>
    /// Sets the bias of the gate named <paramref name="gate"/> (one of <see cref="GateNames"/>) to <paramref name="value"/>
    /// in every unit: that block of <c>b_ih</c> becomes the value and that block of <c>b_hh</c> zero, so the slides' single
    /// bias, <c>b = b_ih + b_hh</c>, is exactly the value and the gate's sum is <c>value + W h(t−1) + U x(t)</c>. The usual
    /// use is "remember by default": an LSTM's forget gate f, or PyTorch's GRU keep gate z, at +1 to +3, so that
    /// σ(3) ≈ 0.95 of the old state is kept at first (Gers et al. 2000; Jozefowicz et al. 2015).
    /// </summary>
    /// <remarks>
    /// In PyTorch's GRU candidate n, <c>b_hn</c> sits inside the reset, <c>r ⊙ (h W_hn + b_hn)</c>; zeroing it leaves the
    /// whole bias outside the reset, in <c>b_in</c>. The weights are not changed.
    /// </remarks>
    /// <exception cref="ArgumentException">No gate of this cell has that name; the message lists the cell's gates.</exception>
    public void SetGateBias(string gate, T value)
    {
        ArgumentNullException.ThrowIfNull(gate);
        int block = GateNames.ToList().IndexOf(gate);
        if (block < 0)
            throw new ArgumentException($"{Name} has no gate \"{gate}\"; its gates are {string.Join(", ", GateNames)}.", nameof(gate));
        int offset = block * Hidden;
        InputBias.Value.Span.Slice(offset, Hidden).Fill(value);
        HiddenBias.Value.Span.Slice(offset, Hidden).Clear();
    }

    /// <summary>
    /// One gate's weights in the slides' column-vector notation: <c>W</c> (H × H) on h(t−1), <c>U</c> (H × inputs) on
    /// x(t) and the bias <c>b</c> (H × 1) = b_ih + b_hh, so the gate's pre-activation is <c>b + W h(t−1) + U x(t)</c>.
    /// (The simple-RNN slide names these the other way round: its U is on the hidden state.)
    /// </summary>
    public (Tensor<T> W, Tensor<T> U, Tensor<T> b) GateMatrices(int block)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(block);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(block, Gates);
        int offset = block * Hidden;
        var w = new Tensor<T>(Hidden, Hidden);
        var u = new Tensor<T>(Hidden, Inputs);
        var b = new Tensor<T>(Hidden, 1);
        for (int j = 0; j < Hidden; j++)
        {
            for (int k = 0; k < Hidden; k++) w[j, k] = HiddenWeights.Value[k, offset + j];
            for (int k = 0; k < Inputs; k++) u[j, k] = InputWeights.Value[k, offset + j];
            b[j, 0] = InputBias.Value[0, offset + j] + HiddenBias.Value[0, offset + j];
        }
        return (w, u, b);
    }

    /// <summary>
    /// Runs this cell for one step on a single sequence (vectors of any orientation) and returns the trace of that step.
    /// </summary>
    public RecurrentStep<T> Step(Tensor<T> x, Tensor<T> hPrev, Tensor<T>? cPrev = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(hPrev);
        if (!x.IsVector || x.Length != Inputs)
            throw new ShapeMismatchException($"{Name} step: x has shape {x.Shape}; expected a vector of {Inputs} values.");
        var layer = new RecurrentLayer<T>(this)
        {
            InitialState = AsRow(hPrev, "h(t-1)"),
            InitialCellState = cPrev is null ? null : AsRow(cPrev, "c(t-1)"),
        };
        layer.Forward(new SequenceBatch<T>(x.Reshape(1, Inputs), 1, 1));
        return layer.Trace().Steps[0];
    }

    private Tensor<T> AsRow(Tensor<T> v, string what) =>
        v.IsVector && v.Length == Hidden
            ? v.Reshape(1, Hidden)
            : throw new ShapeMismatchException($"{Name} step: {what} has shape {v.Shape}; expected a vector of {Hidden} values.");

    /// <summary>
    /// The sum inside every gate's σ or tanh for one row, (1 × G·H), block by block as the gates:
    /// <c>a = x W_ih + b_ih + h(t−1) W_hh + b_hh</c> (on the slides, <c>b + W h(t−1) + U x(t)</c>). Recomputed from the
    /// weights for a trace, so it may differ from the fast pass in the last bit. <paramref name="gates"/> holds the
    /// step's gate values, for cells whose sum depends on one (the GRU's candidate).
    /// </summary>
    internal virtual Tensor<T> PreActivations(ReadOnlySpan<T> x, ReadOnlySpan<T> hPrev, ReadOnlySpan<T> gates)
    {
        int gh = Gates * Hidden;
        var sums = new Tensor<T>(1, gh);
        for (int j = 0; j < gh; j++)
            sums[0, j] = InputPart(x, j) + HiddenPart(hPrev, j);
        return sums;
    }

    /// <summary>Column <paramref name="j"/> of <c>x W_ih + b_ih</c>.</summary>
    protected T InputPart(ReadOnlySpan<T> x, int j)
    {
        T sum = InputBias.Value[0, j];
        for (int k = 0; k < Inputs; k++) sum += x[k] * InputWeights.Value[k, j];
        return sum;
    }

    /// <summary>Column <paramref name="j"/> of <c>h W_hh + b_hh</c>.</summary>
    protected T HiddenPart(ReadOnlySpan<T> h, int j)
    {
        T sum = HiddenBias.Value[0, j];
        for (int k = 0; k < Hidden; k++) sum += h[k] * HiddenWeights.Value[k, j];
        return sum;
    }

    /// <summary>
    /// One step forward for a batch of B rows. <paramref name="inputPart"/> is this step's <c>x W_ih + b_ih</c> (B × G·H),
    /// already computed for all steps by the layer. The cell adds the hidden half, applies the gates, and writes
    /// h(t) (and c(t)); it saves what backward needs in <paramref name="gates"/> (B × G·H) and <paramref name="saved"/> (B × H).
    /// A cell whose <see cref="NeedsOnlyNewState"/> is true saves nothing: its backward gets h(t) as its gates.
    /// <paramref name="scratch"/> is (B × G·H) of working space.
    /// </summary>
    internal abstract void StepForward(int batch, ReadOnlySpan<T> inputPart, ReadOnlySpan<T> hPrev, ReadOnlySpan<T> cPrev,
        Span<T> gates, Span<T> saved, Span<T> h, Span<T> c, Span<T> scratch);

    /// <summary>
    /// One step backward. Given ∂L/∂h(t) and ∂L/∂c(t), writes ∂L/∂(input part) and ∂L/∂(hidden part) (both B × G·H),
    /// ∂L/∂h(t−1) and ∂L/∂c(t−1). Weight gradients are accumulated later by the layer, for all steps at once.
    /// A cell whose <see cref="HalvesShareGradient"/> is true writes only ∂L/∂(input part).
    /// </summary>
    internal abstract void StepBackward(int batch, ReadOnlySpan<T> gates, ReadOnlySpan<T> saved, ReadOnlySpan<T> hPrev,
        ReadOnlySpan<T> cPrev, ReadOnlySpan<T> c, ReadOnlySpan<T> dh, ReadOnlySpan<T> dc,
        Span<T> dInputPart, Span<T> dHiddenPart, Span<T> dhPrev, Span<T> dcPrev);

    /// <summary>
    /// Adds <c>∂L/∂W_hh</c> for all steps: Σ_t h(t−1)ᵀ · ∂L/∂(hidden part)(t), one matrix product over the stacked steps
    /// (rows = steps·batch). Cells whose hidden product takes something other than h(t−1) override this.
    /// </summary>
    internal virtual void AccumulateHiddenWeightGradient(int rows, ReadOnlySpan<T> hPrevAll, ReadOnlySpan<T> savedAll, ReadOnlySpan<T> dHiddenAll)
    {
        int gh = Gates * Hidden;
        Gemm.Multiply(hPrevAll, Hidden, true, dHiddenAll, gh, false, HiddenWeights.Gradient.Span, gh, Hidden, gh, rows, accumulate: true);
    }

    private PackedMatrix<T>? hiddenPacked, hiddenPackedTransposed;

    /// <summary>
    /// Whether every gate simply adds its input half and its hidden half (<c>x W_ih + b_ih + h W_hh + b_hh</c>), so both
    /// halves have the same gradient and the cell writes it only once (the simple RNN and the LSTM; not the GRU, whose
    /// candidate multiplies its hidden half by the reset gate).
    /// </summary>
    internal virtual bool HalvesShareGradient => false;

    /// <summary>
    /// Whether all that backward needs from a step is the new state h(t) itself (the simple RNN: tanh′ = 1 − h²). The
    /// layer keeps every h(t) anyway, so it hands that back as the step's gates instead of the cell saving a copy.
    /// </summary>
    internal virtual bool NeedsOnlyNewState => false;

    /// <summary>
    /// Whether b_hh may be added together with b_ih, once for all steps, before the recurrence (true unless part of
    /// b_hh sits inside a gate product, as in PyTorch's GRU candidate).
    /// </summary>
    internal virtual bool FoldsHiddenBias => true;

    /// <summary>Packs W_hh for the per-step products of a forward pass (the weights may have changed since the last one).</summary>
    internal virtual void PrepareForward() =>
        Pack(ref hiddenPacked, HiddenWeights.Value.ReadOnlySpan, Gates * Hidden, false, Hidden, Gates * Hidden);

    /// <summary>Packs W_hhᵀ for the per-step products of a backward pass.</summary>
    internal virtual void PrepareBackward() =>
        Pack(ref hiddenPackedTransposed, HiddenWeights.Value.ReadOnlySpan, Gates * Hidden, true, Gates * Hidden, Hidden);

    /// <summary>Packs op(B) into <paramref name="packed"/>, reusing it when the shape allows (no allocation after the first pass).</summary>
    private protected static PackedMatrix<T> Pack(ref PackedMatrix<T>? packed, ReadOnlySpan<T> b, int ldb, bool transB, int k, int n)
    {
        if (packed is null || packed.Rows != k || packed.Cols != n) packed = new PackedMatrix<T>(b, ldb, transB, k, n);
        else packed.Repack(b, ldb);
        return packed;
    }

    /// <summary><c>destination (+)= h W_hh</c> (B × G·H): all gates' hidden halves at once, with the weights packed once per pass.</summary>
    protected void HiddenProjection(int batch, ReadOnlySpan<T> hPrev, Span<T> destination, bool accumulate)
    {
        int gh = Gates * Hidden;
        var packed = hiddenPacked ?? throw new InvalidOperationException($"{Name}: PrepareForward was not called.");
        Gemm.Multiply(hPrev, Hidden, false, packed, destination, gh, batch, accumulate);
    }

    /// <summary>Writes the rows of b_hh into every row of <paramref name="destination"/> (B × G·H).</summary>
    protected void FillHiddenBias(int batch, Span<T> destination)
    {
        int gh = Gates * Hidden;
        var bias = HiddenBias.Value.ReadOnlySpan;
        for (int b = 0; b < batch; b++) bias.CopyTo(destination.Slice(b * gh, gh));
    }

    /// <summary>Writes <c>∂L/∂h(t−1) (+)= ∂L/∂(hidden part) · W_hhᵀ</c>.</summary>
    protected void HiddenProjectionBackward(int batch, ReadOnlySpan<T> dHiddenPart, Span<T> dhPrev, bool accumulate)
    {
        var packed = hiddenPackedTransposed ?? throw new InvalidOperationException($"{Name}: PrepareBackward was not called.");
        Gemm.Multiply(dHiddenPart, Gates * Hidden, false, packed, dhPrev, Hidden, batch, accumulate);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}({Inputs} → {Hidden})";
}
