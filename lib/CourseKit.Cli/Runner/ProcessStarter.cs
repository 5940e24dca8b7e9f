using System.Collections.Concurrent;
using System.Diagnostics;

namespace CourseKit.Cli.Runner;

/// <summary>
/// Starts worker processes from one thread that lives as long as this process. bwrap's --die-with-parent sets the
/// kernel's parent-death signal (SIGKILL), which fires when the *thread* that started the process ends; started from
/// a thread-pool thread, a sandboxed worker was killed whenever the pool retired that thread (a student's worker
/// SIGKILLed mid-cell by no limit). Started from here, a sandbox ends with this process or when the runner stops it.
/// </summary>
internal static class ProcessStarter
{
    private static readonly BlockingCollection<(Process Process, TaskCompletionSource Started)> Queue = new();

    static ProcessStarter()
    {
        var thread = new Thread(() =>
        {
            foreach (var (process, started) in Queue.GetConsumingEnumerable())
            {
                try
                {
                    process.Start();
                    started.SetResult();
                }
                catch (Exception e)
                {
                    started.SetException(e);
                }
            }
        })
        { IsBackground = true, Name = "CourseKit process starter" };
        thread.Start();
    }

    /// <summary>Starts <paramref name="process"/> on the starter thread and waits for it; its exceptions are rethrown here.</summary>
    public static void Start(Process process)
    {
        var started = new TaskCompletionSource();
        Queue.Add((process, started));
        started.Task.GetAwaiter().GetResult();
    }
}
