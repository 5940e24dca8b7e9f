namespace CourseKit.Cli.Classwork;

/// <summary>
/// The user ids a grading slot's sandboxes run as when grading runs as root, held for as long as the slot lives: two
/// for student notebooks, taken in turn (the next student's worker starts while the current student's notebook runs),
/// and one for the checker. The limit on processes counts per user, so a uid shared with another sandbox, of this run
/// or of another grading run on the same machine (a second teacher, two shards of a Slurm array on one node), would
/// let one student's fork bomb stop another student's worker. Each set is claimed by an exclusive lock on a file in a
/// folder only root can enter; the lock goes with the process, so a run that is killed frees its set.
/// </summary>
internal sealed class SandboxUids : IDisposable
{
    /// <summary>Where the lock files are: root's alone (mode 0700), so no sandbox user can open, let alone lock, them.</summary>
    public const string LockFolder = "/run/coursekit-grading";

    /// <summary>How many sets there are to claim, from <see cref="Sandbox.FirstUid"/> on.</summary>
    public const int Sets = 500;

    /// <summary>User ids per set: two for students, one for the checker.</summary>
    public const int PerSet = 3;

    private readonly FileStream? _lock;

    private SandboxUids(int first, FileStream? fileLock)
    {
        Students = [first, first + 1];
        Checker = first + 2;
        _lock = fileLock;
    }

    /// <summary>The two uids student notebooks run as, in turn.</summary>
    public IReadOnlyList<int> Students { get; }

    /// <summary>The uid the checker runs as.</summary>
    public int Checker { get; }

    /// <summary>True when this set is locked for this process (grading as root), false for <see cref="Unclaimed"/>.</summary>
    public bool IsClaimed => _lock is not null;

    /// <summary>
    /// The first set no other process holds, locked for this one; <paramref name="lockFolder"/> is for tests. Throws
    /// <see cref="InvalidOperationException"/> naming the folder when all <see cref="Sets"/> are taken.
    /// </summary>
    public static SandboxUids Claim(string lockFolder = LockFolder)
    {
        Directory.CreateDirectory(lockFolder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(lockFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        for (var set = 0; set < Sets; set++)
        {
            var first = Sandbox.FirstUid + PerSet * set;
            var path = Path.Combine(lockFolder, $"uids-{first}.lock");
            try
            {
                // FileShare.None is an exclusive flock on Unix: it fails while any other open file holds one.
                return new SandboxUids(first, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                // Another grading slot, in this process or another, has this set.
            }
        }
        throw new InvalidOperationException(
            $"All {Sets} sets of sandbox user ids from {Sandbox.FirstUid} on are in use by other grading runs (locks in {lockFolder}).");
    }

    /// <summary>A set without a lock: for grading without root, where the sandbox keeps the grader's own uid.</summary>
    public static SandboxUids Unclaimed(int index) => new(Sandbox.FirstUid + PerSet * index, null);

    public void Dispose() => _lock?.Dispose();
}
