using CourseKit.Recurrent;
using CourseKit.Tensors;

namespace CourseKit.Tests.Recurrent;

/// <summary>
/// float32 recurrent layers against the same network in float64: the same weights, initial states, inputs and upstream
/// gradients (drawn in float, so both runs start from identical numbers and only the arithmetic's precision differs).
/// Forward: outputs and final states; backward: ∂x, every parameter gradient and ∂h(0), ∂c(0).
/// </summary>
public class Float32RecurrentTests
{
    // Compared: max |float32 − float64| / max(1, max |float64|) per tensor (absolute for the forward values, which lie
    // in [−1, 1]; relative to the largest gradient, up to 4, in the backward pass). Measured on 2026-12-03 (AMD EPYC,
    // also with DOTNET_EnableAVX512F=0, DOTNET_EnableAVX=0 and DOTNET_EnableHWIntrinsic=0): forward ≤ 4.0e-7
    // (tanh RNN outputs), backward ≤ 3.1e-7 (absolute 1.1e-6 on ∂W_hh of the tanh RNN, whose largest value is 4.0).
    // float's unit roundoff is 6e-8: 1e-6 leaves a margin of 2.5 and still fails on any real mistake in a float path.
    private const double ForwardTolerance = 1e-6;
    private const double BackwardTolerance = 1e-6;

    public static TheoryData<string, bool> Networks => new()
    {
        { "rnn_tanh", false }, { "rnn_tanh", true },
        { "lstm", false }, { "lstm", true },
        { "gru", false }, { "gru", true },
        { "gru_bidirectional", false }, { "gru_bidirectional", true },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Float32_forward_matches_float64(string kind, bool padded)
    {
        var (f32, f64) = Pair.Create(kind, padded);

        var outF = f32.Model.Forward(f32.Input);
        var outD = f64.Model.Forward(f64.Input);

        AssertNear(outD, outF, ForwardTolerance, $"{kind} outputs");
        AssertNear(f64.Model.FinalState, f32.Model.FinalState, ForwardTolerance, $"{kind} final state");
        for (int k = 0; k < f64.Units.Length; k++)
            if (f64.Units[k].Cell.HasCellState)
                AssertNear(f64.Units[k].FinalCellState!, f32.Units[k].FinalCellState!, ForwardTolerance, $"{kind} final c");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Float32_backward_matches_float64(string kind, bool padded)
    {
        var (f32, f64) = Pair.Create(kind, padded);
        f32.Model.Forward(f32.Input);
        f64.Model.Forward(f64.Input);

        var dxF = f32.Backward();
        var dxD = f64.Backward();

        AssertNear(dxD, dxF, BackwardTolerance, $"{kind} ∂x");
        for (int k = 0; k < f64.Units.Length; k++)
        {
            string unit = f64.Units.Length > 1 ? $"{kind} unit {k}" : kind;
            var pd = f64.Units[k].Parameters;
            var pf = f32.Units[k].Parameters;
            for (int p = 0; p < pd.Count; p++) AssertNear(pd[p].Gradient, pf[p].Gradient, BackwardTolerance, $"{unit} ∂{pd[p].Name}");
            AssertNear(f64.Units[k].InitialStateGradient, f32.Units[k].InitialStateGradient, BackwardTolerance, $"{unit} ∂h0");
            if (f64.Units[k].Cell.HasCellState)
                AssertNear(f64.Units[k].InitialCellStateGradient!, f32.Units[k].InitialCellStateGradient!, BackwardTolerance, $"{unit} ∂c0");
        }
    }

    /// <summary>max |float32 − float64| / max(1, max |float64|) within <paramref name="tolerance"/>, printing both.</summary>
    private static void AssertNear(Tensor<double> expected, Tensor<float> actual, double tolerance, string what)
    {
        var widened = actual.Convert<float, double>();
        double diff = expected.MaxAbsDifference(widened);
        double scale = Math.Max(1.0, expected.ReadOnlySpan.ToArray().Max(Math.Abs));
        Assert.True(diff / scale <= tolerance,
            $"{what}: max |float32 − float64| {diff:E3} (largest |value| {scale:G4}), relative {diff / scale:E3} > {tolerance:E1}");
    }

    /// <summary>One network in one precision: the model, its recurrent layers, its input and upstream gradients.</summary>
    private sealed record Net<T>(SequenceLayer<T> Model, RecurrentLayer<T>[] Units, SequenceBatch<T> Input,
        Tensor<T> OutputGradient, Tensor<T> FinalGradient, Tensor<T>? FinalCellGradient)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        /// <summary>Backpropagates L = Σ outputs ⊙ R_out + Σ h_T ⊙ R_h (+ Σ c_T ⊙ R_c) and returns ∂x.</summary>
        public Tensor<T> Backward() => Model is RecurrentLayer<T> layer
            ? layer.Backward(OutputGradient, FinalGradient, FinalCellGradient)
            : Model.Backward(OutputGradient, FinalGradient);
    }

    private static class Pair
    {
        private const int Inputs = 7, Hidden = 13, Steps = 6, Batch = 4;   // odd sizes: vector tails in every kernel

        public static (Net<float>, Net<double>) Create(string kind, bool padded)
        {
            var random = new Random(kind.Length * 7 + (padded ? 1 : 0));
            // Every number is drawn in float, then widened: the float64 run starts from exactly the same values.
            Tensor<float> Draw(int rows, int cols, float scale) => Tensor.Uniform(rows, cols, -scale, scale, random);
            int[]? lengths = padded ? [6, 3, 5, 1] : null;
            bool bidirectional = kind == "gru_bidirectional";
            string cell = bidirectional ? "gru" : kind;
            int directions = bidirectional ? 2 : 1;

            var weights = Enumerable.Range(0, directions).Select(_ => NewCell<float>(cell).Parameters
                .Select(p => Draw(p.Value.Rows, p.Value.Cols, 0.5f)).ToArray()).ToArray();
            var h0 = Enumerable.Range(0, directions).Select(_ => Draw(Batch, Hidden, 0.5f)).ToArray();
            var c0 = cell == "lstm" ? Draw(Batch, Hidden, 0.5f) : null;
            var x = Draw(Steps * Batch, Inputs, 1.5f);
            var rOut = Draw(Steps * Batch, directions * Hidden, 1f);
            var rH = Draw(Batch, directions * Hidden, 1f);
            var rC = cell == "lstm" ? Draw(Batch, Hidden, 1f) : null;

            return (Build(cell, bidirectional, weights, h0, c0, x, lengths, rOut, rH, rC),
                    Build(cell, bidirectional, weights.Select(w => w.Select(Wide).ToArray()).ToArray(), h0.Select(Wide).ToArray(),
                          c0 is null ? null : Wide(c0), Wide(x), lengths, Wide(rOut), Wide(rH), rC is null ? null : Wide(rC)));
        }

        private static Tensor<double> Wide(Tensor<float> t) => t.Convert<float, double>();

        private static Net<T> Build<T>(string cell, bool bidirectional, Tensor<T>[][] weights, Tensor<T>[] h0, Tensor<T>? c0,
            Tensor<T> x, int[]? lengths, Tensor<T> rOut, Tensor<T> rH, Tensor<T>? rC)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            var cells = weights.Select(w =>
            {
                var c = NewCell<T>(cell);
                for (int p = 0; p < w.Length; p++) c.Parameters[p].Set(w[p]);
                return c;
            }).ToArray();
            SequenceLayer<T> model;
            RecurrentLayer<T>[] units;
            if (bidirectional)
            {
                var bi = new Bidirectional<T>(cells[0], cells[1]);
                (model, units) = (bi, [bi.Forwards, bi.Backwards]);
            }
            else
            {
                var layer = new RecurrentLayer<T>(cells[0]);
                (model, units) = (layer, [layer]);
            }
            for (int k = 0; k < units.Length; k++) units[k].InitialState = h0[k];
            units[0].InitialCellState = c0;
            return new Net<T>(model, units, new SequenceBatch<T>(x, Steps, Batch, lengths), rOut, rH, rC);
        }

        private static RecurrentCell<T> NewCell<T>(string kind) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => kind switch
        {
            "rnn_tanh" => new SimpleRnnCell<T>(Inputs, Hidden, RnnNonlinearity.Tanh),
            "lstm" => new LstmCell<T>(Inputs, Hidden),
            "gru" => new GruCell<T>(Inputs, Hidden, GruResetPlacement.AfterMatmul),
            _ => throw new ArgumentException(kind),
        };
    }
}
