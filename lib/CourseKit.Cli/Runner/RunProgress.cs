namespace CourseKit.Cli.Runner;

/// <summary>
/// What `coursekit run` shows while it works. On a terminal: one line redrawn in place with the cell each running
/// notebook is at (<c>[7/12] 07-simple-rnn  cell 14/31</c>), and a line per finished notebook above it. Redirected
/// (a log, CI): only the line per finished notebook.
/// </summary>
internal sealed class RunProgress(TextWriter output, int total, bool terminal)
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<int, string> _running = [];
    private int _lastLength;

    /// <summary>Notebook number <paramref name="index"/> (1-based, in input order) is at this cell.</summary>
    public void Cell(int index, CellProgress cell)
    {
        if (!terminal)
        {
            return;
        }
        lock (_lock)
        {
            _running[index] = $"[{index}/{total}] {cell.Notebook}  cell {cell.Index}/{cell.Count}";
            Draw(string.Join("   ", _running.Values));
        }
    }

    /// <summary>Notebook number <paramref name="index"/> finished; <paramref name="line"/> is its result line.</summary>
    public void Finished(int index, string line)
    {
        lock (_lock)
        {
            _running.Remove(index);
            if (terminal)
            {
                Draw(line);
                output.WriteLine();
                _lastLength = 0;
                if (_running.Count > 0)
                {
                    Draw(string.Join("   ", _running.Values));
                }
            }
            else
            {
                output.WriteLine(line);
            }
        }
    }

    /// <summary>Clears the progress line (before the closing table).</summary>
    public void Done()
    {
        lock (_lock)
        {
            if (terminal && _lastLength > 0)
            {
                Draw("");
                output.Write("\r");
            }
        }
    }

    // Pads over the previous, longer line so no tail of it stays on screen.
    private void Draw(string line)
    {
        output.Write("\r" + line.PadRight(_lastLength));
        _lastLength = line.Length;
        output.Flush();
    }
}
