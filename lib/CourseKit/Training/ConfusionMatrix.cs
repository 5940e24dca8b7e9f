using System.Globalization;
using System.Numerics;
using System.Text;
using CourseKit.Tensors;

namespace CourseKit.Training;

/// <summary>
/// Counts of (true class, predicted class) pairs: row = the true class, column = the predicted class, so the diagonal
/// holds the correct answers and everything off it is a confusion. Per-class precision and recall come from the column
/// and row sums.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] counts;
    private readonly string[] labels;

    private ConfusionMatrix(int[,] counts, string[] labels)
    {
        this.counts = counts;
        this.labels = labels;
    }

    /// <summary>
    /// Counts one pair per example: <paramref name="actual"/>[i] is the true class id of example i,
    /// <paramref name="predicted"/>[i] the predicted one; ids index <paramref name="labels"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The two lists differ in length, or there are no labels.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An id is outside 0…labels.Count−1.</exception>
    public static ConfusionMatrix Count(IReadOnlyList<int> predicted, IReadOnlyList<int> actual, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(actual);
        var names = CheckLabels(labels);
        if (predicted.Count != actual.Count)
            throw new ArgumentException($"Confusion matrix: {predicted.Count} predictions but {actual.Count} true labels.", nameof(predicted));
        var counts = new int[names.Length, names.Length];
        for (int i = 0; i < predicted.Count; i++)
            counts[CheckId(actual[i], names.Length, $"true label {i}"), CheckId(predicted[i], names.Length, $"prediction {i}")]++;
        return new ConfusionMatrix(counts, names);
    }

    /// <summary>
    /// Counts one pair per position of every sequence (tagging): <paramref name="predicted"/>[s][t] against
    /// <paramref name="actual"/>[s][t].
    /// </summary>
    /// <exception cref="ArgumentException">The sequence counts or a sequence's lengths differ.</exception>
    public static ConfusionMatrix Count(IReadOnlyList<int[]> predicted, IReadOnlyList<int[]> actual, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(actual);
        var names = CheckLabels(labels);
        if (predicted.Count != actual.Count)
            throw new ArgumentException($"Confusion matrix: {predicted.Count} predicted sequences but {actual.Count} true ones.", nameof(predicted));
        var counts = new int[names.Length, names.Length];
        for (int s = 0; s < predicted.Count; s++)
        {
            if (predicted[s].Length != actual[s].Length)
                throw new ArgumentException($"Confusion matrix: sequence {s} has {predicted[s].Length} predictions but {actual[s].Length} true labels.", nameof(predicted));
            for (int t = 0; t < predicted[s].Length; t++)
                counts[CheckId(actual[s][t], names.Length, $"true label {t} of sequence {s}"),
                       CheckId(predicted[s][t], names.Length, $"prediction {t} of sequence {s}")]++;
        }
        return new ConfusionMatrix(counts, names);
    }

    /// <summary>The class names, in id order (rows and columns).</summary>
    public IReadOnlyList<string> Labels => labels;

    /// <summary>Number of classes.</summary>
    public int Classes => labels.Length;

    /// <summary>How many examples of true class <paramref name="actual"/> were predicted as <paramref name="predicted"/>.</summary>
    public int this[int actual, int predicted] => counts[actual, predicted];

    /// <summary>How many examples of true class <paramref name="actual"/> were predicted as <paramref name="predicted"/> (by name).</summary>
    public int this[string actual, string predicted] => counts[IndexOf(actual), IndexOf(predicted)];

    /// <summary>Number of examples counted.</summary>
    public int Total => Enumerable.Range(0, Classes).Sum(ActualCount);

    /// <summary>Number of examples on the diagonal (predicted right).</summary>
    public int Correct => Enumerable.Range(0, Classes).Sum(k => counts[k, k]);

    /// <summary>Fraction predicted right (0 when nothing was counted).</summary>
    public double Accuracy => Total == 0 ? 0 : Correct / (double)Total;

    /// <summary>Row sum: how many examples truly belong to class <paramref name="k"/> (its support).</summary>
    public int ActualCount(int k) => Enumerable.Range(0, Classes).Sum(j => counts[k, j]);

    /// <summary>Column sum: how many examples were predicted as class <paramref name="k"/>.</summary>
    public int PredictedCount(int k) => Enumerable.Range(0, Classes).Sum(i => counts[i, k]);

    /// <summary>Of the examples predicted as <paramref name="k"/>, the fraction that truly are <paramref name="k"/> (NaN if none was predicted).</summary>
    public double Precision(int k) => PredictedCount(k) == 0 ? double.NaN : counts[k, k] / (double)PredictedCount(k);

    /// <summary>Of the examples that truly are <paramref name="k"/>, the fraction predicted as <paramref name="k"/> (NaN if there are none).</summary>
    public double Recall(int k) => ActualCount(k) == 0 ? double.NaN : counts[k, k] / (double)ActualCount(k);

    /// <summary>Harmonic mean of precision and recall of class <paramref name="k"/> (NaN if either is undefined, 0 if both are 0).</summary>
    public double F1(int k)
    {
        double p = Precision(k), r = Recall(k);
        if (double.IsNaN(p) || double.IsNaN(r)) return double.NaN;
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /// <summary>The off-diagonal cells with a nonzero count, largest first (ties by true then predicted id).</summary>
    public IReadOnlyList<(string Actual, string Predicted, int Count)> TopConfusions(int count = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var cells = new List<(int I, int J, int N)>();
        for (int i = 0; i < Classes; i++)
            for (int j = 0; j < Classes; j++)
                if (i != j && counts[i, j] > 0) cells.Add((i, j, counts[i, j]));
        return [.. cells.OrderByDescending(c => c.N).ThenBy(c => c.I).ThenBy(c => c.J).Take(count)
                        .Select(c => (labels[c.I], labels[c.J], c.N))];
    }

    /// <summary>The counts as a (classes × classes) tensor, rows = true class, columns = predicted class.</summary>
    public Tensor<T> ToTensor<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = new Tensor<T>(Classes, Classes);
        var span = t.Span;
        for (int i = 0; i < Classes; i++)
            for (int j = 0; j < Classes; j++) span[i * Classes + j] = T.CreateChecked(counts[i, j]);
        return t;
    }

    /// <summary>The matrix as text: a header of predicted labels, one line per true label.</summary>
    public override string ToString()
    {
        int width = Math.Max(labels.Max(l => l.Length), Total.ToString(CultureInfo.InvariantCulture).Length) + 1;
        var sb = new StringBuilder($"ConfusionMatrix({Classes} classes, {Total} examples, accuracy {Accuracy.ToString("P2", CultureInfo.InvariantCulture)}; rows true, columns predicted)\n");
        sb.Append(new string(' ', width));
        foreach (var l in labels) sb.Append(l.PadLeft(width));
        for (int i = 0; i < Classes; i++)
        {
            sb.Append('\n').Append(labels[i].PadLeft(width));
            for (int j = 0; j < Classes; j++) sb.Append(counts[i, j].ToString(CultureInfo.InvariantCulture).PadLeft(width));
        }
        return sb.ToString();
    }

    private int IndexOf(string label)
    {
        int k = Array.IndexOf(labels, label);
        return k >= 0 ? k : throw new ArgumentException($"Confusion matrix: no class named '{label}' (classes: {string.Join(", ", labels)}).", nameof(label));
    }

    private static string[] CheckLabels(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0) throw new ArgumentException("Confusion matrix: at least one class label is needed.", nameof(labels));
        return [.. labels];
    }

    private static int CheckId(int id, int classes, string what) =>
        (uint)id < (uint)classes ? id
            : throw new ArgumentOutOfRangeException(nameof(id), $"Confusion matrix: {what} is class {id}, outside the {classes} classes (0…{classes - 1}).");
}
