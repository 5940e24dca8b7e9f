using System.Numerics;
using System.Text;
using CourseKit.Tensors;

namespace CourseKit.Recurrent;

/// <summary>
/// One time step of a recurrent cell with every value it computed, in the order the cell computes them:
/// x, h(t−1), (c(t−1)), for each gate the sum inside its σ or tanh ("a_f", the slides' <c>b_f + W_f h(t−1) + U_f x(t)</c>)
/// and its value ("f"), (c), h. A simple RNN's step has "a_h", the sum inside tanh. Values are row vectors.
/// </summary>
/// <param name="Time">The time index t (1-based, as on the slides: x(1) is the first input).</param>
/// <param name="Values">Named values in computation order.</param>
public sealed record RecurrentStep<T>(int Time, IReadOnlyList<(string Name, Tensor<T> Value)> Values)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The value called <paramref name="name"/> ("f", "c", "h", …).</summary>
    public Tensor<T> this[string name] =>
        Values.FirstOrDefault(v => v.Name == name).Value
        ?? throw new KeyNotFoundException($"Step {Time} has no value named '{name}'; it has {string.Join(", ", Values.Select(v => v.Name))}.");
}

/// <summary>
/// Everything a recurrent layer computed for one sequence, step by step: what a notebook shows as a table of gate
/// values or as equations with numbers.
/// </summary>
public sealed class RecurrentTrace<T>(string cell, IReadOnlyList<RecurrentStep<T>> steps) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The cell's name ("LSTM", "GRU(slides)", …).</summary>
    public string Cell { get; } = cell;

    /// <summary>The steps in the order the layer ran them (backwards in time for a reversed layer).</summary>
    public IReadOnlyList<RecurrentStep<T>> Steps { get; } = steps;

    /// <summary>The step at time t (1-based).</summary>
    public RecurrentStep<T> At(int time) =>
        Steps.FirstOrDefault(s => s.Time == time) ?? throw new ArgumentOutOfRangeException(nameof(time), $"No step at time {time}.");

    /// <summary>
    /// Unit <paramref name="unit"/>'s value of <paramref name="name"/> at every step, for a heatmap or line plot.
    /// </summary>
    public T[] Series(string name, int unit = 0) => Steps.Select(s => s[name].ReadOnlySpan[unit]).ToArray();

    /// <summary>Names of the values each step holds, in computation order.</summary>
    public IReadOnlyList<string> Names => Steps.Count == 0 ? [] : Steps[0].Values.Select(v => v.Name).ToArray();

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder($"{Cell} trace, {Steps.Count} steps");
        foreach (var step in Steps)
        {
            text.AppendLine().Append($"t={step.Time}:");
            foreach (var (name, value) in step.Values) text.Append($"  {name}={value.ToString("G4")}");
        }
        return text.ToString();
    }
}
