using System.Text;

namespace CourseKit.Cli;

/// <summary>
/// Passes text on until a character budget is spent, then only counts it: a notebook that prints gigabytes
/// must not fill the disk or the memory of the tool that watches it.
/// </summary>
internal sealed class CappedWriter(TextWriter inner, long? maxChars) : TextWriter
{
    private long _written;

    /// <summary>Characters that arrived after the budget was spent.</summary>
    public long Dropped { get; private set; }

    /// <inheritdoc />
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc />
    public override void Write(char value) => Write(value.ToString());

    /// <inheritdoc />
    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        var room = maxChars is { } max ? Math.Max(0, max - _written) : long.MaxValue;
        if (room >= value.Length)
        {
            inner.Write(value);
            _written += value.Length;
            return;
        }
        if (room > 0)
        {
            inner.Write(value[..(int)room]);
            inner.WriteLine();
            inner.WriteLine($"[output capped at {maxChars} characters; the rest is dropped]");
            _written += room;
        }
        Dropped += value.Length - room;
    }

    /// <inheritdoc />
    public override void WriteLine(string? value) => Write(value + "\n");
}
