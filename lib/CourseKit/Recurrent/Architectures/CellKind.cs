namespace CourseKit.Recurrent.Architectures;

/// <summary>Which recurrent cell a model is built from.</summary>
public enum CellKind
{
    /// <summary>The simple (Elman) RNN with tanh.</summary>
    SimpleRnn,
    /// <summary>Long short-term memory.</summary>
    Lstm,
    /// <summary>Gated recurrent unit, PyTorch's reset placement.</summary>
    Gru,
    /// <summary>Gated recurrent unit, the slides' reset placement.</summary>
    GruSlides,
}
