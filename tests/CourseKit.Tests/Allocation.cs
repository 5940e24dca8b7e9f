namespace CourseKit.Tests;

/// <summary>Measures what a repeated step allocates on the current thread.</summary>
internal static class Allocation
{
    /// <summary>
    /// Bytes allocated by <paramref name="steps"/> runs of <paramref name="step"/>, the quietest of up to five windows
    /// (stopping at the first that allocates nothing): a step that allocates does so in every window, while the
    /// runtime's own one-time work (installing recompiled code while the machine is busy) can land in one.
    /// </summary>
    public static (long Quietest, IReadOnlyList<long> Windows) PerWindow(Action step, int steps = 100)
    {
        var windows = new List<long>();
        for (int w = 0; w < 5 && (windows.Count == 0 || windows.Min() > 0); w++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < steps; i++) step();
            windows.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return (windows.Min(), windows);
    }
}
