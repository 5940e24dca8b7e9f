using System.Globalization;
using CourseKit.Cli.Runner;

namespace CourseKit.Cli.Classwork;

/// <summary>
/// One of the `--jobs` graders that work side by side. Its sandboxes run as user ids of its own (<see cref="SandboxUids"/>):
/// student notebooks in a fresh one for every student, the next started while the current student's notebook runs, so
/// the two take turns with two uids; and the checker in one kept from student to student with a fresh kernel for
/// each: it only ever runs the teacher's code and the students' answers as data.
/// </summary>
internal sealed class GradingSlot : IAsyncDisposable
{
    // A killed sandbox's processes may take a moment to end; with a fork bomb in it, on a busy machine, seconds.
    private static readonly TimeSpan LeftoverGrace = TimeSpan.FromSeconds(30);

    private readonly IReadOnlyList<WorkerStart> _studentStarts;
    private readonly SandboxUids _uids;
    private Task<WorkerPool>? _nextStudent;
    private int _studentsStarted;

    private GradingSlot(IReadOnlyList<WorkerStart> studentStarts, SandboxUids uids, WorkerPool checkers, string studentFolder, string checkerFolder, string? ownFolder)
    {
        _studentStarts = studentStarts;
        _uids = uids;
        Checkers = checkers;
        StudentFolder = studentFolder;
        CheckerFolder = checkerFolder;
        OwnFolder = ownFolder;
    }

    /// <summary>The checker's worker, reused for every student of this slot.</summary>
    public WorkerPool Checkers { get; }

    /// <summary>Where a student's kernel runs (the sandbox's work folder, or a temp folder without a sandbox).</summary>
    public string StudentFolder { get; }

    /// <summary>Where the checker's kernel runs.</summary>
    public string CheckerFolder { get; }

    // Without a sandbox: the temp folder holding the two work folders, removed at the end.
    private string? OwnFolder { get; }

    /// <summary>A slot for grader number <paramref name="index"/> (0-based) under the given limits.</summary>
    public static async Task<GradingSlot> CreateAsync(
        int index, Sandbox sandbox, IReadOnlyList<string> kitFolders, int memoryMegabytes, CancellationToken cancellationToken)
    {
        var worker = NotebookWorker.LocatePublished();
        var memoryBytes = memoryMegabytes * 1024L * 1024L;
        // Two tmpfs of an eighth of the limit each count toward it: resident memory may use the other three quarters.
        var tmpfs = memoryBytes / 8;
        var resident = sandbox.IsIsolated ? memoryBytes - 2 * tmpfs : memoryBytes;
        var environment = new Dictionary<string, string>
        {
            // The managed heap stops at three quarters of that with an OutOfMemoryException in the guilty cell; the
            // polled limit on resident memory catches the rest (native memory, the worker itself).
            ["DOTNET_GCHeapHardLimit"] = "0x" + (resident * 3 / 4).ToString("x", CultureInfo.InvariantCulture),
            // A graded notebook is a few small cells: quick first compiles (tiered, without profiling) cost less CPU
            // than compiling everything fully optimized, which suits long lessons (about a quarter second per student).
            ["DOTNET_TieredCompilation"] = "1",
            ["DOTNET_TieredPGO"] = "0",
        };
        var readOnly = ReadOnlyFolders(worker, kitFolders);
        string? own = null;
        string studentFolder = Sandbox.WorkFolder, checkerFolder = Sandbox.WorkFolder;
        if (!sandbox.IsIsolated)
        {
            own = WorkFolder.Create("coursekit-grade-");
            studentFolder = Directory.CreateDirectory(Path.Combine(own, "student")).FullName;
            checkerFolder = Directory.CreateDirectory(Path.Combine(own, "checker")).FullName;
        }
        WorkerStart Start(int uid, string folder) => new(worker, folder, environment,
            sandbox.Wrapper(new SandboxLimits(readOnly, uid, tmpfs, environment)), resident);
        // As root each sandbox runs as a uid of its own, claimed against every other grading run on this machine.
        var uids = sandbox.IsIsolated && Sandbox.IsRoot ? SandboxUids.Claim() : SandboxUids.Unclaimed(index);
        try
        {
            var checkers = await WorkerPool.CreateAsync(Start(uids.Checker, checkerFolder), warm: 1, cancellationToken);
            return new GradingSlot([.. uids.Students.Select(uid => Start(uid, studentFolder))], uids, checkers, studentFolder, checkerFolder, own);
        }
        catch
        {
            uids.Dispose();
            throw;
        }
    }

    /// <summary>A pool with one fresh student worker, already starting; the next one starts at once.</summary>
    public async Task<WorkerPool> TakeStudentWorkerAsync(CancellationToken cancellationToken)
    {
        var pool = await (_nextStudent ?? StartStudentAsync(cancellationToken));
        _nextStudent = StartStudentAsync(cancellationToken);
        return pool;
    }

    // The next student's worker, as the uid the student before the current one had: once every process of that
    // student's sandbox has ended (its worker was stopped before the current student's started), so that what is
    // left of it cannot count toward the new sandbox's limit on processes.
    private async Task<WorkerPool> StartStudentAsync(CancellationToken cancellationToken)
    {
        var turn = _studentsStarted++ % _studentStarts.Count;
        if (_uids.IsClaimed)
        {
            // Past the grace the worker starts anyway: a start that then fails is that student's entry, with the reason.
            await UserTasks.WaitUntilNoneAsync(_uids.Students[turn], LeftoverGrace, cancellationToken);
        }
        return await WorkerPool.CreateAsync(_studentStarts[turn], warm: 1, cancellationToken);
    }

    /// <summary>Empties the student's work folder between students when there is no sandbox (a sandbox's is a fresh tmpfs).</summary>
    public void ClearStudentFolder()
    {
        if (OwnFolder is null)
        {
            return;
        }
        WorkFolder.TryDelete(StudentFolder);
        Directory.CreateDirectory(StudentFolder);
    }

    public async ValueTask DisposeAsync()
    {
        if (_nextStudent is { } next)
        {
            try
            {
                await (await next).DisposeAsync();
            }
            catch (OperationCanceledException)
            {
                // The run was cancelled before the next worker was needed.
            }
        }
        await Checkers.DisposeAsync();
        // Only once its workers are gone may another grading run take this slot's uids.
        _uids.Dispose();
        if (OwnFolder is { } own)
        {
            WorkFolder.TryDelete(own);
        }
    }

    // What a worker needs to read: the .NET install, the published worker, the kit.
    private static List<string> ReadOnlyFolders(string worker, IReadOnlyList<string> kitFolders)
    {
        var folders = new List<string>();
        var host = DotnetHost.Path;
        if (Path.IsPathRooted(host))
        {
            var real = File.ResolveLinkTarget(host, returnFinalTarget: true)?.FullName ?? host;
            folders.Add(Path.GetDirectoryName(real)!);
        }
        folders.Add(Path.GetDirectoryName(worker)!);
        folders.AddRange(kitFolders);
        return folders;
    }
}
