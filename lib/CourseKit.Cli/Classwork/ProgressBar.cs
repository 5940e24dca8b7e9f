using System.Globalization;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// The grading batch's progress: on a terminal one line redrawn in place with '\r'
/// (<c>[#####.....] 3/10  alice  0:42</c>); when output is redirected (a log, CI) one plain line per student.
/// </summary>
internal sealed class ProgressBar(TextWriter output, int total, bool terminal)
{
    private const int Width = 20;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private int _lastLength;

    /// <summary>Student <paramref name="done"/> + 1 of the batch starts.</summary>
    public void Starting(int done, string student)
    {
        if (terminal)
        {
            Draw($"{Bar(done)} {done + 1}/{total}  {student}  {Elapsed()}");
        }
    }

    /// <summary>Student number <paramref name="done"/> (1-based) is finished with <paramref name="result"/>.</summary>
    public void Finished(int done, string student, string result)
    {
        if (terminal)
        {
            Draw($"{Bar(done)} {done}/{total}  {student}: {result}  {Elapsed()}");
            if (done == total)
            {
                output.WriteLine();
            }
        }
        else
        {
            output.WriteLine($"[{done}/{total}] {student}: {result} ({Elapsed()})");
        }
    }

    private string Bar(int done)
    {
        var filled = total == 0 ? Width : done * Width / total;
        return "[" + new string('#', filled) + new string('.', Width - filled) + "]";
    }

    private string Elapsed() =>
        _clock.Elapsed.ToString(_clock.Elapsed.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);

    // Pads over the previous, longer line so no tail of it stays on screen.
    private void Draw(string line)
    {
        output.Write("\r" + line.PadRight(_lastLength));
        _lastLength = line.Length;
        output.Flush();
    }
}
