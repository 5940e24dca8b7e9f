using System.Numerics;
using CourseKit.Layers;

namespace CourseKit.Recurrent.Architectures;

/// <summary>Builds the recurrent part of a model: one or more layers of a cell kind, optionally bidirectional.</summary>
public static class RecurrentEncoder
{
    /// <summary>A new cell of <paramref name="kind"/> with weights drawn from <paramref name="random"/>.</summary>
    public static RecurrentCell<T> Cell<T>(CellKind kind, int inputs, int hidden, Random random) where T : unmanaged, IFloatingPointIeee754<T> =>
        kind switch
        {
            CellKind.SimpleRnn => new SimpleRnnCell<T>(inputs, hidden, RnnNonlinearity.Tanh, random),
            CellKind.Lstm => new LstmCell<T>(inputs, hidden, random),
            CellKind.Gru => new GruCell<T>(inputs, hidden, GruResetPlacement.AfterMatmul, random),
            CellKind.GruSlides => new GruCell<T>(inputs, hidden, GruResetPlacement.BeforeMatmul, random),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown cell kind."),
        };

    /// <summary>
    /// <paramref name="layers"/> stacked layers of <paramref name="kind"/> (each bidirectional if asked; a bidirectional
    /// layer's output is 2·hidden wide, which the next layer reads).
    /// </summary>
    public static SequenceLayer<T> Create<T>(CellKind kind, int inputs, int hidden, bool bidirectional = false, int layers = 1, Random? random = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(layers, 1);
        random ??= DefaultRandom.Next();
        var stack = new SequenceLayer<T>[layers];
        int width = inputs;
        for (int k = 0; k < layers; k++)
        {
            stack[k] = bidirectional
                ? new Bidirectional<T>(Cell<T>(kind, width, hidden, random), Cell<T>(kind, width, hidden, random))
                : new RecurrentLayer<T>(Cell<T>(kind, width, hidden, random));
            width = stack[k].OutputSize;
        }
        return layers == 1 ? stack[0] : new StackedRecurrent<T>(stack);
    }
}
