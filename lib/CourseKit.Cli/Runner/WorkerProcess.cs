using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using CourseKit.Worker;

namespace CourseKit.Cli.Runner;

/// <summary>
/// A running notebook worker (lib/CourseKit.Worker): the process, its event stream, its standard error and its
/// memory. Cells go in one at a time; events come out as the worker sends them. Anything the worker does wrong
/// (exits, crashes, sends what is not the protocol, uses too much memory) ends the event stream, never this process.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    /// <summary>The longest message accepted from a worker: a chart with all its data is a few MB.</summary>
    public const int MaxMessageBytes = 256 * 1024 * 1024;

    private const int StderrTailLines = 40;
    private static readonly string[] CrashPrefixes = ["Stack overflow", "Unhandled exception", "Out of memory", "Fatal error", "Process terminated"];
    private static readonly TimeSpan MemoryPollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StderrDrainGrace = TimeSpan.FromSeconds(2);

    private readonly Process _process;
    private readonly Channel<WorkerEvent> _events = Channel.CreateUnbounded<WorkerEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> _stderrTail = new();
    private volatile TextWriter? _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _killLock = new();
    private bool _killed;
    private readonly Task _pumps;
    private readonly Task<long> _memoryWatch;

    private WorkerProcess(Process process, TextWriter? log, long? memoryBytes)
    {
        _process = process;
        _log = log;
        Started = Stopwatch.StartNew();
        _pumps = Task.WhenAll(PumpEvents(), PumpStandardError());
        _memoryWatch = memoryBytes is { } limit ? WatchMemory(limit) : Task.FromResult(0L);
    }

    /// <summary>Time since the process started.</summary>
    public Stopwatch Started { get; }

    /// <summary>The process id of what was started (the sandbox when there is one).</summary>
    public int Id => _process.Id;

    /// <summary>Set when the worker broke the protocol; it was then killed.</summary>
    public string? ProtocolError { get; private set; }

    /// <summary>The runtime's first report of a crash on standard error ("Stack overflow.", "Unhandled exception. …",
    /// "Out of memory."), or null. A stack overflow is followed by thousands of frames, so the tail alone would miss it.</summary>
    public string? CrashReport { get; private set; }

    /// <summary>Set when the process tree went over its memory limit; it was then killed.</summary>
    public bool MemoryExceeded { get; private set; }

    /// <summary>True once the process has exited (or was killed).</summary>
    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Starts a worker; it sends "ready" when its kernel is up.</summary>
    /// <exception cref="FileNotFoundException">The worker is not published; the message says how to publish it.</exception>
    public static WorkerProcess Start(WorkerStart start)
    {
        if (!File.Exists(start.WorkerPath))
        {
            throw new FileNotFoundException(
                $"the notebook worker is not published (looked for {start.WorkerPath}). Run `coursekit setup` in the repository root.",
                start.WorkerPath);
        }
        var command = new ChildCommand(DotnetHost.Path, [start.WorkerPath], start.WorkingDirectory);
        var (fileName, arguments, workingDirectory) = start.Wrapper is { } wrap ? wrap(command) : command;
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in start.Environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        ProcessStarter.Start(process);
        var worker = new WorkerProcess(process, start.Log, start.MemoryBytes);
        process.Exited += (_, _) => worker._exited.TrySetResult();
        if (process.HasExited)
        {
            worker._exited.TrySetResult();
        }
        return worker;
    }

    /// <summary>From now on, copy the worker's standard error to <paramref name="log"/> (null: keep only the tail).</summary>
    public void LogTo(TextWriter? log) => _log = log;

    /// <summary>Waits for "ready"; returns null then, or why the worker did not get ready.</summary>
    public async Task<string?> WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            while (await ReadAsync(limit.Token) is { } e)
            {
                if (e.Kind == WorkerProtocol.Ready)
                {
                    return null;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill("it did not get ready in time");
            return $"the notebook worker did not start within {timeout.TotalSeconds:0} s";
        }
        var exit = await WaitForExitAsync();
        return $"the notebook worker stopped before it was ready (exit code {exit?.ToString() ?? "unknown"})" +
               (ProtocolError is { } p ? $": {p}" : "") + StandardErrorSummary();
    }

    /// <summary>
    /// The current values of <paramref name="names"/> in the worker's kernel, as answer data, and why any could not
    /// be read; null when the worker did not answer within <paramref name="timeout"/> (it is then killed) or stopped.
    /// </summary>
    public async Task<WorkerEvent?> RequestValuesAsync(IEnumerable<string> names, TimeSpan timeout, CancellationToken cancellationToken) =>
        await SendAsync(new JsonObject
        {
            [WorkerProtocol.Op] = WorkerProtocol.Values,
            [WorkerProtocol.Names] = new JsonArray(names.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
        })
            ? await ReplyAsync(WorkerProtocol.Values, timeout, cancellationToken)
            : null;

    /// <summary>
    /// Runs code that is not a cell of the notebook (the grader's), outputs discarded: true when it ran without an
    /// error, false when it failed, null when the worker did not finish it within <paramref name="timeout"/> (it is
    /// then killed) or stopped.
    /// </summary>
    public async Task<bool?> RunHiddenAsync(string code, TimeSpan timeout, CancellationToken cancellationToken)
    {
        const int hiddenCell = int.MaxValue;
        if (!await SendRunAsync(hiddenCell, code))
        {
            return null;
        }
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            while (await ReadAsync(limit.Token) is { } e)
            {
                if (e.Kind == WorkerProtocol.Done && e.Cell == hiddenCell)
                {
                    return e.Ok;
                }
            }
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill("the grader's call did not finish in time");
            return null;
        }
    }

    /// <summary>Declares variables in the worker's kernel from answer data; the problems, or null as for <see cref="RequestValuesAsync"/>.</summary>
    public async Task<JsonObject?> SetValuesAsync(JsonObject variables, TimeSpan timeout, CancellationToken cancellationToken) =>
        await SendAsync(new JsonObject { [WorkerProtocol.Op] = WorkerProtocol.Set, [WorkerProtocol.Values] = variables })
            && await ReplyAsync(WorkerProtocol.Set, timeout, cancellationToken) is { } reply
            ? reply.Problems
            : null;

    // The next event of the kind asked for (anything else before it is dropped: no cell is running); null on a
    // time-out, which kills the worker, or when the worker stopped.
    private async Task<WorkerEvent?> ReplyAsync(string kind, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            while (await ReadAsync(limit.Token) is { } e)
            {
                if (e.Kind == kind)
                {
                    return e;
                }
            }
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill("it did not answer the grader in time");
            return null;
        }
    }

    /// <summary>Asks the worker for a fresh kernel in <paramref name="folder"/> (the next notebook). False when it cannot take it.</summary>
    public Task<bool> SendOpenAsync(string folder) =>
        SendAsync(new JsonObject { [WorkerProtocol.Op] = WorkerProtocol.Open, [WorkerProtocol.Folder] = folder });

    /// <summary>The last lines of standard error as "; stderr: …", or "" when there are none.</summary>
    public string StandardErrorSummary()
    {
        var tail = StandardErrorTail();
        return tail.Count == 0 ? "" : "\n" + string.Join("\n", tail.TakeLast(12));
    }

    /// <summary>The next event, or null when the worker has stopped (exited, killed, or broke the protocol).</summary>
    public async Task<WorkerEvent?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _events.Reader.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>Asks the worker to run one cell. False when the worker can no longer take it.</summary>
    public Task<bool> SendRunAsync(int cell, string code) =>
        SendAsync(new JsonObject
        {
            [WorkerProtocol.Op] = WorkerProtocol.Run,
            [WorkerProtocol.Cell] = cell,
            [WorkerProtocol.Code] = code,
        });

    private async Task<bool> SendAsync(JsonObject request)
    {
        try
        {
            // Default escaping: everything outside ASCII travels as \uXXXX, so no character can be split in transit.
            await _process.StandardInput.WriteAsync(request.ToJsonString() + "\n");
            await _process.StandardInput.FlushAsync();
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Kills the whole process tree (idempotent), and notes why in the log. Never once the process has exited: .NET
    /// signals a tree by process id, and a reaped process's id may already belong to another process.
    /// </summary>
    public void Kill(string reason)
    {
        lock (_killLock)
        {
            if (_exited.Task.IsCompleted || _killed)
            {
                return;
            }
            _killed = true;
        }
        _log?.WriteLine($"# the runner stops the worker: {reason}");
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    /// <summary>Waits (boundedly) for the process to end and returns its exit code, or null if it would not end.</summary>
    public async Task<int?> WaitForExitAsync()
    {
        await _exited.Task.WaitAsync(ExitGrace).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!_exited.Task.IsCompleted)
        {
            return null;
        }
        // The runtime's last words may still be in the pipe when the exit is seen: read standard error to its end
        // (briefly: a child left behind may hold it open) so that CrashReport names a stack overflow under load too.
        await _pumps.WaitAsync(StderrDrainGrace).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return SafeExitCode();
    }

    /// <summary>The last lines the worker wrote to standard error (where the runtime reports a crash).</summary>
    public IReadOnlyList<string> StandardErrorTail()
    {
        lock (_stderrTail)
        {
            return [.. _stderrTail];
        }
    }

    /// <summary>The largest resident memory of the tree that polling saw (0 when not polled).</summary>
    public Task<long> PeakMemoryAsync() => _memoryWatch;

    /// <summary>Closes the worker's input (it exits by itself) and kills it if it does not.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // Its input is already closed.
        }
        if (await WaitForExitAsync() is null)
        {
            Kill("it did not exit when its input closed");
            await WaitForExitAsync();
        }
        await _stop.CancelAsync();
        await ((Task)_memoryWatch).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _pumps.WaitAsync(ExitGrace).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _process.Dispose();
        _stop.Dispose();
    }

    private int? SafeExitCode()
    {
        try
        {
            return _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private async Task PumpEvents()
    {
        var reader = new BoundedLineReader(_process.StandardOutput.BaseStream, MaxMessageBytes);
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }
                await _events.Writer.WriteAsync(WorkerEvent.Parse(line));
            }
        }
        catch (InvalidDataException e)
        {
            ProtocolError = e.Message;
            Kill("it broke the protocol");
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe broke: the process is gone.
        }
        finally
        {
            // A worker that stopped talking has stopped: its exit code is known before the reader is told.
            await _exited.Task.WaitAsync(ExitGrace).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _events.Writer.TryComplete();
        }
    }

    private async Task PumpStandardError()
    {
        try
        {
            var reader = new BoundedLineReader(_process.StandardError.BaseStream, 1024 * 1024);
            while (await reader.ReadLineAsync() is { } line)
            {
                if (CrashReport is null && CrashPrefixes.Any(p => line.StartsWith(p, StringComparison.Ordinal)))
                {
                    CrashReport = line.Length > 500 ? line[..500] + "…" : line;
                }
                _log?.WriteLine(line);
                lock (_stderrTail)
                {
                    _stderrTail.Enqueue(line);
                    if (_stderrTail.Count > StderrTailLines)
                    {
                        _stderrTail.Dequeue();
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidDataException)
        {
            // The pipe broke, or one line was absurdly long: the rest of standard error is not needed.
        }
    }

    private async Task<long> WatchMemory(long limitBytes)
    {
        long peak = 0;
        try
        {
            while (!_stop.IsCancellationRequested && !HasExited)
            {
                var resident = ProcessTreeMemory.ResidentBytes(_process.Id);
                peak = Math.Max(peak, resident);
                if (resident > limitBytes)
                {
                    MemoryExceeded = true;
                    Kill("over its memory limit");
                    break;
                }
                await Task.WhenAny(Task.Delay(MemoryPollInterval, _stop.Token), _exited.Task);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        return peak;
    }
}

/// <summary>How to start a worker.</summary>
/// <param name="WorkerPath">The worker's published entry point (coursekit-worker.dll).</param>
/// <param name="WorkingDirectory">Its current folder: the notebook's folder, where relative <c>#r</c> paths resolve.</param>
/// <param name="Environment">Extra environment variables.</param>
/// <param name="Wrapper">Rewrites the command before it starts (a sandbox that runs it inside itself), or null.</param>
/// <param name="MemoryBytes">Resident-memory limit for the process tree, polled; the tree is killed over it. Null: none.</param>
/// <param name="Log">Where the worker's standard error is copied from the start, or null.</param>
internal sealed record WorkerStart(
    string WorkerPath,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string>? Environment = null,
    Func<ChildCommand, ChildCommand>? Wrapper = null,
    long? MemoryBytes = null,
    TextWriter? Log = null);
