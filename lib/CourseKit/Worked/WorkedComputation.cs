using System.Numerics;
using CourseKit.Tensors;

namespace CourseKit.Worked;

/// <summary>
/// One line of a computation shown with its actual numbers, for example
/// <c>i × W = [1 0] × [[1 1],[1 1]] = [1 1]</c>.
/// </summary>
/// <param name="Description">What happens in words ("weighted sums", "apply ReLU").</param>
/// <param name="Symbolic">The step in the slide's symbols, LaTeX (<c>\mathbf{i} \times \mathbf{W}</c>).</param>
/// <param name="Numeric">The same step with the numbers substituted, LaTeX, without the result.</param>
/// <param name="Result">The value the step produces.</param>
/// <param name="Name">The symbol the result is known by afterwards, if any (<c>\mathbf{z}</c>).</param>
public sealed record WorkedStep<T>(string Description, string Symbolic, string Numeric, Tensor<T> Result, string? Name = null)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The whole line as one LaTeX equation: symbols = numbers = result.</summary>
    public string ToLatex(string format = "G4") =>
        $"{(Name is null ? "" : Name + " = ")}{Symbolic} = {Numeric} = {Result.ToLatex(format)}";
}

/// <summary>A computation written out step by step with its numbers: what a notebook renders as a worked example.</summary>
public sealed class WorkedComputation<T>(string title) : List<WorkedStep<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>What is being computed, for example "Dense layer: o = ReLU(i × W + b)".</summary>
    public string Title { get; } = title;

    /// <summary>The last step's value: the computation's answer.</summary>
    public Tensor<T> Result => Count == 0 ? throw new InvalidOperationException("The computation has no steps.") : this[^1].Result;

    /// <summary>Adds a step and returns its result, so worked computations read like the code they explain.</summary>
    public Tensor<T> Step(string description, string symbolic, string numeric, Tensor<T> result, string? name = null)
    {
        Add(new WorkedStep<T>(description, symbolic, numeric, result, name));
        return result;
    }

    /// <summary>All steps as an aligned LaTeX block.</summary>
    public string ToLatex(string format = "G4") =>
        @"\begin{aligned} " + string.Join(@" \\ ", this.Select(s => "&" + s.ToLatex(format))) + @" \end{aligned}";

    /// <inheritdoc/>
    public override string ToString() =>
        Title + Environment.NewLine + string.Join(Environment.NewLine, this.Select(s => $"  {s.Description}: {s.Result}"));
}
