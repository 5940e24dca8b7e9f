using CourseKit.Layers;
using CourseKit.Optimizers.Schedules;
using CourseKit.Optimizers;
using CourseKit.Tensors;

namespace CourseKit.Tests;

public class ScheduleTests
{
    public static TheoryData<string> Names() => ["step", "exponential", "cosine"];

    [Theory]
    [MemberData(nameof(Names))]
    public void Learning_rates_match_torch_lr_scheduler(string name)
    {
        var c = Reference.Cases(OptimizerReference.File, "schedules").Single(e => e.GetProperty("name").GetString() == name);
        var o = c.GetProperty("options");
        var opt = new GradientDescent<double>([new Parameter<double>("θ", new Tensor<double>(1, 2))], c.GetProperty("lr").GetDouble());
        LearningRateSchedule<double> schedule = c.GetProperty("scheduler").GetString() switch
        {
            "StepLR" => new StepDecay<double>(opt, o.GetProperty("step_size").GetInt32(), o.GetProperty("gamma").GetDouble()),
            "ExponentialLR" => new ExponentialDecay<double>(opt, o.GetProperty("gamma").GetDouble()),
            "CosineAnnealingLR" => new CosineAnnealing<double>(opt, o.GetProperty("T_max").GetInt32(), o.GetProperty("eta_min").GetDouble()),
            var other => throw new NotSupportedException(other),
        };
        var expected = c.GetProperty("lrs").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var actual = new List<double> { opt.LearningRate };
        for (int epoch = 0; epoch < c.GetProperty("epochs").GetInt32(); epoch++)
        {
            opt.Step();
            schedule.Step();
            actual.Add(opt.LearningRate);
        }
        Assert.Equal(expected.Length, actual.Count);
        double diff = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(diff <= 1e-15, $"{name}: max |Δη| {diff:E3} > 1e-15 (measured 2.8e-17)\nexpected {string.Join(", ", expected)}\nactual   {string.Join(", ", actual)}");
        Assert.Equal(expected.Length - 1, schedule.Epoch);
    }

    [Fact]
    public void Cosine_annealing_reaches_the_minimum_after_one_period()
    {
        var opt = new Adam<double>([new Parameter<double>("θ", new Tensor<double>(1, 1))], 0.01);
        var schedule = new CosineAnnealing<double>(opt, period: 10, minimumLearningRate: 1e-4);
        Assert.Equal(0.01, schedule.LearningRateAt(0));
        Assert.Equal(1e-4, schedule.LearningRateAt(10), 1e-15);
        Assert.Equal((0.01 + 1e-4) / 2, schedule.LearningRateAt(5), 1e-15);
    }
}
