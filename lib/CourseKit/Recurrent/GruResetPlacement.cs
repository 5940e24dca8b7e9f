namespace CourseKit.Recurrent;

/// <summary>
/// Where a GRU applies its reset gate r. The two choices are different functions: no change of weights turns one
/// into the other (ONNX calls the choice <c>linear_before_reset</c>, Keras <c>reset_after</c>).
/// </summary>
public enum GruResetPlacement
{
    /// <summary>
    /// The lecture slides' (and Cho et al. 2014's) form: reset the state, then multiply,
    /// <c>h̃ = tanh(b_h + W_h (r ⊙ h(t−1)) + U_h x)</c>, and <c>h(t) = (1 − u) ⊙ h(t−1) + u ⊙ h̃</c>.
    /// </summary>
    BeforeMatmul,

    /// <summary>
    /// PyTorch's (and cuDNN's) form: multiply, then reset, <c>n = tanh(x W_in + b_in + r ⊙ (h W_hn + b_hn))</c>,
    /// and <c>h(t) = (1 − z) ⊙ n + z ⊙ h(t−1)</c>.
    /// </summary>
    AfterMatmul,
}
