using System.Diagnostics;
using System.Text.Json;

namespace CourseKit.Benchmarks.SideBySide;

/// <summary>
/// The other side of the side-by-side, kept running beside the C# timer so the two sides can take turns sampling each
/// workload (a shared VM's speed drifts from minute to minute, and turns give both sides the same machine): PyTorch
/// (torch_workloads.py --serve), or CourseKit itself on another vector path (this program's <c>serve</c> command).
/// </summary>
public sealed class RivalServer : IDisposable
{
    private readonly Process process;

    private RivalServer(Process process, string name) => (this.process, Name) = (process, name);

    /// <summary>What the table calls this side.</summary>
    public string Name { get; }

    /// <summary>
    /// Starts /usr/bin/python3 torch_workloads.py 1 --serve on one thread with the given OpenBLAS core type, held to
    /// the logical CPUs in <paramref name="affinity"/> (a bit mask; 0 leaves it free).
    /// </summary>
    public static RivalServer StartTorch(string script, string coreType, long affinity)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", [script, "1", "", "--serve"]);
        start.Environment["OPENBLAS_NUM_THREADS"] = "1";
        start.Environment["OMP_NUM_THREADS"] = "1";
        if (coreType != "auto") start.Environment["OPENBLAS_CORETYPE"] = coreType;
        return Start(start, "PyTorch", affinity);
    }

    /// <summary>Starts this program's <c>serve</c> command on the vector path <paramref name="isa"/>, held as above.</summary>
    public static RivalServer StartCourseKit(string isa, long affinity) => Start(Isa.StartInfo(isa, ["serve"]), $"CourseKit {isa}", affinity);

    private static RivalServer Start(ProcessStartInfo start, string name, long affinity)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        if (affinity != 0 && (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())) process.ProcessorAffinity = (nint)affinity;
        return new RivalServer(process, name);
    }

    /// <summary>Builds and warms up a workload on this side; its answer (CourseKit's names the vector path it runs).</summary>
    public JsonElement Setup(string name) => Ask($"setup {name}");

    /// <summary>This side's per-run milliseconds from about <paramref name="seconds"/> of sampling.</summary>
    public double[] Sample(string name, double seconds) =>
        Ask(FormattableString.Invariant($"sample {name} {seconds}")).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private JsonElement Ask(string command)
    {
        process.StandardInput.WriteLine(command);
        process.StandardInput.Flush();
        string? line = process.StandardOutput.ReadLine();
        if (line is null) throw new InvalidOperationException($"{Name} stopped while answering '{command}' (exit code {(process.HasExited ? process.ExitCode : -1)}).");
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
