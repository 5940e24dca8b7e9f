using System.Diagnostics;

namespace CourseKit.Benchmarks.Runner;

/// <summary>Runs a command to its end (or a time limit) and times it; its output goes to a file or nowhere.</summary>
internal static class TimedProcess
{
    /// <summary>Exit code (null when it was killed at the limit) and wall time.</summary>
    public static async Task<(int? ExitCode, double Seconds)> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan limit, string? logPath = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        await using var log = logPath is null ? TextWriter.Null : new StreamWriter(logPath);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (null, clock.Elapsed.TotalSeconds);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        await log.WriteAsync(await output + await error);
        return (process.ExitCode, seconds);
    }
}
