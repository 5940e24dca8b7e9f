using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Numerics;
using CourseKit.Kernels;
using CourseKit.Layers;
using CourseKit.Tensors;

namespace CourseKit.Recurrent;

/// <summary>
/// Runs a <see cref="RecurrentCell{T}"/> along every sequence of a batch (the "unrolled" network: the same weights at
/// every step) and backpropagates through time.
/// </summary>
/// <remarks>
/// <para>Forward: first the input half of every gate for all steps at once, <c>X W_ih + b_ih</c> (one matrix product over
/// Steps·Batch rows); then the recurrence, one step at a time, where the cell adds <c>h(t−1) W_hh + b_hh</c>.</para>
/// <para>Backward: the recurrence in reverse, handing ∂L/∂h(t−1) back one step at a time; then the weight gradients
/// for all steps at once (<c>∂W_ih = Xᵀ·∂</c>, <c>∂W_hh = Hᵀ·∂</c>), because the same weights were used at every step.</para>
/// <para>Padding: after a sequence ends its state is carried unchanged and its outputs are zero, so the final state is
/// the state at its last real element (as PyTorch's packed sequences give) and padded inputs get zero gradient.
/// With <c>reverse</c> the layer reads each sequence from its end (the backward half of a bidirectional RNN).</para>
/// </remarks>
public sealed class RecurrentLayer<T> : SequenceLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private SequenceBatch<T>? input;
    private Tensor<T>? inputPart, startBias, states, cellStates, gates, saved, scratch, outputs, finalHidden, finalCell;
    private Tensor<T>? dInputPart, dHiddenPart, dh, dc, dhPrev, dcPrev, stashH, stashC, inputGradient, h0Gradient, c0Gradient;

    /// <summary>Wraps a cell; <paramref name="reverse"/> runs it from the last time step to the first.</summary>
    public RecurrentLayer(RecurrentCell<T> cell, bool reverse = false)
    {
        Cell = AddModule("", cell ?? throw new ArgumentNullException(nameof(cell)));
        Reverse = reverse;
    }

    /// <summary>The step function and its weights.</summary>
    public RecurrentCell<T> Cell { get; }

    /// <summary>Whether the layer reads sequences backwards in time.</summary>
    public bool Reverse { get; }

    /// <inheritdoc/>
    public override int InputSize => Cell.Inputs;

    /// <inheritdoc/>
    public override int OutputSize => Cell.Hidden;

    /// <inheritdoc/>
    public override Tensor<T> FinalState => Remembered(finalHidden);

    /// <summary>The LSTM's final cell state c, (Batch × H); null for cells without one.</summary>
    public Tensor<T>? FinalCellState => Cell.HasCellState ? Remembered(finalCell) : null;

    /// <summary>∂L/∂h(0) from the last <c>Backward</c>, (Batch × H).</summary>
    public Tensor<T> InitialStateGradient => Remembered(h0Gradient);

    /// <summary>∂L/∂c(0) from the last <c>Backward</c> (LSTM only).</summary>
    public Tensor<T>? InitialCellStateGradient => Cell.HasCellState ? Remembered(c0Gradient) : null;

    /// <summary>The batch the last <c>Forward</c> read.</summary>
    public SequenceBatch<T> LastInput => Remembered(input);

    /// <summary>
    /// The state h(0) every sequence starts from when <c>Forward(input)</c> is called without one: (Batch × H), or one
    /// (1 × H) row shared by all sequences; null (the default) means zeros, as in PyTorch.
    /// </summary>
    public Tensor<T>? InitialState { get; set; }

    /// <summary>The LSTM's starting cell state c(0), same rules as <see cref="InitialState"/>.</summary>
    public Tensor<T>? InitialCellState { get; set; }

    /// <summary>Runs the sequences from <see cref="InitialState"/> (zeros unless set); the outputs are lent.</summary>
    public override Tensor<T> ForwardBorrowed(SequenceBatch<T> input) => ForwardBorrowed(input, InitialState, InitialCellState);

    /// <summary>
    /// Runs the sequences from the given initial states h(0) (and c(0) for an LSTM): (Batch × H), or one (1 × H) row
    /// shared by every sequence; null means zeros. The caller owns the outputs.
    /// </summary>
    public Tensor<T> Forward(SequenceBatch<T> input, Tensor<T>? initialState, Tensor<T>? initialCellState = null) =>
        ForwardBorrowed(input, initialState, initialCellState).Clone();

    /// <summary>As <see cref="Forward(SequenceBatch{T}, Tensor{T}?, Tensor{T}?)"/>, but the outputs are the layer's buffer, lent until its next pass.</summary>
    public Tensor<T> ForwardBorrowed(SequenceBatch<T> input, Tensor<T>? initialState, Tensor<T>? initialCellState = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Features != Cell.Inputs)
            throw new ShapeMismatchException(
                $"{Cell.Name} layer: input vectors have {input.Features} features (data {input.Data.Shape}) but W_ih is {Cell.InputWeights.Value.Shape}, which expects {Cell.Inputs}.");
        if (initialCellState is not null && !Cell.HasCellState)
            throw new ArgumentException($"{Cell.Name} has no cell state; pass only an initial hidden state.", nameof(initialCellState));
        this.input = input;
        int steps = input.Steps, batch = input.Batch, H = Cell.Hidden, gh = Cell.Gates * H;

        // Input half of every gate, for every step at once: X W_ih + b_ih.
        var xp = Ensure(ref inputPart, steps * batch, gh);
        var bias = Ensure(ref startBias, 1, gh);
        Cell.InputBias.Value.CopyTo(bias);
        if (Cell.FoldsHiddenBias) TensorPrimitives.Add(bias.Span, Cell.HiddenBias.Value.ReadOnlySpan, bias.Span);   // b_hh once, not per step
        for (int r = 0; r < xp.Rows; r++) bias.ReadOnlySpan.CopyTo(xp.Row(r));
        Gemm.Multiply(input.Data, false, Cell.InputWeights.Value, false, xp, accumulate: true);
        Cell.PrepareForward();

        var hs = Ensure(ref states, (steps + 1) * batch, H);
        var cs = Ensure(ref cellStates, (steps + 1) * batch, H);
        // The simple RNN's backward needs only h(t), which hs keeps: no gate tensor and no copy per step.
        var g = Cell.NeedsOnlyNewState ? null : Ensure(ref gates, steps * batch, gh);
        var sv = Ensure(ref saved, steps * batch, H);
        var work = Ensure(ref scratch, batch, gh);
        var outs = Ensure(ref outputs, steps * batch, H);
        SetInitial(initialState, hs, batch, "initial hidden state h(0)");
        SetInitial(initialCellState, cs, batch, "initial cell state c(0)");

        int block = batch * H, gateBlock = batch * gh;
        for (int s = 0; s < steps; s++)
        {
            int t = Reverse ? steps - 1 - s : s;
            var hPrev = hs.Span.Slice(s * block, block);
            var hNext = hs.Span.Slice((s + 1) * block, block);
            var cPrev = cs.Span.Slice(s * block, block);
            var cNext = cs.Span.Slice((s + 1) * block, block);
            Cell.StepForward(batch, xp.ReadOnlySpan.Slice(t * gateBlock, gateBlock), hPrev, cPrev,
                g is null ? default : g.Span.Slice(s * gateBlock, gateBlock), sv.Span.Slice(s * block, block), hNext, cNext, work.Span);
            var o = outs.Span.Slice(t * block, block);
            hNext.CopyTo(o);
            if (input.IsFull) continue;
            for (int b = 0; b < batch; b++)
            {
                if (input.IsPresent(t, b)) continue;
                hPrev.Slice(b * H, H).CopyTo(hNext.Slice(b * H, H));   // past the end: the state waits unchanged
                cPrev.Slice(b * H, H).CopyTo(cNext.Slice(b * H, H));
                o.Slice(b * H, H).Clear();
            }
        }
        hs.Span.Slice(steps * block, block).CopyTo(Ensure(ref finalHidden, batch, H).Span);
        cs.Span.Slice(steps * block, block).CopyTo(Ensure(ref finalCell, batch, H).Span);
        return outs;
    }

    private static void SetInitial(Tensor<T>? initial, Tensor<T> destination, int batch, string what)
    {
        int H = destination.Cols;
        var first = destination.Span[..(batch * H)];
        if (initial is null) { first.Clear(); return; }
        if (initial.Cols != H || (initial.Rows != batch && initial.Rows != 1))
            throw new ShapeMismatchException($"The {what} has shape {initial.Shape}; expected ({batch}×{H}) or (1×{H}).");
        for (int b = 0; b < batch; b++) initial.Row(initial.Rows == 1 ? 0 : b).CopyTo(first.Slice(b * H, H));
    }

    /// <inheritdoc/>
    public override Tensor<T> Backward(Tensor<T>? outputGradient, Tensor<T>? finalStateGradient = null) =>
        Backward(outputGradient, finalStateGradient, null);

    /// <summary>
    /// Backpropagation through time, also taking ∂L/∂c(T) for an LSTM's final cell state.
    /// Afterwards <see cref="InitialStateGradient"/> holds ∂L/∂h(0).
    /// </summary>
    public Tensor<T> Backward(Tensor<T>? outputGradient, Tensor<T>? finalStateGradient, Tensor<T>? finalCellStateGradient)
    {
        var x = Remembered(input);
        int steps = x.Steps, batch = x.Batch, H = Cell.Hidden, gh = Cell.Gates * H;
        // Messages are built only on failure: a steady-state step must not allocate.
        if (outputGradient is not null && (outputGradient.Rows != steps * batch || outputGradient.Cols != H))
            Check.Shape(outputGradient, steps * batch, H, $"{Cell.Name} layer backward (∂L/∂outputs)");
        if (finalStateGradient is not null && (finalStateGradient.Rows != batch || finalStateGradient.Cols != H))
            Check.Shape(finalStateGradient, batch, H, $"{Cell.Name} layer backward (∂L/∂final state)");
        if (finalCellStateGradient is not null && (finalCellStateGradient.Rows != batch || finalCellStateGradient.Cols != H))
            Check.Shape(finalCellStateGradient, batch, H, $"{Cell.Name} layer backward (∂L/∂final cell state)");

        Cell.PrepareBackward();
        var dxp = Ensure(ref dInputPart, steps * batch, gh);
        // When a gate's two halves share their gradient (simple RNN, LSTM), the cell writes it once, by time step, and
        // ∂W_hh reads it from there, which saves a copy per step. A layer running backwards in time pairs
        // h(t−1) with its gradients in processing order, so there the layer copies each step's gradient into that order.
        bool shared = Cell.HalvesShareGradient;
        var dhp = shared && !Reverse ? dxp : Ensure(ref dHiddenPart, steps * batch, gh);
        var dhNow = Ensure(ref dh, batch, H);
        var dcNow = Ensure(ref dc, batch, H);
        var dhBefore = Ensure(ref dhPrev, batch, H);
        var dcBefore = Ensure(ref dcPrev, batch, H);
        var keepH = Ensure(ref stashH, batch, H);
        var keepC = Ensure(ref stashC, batch, H);
        if (finalStateGradient is null) dhNow.Clear(); else finalStateGradient.CopyTo(dhNow);
        if (finalCellStateGradient is null) dcNow.Clear(); else finalCellStateGradient.CopyTo(dcNow);

        int block = batch * H, gateBlock = batch * gh;
        for (int s = steps - 1; s >= 0; s--)
        {
            int t = Reverse ? steps - 1 - s : s;
            if (outputGradient is not null)
            {
                if (x.IsFull) TensorPrimitives.Add(dhNow.Span, outputGradient.ReadOnlySpan.Slice(t * block, block), dhNow.Span);
                else                                                          // padded outputs were constant zero: no gradient
                    for (int b = 0; b < batch; b++)
                        if (x.IsPresent(t, b)) TensorPrimitives.Add(dhNow.Row(b), outputGradient.Row(t * batch + b), dhNow.Row(b));
            }
            bool padded = false;
            if (!x.IsFull)
                for (int b = 0; b < batch; b++)
                {
                    if (x.IsPresent(t, b)) continue;
                    // A padded step passed the state through unchanged, so its gradient passes straight back. Take it
                    // out of the cell's step (whose backward is linear in dh, dc) and put it back afterwards.
                    padded = true;
                    dhNow.Row(b).CopyTo(keepH.Row(b)); dhNow.Row(b).Clear();
                    dcNow.Row(b).CopyTo(keepC.Row(b)); dcNow.Row(b).Clear();
                }
            // (Past a sequence's end h(t) is the carried state, not the cell's output; its gradient there is zero anyway.)
            var stepGates = Cell.NeedsOnlyNewState ? states!.ReadOnlySpan.Slice((s + 1) * block, block) : gates!.ReadOnlySpan.Slice(s * gateBlock, gateBlock);
            Cell.StepBackward(batch, stepGates, saved!.ReadOnlySpan.Slice(s * block, block),
                states!.ReadOnlySpan.Slice(s * block, block), cellStates!.ReadOnlySpan.Slice(s * block, block),
                cellStates.ReadOnlySpan.Slice((s + 1) * block, block), dhNow.ReadOnlySpan, dcNow.ReadOnlySpan,
                dxp.Span.Slice(t * gateBlock, gateBlock), dhp.Span.Slice(s * gateBlock, gateBlock), dhBefore.Span, dcBefore.Span);
            if (shared && Reverse) dxp.ReadOnlySpan.Slice(t * gateBlock, gateBlock).CopyTo(dhp.Span.Slice(s * gateBlock, gateBlock));
            if (!Cell.HasCellState) dcBefore.Clear();
            if (padded)
                for (int b = 0; b < batch; b++)
                {
                    if (x.IsPresent(t, b)) continue;
                    keepH.Row(b).CopyTo(dhBefore.Row(b));
                    keepC.Row(b).CopyTo(dcBefore.Row(b));
                }
            (dhNow, dhBefore) = (dhBefore, dhNow);
            (dcNow, dcBefore) = (dcBefore, dcNow);
        }
        dhNow.CopyTo(Ensure(ref h0Gradient, batch, H));
        dcNow.CopyTo(Ensure(ref c0Gradient, batch, H));

        // The same weights served every step, so their gradients sum over steps: one product over all rows each.
        int rows = steps * batch;
        Cell.AccumulateHiddenWeightGradient(rows, states!.ReadOnlySpan[..(rows * H)], saved!.ReadOnlySpan, dhp.ReadOnlySpan);
        Tensor<T>.SumRowsInto(dhp, Cell.HiddenBias.Gradient, accumulate: true);
        Tensor<T>.SumRowsInto(dxp, Cell.InputBias.Gradient, accumulate: true);
        Gemm.Multiply(x.Data, true, dxp, false, Cell.InputWeights.Gradient, accumulate: true);     // ∂W_ih += Xᵀ ∂
        var dx = Ensure(ref inputGradient, rows, Cell.Inputs);
        Gemm.Multiply(dxp, false, Cell.InputWeights.Value, true, dx, accumulate: false);            // ∂X = ∂ W_ihᵀ
        return dx;
    }

    /// <summary>
    /// Every intermediate value of the last <c>Forward</c> for sequence <paramref name="sequence"/>, step by step:
    /// the input, the previous state, each gate, the cell state and the new hidden state.
    /// </summary>
    public RecurrentTrace<T> Trace(int sequence = 0)
    {
        var x = Remembered(input);
        if ((uint)sequence >= (uint)x.Batch)
            throw new ArgumentOutOfRangeException(nameof(sequence), $"Sequence {sequence} is outside a batch of {x.Batch}.");
        int batch = x.Batch, H = Cell.Hidden, gh = Cell.Gates * H;
        var steps = new List<RecurrentStep<T>>();
        for (int s = 0; s < x.Steps; s++)
        {
            int t = Reverse ? x.Steps - 1 - s : s;
            if (!x.IsPresent(t, sequence)) continue;
            var values = new List<(string Name, Tensor<T> Value)>
            {
                ("x", Row(x.At(t, sequence))),
                ("h(t-1)", Row(states!.Row(s * batch + sequence))),
            };
            if (Cell.HasCellState) values.Add(("c(t-1)", Row(cellStates!.Row(s * batch + sequence))));
            // Each gate's sum before its σ or tanh ("a_f"), then its value; a simple RNN's one "gate" is h itself.
            var gateValues = Cell.Gates > 1 ? gates!.Row(s * batch + sequence) : states!.Row((s + 1) * batch + sequence);
            var sums = Cell.PreActivations(x.At(t, sequence), states!.Row(s * batch + sequence), gateValues);
            for (int k = 0; k < Cell.Gates; k++)
            {
                values.Add(("a_" + Cell.GateNames[k], Row(sums.Row(0).Slice(k * H, H))));
                if (Cell.Gates > 1) values.Add((Cell.GateNames[k], Row(gateValues.Slice(k * H, H))));
            }
            if (Cell.HasCellState) values.Add(("c", Row(cellStates!.Row((s + 1) * batch + sequence))));
            values.Add(("h", Row(states!.Row((s + 1) * batch + sequence))));
            steps.Add(new RecurrentStep<T>(t + 1, values));
        }
        return new RecurrentTrace<T>(Cell.Name, steps);
    }

    private static Tensor<T> Row(ReadOnlySpan<T> values) => new(1, values.Length, values.ToArray());

    private TValue Remembered<TValue>(TValue? value) where TValue : class =>
        value ?? throw new InvalidOperationException($"{Cell.Name} layer: Backward or a result was asked for before Forward.");

    /// <inheritdoc/>
    public override string ToString() => $"{(Reverse ? "reversed " : "")}{Cell}";
}
