namespace CourseKit.Benchmarks.SideBySide;

/// <summary>The largest time ratio CourseKit / PyTorch each workload may have (issue 6's targets).</summary>
public static class Targets
{
    /// <summary>Target ratio by workload name.</summary>
    public static readonly IReadOnlyDictionary<string, double> Ratio = new Dictionary<string, double>
    {
        ["gemm_64_f32"] = 1.0, ["gemm_256_f32"] = 1.0, ["gemm_1024_f32"] = 1.0,
        ["gemm_64_f64"] = 1.0, ["gemm_256_f64"] = 1.0, ["gemm_1024_f64"] = 1.0,
        ["mlp_step"] = 1.0,
        ["lstm_step"] = 0.8, ["gru_step"] = 0.8, ["bigru_step"] = 0.8,
        ["rnn_tanh_step"] = 0.5,
        ["xor_5000_adam"] = 0.02,
        ["tiny_fwd"] = 0.05, ["tiny_fwd_bwd"] = 0.05,
    };

    /// <summary>
    /// With <c>--vs-isa</c>: the largest time ratio of CourseKit on a narrower vector path to CourseKit on a wider one,
    /// for every workload (the 128-bit path against AVX2: half the vector width, and no fused multiply-add on x64).
    /// </summary>
    public const double VersusWiderPath = 2.3;
}
