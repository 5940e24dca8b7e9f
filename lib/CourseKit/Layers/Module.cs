using System.Numerics;
using CourseKit.Tensors;

namespace CourseKit.Layers;

/// <summary>
/// The base of every layer, cell and model (PyTorch's <c>torch.nn.Module</c>): it owns named parameters and the modules
/// it is built from, zeroes their gradients, and switches all of them between training and evaluation.
/// </summary>
/// <remarks>
/// A module registers what it learns in its constructor: <see cref="AddParameter"/> for its own tensors and
/// <see cref="AddModule{TModule}"/> for the modules inside it. A registered module's parameters are named after it,
/// as PyTorch's <c>named_parameters()</c> does: a <see cref="Sequential{T}"/>'s first layer's W is "layer1.W".
/// Forward and backward passes take different inputs for different kinds of module (a batch of rows, a batch of
/// sequences, token ids), so each kind declares its own: <see cref="Layer{T}"/>, <c>SequenceLayer</c>, ….
/// </remarks>
public abstract class Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<Parameter<T>> ownParameters = [];
    private readonly List<(string Name, Module<T> Module)> children = [];
    private Parameter<T>[]? allParameters;
    private bool isTraining = true;

    /// <summary>Every learnable parameter: this module's own first, then each registered module's, in order, each once.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => allParameters ??= [.. ownParameters.Concat(children.SelectMany(c => c.Module.Parameters)).Distinct()];

    /// <summary>The modules this one is built from, with the names their parameters carry.</summary>
    public IReadOnlyList<(string Name, Module<T> Module)> Children => children;

    /// <summary>Total number of learnable numbers.</summary>
    public int ParameterCount => Parameters.Sum(p => p.Value.Length);

    /// <summary>
    /// Training (true, the default) or evaluation mode, for this module and every module inside it. Dropout and noise
    /// layers act only in training; most modules ignore it. PyTorch: <c>model.train()</c> / <c>model.eval()</c>.
    /// </summary>
    public bool IsTraining
    {
        get => isTraining;
        set
        {
            isTraining = value;
            foreach (var (_, child) in children) child.IsTraining = value;
        }
    }

    /// <summary>Sets every parameter's gradient to zero (PyTorch: <c>model.zero_grad()</c>).</summary>
    public void ZeroGradients()
    {
        var parameters = Parameters;
        for (int i = 0; i < parameters.Count; i++) parameters[i].ZeroGradient();
    }

    /// <summary>Registers a parameter of this module, named <paramref name="name"/>, holding <paramref name="value"/> (not copied).</summary>
    protected Parameter<T> AddParameter(string name, Tensor<T> value)
    {
        var parameter = new Parameter<T>(name, value);
        ownParameters.Add(parameter);
        allParameters = null;
        return parameter;
    }

    /// <summary>
    /// Registers <paramref name="module"/> as part of this one; its parameters are renamed "<paramref name="name"/>.W",
    /// or keep their names when <paramref name="name"/> is empty. Returns the module, for one-line fields.
    /// </summary>
    protected TModule AddModule<TModule>(string name, TModule module) where TModule : Module<T>
    {
        ArgumentNullException.ThrowIfNull(module);
        if (ReferenceEquals(module, this)) throw new ArgumentException("A module cannot contain itself.", nameof(module));
        if (name.Length > 0)
            foreach (var parameter in module.Parameters) parameter.Name = $"{name}.{parameter.Name}";
        children.Add((name, module));
        module.IsTraining = isTraining;
        allParameters = null;
        return module;
    }

    /// <summary>Reuses <paramref name="buffer"/> when it already has the wanted shape, else allocates it.</summary>
    protected static Tensor<T> Ensure(ref Tensor<T>? buffer, int rows, int cols)
    {
        if (buffer is null || buffer.Rows != rows || buffer.Cols != cols) buffer = new Tensor<T>(rows, cols);
        return buffer;
    }

    /// <summary>What the forward pass saved for the backward pass, or a clear error when backward comes first.</summary>
    protected static TValue Remembered<TValue>(TValue? value, string module) where TValue : class =>
        value ?? throw new InvalidOperationException($"{module}: Backward was called before Forward.");
}
