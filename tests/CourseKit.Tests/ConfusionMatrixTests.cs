using CourseKit.Training;

namespace CourseKit.Tests;

public class ConfusionMatrixTests
{
    private static readonly string[] Labels = ["cat", "dog", "fox"];

    // true:      cat cat cat dog dog fox
    // predicted: cat cat dog dog cat cat
    private static ConfusionMatrix Example() => ConfusionMatrix.Count([0, 0, 1, 1, 0, 0], [0, 0, 0, 1, 1, 2], Labels);

    [Fact]
    public void Rows_are_the_true_class_and_columns_the_prediction()
    {
        var m = Example();
        Assert.Equal(2, m[0, 0]);
        Assert.Equal(1, m[0, 1]);
        Assert.Equal(1, m[1, 0]);
        Assert.Equal(1, m["fox", "cat"]);
        Assert.Equal(0, m["cat", "fox"]);
        Assert.Equal(6, m.Total);
        Assert.Equal(3, m.Correct);
        Assert.Equal(0.5, m.Accuracy);
        Assert.Equal([2.0, 1, 0, 1, 1, 0, 1, 0, 0], m.ToTensor<double>().Span.ToArray());
    }

    [Fact]
    public void Precision_recall_and_f1_per_class()
    {
        var m = Example();
        Assert.Equal(3, m.ActualCount(0));
        Assert.Equal(4, m.PredictedCount(0));
        Assert.Equal(0.5, m.Precision(0));          // 2 of the 4 predicted cats are cats
        Assert.Equal(2.0 / 3, m.Recall(0), 1e-15);  // 2 of the 3 cats found (measured: equal)
        Assert.Equal(2 * 0.5 * (2.0 / 3) / (0.5 + 2.0 / 3), m.F1(0), 1e-15);
        Assert.Equal(0.5, m.Precision(1));
        Assert.Equal(0.5, m.Recall(1));
        Assert.True(double.IsNaN(m.Precision(2)));  // fox never predicted
        Assert.Equal(0, m.Recall(2));
        Assert.True(double.IsNaN(m.F1(2)));
    }

    [Fact]
    public void Top_confusions_are_the_largest_off_diagonal_cells()
    {
        var m = ConfusionMatrix.Count([1, 1, 0, 2, 2, 2], [0, 0, 1, 0, 1, 2], Labels);
        var top = m.TopConfusions(2);
        Assert.Equal([("cat", "dog", 2), ("cat", "fox", 1)], top);
        Assert.Equal(4, m.TopConfusions().Count);
        Assert.Contains("rows true, columns predicted", m.ToString());
    }

    [Fact]
    public void Sequences_are_counted_position_by_position()
    {
        var m = ConfusionMatrix.Count([[0, 1], [2]], [[0, 0], [2]], Labels);
        Assert.Equal(3, m.Total);
        Assert.Equal(1, m[0, 1]);
        Assert.Equal(2, m.Correct);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var length = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Count([0, 1], [0], Labels));
        Assert.Contains("2 predictions but 1 true labels", length.Message);
        var id = Assert.Throws<ArgumentOutOfRangeException>(() => ConfusionMatrix.Count([0, 3], [0, 1], Labels));
        Assert.Contains("prediction 1 is class 3", id.Message);
        var seq = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Count([[0, 1]], [[0]], Labels));
        Assert.Contains("sequence 0 has 2 predictions but 1 true labels", seq.Message);
        Assert.Throws<ArgumentException>(() => ConfusionMatrix.Count([0], [0], Array.Empty<string>()));
    }
}
