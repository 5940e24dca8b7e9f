using System.Numerics;
using System.Text;

namespace CourseKit.Tensors;

/// <summary>LaTeX renderings of tensors, so notebooks can show matrices the way the slides print them.</summary>
public static class Latex
{
    /// <summary>The tensor as <c>\begin{bmatrix} … \end{bmatrix}</c>, numbers in <paramref name="format"/>.</summary>
    public static string ToLatex<T>(this Tensor<T> tensor, string format = "G4") where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var sb = new StringBuilder(@"\begin{bmatrix} ");
        for (int r = 0; r < tensor.Rows; r++)
        {
            if (r > 0) sb.Append(@" \\ ");
            for (int c = 0; c < tensor.Cols; c++)
            {
                if (c > 0) sb.Append(" & ");
                sb.Append(Number(tensor[r, c], format));
            }
        }
        return sb.Append(@" \end{bmatrix}").ToString();
    }

    /// <summary>One number in LaTeX: invariant culture, "-" as a proper minus, exponents as ×10^n.</summary>
    public static string Number<T>(T value, string format = "G4") where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (T.IsNaN(value)) return @"\mathrm{NaN}";
        if (T.IsPositiveInfinity(value)) return @"\infty";
        if (T.IsNegativeInfinity(value)) return @"-\infty";
        string s = Tensor<T>.Format(value, format);
        int e = s.IndexOf('E');
        if (e >= 0) s = $@"{s[..e]} \times 10^{{{int.Parse(s[(e + 1)..], System.Globalization.CultureInfo.InvariantCulture)}}}";
        return s;
    }
}
