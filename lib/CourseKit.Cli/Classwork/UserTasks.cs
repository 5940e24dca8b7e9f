namespace CourseKit.Cli.Classwork;

/// <summary>
/// The processes and threads that run as one user id, read from /proc: what the limit on processes counts. A sandbox
/// that was killed goes on counting until the kernel has ended every process in it, which takes a moment after its
/// outermost process is gone (longer on a busy machine, and with a fork bomb's hundreds of processes in it).
/// </summary>
internal static class UserTasks
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>How many tasks (threads of all processes, zombies included) run as <paramref name="uid"/> (the real user id).</summary>
    public static int Count(int uid) => Count(uid, countZombies: true);

    /// <summary>The real user id this process runs as.</summary>
    public static int OwnUid() => Status("/proc/self").Uid ?? throw new InvalidOperationException("/proc/self/status has no Uid line");

    /// <summary>
    /// Waits until no process of <paramref name="uid"/> is alive, at most <paramref name="limit"/>; false when one still
    /// is then. Zombies do not count: a sandbox leaves one (its init, whose parent went first) until the machine's init
    /// reaps it, which some container inits do only every few seconds, and one task is nothing to a limit of hundreds.
    /// </summary>
    public static async Task<bool> WaitUntilNoneAsync(int uid, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + limit;
        while (Count(uid, countZombies: false) > 0)
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }
            await Task.Delay(PollInterval, cancellationToken);
        }
        return true;
    }

    private static int Count(int uid, bool countZombies)
    {
        var count = 0;
        foreach (var process in Directory.EnumerateDirectories("/proc").Where(d => char.IsAsciiDigit(Path.GetFileName(d)[0])))
        {
            try
            {
                var (processUid, zombie) = Status(process);
                if (processUid == uid && (countZombies || !zombie))
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

    // The real uid and whether the process is a zombie, from the "Uid:" and "State:" lines of its status file.
    private static (int? Uid, bool Zombie) Status(string process)
    {
        int? uid = null;
        var zombie = false;
        foreach (var line in File.ReadLines(Path.Combine(process, "status")))
        {
            if (line.StartsWith("State:", StringComparison.Ordinal))
            {
                zombie = line.Contains("(zombie)", StringComparison.Ordinal);
            }
            else if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                uid = int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
                break;
            }
        }
        return (uid, zombie);
    }
}
