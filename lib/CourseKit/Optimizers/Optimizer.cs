using System.Numerics;
using CourseKit.Layers;

namespace CourseKit.Optimizers;

/// <summary>
/// An optimizer updates parameters from their gradients to reduce the loss. Each <see cref="Step"/> applies one
/// update to every parameter; <see cref="ZeroGradients"/> clears the gradients before the next backward pass.
/// </summary>
public abstract class Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Sets up the optimizer for <paramref name="parameters"/> with learning rate <paramref name="learningRate"/> (η).</summary>
    protected Optimizer(IEnumerable<Parameter<T>> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = [.. parameters];
        if (Parameters.Count == 0) throw new ArgumentException("The optimizer was given no parameters.", nameof(parameters));
        LearningRate = learningRate;
    }

    /// <summary>The parameters this optimizer updates.</summary>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>The learning rate η (may be changed between steps, for example by a decay schedule).</summary>
    public double LearningRate
    {
        get;
        set => field = double.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(LearningRate), $"The learning rate must be a finite number ≥ 0, got {value}.");
    }

    /// <summary>How many steps have been taken (t in the slides' formulas, starting at 1 for the first step).</summary>
    public int StepCount { get; private set; }

    /// <summary>The optimizer's name.</summary>
    public abstract string Name { get; }

    /// <summary>Applies one update to every parameter.</summary>
    public void Step()
    {
        StepCount++;
        for (int i = 0; i < Parameters.Count; i++) Update(i, Parameters[i]);
    }

    /// <summary>Updates one parameter from its gradient; <paramref name="index"/> finds its state.</summary>
    protected abstract void Update(int index, Parameter<T> parameter);

    /// <summary>Sets every parameter's gradient to zero.</summary>
    public void ZeroGradients()
    {
        for (int i = 0; i < Parameters.Count; i++) Parameters[i].ZeroGradient();   // no enumerator: steady-state steps allocate nothing
    }

    /// <summary>One zero-filled state tensor per parameter, shaped like it.</summary>
    protected Tensor<T>[] NewState() => [.. Parameters.Select(p => new Tensor<T>(p.Value.Rows, p.Value.Cols))];

    /// <inheritdoc/>
    public override string ToString() => $"{Name}(lr={LearningRate})";
}
