using System.Numerics;

namespace CourseKit.Tensors;

/// <summary>Ways to make tensors: from the numbers on a slide, filled, random.</summary>
public static partial class Tensor
{
    /// <summary>A tensor from rows of numbers, written as on a slide: <c>Tensor.FromRows(new[] {1.0, 1}, new[] {1.0, 1})</c>.</summary>
    public static Tensor<T> FromRows<T>(params T[][] rows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rows);
        int cols = rows.Length == 0 ? 0 : rows[0].Length;
        var t = new Tensor<T>(rows.Length, cols);
        for (int r = 0; r < rows.Length; r++)
        {
            if (rows[r].Length != cols)
                throw new ArgumentException($"Row {r} has {rows[r].Length} values but row 0 has {cols}: every row needs the same length.", nameof(rows));
            rows[r].CopyTo(t.Row(r));
        }
        return t;
    }

    /// <summary>A tensor from a rectangular array: <c>Tensor.From(new double[,] {{1, 1}, {1, 1}})</c>.</summary>
    public static Tensor<T> From<T>(T[,] values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(values);
        var t = new Tensor<T>(values.GetLength(0), values.GetLength(1));
        for (int r = 0; r < t.Rows; r++)
            for (int c = 0; c < t.Cols; c++)
                t[r, c] = values[r, c];
        return t;
    }

    /// <summary>A 1×n row vector, the feedforward slides' <c>i</c>.</summary>
    public static Tensor<T> Row<T>(params T[] values) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(1, values.Length, (T[])values.Clone());

    /// <summary>An n×1 column vector, the RNN slides' <c>h</c> and <c>x</c>.</summary>
    public static Tensor<T> Column<T>(params T[] values) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(values.Length, 1, (T[])values.Clone());

    /// <summary>A rows × cols tensor of zeros.</summary>
    public static Tensor<T> Zeros<T>(int rows, int cols) where T : unmanaged, IFloatingPointIeee754<T> => new(rows, cols);

    /// <summary>A rows × cols tensor of ones.</summary>
    public static Tensor<T> Ones<T>(int rows, int cols) where T : unmanaged, IFloatingPointIeee754<T> => Full(rows, cols, T.One);

    /// <summary>A rows × cols tensor with every element equal to <paramref name="value"/>.</summary>
    public static Tensor<T> Full<T>(int rows, int cols, T value) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = new Tensor<T>(rows, cols);
        t.Fill(value);
        return t;
    }

    /// <summary>The n × n identity matrix.</summary>
    public static Tensor<T> Identity<T>(int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = new Tensor<T>(n, n);
        for (int i = 0; i < n; i++) t[i, i] = T.One;
        return t;
    }

    /// <summary>n evenly spaced values from <paramref name="start"/> to <paramref name="stop"/> (both included), as a 1×n row.</summary>
    public static Tensor<T> Linspace<T>(T start, T stop, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var t = new Tensor<T>(1, n);
        var step = n == 1 ? T.Zero : (stop - start) / T.CreateChecked(n - 1);
        for (int i = 0; i < n; i++) t[0, i] = start + T.CreateChecked(i) * step;
        if (n > 1) t[0, n - 1] = stop;
        return t;
    }

    /// <summary>Uniform random values in [low, high), reproducible from <paramref name="random"/>.</summary>
    public static Tensor<T> Uniform<T>(int rows, int cols, T low, T high, Random random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(random);
        var t = new Tensor<T>(rows, cols);
        var span = t.Span;
        for (int i = 0; i < span.Length; i++) span[i] = low + (high - low) * T.CreateChecked(random.NextDouble());
        return t;
    }

    /// <summary>Normally distributed values (Box–Muller), reproducible from <paramref name="random"/>.</summary>
    public static Tensor<T> Normal<T>(int rows, int cols, T mean, T std, Random random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(random);
        var t = new Tensor<T>(rows, cols);
        var span = t.Span;
        for (int i = 0; i < span.Length; i++) span[i] = mean + std * T.CreateChecked(StandardNormal(random));
        return t;
    }

    internal static double StandardNormal(Random random)
    {
        // 1 - NextDouble() lies in (0, 1], so the logarithm is finite.
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Converts a MathNet.Numerics matrix (for least squares, decompositions) into a tensor.</summary>
    public static Tensor<double> FromMatrix(MathNet.Numerics.LinearAlgebra.Matrix<double> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return From(matrix.ToArray());
    }

    /// <summary>Converts a tensor into a MathNet.Numerics matrix.</summary>
    public static MathNet.Numerics.LinearAlgebra.Matrix<double> ToMatrix(this Tensor<double> tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(tensor.ToArray());
    }

    /// <summary>Converts between float and double.</summary>
    public static Tensor<TTo> Convert<TFrom, TTo>(this Tensor<TFrom> tensor)
        where TFrom : unmanaged, IFloatingPointIeee754<TFrom>
        where TTo : unmanaged, IFloatingPointIeee754<TTo>
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var result = new Tensor<TTo>(tensor.Rows, tensor.Cols);
        var src = tensor.ReadOnlySpan;
        var dst = result.Span;
        for (int i = 0; i < src.Length; i++) dst[i] = TTo.CreateChecked(src[i]);
        return result;
    }
}
