using CourseKit.Cli.Classwork;
using CourseKit.Cli.Runner;

namespace CourseKit.Cli.Tests.Classwork;

/// <summary>
/// bwrap's --die-with-parent asks the kernel for SIGKILL when the sandbox's parent ends, and the parent the kernel
/// means is the thread that started the process. Started from a thread-pool thread, a student's worker was killed
/// mid-cell whenever the pool retired that thread: an honest student got "killed (SIGKILL)" from no limit at all.
/// </summary>
public class SandboxedWorkerTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    public Task InitializeAsync() => KitFixture.EnsureAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [SandboxFact]
    public async Task A_sandboxed_worker_outlives_the_thread_that_started_it()
    {
        using var uids = Sandbox.IsRoot ? SandboxUids.Claim() : SandboxUids.Unclaimed(0);
        var workerPath = NotebookWorker.LocatePublished();
        var host = File.ResolveLinkTarget(DotnetHost.Path, returnFinalTarget: true)?.FullName ?? DotnetHost.Path;
        var limits = new SandboxLimits([Path.GetDirectoryName(host)!, Path.GetDirectoryName(workerPath)!], uids.Checker, 64 << 20,
            new Dictionary<string, string>());
        var start = new WorkerStart(workerPath, Sandbox.WorkFolder, null, Sandbox.Detect().Wrapper(limits));

        // The thread starts the worker, waits until its sandbox is up (the parent-death signal is set by then) and ends.
        WorkerProcess? worker = null;
        string? notReady = "not started";
        var starter = new Thread(() =>
        {
            worker = WorkerProcess.Start(start);
            notReady = worker.WaitReadyAsync(Patience, CancellationToken.None).GetAwaiter().GetResult();
        });
        starter.Start();
        starter.Join();
        await using var started = worker!;
        Assert.Null(notReady);

        Assert.True(await started.RunHiddenAsync("System.Threading.Thread.Sleep(500);", Patience, CancellationToken.None),
            $"the worker did not outlive the thread that started it (exit code {await ExitCodeAsync(started)})");
        Assert.False(started.HasExited);
    }

    private static async Task<string> ExitCodeAsync(WorkerProcess worker) =>
        worker.HasExited ? (await worker.WaitForExitAsync())?.ToString() ?? "unknown" : "none: still running";
}
