using System.Text;

namespace CourseKit.Cli.Runner;

/// <summary>
/// Reads UTF-8 lines from a stream, refusing any line longer than a byte limit, so a process that writes one endless
/// line cannot exhaust the reader's memory. Lines are decoded whole, so a character split across reads stays intact.
/// </summary>
internal sealed class BoundedLineReader(Stream stream, int maxLineBytes)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly MemoryStream _line = new();
    private int _start;
    private int _end;

    /// <summary>The next line without its "\n" (and "\r"), or null at the end of the stream.</summary>
    /// <exception cref="InvalidDataException">A line is longer than the limit; the rest of the stream is not read.</exception>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken = default)
    {
        _line.SetLength(0);
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await stream.ReadAsync(_buffer, cancellationToken);
                if (_end == 0)
                {
                    return _line.Length == 0 ? null : Decode();
                }
            }
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var take = (newline < 0 ? _end : newline) - _start;
            if (_line.Length + take > maxLineBytes)
            {
                throw new InvalidDataException($"a message is longer than {maxLineBytes / (1024 * 1024)} MB");
            }
            _line.Write(_buffer, _start, take);
            if (newline < 0)
            {
                _start = _end;
                continue;
            }
            _start = newline + 1;
            return Decode();
        }
    }

    private string Decode()
    {
        var bytes = _line.GetBuffer().AsSpan(0, (int)_line.Length);
        if (bytes.Length > 0 && bytes[^1] == '\r')
        {
            bytes = bytes[..^1];
        }
        return Encoding.UTF8.GetString(bytes);
    }
}
