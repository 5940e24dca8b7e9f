using System.Globalization;

namespace CourseKit.Cli;

/// <summary>
/// The resident memory of a process and all its descendants, read from Linux's /proc. A sandboxed notebook runs two
/// levels below the process we start (bwrap, then dotnet), so the process alone would not show its memory.
/// </summary>
internal static class ProcessTreeMemory
{
    /// <summary>Sum of VmRSS over <paramref name="rootPid"/> and its descendants, in bytes; 0 where /proc is not there.</summary>
    public static long ResidentBytes(int rootPid)
    {
        long total = 0;
        var pending = new Stack<int>([rootPid]);
        var seen = new HashSet<int>();
        while (pending.Count > 0)
        {
            var pid = pending.Pop();
            if (!seen.Add(pid))
            {
                continue;
            }
            total += ResidentOf(pid);
            foreach (var child in ChildrenOf(pid))
            {
                pending.Push(child);
            }
        }
        return total;
    }

    private static long ResidentOf(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                // "VmRSS:     123456 kB"
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // The process ended while we read it.
        }
        return 0;
    }

    private static IEnumerable<int> ChildrenOf(int pid)
    {
        var children = new List<int>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                var text = File.ReadAllText(Path.Combine(task, "children"));
                children.AddRange(text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(s => int.Parse(s, CultureInfo.InvariantCulture)));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // Gone, or not Linux: nothing to add.
        }
        return children;
    }
}
