using System.Numerics;

namespace CourseKit.Tensors;

// Joining tensors: Concat along an axis (PyTorch's torch.cat), Stack of vectors into a matrix (torch.stack).
public static partial class Tensor
{
    /// <summary>
    /// Joins tensors along an axis, as PyTorch's <c>torch.cat(parts, dim=axis)</c>. Axis 0 puts them on top of each other,
    /// <c>[A; B]</c> (all need the same number of columns): the column <c>[h; x]</c> of the first LSTM slides, or PyTorch's
    /// gate blocks stacked in one weight matrix. Axis 1 puts them side by side, <c>[A B]</c> (all need the same number of
    /// rows): <c>[W_f U_f]</c>.
    /// </summary>
    /// <remarks>
    /// With <c>o_k</c> the sizes of the parts before part k along the axis: axis 0 gives a (Σ rows × cols) tensor with
    /// <c>result[o_k + r, c] = part_k[r, c]</c>; axis 1 gives (rows × Σ cols) with <c>result[r, o_k + c] = part_k[r, c]</c>.
    /// The result is new; the parts are not changed.
    /// </remarks>
    /// <param name="axis">0 (rows: one above the other) or 1 (columns: side by side).</param>
    /// <param name="parts">At least one tensor.</param>
    /// <exception cref="ShapeMismatchException">A part's size across the axis differs from the first part's; the message names both.</exception>
    public static Tensor<T> Concat<T>(int axis, params Tensor<T>[] parts) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckAxis(axis, "Concat");
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Length == 0) throw new ArgumentException("Concat needs at least one tensor.", nameof(parts));
        for (int k = 0; k < parts.Length; k++)
        {
            if (parts[k] is null) throw new ArgumentNullException(nameof(parts), $"Concat: part {k} is null.");
            var (size, first) = axis == 0 ? (parts[k].Cols, parts[0].Cols) : (parts[k].Rows, parts[0].Rows);
            if (size != first)
                throw new ShapeMismatchException(
                    $"Concat along axis {axis}: part {k} has shape {parts[k].Shape} but part 0 has {parts[0].Shape}; " +
                    $"every part needs the same number of {(axis == 0 ? "columns" : "rows")}.");
        }
        var result = axis == 0
            ? new Tensor<T>(parts.Sum(p => p.Rows), parts[0].Cols)
            : new Tensor<T>(parts[0].Rows, parts.Sum(p => p.Cols));
        int offset = 0;
        foreach (var part in parts)
        {
            if (axis == 0) part.ReadOnlySpan.CopyTo(result.Span[(offset * result.Cols)..]);   // rows are contiguous
            else
                for (int r = 0; r < part.Rows; r++) part.Row(r).CopyTo(result.Row(r)[offset..]);
            offset += axis == 0 ? part.Rows : part.Cols;
        }
        return result;
    }

    /// <summary>
    /// Vectors of one length n as the rows (axis 0, a (count × n) matrix) or the columns (axis 1, (n × count)) of a new
    /// tensor, as PyTorch's <c>torch.stack(vectors, dim=axis)</c>. Each vector may be a row (1 × n) or a column (n × 1):
    /// stacking the column states h(1), …, h(T) of the RNN slides gives the (T × H) matrix a recurrent layer outputs.
    /// </summary>
    /// <remarks>Axis 0: <c>result[k, j] = v_k[j]</c>; axis 1: <c>result[j, k] = v_k[j]</c>.</remarks>
    /// <param name="vectors">At least one vector, all of the same length.</param>
    /// <param name="axis">0 (each vector a row) or 1 (each vector a column).</param>
    /// <exception cref="ShapeMismatchException">An item is not a vector, or its length differs from the first one's.</exception>
    public static Tensor<T> Stack<T>(IEnumerable<Tensor<T>> vectors, int axis = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckAxis(axis, "Stack");
        ArgumentNullException.ThrowIfNull(vectors);
        var items = vectors.ToArray();
        if (items.Length == 0) throw new ArgumentException("Stack needs at least one vector.", nameof(vectors));
        for (int k = 0; k < items.Length; k++)
        {
            if (items[k] is null) throw new ArgumentNullException(nameof(vectors), $"Stack: item {k} is null.");
            if (!items[k].IsVector)
                throw new ShapeMismatchException($"Stack: item {k} has shape {items[k].Shape}; every item must be a vector, (1×n) or (n×1).");
            if (items[k].Length != items[0].Length)
                throw new ShapeMismatchException(
                    $"Stack: item {k} has shape {items[k].Shape} but item 0 has {items[0].Shape}; every vector needs the same length.");
        }
        int n = items[0].Length;
        var rows = new Tensor<T>(items.Length, n);
        for (int k = 0; k < items.Length; k++) items[k].ReadOnlySpan.CopyTo(rows.Row(k));
        return axis == 0 ? rows : rows.Transpose();
    }

    private static void CheckAxis(int axis, string operation)
    {
        if (axis is not (0 or 1))
            throw new ArgumentOutOfRangeException(nameof(axis), axis, $"{operation}: axis must be 0 (rows) or 1 (columns); every tensor here has two axes.");
    }
}
