using System.Numerics;
using CourseKit.Layers;
using CourseKit.Tensors;

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

    private readonly List<Tensor<T>[]> stateSets = [];

    /// <summary>One zero-filled state tensor per parameter, shaped like it; saved and restored with the optimizer.</summary>
    protected Tensor<T>[] NewState()
    {
        Tensor<T>[] set = [.. Parameters.Select(p => new Tensor<T>(p.Value.Rows, p.Value.Cols))];
        stateSets.Add(set);
        return set;
    }

    /// <summary>A deep copy of everything the next step depends on besides the parameters themselves.</summary>
    public OptimizerState<T> SaveState() =>
        new(Name, StepCount, LearningRate, [.. stateSets.SelectMany(set => set).Select(t => t.Clone())]);

    /// <summary>
    /// Restores a snapshot from <see cref="SaveState"/> of an optimizer of the same kind over parameters of the same shapes.
    /// </summary>
    /// <exception cref="ArgumentException">The snapshot is of another optimizer or of other parameters; the message says how.</exception>
    public void LoadState(OptimizerState<T> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Optimizer != Name)
            throw new ArgumentException($"This is a {Name} optimizer but the saved state is from {state.Optimizer}.", nameof(state));
        var buffers = stateSets.SelectMany(set => set).ToArray();
        if (state.Buffers.Count != buffers.Length)
            throw new ArgumentException($"The saved state has {state.Buffers.Count} buffers; this {Name} optimizer has {buffers.Length}.", nameof(state));
        for (int i = 0; i < buffers.Length; i++)
            if (state.Buffers[i].Rows != buffers[i].Rows || state.Buffers[i].Cols != buffers[i].Cols)
                throw new ShapeMismatchException($"Saved buffer {i} has shape {state.Buffers[i].Shape}, but this optimizer's is {buffers[i].Shape}.");
        for (int i = 0; i < buffers.Length; i++) state.Buffers[i].CopyTo(buffers[i]);
        StepCount = state.StepCount;
        LearningRate = state.LearningRate;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}(lr={LearningRate})";
}
