namespace CourseKit.Cli.Classwork;

/// <summary>
/// The two user ids a grading slot's sandboxes run as when grading runs as root (one for student notebooks, one for
/// the checker), held for as long as the slot lives. The limit on processes counts per user, so a uid shared with
/// another grading run on the same machine (a second teacher, two shards of a Slurm array on one node) would let one
/// run's fork bomb stop the other run's students. Each pair is claimed by an exclusive lock on a file in a folder only
/// root can enter; the lock goes with the process, so a run that is killed frees its pair.
/// </summary>
internal sealed class SandboxUids : IDisposable
{
    /// <summary>Where the lock files are: root's alone (mode 0700), so no sandbox user can open, let alone lock, them.</summary>
    public const string LockFolder = "/run/coursekit-grading";

    /// <summary>How many pairs there are to claim, from <see cref="Sandbox.FirstUid"/> on.</summary>
    public const int Pairs = 500;

    private readonly FileStream? _lock;

    private SandboxUids(int student, FileStream? fileLock)
    {
        Student = student;
        _lock = fileLock;
    }

    /// <summary>The uid student notebooks run as.</summary>
    public int Student { get; }

    /// <summary>The uid the checker runs as.</summary>
    public int Checker => Student + 1;

    /// <summary>
    /// The first pair no other process holds, locked for this one; <paramref name="lockFolder"/> is for tests. Throws
    /// <see cref="InvalidOperationException"/> naming the folder when all <see cref="Pairs"/> are taken.
    /// </summary>
    public static SandboxUids Claim(string lockFolder = LockFolder)
    {
        Directory.CreateDirectory(lockFolder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(lockFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        for (var pair = 0; pair < Pairs; pair++)
        {
            var student = Sandbox.FirstUid + 2 * pair;
            var path = Path.Combine(lockFolder, $"uid-{student}.lock");
            try
            {
                // FileShare.None is an exclusive flock on Unix: it fails while any other open file holds one.
                return new SandboxUids(student, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                // Another grading slot, in this process or another, has this pair.
            }
        }
        throw new InvalidOperationException(
            $"All {Pairs} sandbox user-id pairs from {Sandbox.FirstUid} on are in use by other grading runs (locks in {lockFolder}).");
    }

    /// <summary>A pair without a lock: for grading without root, where the sandbox keeps the grader's own uid.</summary>
    public static SandboxUids Unclaimed(int index) => new(Sandbox.FirstUid + 2 * index, null);

    public void Dispose() => _lock?.Dispose();
}
