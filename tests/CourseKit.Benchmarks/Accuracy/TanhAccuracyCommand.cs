using System.Diagnostics;
using CourseKit.Kernels;

namespace CourseKit.Benchmarks.Accuracy;

/// <summary>
/// <c>tanh-accuracy</c>: the float tanh kernel against <see cref="Math.Tanh"/> for every float in [0, 9.2] (about 1.1
/// billion values; the kernel is odd, and beyond 9.1 it returns exactly ±1), on whichever path this process runs
/// (choose one with the DOTNET_Enable* variables). Prints the largest absolute error, the largest relative error for
/// |x| &lt; 0.01, the largest error in float ulps of tanh x, and where each occurs; exits 1 when a documented bound is
/// exceeded. Takes about a minute on two cores.
/// </summary>
public static class TanhAccuracyCommand
{
    private const int Chunk = 1 << 20;

    /// <summary>Runs the sweep; returns the process exit code.</summary>
    public static int Run()
    {
        Console.WriteLine($"float tanh on this CPU: {ActivationKernels.TanhPath}");
        uint last = BitConverter.SingleToUInt32Bits(9.2f);
        int chunks = (int)(last / Chunk) + 1;
        var worst = new Worst[chunks];
        var clock = Stopwatch.StartNew();
        Parallel.For(0, chunks, index =>
        {
            uint first = (uint)index * Chunk;
            int count = (int)Math.Min(Chunk, last - first + 1);
            var x = new float[count];
            var y = new float[count];
            for (int i = 0; i < count; i++) x[i] = BitConverter.UInt32BitsToSingle(first + (uint)i);
            ActivationKernels.Tanh<float>(x, y);
            var w = new Worst();
            for (int i = 0; i < count; i++)
            {
                double expected = Math.Tanh(x[i]), error = Math.Abs(y[i] - expected);
                if (error > w.Absolute) (w.Absolute, w.AbsoluteAt) = (error, x[i]);
                if (x[i] < 0.01f && x[i] > 0 && error / expected > w.Relative) (w.Relative, w.RelativeAt) = (error / expected, x[i]);
                float rounded = (float)expected;
                double ulps = error / (MathF.BitIncrement(rounded) - rounded);
                if (ulps > w.Ulps) (w.Ulps, w.UlpsAt) = (ulps, x[i]);
            }
            worst[index] = w;
        });
        var all = new Worst
        {
            Absolute = worst.Max(w => w.Absolute), Relative = worst.Max(w => w.Relative), Ulps = worst.Max(w => w.Ulps),
        };
        all.AbsoluteAt = worst.First(w => w.Absolute == all.Absolute).AbsoluteAt;
        all.RelativeAt = worst.First(w => w.Relative == all.Relative).RelativeAt;
        all.UlpsAt = worst.First(w => w.Ulps == all.Ulps).UlpsAt;
        Console.WriteLine($"{last + 1:N0} floats in [0, 9.2] in {clock.Elapsed.TotalSeconds:0} s");
        Console.WriteLine($"largest error           {all.Absolute:E3} at x = {all.AbsoluteAt:R} (bound {ActivationKernels.TanhAbsoluteError:E1})");
        Console.WriteLine($"largest relative error  {all.Relative:E3} at x = {all.RelativeAt:R} (|x| < 0.01; bound {ActivationKernels.TanhRelativeError:E1})");
        Console.WriteLine($"largest error in ulps   {all.Ulps:0.00} at x = {all.UlpsAt:R}");
        bool within = all.Absolute <= ActivationKernels.TanhAbsoluteError && all.Relative <= ActivationKernels.TanhRelativeError;
        Console.WriteLine(within ? "within the documented bounds" : "OUTSIDE the documented bounds");
        return within ? 0 : 1;
    }

    private struct Worst
    {
        public double Absolute, Relative, Ulps;
        public float AbsoluteAt, RelativeAt, UlpsAt;
    }
}
