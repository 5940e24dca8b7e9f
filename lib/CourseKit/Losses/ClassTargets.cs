using System.Numerics;
using CourseKit.Tensors;

namespace CourseKit.Losses;

/// <summary>Reads class-index targets (a batch × 1 column holding 0, 1, 2, …) and rejects anything else clearly.</summary>
internal static class ClassTargets
{
    public static void Check<T>(Tensor<T> scores, Tensor<T> target, string loss) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(target);
        if (target.Cols != 1 || target.Rows != scores.Rows)
            throw new ShapeMismatchException(
                $"{loss}: targets have shape {target.Shape} but need one class index per row of the {scores.Shape} scores, shape ({scores.Rows}×1).");
        for (int r = 0; r < target.Rows; r++)
        {
            T c = target[r, 0];
            if (!T.IsInteger(c) || c < T.Zero || c >= T.CreateChecked(scores.Cols))
                throw new ArgumentOutOfRangeException(nameof(target),
                    $"{loss}: target {r} is {c}, but a class index must be a whole number from 0 to {scores.Cols - 1}.");
        }
    }

    public static int At<T>(Tensor<T> target, int row) where T : unmanaged, IFloatingPointIeee754<T> => int.CreateChecked(target[row, 0]);

    /// <summary>Class indices as the column tensor the losses take.</summary>
    public static Tensor<T> FromIndices<T>(IReadOnlyList<int> classes) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = new Tensor<T>(classes.Count, 1);
        for (int i = 0; i < classes.Count; i++) t[i, 0] = T.CreateChecked(classes[i]);
        return t;
    }
}
