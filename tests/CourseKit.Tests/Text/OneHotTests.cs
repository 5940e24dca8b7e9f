using CourseKit.Tensors;
using CourseKit.Text;

namespace CourseKit.Tests.Text;

public class OneHotTests
{
    [Fact]
    public void Rows_are_time_major_one_hot_codes_and_padding_rows_are_zero()
    {
        // The RNN class-work vocabulary: 0 = ADJ, 1 = DET, 2 = NOUN. Sequences "DET ADJ NOUN" and "NOUN".
        var batch = TokenBatch.Pad([[1, 0, 2], [2]]);
        var x = OneHot.Encode<double>(batch, 3);
        Assert.Equal(Tensor.FromRows(
            [0.0, 1, 0],   // t=0, b=0: DET
            [0.0, 0, 1],   // t=0, b=1: NOUN
            [1.0, 0, 0],   // t=1, b=0: ADJ
            [0.0, 0, 0],   // t=1, b=1: padding
            [0.0, 0, 1],   // t=2, b=0: NOUN
            [0.0, 0, 0]),  // t=2, b=1: padding
            x);
    }

    [Fact]
    public void An_id_outside_the_code_names_the_id_and_size()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => OneHot.Encode<float>(TokenBatch.Pad([[0, 1], [5]]), 3));
        Assert.Contains("Id 5", ex.Message);
        Assert.Contains("sequence 1", ex.Message);
        Assert.Contains("size 3", ex.Message);
    }
}
