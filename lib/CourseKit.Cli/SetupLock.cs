namespace CourseKit.Cli;

/// <summary>A lock file that one process at a time holds open exclusively; others wait for their turn.</summary>
internal sealed class SetupLock : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private readonly FileStream _file;

    private SetupLock(FileStream file)
    {
        _file = file;
    }

    /// <summary>Waits until this process holds the lock for <paramref name="repoRoot"/> (a file in the temp folder named
    /// after it); the lock ends when the result is disposed, or the process ends.</summary>
    public static async Task<SetupLock> TakeAsync(string repoRoot, CancellationToken cancellationToken)
    {
        var name = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(repoRoot))))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"coursekit-setup-{name}.lock");
        while (true)
        {
            try
            {
                return new SetupLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                await Task.Delay(Poll, cancellationToken);
            }
        }
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
