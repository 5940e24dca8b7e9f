namespace CourseKit.Cli.Classwork;

/// <summary>
/// The processes and threads that run as one user id, read from /proc: what the limit on processes counts. A sandbox
/// that was killed goes on counting until the kernel has ended every process in it, which takes a moment after its
/// outermost process is gone (longer on a busy machine, and with a fork bomb's hundreds of processes in it).
/// </summary>
internal static class UserTasks
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>How many tasks (threads of all processes) run as <paramref name="uid"/> (the real user id).</summary>
    public static int Count(int uid)
    {
        var count = 0;
        foreach (var process in Directory.EnumerateDirectories("/proc").Where(d => char.IsAsciiDigit(Path.GetFileName(d)[0])))
        {
            try
            {
                if (RealUid(process) == uid)
                {
                    count += Directory.EnumerateDirectories(Path.Combine(process, "task")).Count();
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while it was counted.
            }
        }
        return count;
    }

    /// <summary>The real user id this process runs as.</summary>
    public static int OwnUid() => RealUid("/proc/self") ?? throw new InvalidOperationException("/proc/self/status has no Uid line");

    /// <summary>
    /// Waits until nothing runs as <paramref name="uid"/>, at most <paramref name="limit"/>; false when something
    /// still does then.
    /// </summary>
    public static async Task<bool> WaitUntilNoneAsync(int uid, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + limit;
        while (Count(uid) > 0)
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }
            await Task.Delay(PollInterval, cancellationToken);
        }
        return true;
    }

    private static int? RealUid(string process) =>
        File.ReadLines(Path.Combine(process, "status")).FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))
            ?.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : null;
}
