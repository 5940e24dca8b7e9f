using System.Diagnostics;

namespace CourseKit.Benchmarks.SideBySide;

/// <summary>
/// The side-by-side timing rules, the same as torch_workloads.py's: warm up for at least 3 runs and 0.5 s; take samples,
/// each a batch of runs lasting at least 2 ms; report the median time per run.
/// </summary>
public static class MedianTimer
{
    /// <summary>Runs <paramref name="run"/> for 0.5 s, then returns how many calls make a sample of at least 2 ms.</summary>
    public static int WarmUp(Action run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var clock = Stopwatch.StartNew();
        for (int warm = 0; warm < 3 || clock.Elapsed.TotalSeconds < 0.5; warm++) run();
        int reps = 1;
        while (true)
        {
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < reps; i++) run();
            if (Stopwatch.GetElapsedTime(t0).TotalSeconds >= 0.002) return reps;
            reps *= 2;
        }
    }

    /// <summary>Per-call milliseconds of samples of <paramref name="reps"/> calls, taken for about <paramref name="seconds"/> (at least 3).</summary>
    public static List<double> Samples(Action run, int reps, double seconds)
    {
        ArgumentNullException.ThrowIfNull(run);
        var samples = new List<double>();
        var clock = Stopwatch.StartNew();
        while (samples.Count < 3 || clock.Elapsed.TotalSeconds < seconds)
        {
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < reps; i++) run();
            samples.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds / reps);
        }
        return samples;
    }

    /// <summary>The median of <paramref name="values"/>.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }
}
