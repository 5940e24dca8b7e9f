using CourseKit.Layers;
using CourseKit.Optimizers.Schedules;
using CourseKit.Optimizers.Surfaces;
using CourseKit.Optimizers;
using CourseKit.Tensors;

namespace CourseKit.Tests;

public class OptimizerStateTests
{
    private static readonly Rosenbrock Surface = new();

    // Runs n steps of the optimizer on Rosenbrock, the gradient set from the surface each step.
    private static void Steps(Optimizer<double> optimizer, Parameter<double> p, int n)
    {
        for (int i = 0; i < n; i++)
        {
            var (gx, gy) = Surface.Gradient(p.Value[0, 0], p.Value[0, 1]);
            p.Gradient[0, 0] = gx;
            p.Gradient[0, 1] = gy;
            optimizer.Step();
        }
    }

    public static TheoryData<string> Optimizers() => ["momentum", "adagrad", "rmsprop", "adadelta", "adam", "adamw"];

    private static Optimizer<double> Make(string name, Parameter<double> p) => name switch
    {
        "momentum" => new Momentum<double>([p], 1e-3, nesterov: true),
        "adagrad" => new Adagrad<double>([p], 0.05),
        "rmsprop" => new RmsProp<double>([p], 1e-3, centered: true, momentum: 0.5),
        "adadelta" => new Adadelta<double>([p]),
        "adam" => new Adam<double>([p], 0.01),
        "adamw" => new AdamW<double>([p], 0.01),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Restored_state_continues_exactly_where_it_was_saved(string name)
    {
        var p = new Parameter<double>("theta", Tensor.Row(-1.5, 2.0));
        var optimizer = Make(name, p);
        Steps(optimizer, p, 7);
        var saved = optimizer.SaveState();
        var savedTheta = p.Value.Clone();
        Steps(optimizer, p, 9);
        var uninterrupted = p.Value.Clone();

        // A fresh optimizer over a fresh parameter, restored from the snapshot, must follow the same path bit for bit.
        var q = new Parameter<double>("theta", savedTheta.Clone());
        var restored = Make(name, q);
        restored.LoadState(saved);
        Assert.Equal(7, restored.StepCount);
        Steps(restored, q, 9);
        Assert.Equal(uninterrupted, q.Value);

        // Without the state the path differs: the test can tell.
        var r = new Parameter<double>("theta", savedTheta.Clone());
        Steps(Make(name, r), r, 9);
        Assert.NotEqual(uninterrupted, r.Value);
    }

    [Fact]
    public void Snapshot_is_a_deep_copy()
    {
        var p = new Parameter<double>("theta", Tensor.Row(1.0, 1.0));
        var adam = new Adam<double>([p], 0.1);
        Steps(adam, p, 1);
        var saved = adam.SaveState();
        double m = saved.Buffers[0][0, 0];
        Steps(adam, p, 3);
        Assert.Equal(m, saved.Buffers[0][0, 0]);
        Assert.Equal(2, adam.SaveState().Buffers.Count);   // m and v for the one parameter, nothing else
    }

    [Fact]
    public void Mismatched_state_is_rejected_with_a_reason()
    {
        var p = new Parameter<double>("theta", Tensor.Row(1.0, 1.0));
        var adamState = new Adam<double>([p]).SaveState();
        var ex = Assert.Throws<ArgumentException>(() => new RmsProp<double>([p]).LoadState(adamState));
        Assert.Contains("RMSprop", ex.Message);
        var other = new Parameter<double>("w", Tensor.Row(1.0, 2.0, 3.0));
        var shape = Assert.Throws<ShapeMismatchException>(() => new Adam<double>([other]).LoadState(adamState));
        Assert.Contains("(1×2)", shape.Message);
        Assert.Contains("(1×3)", shape.Message);
    }

    [Fact]
    public void Inverse_time_decay_divides_by_one_plus_k_t()
    {
        var p = new Parameter<double>("theta", Tensor.Row(1.0));
        var sgd = new GradientDescent<double>([p], 0.5);
        var schedule = new InverseTimeDecay<double>(sgd, 0.25);
        var rates = new List<double>();
        for (int epoch = 0; epoch < 4; epoch++) { schedule.Step(); rates.Add(sgd.LearningRate); }
        Assert.Equal([0.5 / 1.25, 0.5 / 1.5, 0.5 / 1.75, 0.5 / 2.0], rates);
        Assert.Throws<ArgumentOutOfRangeException>(() => new InverseTimeDecay<double>(sgd, -1));
    }
}
