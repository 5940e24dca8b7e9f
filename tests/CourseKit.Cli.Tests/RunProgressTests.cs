namespace CourseKit.Cli.Tests;

public class RunProgressTests
{
    [Fact]
    public void On_a_terminal_the_running_cells_share_one_line_and_each_finished_notebook_gets_its_own()
    {
        var output = new StringWriter();
        var progress = new RunProgress(output, total: 12, terminal: true);

        progress.Cell(7, new CellProgress("07-simple-rnn", 14, 31, 20));
        progress.Cell(8, new CellProgress("08-bidirectional-rnn", 2, 20, 3));
        progress.Finished(7, "✓ 07-simple-rnn  2.7 s");
        progress.Cell(8, new CellProgress("08-bidirectional-rnn", 3, 20, 5));
        progress.Done();

        var text = output.ToString();
        Assert.Contains("\r[7/12] 07-simple-rnn  cell 14/31", text);
        Assert.Contains("\r[7/12] 07-simple-rnn  cell 14/31   [8/12] 08-bidirectional-rnn  cell 2/20", text);
        // The finished line is written over the progress line and ends it; the progress line is redrawn below.
        var finished = text.IndexOf("✓ 07-simple-rnn  2.7 s", StringComparison.Ordinal);
        Assert.True(finished > 0);
        Assert.Equal('\n', text[text.IndexOf('\n', finished)]);
        Assert.Contains("\r[8/12] 08-bidirectional-rnn  cell 3/20", text[finished..]);
        Assert.EndsWith("\r", text);
    }

    [Fact]
    public void Redirected_it_prints_only_a_plain_line_per_finished_notebook()
    {
        var output = new StringWriter();
        var progress = new RunProgress(output, total: 2, terminal: false);

        progress.Cell(1, new CellProgress("01-a", 1, 3, 2));
        progress.Finished(1, "✓ 01-a  1.0 s");
        progress.Cell(2, new CellProgress("02-b", 1, 3, 2));
        progress.Finished(2, "✗ 02-b  1.5 s  cell 2: boom");
        progress.Done();

        Assert.Equal("✓ 01-a  1.0 s\n✗ 02-b  1.5 s  cell 2: boom\n", output.ToString().Replace("\r\n", "\n"));
    }
}
