using CourseKit.Activations;
using CourseKit.Layers;
using CourseKit.Recurrent;
using CourseKit.Recurrent.Architectures;
using CourseKit.Regularization;
using CourseKit.Tensors;

namespace CourseKit.Tests;

/// <summary>What every layer, cell and model shares through <see cref="Module{T}"/>: named parameters, zeroing, modes, owned results, one default for randomness.</summary>
[Collection(RunsAloneCollection.Name)]   // it reseeds DefaultRandom, which other tests draw from
public class ModuleTests
{
    [Fact]
    public void Parameters_are_named_after_the_modules_that_hold_them()
    {
        var net = new Sequential<double>(new Dense<double>(3, 4, new Relu<double>(), new Random(1)), new Dense<double>(4, 2, null, new Random(2)));
        Assert.Equal(["layer1.W", "layer1.b", "layer2.W", "layer2.b"], net.Parameters.Select(p => p.Name));
        Assert.Equal(3 * 4 + 4 + 4 * 2 + 2, net.ParameterCount);

        var bi = new Bidirectional<double>(new GruCell<double>(2, 3, random: new Random(1)), new GruCell<double>(2, 3, random: new Random(2)));
        Assert.Equal(["forward.W_ih", "forward.W_hh", "forward.b_ih", "forward.b_hh", "backward.W_ih", "backward.W_hh", "backward.b_ih", "backward.b_hh"],
            bi.Parameters.Select(p => p.Name));

        var tagger = new SequenceTagger<double>(10, 4, RecurrentEncoder.Create<double>(CellKind.Lstm, 4, 5, layers: 2, random: new Random(3)), 3, new Random(4));
        Assert.Equal(["embedding.E", "encoder.layer1.W_ih", "encoder.layer1.W_hh", "encoder.layer1.b_ih", "encoder.layer1.b_hh",
                      "encoder.layer2.W_ih", "encoder.layer2.W_hh", "encoder.layer2.b_ih", "encoder.layer2.b_hh", "head.W", "head.b"],
            tagger.Parameters.Select(p => p.Name));
        Assert.Equal(["embedding", "encoder", "head"], tagger.Children.Select(c => c.Name));
    }

    [Fact]
    public void Zeroing_and_the_mode_reach_every_module_inside()
    {
        var dropout = new Dropout<double>(0.5, 1);
        var net = new Sequential<double>(new Dense<double>(2, 3, null, new Random(1)), dropout, new Dense<double>(3, 1, null, new Random(2)));
        net.Forward(Tensor.Ones<double>(4, 2));
        net.Backward(Tensor.Ones<double>(4, 1));
        Assert.All(net.Parameters, p => Assert.NotEqual(0.0, p.Gradient.Map(Math.Abs).Sum()));

        net.ZeroGradients();
        Assert.All(net.Parameters, p => Assert.Equal(0.0, p.Gradient.Map(Math.Abs).Sum()));

        net.IsTraining = false;
        Assert.False(dropout.IsTraining);
        Assert.Equal(net.Forward(Tensor.Ones<double>(4, 2)), net.Forward(Tensor.Ones<double>(4, 2)));   // no dropout in evaluation
        net.IsTraining = true;
        Assert.True(dropout.IsTraining);
    }

    [Fact]
    public void Forward_returns_tensors_the_caller_owns_while_the_borrowed_form_lends_one_buffer()
    {
        var layer = new Dense<double>(Tensor.FromRows([1.0, 0.0], [0.0, 1.0]));
        var first = layer.Forward(Tensor.Row(1.0, 2.0));
        var second = layer.Forward(Tensor.Row(3.0, 4.0));
        Assert.Equal(Tensor.Row(1.0, 2.0), first);   // not overwritten by the second call
        Assert.NotSame(first, second);
        Assert.Same(layer.ForwardBorrowed(Tensor.Row(1.0, 2.0)), layer.ForwardBorrowed(Tensor.Row(3.0, 4.0)));

        var rnn = new RecurrentLayer<double>(new SimpleRnnCell<double>(2, 2, random: new Random(1)));
        var a = rnn.Forward(SequenceBatch<double>.FromSequence(Tensor.FromRows([1.0, 0.0], [0.0, 1.0])));
        var keep = a.Clone();
        rnn.Forward(SequenceBatch<double>.FromSequence(Tensor.FromRows([5.0, 5.0], [5.0, 5.0])));
        Assert.Equal(keep, a);
    }

    [Fact]
    public void Modules_built_without_a_generator_differ_and_a_seed_reproduces_them()
    {
        DefaultRandom.Seed(11);
        var first = new LstmCell<double>(3, 4);
        var second = new LstmCell<double>(3, 4);
        var dense = new Dense<double>(3, 4);
        DefaultRandom.Seed(11);
        var again = new LstmCell<double>(3, 4);

        Assert.NotEqual(first.InputWeights.Value, second.InputWeights.Value);
        Assert.Equal(first.InputWeights.Value, again.InputWeights.Value);
        Assert.Equal(first.HiddenBias.Value, again.HiddenBias.Value);
        Assert.NotEqual(0.0, dense.Weights.Value.Map(Math.Abs).Sum());
        // A generator given to the constructor makes the weights independent of the sequence.
        Assert.Equal(new LstmCell<double>(3, 4, new Random(5)).InputWeights.Value, new LstmCell<double>(3, 4, new Random(5)).InputWeights.Value);
    }

    [Fact]
    public void PyTorch_names_are_the_same_types()
    {
        Assert.IsAssignableFrom<Relu<double>>(new ReLU<double>());
        Assert.Equal(0.2, new LeakyReLU<double>(0.2).Slope);
        var layer = new Dense<double>(2, 2, null, new Random(1));
        Assert.IsAssignableFrom<CourseKit.Optimizers.RmsProp<double>>(new CourseKit.Optimizers.RMSprop<double>(layer.Parameters, 0.01));
    }
}

/// <summary>Tests that change what the whole process shares (<see cref="DefaultRandom"/>, the current folder) run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAloneCollection
{
    public const string Name = "Runs alone";
}
