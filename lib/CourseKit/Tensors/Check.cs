using System.Numerics;

namespace CourseKit.Tensors;

/// <summary>Argument checks that fail early with messages naming both shapes, instead of deep inside a kernel.</summary>
internal static class Check
{
    public static void SameShape<T>(Tensor<T> a, Tensor<T> b, string operation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rows != b.Rows || a.Cols != b.Cols)
            throw new ShapeMismatchException($"{operation}: shapes {a.Shape} and {b.Shape} differ; they must be equal.");
    }

    public static void Shape<T>(Tensor<T> t, int rows, int cols, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.Rows != rows || t.Cols != cols)
            throw new ShapeMismatchException($"{what} has shape {t.Shape}, expected ({rows}×{cols}).");
    }

    public static void Cols<T>(Tensor<T> t, int cols, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.Cols != cols)
            throw new ShapeMismatchException($"{what} has shape {t.Shape}, expected {cols} columns.");
    }
}

/// <summary>Thrown when two tensors' shapes do not fit an operation; the message names both shapes.</summary>
public sealed class ShapeMismatchException(string message) : ArgumentException(message);
