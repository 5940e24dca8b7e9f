namespace CourseKit.Recurrent;

/// <summary>The function a simple RNN applies to <c>U h(t−1) + W x(t)</c>.</summary>
public enum RnnNonlinearity
{
    /// <summary><c>tanh</c>: the slides' simple RNN and PyTorch's default.</summary>
    Tanh,
    /// <summary><c>max(0, ·)</c>: PyTorch's other choice.</summary>
    Relu,
    /// <summary>None at all: the slides' classwork, <c>h(t) = U h(t−1) + W x(t)</c>.</summary>
    None,
}
