using System.Diagnostics;

namespace CourseKit.Cli;

/// <summary>Runs a build step (`dotnet publish`, …) with its output copied line by line, an optional time limit and tree kill.</summary>
internal static class ChildProcess
{
    // After the process exits, how long to wait for its pipes to drain. A grandchild that outlives it
    // (a build server, say) can hold the pipe open forever, so the wait must be bounded.
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(5);

    public static async Task<ChildOutcome> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        TextWriter output,
        TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
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

        var sink = TextWriter.Synchronized(output);
        using var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        // Exited fires when the process is reaped, unlike WaitForExitAsync, which also waits for the pipes to close.
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();

        var clock = Stopwatch.StartNew();
        process.Start();
        // A build step must never wait on a terminal that is not there.
        process.StandardInput.Close();
        var pumps = Task.WhenAll(Pump(process.StandardOutput, sink), Pump(process.StandardError, sink));

        using var limit = timeout is { } t ? new CancellationTokenSource(t) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
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
        await pumps.WaitAsync(DrainGrace).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return new ChildOutcome(killed ? null : process.ExitCode, killed, elapsed);
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
