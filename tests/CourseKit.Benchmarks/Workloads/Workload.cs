using CourseKit.Recurrent.Architectures;

namespace CourseKit.Benchmarks.Workloads;

/// <summary>
/// One measured task, defined once and run by both the BenchmarkDotNet classes and the side-by-side comparison with
/// PyTorch (tests/CourseKit.Benchmarks/torch_workloads.py defines the same tasks with the same sizes).
/// </summary>
public abstract class Workload
{
    /// <summary>The name both sides report (for example "lstm_step").</summary>
    public abstract string Name { get; }

    /// <summary>What is measured, for the printed table.</summary>
    public abstract string Description { get; }

    /// <summary>Builds inputs and runs the task once, so buffers exist before timing.</summary>
    public abstract void Setup();

    /// <summary>The task itself.</summary>
    public abstract void Run();

    /// <summary>The lecture's workloads, in the order the side-by-side table prints them.</summary>
    public static IReadOnlyList<Workload> All() =>
    [
        new GemmWorkload<float>(64), new GemmWorkload<float>(256), new GemmWorkload<float>(1024),
        new GemmWorkload<double>(64), new GemmWorkload<double>(256), new GemmWorkload<double>(1024),
        new MlpStepWorkload(),
        new RecurrentStepWorkload(CellKind.Lstm, bidirectional: false),
        new RecurrentStepWorkload(CellKind.Gru, bidirectional: false),
        new RecurrentStepWorkload(CellKind.SimpleRnn, bidirectional: false),
        new RecurrentStepWorkload(CellKind.Gru, bidirectional: true),
        new XorWorkload(),
        new TinyOpWorkload(backward: false), new TinyOpWorkload(backward: true),
    ];
}
