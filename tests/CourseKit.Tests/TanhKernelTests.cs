using Xunit.Abstractions;
using CourseKit.Kernels;

namespace CourseKit.Tests;

/// <summary>
/// The fast float tanh against Math.Tanh, over many lengths (0, 1, vector tails) and the whole float range, to the bounds
/// its documentation states (<see cref="ActivationKernels.TanhAbsoluteError"/>, <see cref="ActivationKernels.TanhRelativeError"/>).
/// CI runs these on every path: AVX-512, AVX2, SSE (no FMA: polynomials in double), no SIMD, and ARM64 NEON.
/// </summary>
public class TanhKernelTests(ITestOutputHelper output)
{
    public static TheoryData<int> Lengths() => [.. Enumerable.Range(0, 40), 63, 64, 65, 127, 128, 129, 4096];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Float_tanh_is_within_4e7_of_tanh_at_every_length(int n)
    {
        var rnd = new Random(n);
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float)(rnd.NextDouble() * 20 - 10);
        var y = new float[n];
        ActivationKernels.Tanh<float>(x, y);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(Math.Tanh(x[i]), y[i], ActivationKernels.TanhAbsoluteError);
            Assert.Equal(ActivationKernels.TanhScalar(x[i]), y[i], 1e-7f);   // vector lanes and the scalar tail agree
        }
    }

    [Fact]
    public void Float_tanh_is_accurate_across_the_range_and_keeps_its_special_values()
    {
        // A dense sweep through 0 and both saturations, every float around the largest errors found by the exhaustive
        // check (tanh-accuracy in the benchmarks) with each evaluation, plus the values where approximations usually slip.
        var values = new List<float>();
        for (int i = -200000; i <= 200000; i++) values.Add(i * 6e-5f);
        foreach (float worst in new[] { 5.126039f, 5.827876f, 5.0311623f, 0.0020038227f, 0.003907324f, 0.007854117f, 9.010913f, 9.1f, 7.9053f, 4.5050907f, 0.003923962f, 0.17328f })
        {
            float v = worst;
            for (int i = 0; i < 2048; i++) v = MathF.BitDecrement(v);
            for (int i = 0; i < 4096; i++, v = MathF.BitIncrement(v)) values.AddRange([v, -v]);
        }
        values.AddRange([0f, -0f, 1e-30f, -1e-30f, 1e-45f, 3.9e-4f, 4.1e-4f, 7.9053f, 7.906f, -7.906f, 9f, 20f, -88f,
                         float.MaxValue, float.MinValue, float.PositiveInfinity, float.NegativeInfinity, float.NaN]);
        var x = values.ToArray();
        var y = new float[x.Length];
        ActivationKernels.Tanh<float>(x, y);
        double worstAbsolute = 0, worstRelative = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (float.IsNaN(x[i])) { Assert.True(float.IsNaN(y[i]), "tanh(NaN) must stay NaN"); continue; }
            double expected = Math.Tanh(x[i]), error = Math.Abs(y[i] - expected);
            worstAbsolute = Math.Max(worstAbsolute, error);
            Assert.True(error <= ActivationKernels.TanhAbsoluteError, $"tanh({x[i]:R}) = {y[i]:R}, expected {expected:R}");
            if (Math.Abs(x[i]) < 0.01 && x[i] != 0)   // relative accuracy where tanh is small
            {
                worstRelative = Math.Max(worstRelative, error / Math.Abs(expected));
                Assert.True(error <= ActivationKernels.TanhRelativeError * Math.Abs(expected), $"tanh({x[i]:R}) = {y[i]:R}, expected {expected:R}");
            }
            Assert.True(Math.Abs(y[i]) <= 1f, $"|tanh({x[i]:R})| = {y[i]:R} exceeds 1");
        }
        output.WriteLine($"{ActivationKernels.FloatFunctionsPath}: largest error {worstAbsolute:E2}, relative {worstRelative:E2} for |x| < 0.01");
        // tanh(−0) = −0, in the vector lanes and in the scalar tail alike (17 values: whole vectors of 16, 8 or 4, then one more).
        var zeros = Enumerable.Repeat(-0f, 17).ToArray();
        var tanhZeros = new float[17];
        ActivationKernels.Tanh<float>(zeros, tanhZeros);
        Assert.All(tanhZeros, v => Assert.True(v == 0 && float.IsNegative(v), $"tanh(-0) = {v:R}, expected -0"));
        Assert.Equal(1f, y[values.IndexOf(float.PositiveInfinity)]);
        Assert.Equal(-1f, y[values.IndexOf(float.NegativeInfinity)]);
    }

    [Fact]
    public void Float_tanh_works_in_place_and_double_matches_Math_Tanh()
    {
        var x = Enumerable.Range(0, 37).Select(i => (float)(i - 18) / 5).ToArray();
        var expected = x.Select(v => Math.Tanh(v)).ToArray();
        ActivationKernels.Tanh<float>(x, x);
        for (int i = 0; i < x.Length; i++) Assert.Equal(expected[i], x[i], ActivationKernels.TanhAbsoluteError);

        var xd = Enumerable.Range(0, 37).Select(i => (i - 18) / 5.0).ToArray();
        var yd = new double[xd.Length];
        ActivationKernels.Tanh<double>(xd, yd);
        for (int i = 0; i < xd.Length; i++) Assert.Equal(Math.Tanh(xd[i]), yd[i], 1e-15);
        Assert.Throws<ArgumentException>(() => ActivationKernels.Tanh<float>(new float[3], new float[2]));
    }
}
