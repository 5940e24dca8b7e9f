using System.Diagnostics;

namespace CourseKit.Cli;

/// <summary>Runs a child process with its output copied line by line to a writer, an optional time limit and tree kill.</summary>
internal static class ChildProcess
{
    // After the process exits, how long to wait for its pipes to drain. A grandchild that outlives it
    // (a build server, say) can hold the pipe open forever, so the wait must be bounded.
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(5);

    // How often the memory of a limited process tree is read.
    private static readonly TimeSpan MemoryPollInterval = TimeSpan.FromMilliseconds(200);

    public static Task<ChildOutcome> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        TextWriter output,
        TimeSpan? timeout,
        CancellationToken cancellationToken) =>
        RunAsync(new ChildCommand(fileName, arguments, workingDirectory), output, new ChildLimits(timeout), cancellationToken);

    /// <summary>Runs <paramref name="command"/> under <paramref name="limits"/>: time, memory, output size, environment, wrapper.</summary>
    public static async Task<ChildOutcome> RunAsync(
        ChildCommand command, TextWriter output, ChildLimits limits, CancellationToken cancellationToken)
    {
        var (fileName, arguments, workingDirectory) = limits.Wrapper is { } wrap ? wrap(command) : command;
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in limits.Environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var capped = new CappedWriter(output, limits.MaxOutputChars);
        var sink = TextWriter.Synchronized(capped);
        using var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        // Exited fires when the process is reaped, unlike WaitForExitAsync, which also waits for the pipes to close.
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();

        var clock = Stopwatch.StartNew();
        process.Start();
        // The engine must never wait on a terminal that is not there.
        process.StandardInput.Close();
        var pumps = Task.WhenAll(Pump(process.StandardOutput, sink), Pump(process.StandardError, sink));

        using var limit = limits.Timeout is { } t ? new CancellationTokenSource(t) : new CancellationTokenSource();
        using var overMemory = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token, overMemory.Token);
        var watcher = limits.MemoryBytes is { } bytes
            ? WatchMemory(process.Id, bytes, overMemory, linked.Token)
            : Task.FromResult(0L);
        var killed = false;
        try
        {
            await exited.Task.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            await exited.Task.WaitAsync(DrainGrace * 2, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            cancellationToken.ThrowIfCancellationRequested();
            killed = true;
        }
        var elapsed = clock.Elapsed;
        await linked.CancelAsync();
        var peak = await watcher;
        await pumps.WaitAsync(DrainGrace).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var memoryExceeded = overMemory.IsCancellationRequested;
        return new ChildOutcome(
            killed ? null : process.ExitCode, killed && !memoryExceeded, elapsed, memoryExceeded, peak, capped.Dropped);
    }

    // Polls the tree's resident memory until told to stop; fires overMemory when it passes the limit. Returns the peak.
    private static async Task<long> WatchMemory(int pid, long limitBytes, CancellationTokenSource overMemory, CancellationToken stop)
    {
        long peak = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var resident = ProcessTreeMemory.ResidentBytes(pid);
                peak = Math.Max(peak, resident);
                if (resident > limitBytes)
                {
                    await overMemory.CancelAsync();
                    break;
                }
                await Task.Delay(MemoryPollInterval, stop);
            }
        }
        catch (OperationCanceledException)
        {
            // The process ended.
        }
        return peak;
    }

    private static async Task Pump(StreamReader reader, TextWriter sink)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                sink.WriteLine(line);
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or IOException)
        {
            // The caller stopped listening (drain grace over); the rest of the output has nowhere to go.
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own between the time-out and the kill.
        }
    }
}
