using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Win32.SafeHandles;

namespace CourseKit.Worker;

/// <summary>
/// The worker's line to its parent: requests come in on standard input, events go out on standard output, one JSON
/// object per line (see <see cref="WorkerProtocol"/>). On Unix the worker first moves both pipes to new descriptors and
/// puts <c>/dev/null</c> on descriptor 0 and standard error on descriptor 1, so a notebook that reads the console or
/// writes to descriptor 1 directly (a child process, <c>Console.OpenStandardOutput()</c>) cannot mix with the protocol.
/// </summary>
internal sealed class ProtocolChannel : IDisposable
{
    private readonly StreamReader _requests;
    private readonly Stream _events;
    private readonly Lock _sendLock = new();

    private ProtocolChannel(Stream requests, Stream events)
    {
        _requests = new StreamReader(requests, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
        _events = events;
    }

    /// <summary>Takes standard input and output for the protocol and leaves the process an empty console.</summary>
    public static ProtocolChannel TakeStandardStreams()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            var input = Dup(0);
            var output = Dup(1);
            var devNull = Open("/dev/null", 0 /* O_RDONLY */);
            if (devNull < 0 || Dup2(devNull, 0) < 0 || Dup2(2, 1) < 0)
            {
                throw new IOException($"cannot detach the console from the protocol (errno {Marshal.GetLastPInvokeError()})");
            }
            Close(devNull);
            Console.SetIn(TextReader.Null);
            return new ProtocolChannel(
                new FileStream(new SafeFileHandle(input, ownsHandle: true), FileAccess.Read, 1),
                new FileStream(new SafeFileHandle(output, ownsHandle: true), FileAccess.Write, 1));
        }
        var requests = Console.OpenStandardInput();
        var events = Console.OpenStandardOutput();
        Console.SetIn(TextReader.Null);
        Console.SetOut(new StreamWriter(Console.OpenStandardError()) { AutoFlush = true });
        return new ProtocolChannel(requests, events);
    }

    /// <summary>The next request, or null when the parent closed the pipe.</summary>
    public async Task<JsonObject?> ReceiveAsync()
    {
        while (await _requests.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            return JsonNode.Parse(line) as JsonObject ?? throw new InvalidDataException("a request is not a JSON object");
        }
        return null;
    }

    /// <summary>Sends one event as one line and flushes it, so the parent sees it now. Safe from any thread.</summary>
    public void Send(JsonObject message)
    {
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString(WorkerProtocol.JsonOptions) + "\n");
        lock (_sendLock)
        {
            _events.Write(bytes);
            _events.Flush();
        }
    }

    public void Dispose()
    {
        _requests.Dispose();
        _events.Dispose();
    }

    private static int Dup(int fd)
    {
        var copy = DupNative(fd);
        if (copy < 0)
        {
            throw new IOException($"dup({fd}) failed (errno {Marshal.GetLastPInvokeError()})");
        }
        // The copy must not leak into processes the notebook starts.
        _ = Fcntl(copy, 2 /* F_SETFD */, 1 /* FD_CLOEXEC */);
        return copy;
    }

    [DllImport("libc", EntryPoint = "dup", SetLastError = true)]
    private static extern int DupNative(int fd);

    [DllImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static extern int Dup2(int fd, int target);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Fcntl(int fd, int command, int argument);
}
