using System.Text;
using System.Text.Json.Nodes;

namespace CourseKit.Worker;

/// <summary>
/// Joins the pieces of a cell's stdout or stderr (one per Console.Write) into fewer, larger stream outputs: sent when
/// another output comes, when the cell ends, when 64 KB have gathered, or a tenth of a second after the first piece,
/// so a loop that prints 60 000 lines sends a few dozen messages and a slow cell's prints still appear as they happen.
/// </summary>
internal sealed class StreamBuffer : IDisposable
{
    private const int MaxChars = 64 * 1024;
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(100);

    private readonly Action<JsonObject> _send;
    private readonly Lock _lock = new();
    private readonly StringBuilder _text = new();
    private readonly Timer _timer;
    private string? _name;

    /// <param name="send">Sends one stream output (called under this buffer's lock, so outputs keep their order).</param>
    public StreamBuffer(Action<JsonObject> send)
    {
        _send = send;
        _timer = new Timer(_ => Flush());
    }

    /// <summary>Adds text to the stream <paramref name="name"/> ("stdout" or "stderr").</summary>
    public void Append(string name, string text)
    {
        lock (_lock)
        {
            if (_name != name)
            {
                FlushLocked();
                _name = name;
                _timer.Change(Delay, Timeout.InfiniteTimeSpan);
            }
            _text.Append(text);
            if (_text.Length >= MaxChars)
            {
                FlushLocked();
            }
        }
    }

    /// <summary>Sends what has gathered; then <paramref name="next"/> (another output), in that order.</summary>
    public void Flush(Action? next = null)
    {
        lock (_lock)
        {
            FlushLocked();
            next?.Invoke();
        }
    }

    public void Dispose() => _timer.Dispose();

    private void FlushLocked()
    {
        if (_name is { } name && _text.Length > 0)
        {
            _send(CellOutputs.Stream(name, _text.ToString()));
        }
        _text.Clear();
        _name = null;
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }
}
