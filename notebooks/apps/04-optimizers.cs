// 04-optimizers.cs: the lecture notebook notebooks/04-optimizers.ipynb as a .NET 10 file-based app, without a notebook engine.
// Run it here with `dotnet run 04-optimizers.cs`: text goes to the console, what the notebook displays to 04-optimizers.html.
// Made by `coursekit export --to app` from the notebook: edit the notebook and export again, not this file.
#:project ../../lib/CourseKit.Interactive/CourseKit.Interactive.csproj
#:property Configuration=Release
#:property Nullable=annotations
using CourseKit.Tensors;
using CourseKit.Activations;
using CourseKit.Layers;
using CourseKit.Losses;
using CourseKit.Gradients;
using CourseKit.Examples;
using CourseKit.Interactive;
using CourseKit.Optimizers;
using CourseKit.Optimizers.Surfaces;
using CourseKit.Interactive.Charts;

// The lesson reads its files relative to the notebook's folder, as it does in a notebook.
System.IO.Directory.SetCurrentDirectory(System.IO.Path.GetFullPath(System.IO.Path.Combine(
    (string)System.AppContext.GetData("EntryPointFileDirectoryPath")!, "..")));

// # 4 · Optimizers
//
// *Lecture 6: the slides **Optimizers**, **Adaptive moment estimation** and **Adam**.*
//
// An optimizer turns gradients into updates. The slides list gradient descent, its stochastic and mini-batch versions, momentum, Adagrad, RMSProp, AdaDelta and Adam. Here every one of them (the library's versions match PyTorch's `torch.optim` to about 1e-16) walks down the same two-dimensional loss surfaces from the same start, so you can *see* how they differ.
//
// * **Bowl** $f(x, y) = x^2 + 10 y^2$: a long, narrow valley — steep across, shallow along.
// * **Rosenbrock** $f(x, y) = (1 - x)^2 + 100 (y - x^2)^2$: a curved valley whose floor is nearly flat; the minimum is at $(1, 1)$.
//
// (Stochastic and mini-batch descent use the same update as gradient descent on a noisier gradient; the hyperparameters notebook shows them on data.)

// (Kit.Setup() connects the kit to a notebook's display; an app shows into its report.)

// ## Your knobs
//
// Change these and re-run the notebook (or the cells below): the learning rate, the starting point and the number of steps.

double lr = 0.05;
(double X, double Y) start = (-1.5, 1.0);
int steps = 60;

var optimizers = new (string Name, Func<IReadOnlyList<CourseKit.Layers.Parameter<double>>, Optimizer<double>> Make)[]
{
    ("gradient descent", p => new GradientDescent<double>(p, lr / 2)),
    ("momentum 0.9",     p => new Momentum<double>(p, lr / 10, momentum: 0.9)),
    ("Nesterov 0.9",     p => new Momentum<double>(p, lr / 10, momentum: 0.9, nesterov: true)),
    ("Adagrad",          p => new Adagrad<double>(p, lr * 10)),
    ("RMSProp",          p => new RmsProp<double>(p, lr)),
    ("AdaDelta",         p => new Adadelta<double>(p, 1.0)),
    ("Adam",             p => new Adam<double>(p, lr * 2)),
};
Console.WriteLine($"lr = {lr}, start = {start}, {steps} steps");

// ## On the bowl
//
// Gradient descent zig-zags across the steep direction while crawling along the shallow one. Momentum builds up speed along the valley but overshoots across it. The adaptive methods (Adagrad, RMSProp, Adam) scale each coordinate by its own gradient history, so both directions move at a similar pace.

var bowl = new QuadraticBowl(1, 10);
var bowlPaths = optimizers.Select(o => Trajectory.Run(o.Make, bowl, start, steps) with { Optimizer = o.Name }).ToList();
Kit.Show(Plots.Trajectories(bowl, (-2, 2), (-1.5, 1.5), bowlPaths));
foreach (var t in bowlPaths) Console.WriteLine($"{t.Optimizer,-17} f after {steps} steps = {t.End.Loss:E2}   distance to minimum = {t.DistanceToMinimum:F4}");

// ## Gradient descent vs stochastic gradient descent
//
// Stochastic (and mini-batch) gradient descent use the same update, but on the gradient of a few examples instead of all of them: an unbiased but **noisy** estimate. Here that noise is simulated on the bowl by adding seeded Gaussian noise to the exact gradient; the stochastic path wanders around the valley instead of walking down it, and never quite settles unless the learning rate decays.

var gd = Trajectory.Run<double>(p => new GradientDescent<double>(p, lr / 2), bowl, start, steps) with { Optimizer = "gradient descent (all examples)" };
var sgd = Trajectory.Run<double>(p => new GradientDescent<double>(p, lr / 2), new NoisyGradient(bowl, 4.0, new Random(1)), start, steps) with { Optimizer = "stochastic (noisy gradient)" };
Kit.Show(Plots.Trajectories(bowl, (-2, 2), (-1.5, 1.5), new[] { gd, sgd }, "Same learning rate, exact vs noisy gradients"));
Console.WriteLine($"after {steps} steps: gradient descent f = {gd.End.Loss:E2}, stochastic f = {sgd.End.Loss:E2}");

// ## On Rosenbrock
//
// Finding the valley is easy; following its flat, curved floor to $(1, 1)$ is the hard part.

// Rosenbrock's gradients reach ~1000 on the valley walls: plain and momentum descent need much smaller rates here.
var rosenOptimizers = new (string Name, Func<IReadOnlyList<CourseKit.Layers.Parameter<double>>, Optimizer<double>> Make)[]
{
    ("gradient descent", p => new GradientDescent<double>(p, 1e-3)),
    ("momentum 0.9",     p => new Momentum<double>(p, 1e-4, momentum: 0.9)),
    ("Nesterov 0.9",     p => new Momentum<double>(p, 1e-4, momentum: 0.9, nesterov: true)),
    ("Adagrad",          p => new Adagrad<double>(p, 0.5)),
    ("RMSProp",          p => new RmsProp<double>(p, 0.01)),
    ("AdaDelta",         p => new Adadelta<double>(p, 1.0)),
    ("Adam",             p => new Adam<double>(p, 0.05)),
};
var rosenbrock = new Rosenbrock();
var longer = steps * 50;
var rosenPaths = rosenOptimizers.Select(o => Trajectory.Run<double>(o.Make, rosenbrock, start, longer) with { Optimizer = o.Name }).ToList();
Kit.Show(Plots.Trajectories(rosenbrock, (-2, 2), (-1, 3), rosenPaths));
foreach (var t in rosenPaths) Console.WriteLine($"{t.Optimizer,-17} f after {longer} steps = {t.End.Loss:E2}   distance to (1, 1) = {t.DistanceToMinimum:F4}");

// AdaDelta has no learning rate to speak of: its steps are $\sqrt{u + \epsilon} / \sqrt{v + \epsilon}\, g$, and with $u$ (the average squared *update*) starting at 0 its first steps are about $\sqrt{\epsilon} = 0.001$ long. It starts slowly and speeds up as $u$ grows — on the bowl above it has barely left the start after 60 steps.

// ## Momentum overshoots, Adagrad's steps shrink
//
// Two remarks from the slides made visible on the bowl: the loss under momentum goes *up* at times (it overshoots the valley and swings back), and Adagrad's steps only ever shrink, because its denominator $\sqrt{\sum g^2}$ can only grow.

Trajectory Path(string name) => bowlPaths.Single(p => p.Optimizer == name);
double[] Log10Loss(string name) => Path(name).Points.Select(p => Math.Log10(p.Loss)).ToArray();
Kit.Show(Plots.Curves("Loss on the bowl", "step", "log₁₀ f",
    ("gradient descent", Log10Loss("gradient descent")), ("momentum 0.9", Log10Loss("momentum 0.9")), ("Adam", Log10Loss("Adam"))));
double[] StepLengths(Trajectory t) => t.Points.Zip(t.Points.Skip(1), (a, b) => Math.Sqrt((b.X - a.X) * (b.X - a.X) + (b.Y - a.Y) * (b.Y - a.Y))).ToArray();
var adagradSteps = StepLengths(Path("Adagrad"));
Kit.Show(Plots.Curves("Length of each step", "step", "‖Δθ‖", ("Adagrad", adagradSteps), ("RMSProp", StepLengths(Path("RMSProp")))));
int rises = Path("momentum 0.9").Points.Zip(Path("momentum 0.9").Points.Skip(1), (a, b) => b.Loss > a.Loss).Count(r => r);
int gdRises = Path("gradient descent").Points.Zip(Path("gradient descent").Points.Skip(1), (a, b) => b.Loss > a.Loss).Count(r => r);
Console.WriteLine($"momentum: the loss rose in {rises} of {steps} steps; gradient descent: in {gdRises}");
if (rises == 0) throw new Exception("momentum should overshoot on the bowl");

// ## Adam's bias correction, number by number
//
// Adam keeps running averages of the gradient, $m$, and of its square, $v$, both starting at 0. Early on they are biased towards 0, so the slide divides them by $1 - \beta_1^t$ and $1 - \beta_2^t$:
//
// $$\hat{m}_t = \frac{m_t}{1 - \beta_1^t} \qquad \hat{v}_t = \frac{v_t}{1 - \beta_2^t} \qquad \theta_{t+1} = \theta_t - \frac{\eta}{\sqrt{\hat{v}_t} + \epsilon}\hat{m}_t$$
//
// with $\beta_1 = 0.9$, $\beta_2 = 0.999$. The table follows the $x$ coordinate on the bowl for the first steps: $m$ is only 10% of the gradient after step 1, while $\hat m$ is the gradient itself.

var theta = new CourseKit.Layers.Parameter<double>("θ", Tensor.Row(start.X, start.Y));
var adam = new Adam<double>(new[] { theta }, 0.1);
var rowsT = new List<double[]>();
for (int t = 1; t <= 6; t++)
{
    var (gx, gy) = bowl.Gradient(theta.Value[0, 0], theta.Value[0, 1]);
    theta.Gradient[0, 0] = gx; theta.Gradient[0, 1] = gy;
    adam.Step();
    double m = adam.FirstMoment(0)[0, 0], v = adam.SecondMoment(0)[0, 0];
    double mHat = m / (1 - Math.Pow(0.9, t)), vHat = v / (1 - Math.Pow(0.999, t));
    rowsT.Add(new[] { t, gx, m, mHat, v, vHat, theta.Value[0, 0] });
}
var table = Tensor.FromRows(rowsT.ToArray());
Kit.Show(Kit.Table(table, "Adam on the bowl, x coordinate (η = 0.1)", null, new[] { "t", "g", "m", "m̂", "v", "v̂", "x after step" }, "G5"));
var first = rowsT[0];
Console.WriteLine($"step 1: g = {first[1]}, m = {first[2]:G6} (= 0.1 g), m̂ = {first[3]:G6} (= g), v̂ = {first[5]:G6} (= g²)");
if (Math.Abs(first[3] - first[1]) > 1e-12 || Math.Abs(first[5] - first[1] * first[1]) > 1e-9) throw new Exception("bias correction should make m̂ = g and v̂ = g² at t = 1");

// At $t = 1$ the update is $\eta\, g / (|g| + \epsilon) \approx \eta\,\mathrm{sign}(g)$: Adam's first step has length about $\eta$ in every coordinate, whatever the gradient's size. That is why its learning rate is easy to choose ("needs little to no manual tuning").
//
// ## Exercises
//
// 1. Set `lr = 0.2`. Which optimizers diverge on the bowl, and why does Adam not?
// 2. Start at `(0.5, -1)` on Rosenbrock. Which optimizer gets closest to $(1, 1)$ in 600 steps?
// 3. Remove the bias correction (use $m$ and $v$ instead of $\hat m$ and $\hat v$) in the table's formula: how long is the first step now?
// 4. Run Adagrad for 5000 steps on the bowl. Plot its step lengths: do they ever grow?
// 5. Compare `new Momentum<double>(p, 0.005)` with and without `nesterov: true` on the bowl: which overshoots less?

// The types the notebook declares (C# wants them after the statements).

// A surface whose gradient carries noise, as a mini-batch gradient does.
record NoisyGradient(ISurface Exact, double Sigma, Random Random) : ISurface
{
    public string Name => $"{Exact.Name} with noisy gradients";
    public double Value(double x, double y) => Exact.Value(x, y);
    public (double X, double Y) Minimum => Exact.Minimum;
    public (double X, double Y) Gradient(double x, double y)
    {
        var (gx, gy) = Exact.Gradient(x, y);
        return (gx + Sigma * Tensor.Normal(1, 1, 0.0, 1.0, Random)[0, 0], gy + Sigma * Tensor.Normal(1, 1, 0.0, 1.0, Random)[0, 0]);
    }
}
