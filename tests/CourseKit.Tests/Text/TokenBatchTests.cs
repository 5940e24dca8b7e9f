using CourseKit.Tensors;
using CourseKit.Text;

namespace CourseKit.Tests.Text;

public class TokenBatchTests
{
    // "the red book ." / "a movie" / "good" as ids.
    private static readonly int[][] Sequences = [[3, 8, 2, 4], [6, 7], [5]];

    [Fact]
    public void Pad_lays_sequences_out_time_major_with_zero_padding()
    {
        var batch = TokenBatch.Pad(Sequences);
        Assert.Equal(4, batch.Steps);
        Assert.Equal(3, batch.Batch);
        Assert.Equal([4, 2, 1], batch.Lengths);
        Assert.Equal([3, 6, 5,
                      8, 7, 0,
                      2, 0, 0,
                      4, 0, 0], batch.Ids);
        Assert.Equal(7, batch[1, 1]);
        Assert.Equal(TokenBatch.PaddingId, batch[2, 1]);
    }

    [Fact]
    public void IsPresent_and_Mask_follow_the_lengths()
    {
        var batch = TokenBatch.Pad(Sequences, steps: 5);
        Assert.Equal(5, batch.Steps);
        Assert.True(batch.IsPresent(1, 1));
        Assert.False(batch.IsPresent(2, 1));
        Assert.False(batch.IsPresent(4, 0));
        Assert.Equal(Tensor.FromRows(
            [1.0, 1, 1],
            [1.0, 1, 0],
            [1.0, 0, 0],
            [1.0, 0, 0],
            [0.0, 0, 0]), batch.Mask<double>());
        Assert.Equal(7f, batch.Mask<float>().Sum());
    }

    [Fact]
    public void Id_zero_inside_a_sequence_is_present_because_lengths_decide()
    {
        // In a label vocabulary id 0 is a real tag (for example ADJ).
        var batch = TokenBatch.Pad([[0, 0], [0]]);
        Assert.True(batch.IsPresent(1, 0));
        Assert.False(batch.IsPresent(1, 1));
        Assert.Equal(Tensor.FromRows([1.0, 1], [1.0, 0]), batch.Mask<double>());
    }

    [Fact]
    public void Pad_copies_the_sequences()
    {
        int[] s = [1, 2];
        var batch = TokenBatch.Pad([s]);
        s[0] = 9;
        Assert.Equal(1, batch[0, 0]);
    }

    [Fact]
    public void Bad_batches_are_clear_errors()
    {
        Assert.Contains("empty batch", Assert.Throws<ArgumentException>(() => TokenBatch.Pad([])).Message);
        Assert.Contains("Sequence 1 is empty", Assert.Throws<ArgumentException>(() => TokenBatch.Pad([[1], []])).Message);
        var tooLong = Assert.Throws<ArgumentException>(() => TokenBatch.Pad(Sequences, steps: 3));
        Assert.Contains("Sequence 0 has length 4", tooLong.Message);
        Assert.Contains("3 steps", tooLong.Message);
        Assert.Contains("negative id -2 at position 1", Assert.Throws<ArgumentException>(() => TokenBatch.Pad([[1, -2]])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenBatch.Pad(Sequences)[4, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenBatch.Pad(Sequences).IsPresent(0, 3));
    }

    [Fact]
    public void ToString_draws_padding_as_dots()
    {
        Assert.Equal("TokenBatch(2 steps × 2, lengths [2, 1])\n  t=0: 6 5\n  t=1: 7 ·", TokenBatch.Pad([[6, 7], [5]]).ToString());
    }
}
