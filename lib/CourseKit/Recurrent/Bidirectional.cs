using System.Numerics;
using CourseKit.Layers;
using CourseKit.Tensors;

namespace CourseKit.Recurrent;

/// <summary>
/// A bidirectional RNN: one recurrent layer reads each sequence forwards, another reads it backwards, and each time
/// step's output is the two hidden states side by side, <c>[h_f(t), h_b(t)]</c>, so position t sees its past and its future.
/// </summary>
/// <remarks>
/// The slide's output <c>o(t) = softmax(V_f h_f(t) + V_b h_b(t))</c> is a dense layer on this concatenation:
/// <c>[h_f h_b] × [V_fᵀ; V_bᵀ]</c> stacks the two output matrices. PyTorch (<c>bidirectional=True</c>) concatenates the same
/// way, forward direction first. The final state is <c>[h_f at the last real element, h_b after reading back to t = 1]</c>.
/// </remarks>
public sealed class Bidirectional<T> : SequenceLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? outputs, finalState, forwardGradient, backwardGradient, forwardFinalGradient, backwardFinalGradient, inputGradient;

    /// <summary>Pairs a forward cell and a backward cell (same input and hidden sizes).</summary>
    public Bidirectional(RecurrentCell<T> forwardCell, RecurrentCell<T> backwardCell)
    {
        ArgumentNullException.ThrowIfNull(forwardCell);
        ArgumentNullException.ThrowIfNull(backwardCell);
        if (forwardCell.Inputs != backwardCell.Inputs || forwardCell.Hidden != backwardCell.Hidden)
            throw new ShapeMismatchException(
                $"Bidirectional RNN: forward cell {forwardCell} and backward cell {backwardCell} must have the same sizes.");
        Forwards = AddModule("forward", new RecurrentLayer<T>(forwardCell));
        Backwards = AddModule("backward", new RecurrentLayer<T>(backwardCell, reverse: true));
    }

    /// <summary>The layer reading from the first element to the last (h_f).</summary>
    public RecurrentLayer<T> Forwards { get; }

    /// <summary>The layer reading from the last element to the first (h_b).</summary>
    public RecurrentLayer<T> Backwards { get; }

    /// <inheritdoc/>
    public override int InputSize => Forwards.InputSize;

    /// <inheritdoc/>
    public override int OutputSize => 2 * Forwards.OutputSize;

    /// <inheritdoc/>
    public override Tensor<T> FinalState => finalState ?? throw new InvalidOperationException("Bidirectional RNN: FinalState was asked for before Forward.");

    /// <inheritdoc/>
    public override Tensor<T> ForwardBorrowed(SequenceBatch<T> input)
    {
        var f = Forwards.ForwardBorrowed(input);
        var b = Backwards.ForwardBorrowed(input);
        var o = Ensure(ref outputs, f.Rows, OutputSize);
        Concatenate(f, b, o);
        Concatenate(Forwards.FinalState, Backwards.FinalState, Ensure(ref finalState, input.Batch, OutputSize));
        return o;
    }

    /// <inheritdoc/>
    public override Tensor<T> Backward(Tensor<T>? outputGradient, Tensor<T>? finalStateGradient = null)
    {
        int H = Forwards.OutputSize;
        Tensor<T>? df = null, db = null, dff = null, dbf = null;
        if (outputGradient is not null)
        {
            Check.Shape(outputGradient, outputs?.Rows ?? 0, OutputSize, "Bidirectional RNN backward (∂L/∂outputs)");
            df = Ensure(ref forwardGradient, outputGradient.Rows, H);
            db = Ensure(ref backwardGradient, outputGradient.Rows, H);
            Split(outputGradient, df, db);
        }
        if (finalStateGradient is not null)
        {
            Check.Shape(finalStateGradient, finalState?.Rows ?? 0, OutputSize, "Bidirectional RNN backward (∂L/∂final state)");
            dff = Ensure(ref forwardFinalGradient, finalStateGradient.Rows, H);
            dbf = Ensure(ref backwardFinalGradient, finalStateGradient.Rows, H);
            Split(finalStateGradient, dff, dbf);
        }
        var dxf = Forwards.Backward(df, dff);
        var dx = Ensure(ref inputGradient, dxf.Rows, dxf.Cols);
        dxf.CopyTo(dx);
        var dxb = Backwards.Backward(db, dbf);
        System.Numerics.Tensors.TensorPrimitives.Add(dx.Span, dxb.ReadOnlySpan, dx.Span);   // both directions read x(t)
        return dx;
    }

    private static void Concatenate(Tensor<T> left, Tensor<T> right, Tensor<T> destination)
    {
        for (int r = 0; r < left.Rows; r++)
        {
            var row = destination.Row(r);
            left.Row(r).CopyTo(row);
            right.Row(r).CopyTo(row[left.Cols..]);
        }
    }

    private static void Split(Tensor<T> source, Tensor<T> left, Tensor<T> right)
    {
        for (int r = 0; r < source.Rows; r++)
        {
            var row = source.Row(r);
            row[..left.Cols].CopyTo(left.Row(r));
            row[left.Cols..].CopyTo(right.Row(r));
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"Bidirectional({Forwards.Cell}, {Backwards.Cell})";
}
