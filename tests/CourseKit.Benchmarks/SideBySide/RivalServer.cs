using System.Diagnostics;
using System.Text.Json;

namespace CourseKit.Benchmarks.SideBySide;

/// <summary>
/// PyTorch kept running beside the C# timer (torch_workloads.py --serve), so the two sides can take turns sampling
/// each workload: a shared VM's speed drifts from minute to minute, and turns give both sides the same machine.
/// </summary>
public sealed class TorchServer : IDisposable
{
    private readonly Process process;

    private TorchServer(Process process) => this.process = process;

    /// <summary>
    /// Starts /usr/bin/python3 torch_workloads.py 1 --serve on one thread with the given OpenBLAS core type, held to
    /// the logical CPUs in <paramref name="affinity"/> (a bit mask; 0 leaves it free).
    /// </summary>
    public static TorchServer Start(string script, string coreType, long affinity)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", [script, "1", "", "--serve"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment["OPENBLAS_NUM_THREADS"] = "1";
        start.Environment["OMP_NUM_THREADS"] = "1";
        if (coreType != "auto") start.Environment["OPENBLAS_CORETYPE"] = coreType;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start /usr/bin/python3.");
        if (affinity != 0 && (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())) process.ProcessorAffinity = (nint)affinity;
        return new TorchServer(process);
    }

    /// <summary>Builds and warms up a workload on the PyTorch side.</summary>
    public void Setup(string name) => Ask($"setup {name}");

    /// <summary>PyTorch's per-run milliseconds from about <paramref name="seconds"/> of sampling.</summary>
    public double[] Sample(string name, double seconds) =>
        Ask(FormattableString.Invariant($"sample {name} {seconds}")).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private JsonElement Ask(string command)
    {
        process.StandardInput.WriteLine(command);
        process.StandardInput.Flush();
        string? line = process.StandardOutput.ReadLine();
        if (line is null) throw new InvalidOperationException($"PyTorch stopped while answering '{command}' (exit code {(process.HasExited ? process.ExitCode : -1)}).");
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.StandardInput.WriteLine("quit");
                process.StandardInput.Flush();
                if (!process.WaitForExit(5000)) process.Kill();
            }
        }
        catch (IOException) { }
        process.Dispose();
    }
}
