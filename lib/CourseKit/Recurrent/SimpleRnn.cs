using System.Numerics;
using CourseKit.Activations;
using CourseKit.Layers;
using CourseKit.Tensors;
using CourseKit.Worked;

namespace CourseKit.Recurrent;

/// <summary>
/// The slides' complete simple RNN: <c>h(t) = tanh(U h(t−1) + W x(t))</c> and a prediction at every step,
/// <c>o(t) = softmax(V h(t))</c>. The same U, W and V serve every time step.
/// </summary>
/// <remarks>
/// Slide ↔ library: the slide's column-vector V (classes × H) is stored as the output layer's row-vector weights Vᵀ
/// (H × classes); see <see cref="SimpleRnnCell{T}"/> for U and W.
/// </remarks>
public sealed class SimpleRnn<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A network with random weights from <paramref name="random"/>.</summary>
    public SimpleRnn(int inputs, int hidden, int classes, RnnNonlinearity nonlinearity = RnnNonlinearity.Tanh, Random? random = null)
    {
        random ??= DefaultRandom.Next();
        Cell = new SimpleRnnCell<T>(inputs, hidden, nonlinearity, random);
        Layer = AddModule("", new RecurrentLayer<T>(Cell));
        Output = AddModule("output", new Dense<T>(hidden, classes, new Softmax<T>(), random, WeightInit.XavierUniform, bias: false));
    }

    private SimpleRnn(SimpleRnnCell<T> cell, Dense<T> output)
    {
        Cell = cell;
        Layer = AddModule("", new RecurrentLayer<T>(cell));
        Output = AddModule("output", output);
    }

    /// <summary>The slide's network from its column-vector matrices U (H × H), W (H × inputs) and V (classes × H).</summary>
    public static SimpleRnn<T> FromSlide(Tensor<T> U, Tensor<T> W, Tensor<T> V, RnnNonlinearity nonlinearity = RnnNonlinearity.Tanh)
    {
        ArgumentNullException.ThrowIfNull(V);
        var cell = SimpleRnnCell<T>.FromSlide(U, W, null, nonlinearity);
        if (V.Cols != cell.Hidden)
            throw new ShapeMismatchException($"Simple RNN: V has shape {V.Shape} but the hidden state has {cell.Hidden} values; V needs {cell.Hidden} columns.");
        return new SimpleRnn<T>(cell, new Dense<T>(V.Transpose(), null, new Softmax<T>()));
    }

    /// <summary>The recurrent step (U, W).</summary>
    public SimpleRnnCell<T> Cell { get; }

    /// <summary>The cell run along the sequence.</summary>
    public RecurrentLayer<T> Layer { get; }

    /// <summary>The per-step output layer, <c>o = softmax(h Vᵀ)</c> in row form.</summary>
    public Dense<T> Output { get; }

    /// <summary>
    /// The probabilities o(t) for every step of one sequence given as (steps × inputs) rows, starting from
    /// <paramref name="h0"/> (zeros if null). Returns (steps × classes).
    /// </summary>
    public Tensor<T> Predict(Tensor<T> sequence, Tensor<T>? h0 = null)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var hidden = Layer.ForwardBorrowed(new SequenceBatch<T>(sequence, sequence.Rows, 1), h0 is null ? null : h0.Reshape(1, h0.Length));
        return Output.Forward(hidden);
    }

    /// <summary>The predicted class index at every step (argmax of o(t)).</summary>
    public int[] PredictLabels(Tensor<T> sequence, Tensor<T>? h0 = null) => Predict(sequence, h0).ArgMaxRows();

    /// <summary>
    /// The whole forward pass in the slide's notation with every number: for each t, h(t) from h(t−1) and x(t), then
    /// V h(t), then o(t) = softmax(V h(t)), then the predicted label (from <paramref name="labels"/> if given).
    /// </summary>
    public WorkedComputation<T> Explain(Tensor<T> sequence, Tensor<T> h0, IReadOnlyList<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(h0);
        var work = new WorkedComputation<T>("Simple RNN, step by step (slide notation)");
        var V = Output.Weights.Value.Transpose();
        var h = SlideEquations.Column(h0);
        for (int t = 1; t <= sequence.Rows; t++)
        {
            var x = new Tensor<T>(1, sequence.Cols, sequence.Row(t - 1).ToArray());
            foreach (var s in Cell.ExplainStep(x, h, t)) work.Add(s);
            h = work.Result;
            string ts = t.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var vh = V.MatMul(h);
            work.Step("scores", $@"\mathbf{{V}}\mathbf{{h}}^{{({ts})}}", $"{V.ToLatex()} {h.ToLatex()}", vh);
            var o = SlideEquations.Column(new Softmax<T>().Apply(vh.Transpose()));
            work.Step("probabilities", $@"\mathrm{{softmax}}(\mathbf{{V}}\mathbf{{h}}^{{({ts})}})", $@"\mathrm{{softmax}}\left({vh.ToLatex()}\right)", o, $@"\mathbf{{o}}^{{({ts})}}");
            int label = o.Transpose().ArgMaxRows()[0];
            string name = labels is not null && label < labels.Count ? labels[label] : label.ToString(System.Globalization.CultureInfo.InvariantCulture);
            work.Step($"prediction at t = {ts}: index {label} = {name}", $@"\arg\max \mathbf{{o}}^{{({ts})}}", $@"\text{{{name}}}", Tensor.Full(1, 1, T.CreateChecked(label)));
        }
        return work;
    }
}
