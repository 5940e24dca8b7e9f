using System.Numerics;
using CourseKit.Activations;
using CourseKit.Layers;
using CourseKit.Losses;
using CourseKit.Optimizers;
using CourseKit.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace CourseKit.Examples;

/// <summary>
/// The lecture's XOR problem: inputs <c>X</c> = [[0,0],[0,1],[1,0],[1,1]], targets <c>y</c> = [0,1,1,0].
/// No line separates it, so linear regression fails, while one hidden ReLU layer solves it exactly.
/// </summary>
public static class Xor
{
    /// <summary>The four inputs as a (4×2) tensor, one example per row.</summary>
    public static Tensor<T> Inputs<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        Tensor.FromRows<T>([T.Zero, T.Zero], [T.Zero, T.One], [T.One, T.Zero], [T.One, T.One]);

    /// <summary>The targets as a (4×1) column.</summary>
    public static Tensor<T> Targets<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        Tensor.Column(T.Zero, T.One, T.One, T.Zero);

    /// <summary>
    /// The slide's question "can you solve it with linear regression?": the least-squares fit of
    /// <c>y = X W + b</c>, solved by QR decomposition (MathNet.Numerics). The answer is W = [0, 0], b = 0.5:
    /// the best line predicts 0.5 for every input.
    /// </summary>
    public static LinearFit LeastSquares()
    {
        // Append a column of ones so the bias is one more weight: [X 1] [W; b] ≈ y.
        var x = Inputs<double>();
        var design = Matrix<double>.Build.Dense(x.Rows, x.Cols + 1, (r, c) => c < x.Cols ? x[r, c] : 1.0);
        var y = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(Targets<double>().ToFlatArray());
        var solution = design.QR().Solve(y);
        var weights = Tensor.Column(solution[0], solution[1]);
        double bias = solution[2];
        var predictions = x.MatMul(weights).Add(Tensor.Full(x.Rows, 1, bias));
        double mse = new MeanSquaredError<double>().Forward(predictions, Targets<double>());
        return new LinearFit(CleanTensor(weights), Clean(bias), CleanTensor(predictions), mse);
    }

    /// <summary>
    /// The slide's hand-set network <c>f(X) = max(0, X W + c) w + b</c> with W = [[1,1],[1,1]], c = [0,−1],
    /// w = [1,−2], b = 0. Its hidden values are [[0,0],[1,0],[1,0],[2,1]] and its outputs exactly [0,1,1,0].
    /// </summary>
    public static Sequential<T> SlideNetwork<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        T one = T.One, two = T.CreateChecked(2);
        var hidden = new Dense<T>(Tensor.FromRows<T>([one, one], [one, one]), Tensor.Row(T.Zero, -one), new Relu<T>());
        var output = new Dense<T>(Tensor.Column(one, -two), Tensor.Row(T.Zero));
        return new Sequential<T>(hidden, output);
    }

    /// <summary>
    /// Trains a 2-2-1 network (ReLU hidden layer, linear output, mean squared error, full-batch Adam) from random
    /// weights drawn with <paramref name="seed"/>. Some seeds get stuck — a dead ReLU unit, or the 0.5-everywhere
    /// answer of linear regression — which is itself worth seeing.
    /// </summary>
    public static XorTraining<T> Train<T>(int seed, int epochs = 1000, double learningRate = 0.05, Activation<T>? hidden = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        var random = new Random(seed);
        var model = new Sequential<T>(
            new Dense<T>(2, 2, hidden ?? new Relu<T>(), random),
            new Dense<T>(2, 1, null, random));
        var loss = new MeanSquaredError<T>();
        var optimizer = new Adam<T>(model.Parameters, learningRate);
        var x = Inputs<T>();
        var y = Targets<T>();
        var history = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            optimizer.ZeroGradients();
            history[epoch] = double.CreateChecked(loss.Forward(model.Forward(x), y));
            model.Backward(loss.Backward());
            optimizer.Step();
        }
        var predictions = model.Predict(x);
        return new XorTraining<T>(model, history, predictions, predictions.Subtract(y).Map(T.Abs).Max() < T.CreateChecked(0.1));
    }

    // Least squares leaves round-off like 1e-17 where the exact answer is 0: show the slide's clean numbers.
    private static double Clean(double v) => Math.Abs(v - Math.Round(v, 12)) < 1e-12 ? Math.Round(v, 12) + 0.0 : v;
    private static Tensor<double> CleanTensor(Tensor<double> t) => t.Map(Clean);
}

/// <summary>A least-squares linear fit <c>y ≈ X W + b</c> and how well it does.</summary>
/// <param name="Weights">W, (2×1).</param>
/// <param name="Bias">b.</param>
/// <param name="Predictions">X W + b for the four inputs.</param>
/// <param name="MeanSquaredError">The fit's mean squared error.</param>
public sealed record LinearFit(Tensor<double> Weights, double Bias, Tensor<double> Predictions, double MeanSquaredError);

/// <summary>A trained XOR network and its loss per epoch.</summary>
/// <param name="Model">The trained 2-2-1 network.</param>
/// <param name="LossHistory">The mean squared error before each update.</param>
/// <param name="Predictions">The trained network's outputs for the four inputs.</param>
/// <param name="Solved">Every output within 0.1 of its target.</param>
public sealed record XorTraining<T>(Sequential<T> Model, double[] LossHistory, Tensor<T> Predictions, bool Solved)
    where T : unmanaged, IFloatingPointIeee754<T>;
