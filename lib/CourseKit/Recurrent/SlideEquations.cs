using System.Numerics;
using CourseKit.Tensors;
using CourseKit.Worked;

namespace CourseKit.Recurrent;

/// <summary>
/// Writes recurrent steps in the slides' column-vector notation with the numbers substituted, for worked examples.
/// </summary>
internal static class SlideEquations
{
    /// <summary>A value as a column vector (H × 1), copied.</summary>
    public static Tensor<T> Column<T>(Tensor<T> v) where T : unmanaged, IFloatingPointIeee754<T> => v.Clone().Reshape(v.Length, 1);

    /// <summary>
    /// Adds the step <c>name = f(b + W h + U x)</c> for one gate: symbols, then numbers, then the pre-activation.
    /// <paramref name="hidden"/> is what W multiplies (h(t−1), or r ⊙ h(t−1) for the slides' GRU candidate).
    /// </summary>
    public static void Gate<T>(WorkedComputation<T> work, string description, string name, string function, string gate,
        (Tensor<T> W, Tensor<T> U, Tensor<T> b) m, Tensor<T> hidden, string hiddenSymbol, Tensor<T> x, Tensor<T> result,
        string wSymbol = @"\mathbf{W}", string uSymbol = @"\mathbf{U}", bool withBias = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var h = Column(hidden);
        var xc = Column(x);
        var pre = m.W.MatMul(h) + m.U.MatMul(xc);
        if (withBias) pre = pre + m.b;
        string bias = withBias ? $@"\mathbf{{b}}_{{{gate}}} + " : "";
        string biasNumbers = withBias ? m.b.ToLatex() + " + " : "";
        string inner = $@"{bias}{wSymbol}_{{{gate}}} {hiddenSymbol} + {uSymbol}_{{{gate}}} \mathbf{{x}}^{{(t)}}";
        string symbolic = function.Length == 0 ? inner : $"{function}({inner})";
        string numeric = $@"{function}\left({biasNumbers}{m.W.ToLatex()} {h.ToLatex()} + {m.U.ToLatex()} {xc.ToLatex()}\right) = {function}\left({pre.ToLatex()}\right)";
        if (function.Length == 0) numeric = $@"{biasNumbers}{m.W.ToLatex()} {h.ToLatex()} + {m.U.ToLatex()} {xc.ToLatex()}";
        work.Step(description, symbolic, numeric, Column(result), name);
    }
}
