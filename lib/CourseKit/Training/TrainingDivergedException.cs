namespace CourseKit.Training;

/// <summary>
/// Thrown when a step leaves the loss or a parameter NaN or infinite: training never continues silently on garbage.
/// The message names the epoch, the step, the loss and the first non-finite parameter element — or, when only the
/// loss overflowed, the parameter element largest in magnitude, which is usually the one running away.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Describes a divergence found after a step.</summary>
    /// <param name="epoch">The epoch, from 1.</param>
    /// <param name="step">The step within the epoch, from 1.</param>
    /// <param name="globalStep">The step counted over the whole fit, from 1.</param>
    /// <param name="loss">The mini-batch loss of that step.</param>
    /// <param name="parameter">The first parameter holding a non-finite value or, when all are finite, the one holding the largest magnitude.</param>
    /// <param name="row">The row of that value.</param>
    /// <param name="col">The column of that value.</param>
    /// <param name="value">That value.</param>
    public TrainingDivergedException(int epoch, int step, int globalStep, double loss, string parameter, int row, int col, double value)
        : base(Describe(epoch, step, globalStep, loss, parameter, row, col, value))
    {
        Epoch = epoch;
        Step = step;
        GlobalStep = globalStep;
        Loss = loss;
        Parameter = parameter;
        Row = row;
        Col = col;
        Value = value;
    }

    /// <summary>The epoch, from 1.</summary>
    public int Epoch { get; }

    /// <summary>The step within the epoch, from 1.</summary>
    public int Step { get; }

    /// <summary>The step counted over the whole fit, from 1.</summary>
    public int GlobalStep { get; }

    /// <summary>The mini-batch loss of the diverging step.</summary>
    public double Loss { get; }

    /// <summary>The parameter to blame: the first with a non-finite value, or, when all are finite, the one with the largest magnitude.</summary>
    public string Parameter { get; }

    /// <summary>The row of the blamed element in <see cref="Parameter"/>.</summary>
    public int Row { get; }

    /// <summary>The column of the blamed element in <see cref="Parameter"/>.</summary>
    public int Col { get; }

    /// <summary>The blamed element's value.</summary>
    public double Value { get; }

    /// <summary>True when some parameter became NaN or infinite (not only the loss).</summary>
    public bool ParameterIsNonFinite => !double.IsFinite(Value);

    private static string Describe(int epoch, int step, int globalStep, double loss, string parameter, int row, int col, double value)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        string where = double.IsFinite(value)
            ? $"every parameter is still finite, the largest is {parameter}[{row}, {col}] = {value.ToString(culture)}"
            : $"first non-finite parameter: {parameter}[{row}, {col}] = {value.ToString(culture)}";
        return $"Training diverged at epoch {epoch}, step {step} (global step {globalStep}): loss = {loss.ToString(culture)}; "
             + $"{where}. Try a smaller learning rate.";
    }
}
