namespace CourseKit.Cli;

/// <summary>
/// Keeps `setup` from publishing the worker and the kit while notebooks run from them: rewriting an assembly that a
/// running process has mapped can crash it. Runs hold the lock shared, `setup` exclusively; each waits its turn. The lock
/// is a file in the temp folder named after the repository (an OS file lock, released when the process ends).
/// </summary>
internal sealed class SetupLock : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private readonly FileStream _file;

    private SetupLock(FileStream file)
    {
        _file = file;
    }

    /// <summary>Waits until this process holds the lock for <paramref name="repoRoot"/>: with others when
    /// <paramref name="shared"/>, alone otherwise. The lock ends when the result is disposed.</summary>
    public static async Task<SetupLock> TakeAsync(string repoRoot, bool shared, CancellationToken cancellationToken)
    {
        var name = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(repoRoot))))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"coursekit-setup-{name}.lock");
        while (true)
        {
            try
            {
                // On Unix .NET takes flock(LOCK_SH) for a reader that shares reading and flock(LOCK_EX) for FileShare.None.
                return new SetupLock(shared
                    ? new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.Read)
                    : new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                await Task.Delay(Poll, cancellationToken);
            }
        }
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
