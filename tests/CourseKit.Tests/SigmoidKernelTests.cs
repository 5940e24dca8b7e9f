using CourseKit.Kernels;
using Xunit.Abstractions;

namespace CourseKit.Tests;

/// <summary>
/// The float sigmoid kernel against the double-precision sigmoid, over many lengths (0, 1, vector tails) and a dense
/// sweep of its range, to the bound its documentation states (<see cref="ActivationKernels.SigmoidRelativeError"/>).
/// CI runs these on every path: AVX-512, AVX2, SSE (no FMA: arithmetic in double), no SIMD, and ARM64 NEON.
/// </summary>
public class SigmoidKernelTests(ITestOutputHelper output)
{
    public static TheoryData<int> Lengths() => [.. Enumerable.Range(0, 40), 63, 64, 65, 127, 128, 129, 4096];

    private static double Sigmoid(float x) => 1 / (1 + Math.Exp(-(double)x));

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Float_sigmoid_is_within_its_relative_bound_at_every_length(int n)
    {
        var rnd = new Random(n);
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float)(rnd.NextDouble() * 40 - 20);
        var y = new float[n];
        ActivationKernels.Sigmoid<float>(x, y);
        for (int i = 0; i < n; i++)
            Assert.True(Math.Abs(y[i] - Sigmoid(x[i])) <= ActivationKernels.SigmoidRelativeError * Sigmoid(x[i]),
                $"n = {n}: σ({x[i]:R}) = {y[i]:R}, expected {Sigmoid(x[i]):R}");
    }

    [Fact]
    public void Float_sigmoid_is_accurate_across_the_range_and_keeps_its_special_values()
    {
        // A dense sweep from deep in the lower tail to saturation, and every float around the largest errors the
        // exhaustive check (sigmoid-accuracy in the benchmarks) found, with fused multiply-adds and without.
        var values = new List<float>();
        for (int i = -400000; i <= 400000; i++) values.Add(i * 2.175e-4f);   // [−87, 87]
        foreach (float worst in new[] { -13.139194f, -5.542663f, 7.859211f, 0.34497976f, -86.9f, 1e-7f, -5.8781614f, -4.157294f })
        {
            float v = worst;
            for (int i = 0; i < 2048; i++) v = MathF.BitDecrement(v);
            for (int i = 0; i < 4096; i++, v = MathF.BitIncrement(v)) values.Add(v);
        }
        var x = values.ToArray();
        var y = new float[x.Length];
        ActivationKernels.Sigmoid<float>(x, y);
        double worstRelative = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double expected = Sigmoid(x[i]), error = Math.Abs(y[i] - expected);
            worstRelative = Math.Max(worstRelative, error / expected);
            Assert.True(error <= ActivationKernels.SigmoidRelativeError * expected, $"σ({x[i]:R}) = {y[i]:R}, expected {expected:R}");
        }
        output.WriteLine($"{ActivationKernels.FloatFunctionsPath}: largest relative error {worstRelative:E2}");

        float[] special = [0f, -0f, 88f, 89f, -88f, -100f, float.MaxValue, float.MinValue, float.PositiveInfinity, float.NegativeInfinity, float.NaN];
        var s = new float[special.Length];
        ActivationKernels.Sigmoid<float>(special, s);
        Assert.Equal([0.5f, 0.5f, 1f, 1f, 0f, 0f, 1f, 0f, 1f, 0f], s[..^1]);
        Assert.True(float.IsNaN(s[^1]), "σ(NaN) must stay NaN");
    }

    [Fact]
    public void Float_sigmoid_works_in_place_and_double_uses_the_exact_formula()
    {
        var x = Enumerable.Range(0, 37).Select(i => (float)(i - 18) / 3).ToArray();
        var expected = x.Select(Sigmoid).ToArray();
        ActivationKernels.Sigmoid<float>(x, x);
        for (int i = 0; i < x.Length; i++) Assert.Equal(expected[i], x[i], ActivationKernels.SigmoidRelativeError);

        var xd = Enumerable.Range(0, 37).Select(i => (i - 18) / 3.0).ToArray();
        var yd = new double[xd.Length];
        ActivationKernels.Sigmoid<double>(xd, yd);
        for (int i = 0; i < xd.Length; i++) Assert.Equal(1 / (1 + Math.Exp(-xd[i])), yd[i], 1e-15);
        Assert.Throws<ArgumentException>(() => ActivationKernels.Sigmoid<float>(new float[3], new float[2]));
    }
}
