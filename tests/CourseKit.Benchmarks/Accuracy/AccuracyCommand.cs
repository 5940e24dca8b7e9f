using System.Diagnostics;
using CourseKit.Kernels;

namespace CourseKit.Benchmarks.Accuracy;

/// <summary>
/// <c>tanh-accuracy</c> and <c>sigmoid-accuracy</c>: the float kernel against the double-precision function for every
/// float in its range, on whichever path this process runs (choose one with the DOTNET_Enable* variables). tanh: every
/// float in [0, 9.2] (about 1.1 billion; the kernel is odd, and beyond 9.1 it returns exactly ±1); sigmoid: every float
/// in [−87, 88] (about 2.2 billion; below −87 it returns 0, above 88 exactly 1). Prints the largest absolute error, the
/// largest relative error where the bound is relative, the largest error in float ulps, and where each occurs; exits 1
/// when a documented bound is exceeded. About a minute (tanh) or two (sigmoid) on two cores.
/// </summary>
public static class AccuracyCommand
{
    private const int Chunk = 1 << 20;

    /// <summary>Runs the sweep for <paramref name="kernel"/> ("tanh" or "sigmoid"); returns the process exit code.</summary>
    public static int Run(string kernel)
    {
        bool tanh = kernel == "tanh";
        Console.WriteLine($"float {kernel} on this CPU: {ActivationKernels.FloatFunctionsPath}");
        // Float bit patterns in order of value: the negative range (if any) from its low end up to −0, then 0 up.
        uint positiveEnd = BitConverter.SingleToUInt32Bits(tanh ? 9.2f : 88f);
        uint negativeEnd = tanh ? 0 : BitConverter.SingleToUInt32Bits(87f);
        long total = positiveEnd + 1L + negativeEnd;
        int chunks = (int)((total + Chunk - 1) / Chunk);
        var worst = new Worst[chunks];
        var clock = Stopwatch.StartNew();
        Parallel.For(0, chunks, index =>
        {
            long first = (long)index * Chunk;
            int count = (int)Math.Min(Chunk, total - first);
            var x = new float[count];
            var y = new float[count];
            for (int i = 0; i < count; i++)
            {
                long at = first + i;
                x[i] = at < negativeEnd ? -BitConverter.UInt32BitsToSingle((uint)(negativeEnd - at)) : BitConverter.UInt32BitsToSingle((uint)(at - negativeEnd));
            }
            if (tanh) ActivationKernels.Tanh<float>(x, y);
            else ActivationKernels.Sigmoid<float>(x, y);
            var w = new Worst();
            for (int i = 0; i < count; i++)
            {
                double expected = tanh ? Math.Tanh(x[i]) : 1 / (1 + Math.Exp(-(double)x[i]));
                double error = Math.Abs(y[i] - expected);
                if (error > w.Absolute) (w.Absolute, w.AbsoluteAt) = (error, x[i]);
                bool relative = tanh ? x[i] < 0.01f && x[i] > 0 : true;
                if (relative && expected > 0 && error / expected > w.Relative) (w.Relative, w.RelativeAt) = (error / expected, x[i]);
                float rounded = (float)expected;
                double ulps = error / (MathF.BitIncrement(rounded) - rounded);
                if (ulps > w.Ulps) (w.Ulps, w.UlpsAt) = (ulps, x[i]);
            }
            worst[index] = w;
        });
        var all = new Worst { Absolute = worst.Max(w => w.Absolute), Relative = worst.Max(w => w.Relative), Ulps = worst.Max(w => w.Ulps) };
        all.AbsoluteAt = worst.First(w => w.Absolute == all.Absolute).AbsoluteAt;
        all.RelativeAt = worst.First(w => w.Relative == all.Relative).RelativeAt;
        all.UlpsAt = worst.First(w => w.Ulps == all.Ulps).UlpsAt;
        Console.WriteLine($"{total:N0} floats in [{(tanh ? "0, 9.2" : "-87, 88")}] in {clock.Elapsed.TotalSeconds:0} s");
        Console.WriteLine($"largest error           {all.Absolute:E3} at x = {all.AbsoluteAt:R}{(tanh ? $" (bound {ActivationKernels.TanhAbsoluteError:E1})" : "")}");
        Console.WriteLine($"largest relative error  {all.Relative:E3} at x = {all.RelativeAt:R} " +
                          (tanh ? $"(|x| < 0.01; bound {ActivationKernels.TanhRelativeError:E1})" : $"(bound {ActivationKernels.SigmoidRelativeError:E1})"));
        Console.WriteLine($"largest error in ulps   {all.Ulps:0.00} at x = {all.UlpsAt:R}");
        bool within = tanh
            ? all.Absolute <= ActivationKernels.TanhAbsoluteError && all.Relative <= ActivationKernels.TanhRelativeError
            : all.Relative <= ActivationKernels.SigmoidRelativeError;
        Console.WriteLine(within ? "within the documented bounds" : "OUTSIDE the documented bounds");
        return within ? 0 : 1;
    }

    private struct Worst
    {
        public double Absolute, Relative, Ulps;
        public float AbsoluteAt, RelativeAt, UlpsAt;
    }
}
