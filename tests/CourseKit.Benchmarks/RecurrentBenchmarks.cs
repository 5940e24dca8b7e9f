using BenchmarkDotNet.Attributes;
using CourseKit.Benchmarks.Workloads;
using CourseKit.Recurrent.Architectures;
using CourseKit.Recurrent;

namespace CourseKit.Benchmarks;

/// <summary>
/// One forward + backward pass of each recurrent layer (batch 32, 50 steps, 64 inputs, 128 hidden, float32): the same
/// workloads the side-by-side comparison runs against PyTorch.
/// </summary>
[MemoryDiagnoser]
public class RecurrentBenchmarks
{
    private readonly RecurrentStepWorkload lstm = new(CellKind.Lstm, false), gru = new(CellKind.Gru, false),
        rnn = new(CellKind.SimpleRnn, false), bigru = new(CellKind.Gru, true);

    /// <summary>Builds the four layers and runs each once so their buffers exist.</summary>
    [GlobalSetup]
    public void Setup()
    {
        lstm.Setup();
        gru.Setup();
        rnn.Setup();
        bigru.Setup();
    }

    /// <summary>LSTM.</summary>
    [Benchmark] public void LstmStep() => lstm.Run();

    /// <summary>GRU (PyTorch's reset placement).</summary>
    [Benchmark] public void GruStep() => gru.Run();

    /// <summary>Simple tanh RNN.</summary>
    [Benchmark] public void TanhRnnStep() => rnn.Run();

    /// <summary>Bidirectional GRU.</summary>
    [Benchmark] public void BidirectionalGruStep() => bigru.Run();
}
