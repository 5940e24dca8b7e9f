// 04-optimizers.cs: the lecture notebook notebooks/04-optimizers.ipynb as a .NET 10 file-based app, without a notebook engine.
// Run it here with `dotnet run 04-optimizers.cs`: text goes to the console, what the notebook displays to 04-optimizers.html.
// Made by `coursekit export --to app` from the notebook: edit the notebook and export again, not this file.
#:project ../../lib/CourseKit.Interactive/CourseKit.Interactive.csproj
#:property Configuration=Release
#:property Nullable=annotations
using CourseKit.Tensors;
using CourseKit.Layers;
using CourseKit.Optimizers;
using CourseKit.Optimizers.Surfaces;
using CourseKit.Interactive;
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
// Change these and re-run the notebook (or the cells below): the learning rate, the starting point and the number of steps. Each optimizer gets a rate scaled from `lr` so that all of them move at a comparable pace on the bowl.

double lr = 0.05;
(double X, double Y) start = (-1.5, 1.0);
int steps = 60;
var optimizers = new (string Name, Func<IReadOnlyList<Parameter<double>>, Optimizer<double>> Make)[]
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
var bowlPaths = optimizers
    .Select(o => Trajectory.Run(o.Make, bowl, start, steps) with { Optimizer = o.Name }).ToList();
Kit.Show(Plots.Trajectories(bowl, (-2, 2), (-1.5, 1.5), bowlPaths));
foreach (var t in bowlPaths)
    Console.WriteLine($"{t.Optimizer,-17} f after {steps} steps = {t.End.Loss:E2}   "
        + $"distance to minimum = {t.DistanceToMinimum:F4}");

// After 60 steps Adagrad and RMSProp sit on the minimum ($f \approx 10^{-14}$ and $10^{-17}$), Nesterov is close, and gradient descent, momentum and Adam are still a few hundredths away. AdaDelta has only crept from $f = 12.25$ at the start to 7.9: see below why.
//
// ## Gradient descent vs stochastic gradient descent
//
// Stochastic (and mini-batch) gradient descent use the same update, but on the gradient of a few examples instead of all of them: an unbiased but **noisy** estimate. Here that noise is simulated on the bowl by adding seeded Gaussian noise to the exact gradient; the stochastic path wanders around the valley instead of walking down it, and never quite settles unless the learning rate decays.


GradientDescent<double> Descent(IReadOnlyList<Parameter<double>> p) => new(p, lr / 2);
var noisy = new NoisyGradient(bowl, 4.0, new Random(1));
var gd = Trajectory.Run<double>(Descent, bowl, start, steps) with { Optimizer = "exact" };
var sgd = Trajectory.Run<double>(Descent, noisy, start, steps) with { Optimizer = "noisy" };
Kit.Show(Plots.Trajectories(bowl, (-2, 2), (-1.5, 1.5), new[] { gd, sgd },
    "Same learning rate, exact vs noisy gradients"));
Console.WriteLine($"after {steps} steps: gradient descent f = {gd.End.Loss:E2}, "
    + $"stochastic f = {sgd.End.Loss:E2}");

// Same rate, same number of steps: the noisy path ends more than a hundred times higher ($f = 0.62$ against $0.0048$). Each noisy step is right on average, but near the minimum the noise is larger than the gradient, so the path keeps jumping around it.
//
// ## On Rosenbrock
//
// Finding the valley is easy; following its flat, curved floor to $(1, 1)$ is the hard part.

// Rosenbrock's gradients reach ~1000 on its valley walls: descent and momentum need small rates.
var rosenOptimizers =
    new (string Name, Func<IReadOnlyList<Parameter<double>>, Optimizer<double>> Make)[]
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
var rosenPaths = rosenOptimizers.Select(o =>
    Trajectory.Run(o.Make, rosenbrock, start, longer) with { Optimizer = o.Name }).ToList();
Kit.Show(Plots.Trajectories(rosenbrock, (-2, 2), (-1, 3), rosenPaths));
foreach (var t in rosenPaths)
    Console.WriteLine($"{t.Optimizer,-17} f after {longer} steps = {t.End.Loss:E2}   "
        + $"distance to (1, 1) = {t.DistanceToMinimum:F4}");

// After 3000 steps only Adam has followed the curved floor to $(1, 1)$ (distance 0.004); RMSProp is 0.07 away, the others about 0.3, and AdaDelta 0.6.
//
// AdaDelta has no learning rate to speak of: its steps are $\sqrt{u + \epsilon} / \sqrt{v + \epsilon}\, g$, and with $u$ (the average squared *update*) starting at 0 its first steps are about $\sqrt{\epsilon} = 0.001$ long. It starts slowly and speeds up as $u$ grows — on the bowl above it has barely left the start after 60 steps.

// ## Momentum overshoots, Adagrad's rate only shrinks
//
// Two remarks from the slides made visible on the bowl. First, the loss under momentum goes *up* at times: it overshoots the valley and swings back. Second, Adagrad's rate for a coordinate, $\eta / \sqrt{\sum g^2}$, can only shrink, because the sum only grows; RMSProp's average $v$ forgets old gradients, so its rate grows again once the gradients get small. The rate each method actually used can be read off its path: $|\Delta x| / |\partial f / \partial x|$ at every step.

Trajectory Path(string name) => bowlPaths.Single(p => p.Optimizer == name);
(string, double[]) Loss(string name) => (name, Path(name).Points.Select(p => p.Loss).ToArray());
Kit.Show(Plots.LogCurves("Loss on the bowl", "step", "f",
    new[] { Loss("gradient descent"), Loss("momentum 0.9"), Loss("Adam") }));
int Rises(Trajectory t) => t.Points.Zip(t.Points.Skip(1), (a, b) => b.Loss > a.Loss).Count(r => r);
int rises = Rises(Path("momentum 0.9")), gdRises = Rises(Path("gradient descent"));
Console.WriteLine($"momentum: the loss rose in {rises} of {steps} steps; "
    + $"gradient descent: in {gdRises}");
if (rises == 0) throw new Exception("momentum should overshoot on the bowl");

double[] RateForX(Trajectory t) => t.Points.Zip(t.Points.Skip(1),
    (a, b) => Math.Abs(b.X - a.X) / Math.Abs(bowl.Gradient(a.X, a.Y).X)).ToArray();
var (adagradRate, rmsPropRate) = (RateForX(Path("Adagrad")), RateForX(Path("RMSProp")));
Kit.Show(Plots.Curves("Rate used for x: |Δx| / |∂f/∂x|", "step", "rate",
    ("Adagrad", adagradRate), ("RMSProp", rmsPropRate)));
Console.WriteLine($"rate for x at step {steps}: Adagrad {adagradRate[^1]:F3}, "
    + $"RMSProp {rmsPropRate[^1]:F3}");

// Momentum's loss rose in 25 of the 60 steps, gradient descent's in none: each overshoot is a swing across the valley. The two rates start equal, at 0.167 (both first steps move $x$ by 0.5 against a gradient of 3), and both fall while the early, large gradients fill the denominator. From step 8 they part: Adagrad's rate settles at 0.119 and stays there, because the tiny late gradients add almost nothing to its sum, while RMSProp's climbs steadily to 0.159 by step 60, because its average forgets 1% of the old gradients at every step.
//
// ## Adam's bias correction, number by number
//
// Adam keeps running averages of the gradient, $m$, and of its square, $v$, both starting at 0. Early on they are biased towards 0, so the slide divides them by $1 - \beta_1^t$ and $1 - \beta_2^t$:
//
// $$\hat{m}_t = \frac{m_t}{1 - \beta_1^t} \qquad \hat{v}_t = \frac{v_t}{1 - \beta_2^t} \qquad \theta_{t+1} = \theta_t - \frac{\eta}{\sqrt{\hat{v}_t} + \epsilon}\hat{m}_t$$
//
// with $\beta_1 = 0.9$, $\beta_2 = 0.999$. The table follows the $x$ coordinate on the bowl for the first steps: $m$ is only 10% of the gradient after step 1, while $\hat m$ is the gradient itself.

var theta = new Parameter<double>("θ", Tensor.Row(start.X, start.Y));
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
Kit.Show(Kit.Table(Tensor.FromRows(rowsT.ToArray()), "Adam on the bowl, x coordinate (η = 0.1)",
    null, new[] { "t", "g", "m", "m̂", "v", "v̂", "x after step" }, "G5"));

var first = rowsT[0];
Console.WriteLine($"step 1: g = {first[1]}, m = {first[2]:G6} (= 0.1 g), m̂ = {first[3]:G6} (= g), "
    + $"v̂ = {first[5]:G6} (= g²)");
if (Math.Abs(first[3] - first[1]) > 1e-12 || Math.Abs(first[5] - first[1] * first[1]) > 1e-9)
    throw new Exception("bias correction should make m̂ = g and v̂ = g² at t = 1");

// At $t = 1$ the update is $\eta\, g / (|g| + \epsilon) \approx \eta\,\mathrm{sign}(g)$: Adam's first step has length about $\eta$ in every coordinate, whatever the gradient's size. That is why its learning rate is easy to choose ("needs little to no manual tuning").
//
// ## Exercises
//
// 1. Set `lr = 0.2`. Which optimizers diverge on the bowl, and why does Adam not?
// 2. Start at `(0.5, -1)` on Rosenbrock. Which optimizer gets closest to $(1, 1)$ in 600 steps?
// 3. Remove the bias correction (use $m$ and $v$ instead of $\hat m$ and $\hat v$) in the table's formula: how long is the first step now?
// 4. Run Adagrad and RMSProp for 5000 steps on the bowl with the noisy gradient. Plot the rate each uses: which one keeps moving, and which one freezes?
// 5. Compare `new Momentum<double>(p, 0.005)` with and without `nesterov: true` on the bowl: which overshoots less?

// The types the notebook declares (C# wants them after the statements).

// A surface whose gradient carries Gaussian noise, as a mini-batch gradient does.
record NoisyGradient(ISurface Exact, double Sigma, Random Random) : ISurface
{
    public string Name => $"{Exact.Name} with noisy gradients";
    public double Value(double x, double y) => Exact.Value(x, y);
    public (double X, double Y) Minimum => Exact.Minimum;
    public (double X, double Y) Gradient(double x, double y) =>
        (Exact.Gradient(x, y).X + Sigma * Noise(), Exact.Gradient(x, y).Y + Sigma * Noise());
    double Noise() => Tensor.Normal(1, 1, 0.0, 1.0, Random)[0, 0];
}
