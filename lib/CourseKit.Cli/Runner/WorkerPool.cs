namespace CourseKit.Cli.Runner;

/// <summary>
/// Warm notebook workers for <c>coursekit run</c>. Workers start as soon as the pool is made, so their start-up
/// overlaps whatever comes first, and a worker that finished a notebook cleanly runs the next one in a fresh kernel
/// (the compiler and the kit are then already loaded and compiled: measured on the 12 lecture notebooks, a reused
/// worker saves 2 to 4 s per notebook). A worker that timed out, crashed or broke the protocol is never reused.
/// </summary>
internal sealed class WorkerPool : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly WorkerStart _start;
    private readonly SetupLock _setupLock;
    private readonly Queue<(WorkerProcess Worker, bool Used)> _idle = new();
    private readonly List<WorkerProcess> _all = [];
    private readonly Lock _lock = new();

    private WorkerPool(WorkerStart start, SetupLock setupLock, int warm)
    {
        _start = start;
        _setupLock = setupLock;
        for (var i = 0; i < warm; i++)
        {
            _idle.Enqueue((StartWorker(), false));
        }
    }

    /// <summary>
    /// A pool whose workers start as <paramref name="start"/> says (its folder is only where they start: each notebook
    /// opens its own), <paramref name="warm"/> of them right away. While the pool exists, `setup` waits to publish.
    /// </summary>
    public static async Task<WorkerPool> CreateAsync(WorkerStart start, int warm, CancellationToken cancellationToken)
    {
        var setupLock = await SetupLock.TakeAsync(NotebookWorker.RepositoryOf(start.WorkerPath), shared: true, cancellationToken);
        return new WorkerPool(start, setupLock, warm);
    }

    /// <summary>A ready worker whose fresh kernel runs in <paramref name="folder"/>, or the reason there is none.</summary>
    public async Task<(WorkerProcess? Worker, string? Error)> AcquireAsync(string folder, CancellationToken cancellationToken)
    {
        (WorkerProcess Worker, bool Used)? idle = null;
        lock (_lock)
        {
            if (_idle.Count > 0)
            {
                idle = _idle.Dequeue();
            }
        }
        var (worker, used) = idle ?? (StartWorker(), false);
        // A new worker announces itself once, with a kernel that has run nothing in the folder it started in; a used
        // one, or one for another folder, is asked for a fresh kernel and answers "ready" again.
        if (!used)
        {
            if (await worker.WaitReadyAsync(StartTimeout, cancellationToken) is { } notReady)
            {
                return (null, notReady);
            }
            if (SameFolder(folder, _start.WorkingDirectory))
            {
                return (worker, null);
            }
        }
        if (!await worker.SendOpenAsync(folder))
        {
            return (null, "the notebook worker stopped before it could open the notebook" + worker.StandardErrorSummary());
        }
        var error = await worker.WaitReadyAsync(StartTimeout, cancellationToken);
        return error is null ? (worker, null) : (null, error);
    }

    /// <summary>
    /// Takes a worker back: to run the next notebook when it ended cleanly and, under a memory limit, uses less than three
    /// quarters of it (a worker is about 350 MB, and gives back what a notebook used when it opens the next); else to be
    /// stopped.
    /// </summary>
    public async Task ReturnAsync(WorkerProcess worker, bool reusable)
    {
        worker.LogTo(null);
        if (reusable && _start.MemoryBytes is { } limit && ProcessTreeMemory.ResidentBytes(worker.Id) > limit / 4 * 3)
        {
            reusable = false;
        }
        if (reusable && !worker.HasExited)
        {
            lock (_lock)
            {
                _idle.Enqueue((worker, true));
            }
            return;
        }
        await StopAsync(worker);
    }

    /// <summary>Stops every worker.</summary>
    public async ValueTask DisposeAsync()
    {
        List<WorkerProcess> all;
        lock (_lock)
        {
            all = [.. _all];
            _all.Clear();
            _idle.Clear();
        }
        await Task.WhenAll(all.Select(w => w.DisposeAsync().AsTask()));
        await _setupLock.DisposeAsync();
    }

    private static bool SameFolder(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(b).TrimEnd(Path.DirectorySeparatorChar),
            OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);

    private WorkerProcess StartWorker()
    {
        var worker = WorkerProcess.Start(_start);
        lock (_lock)
        {
            _all.Add(worker);
        }
        return worker;
    }

    private async Task StopAsync(WorkerProcess worker)
    {
        lock (_lock)
        {
            _all.Remove(worker);
        }
        await worker.DisposeAsync();
    }
}
