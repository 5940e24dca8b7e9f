using System.Numerics;
using CourseKit.Layers;

namespace CourseKit.Training;

/// <summary>Stops training with a clear error the moment the loss or a weight becomes NaN or infinite.</summary>
internal static class DivergenceCheck
{
    /// <summary>Throws <see cref="TrainingDivergedException"/> naming the step and the first non-finite weight.</summary>
    public static void ThrowIfDiverged<T>(IReadOnlyList<Parameter<T>> parameters, double loss, int epoch, int step, int globalStep)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int blamed = -1, index = 0;
        double largest = -1;
        for (int p = 0; p < parameters.Count; p++)
        {
            var values = parameters[p].Value.ReadOnlySpan;
            for (int i = 0; i < values.Length; i++)
            {
                double v = double.CreateChecked(values[i]);
                if (!double.IsFinite(v)) throw Diverged(loss, epoch, step, globalStep, parameters[p], i);
                if (Math.Abs(v) > largest) (largest, blamed, index) = (Math.Abs(v), p, i);
            }
        }
        // Only the loss overflowed: blame the largest weight, which is usually the one running away.
        if (!double.IsFinite(loss)) throw Diverged(loss, epoch, step, globalStep, parameters[blamed], index);
    }

    private static TrainingDivergedException Diverged<T>(double loss, int epoch, int step, int globalStep, Parameter<T> parameter, int index)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int cols = parameter.Value.Cols;
        return new TrainingDivergedException(epoch, step, globalStep, loss, parameter.Name, index / cols, index % cols,
                                             double.CreateChecked(parameter.Value.ReadOnlySpan[index]));
    }
}
