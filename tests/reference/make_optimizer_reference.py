#!/usr/bin/python3
"""Optimizer trajectories from PyTorch's torch.optim for CourseKit's optimizer tests.

Run with Debian's PyTorch:  /usr/bin/python3 tests/reference/make_optimizer_reference.py
It writes optimizers.json beside this script; it is committed, so the C# tests need no PyTorch.

Conventions (how this maps to CourseKit):
- Everything is float64. The parameter is one 1x2 tensor [[x, y]], as CourseKit's Trajectory.Run uses a single
  1x2 Parameter; its gradient is that of the surface at the current point (autograd of the formulas below).
- Surfaces (same names and parameters as CourseKit.Optimizers' surfaces):
    bowl:       f = a x^2 + b y^2               with a = 1,     b = 10      (an elongated bowl)
    tiny_bowl:  f = a x^2 + b y^2               with a = 1e-7,  b = 1e-6    (gradients 1e-8..1e-7, comparable to eps,
                so whether eps sits inside or outside a square root changes the trajectory far beyond 1e-10)
    rosenbrock: f = (a - x)^2 + b (y - x^2)^2   with a = 1,     b = 100
- Each case: zero_grad, gradient at the current point, optimizer.step(); repeated `steps` times.
  "points" lists [x, y] before the first step and after every step (steps + 1 rows); "losses" is f at each point.
- Options use PyTorch's keyword names (lr, momentum, dampening, nesterov, weight_decay, lr_decay, alpha, eps,
  centered, rho, betas); anything not given is PyTorch 1.13's default. foreach is left at its default (False on CPU),
  so the single-tensor code path, whose operation order CourseKit follows, is the one recorded.
- "schedules": torch.optim.lr_scheduler classes on SGD with lr = 0.1; "lrs" is the learning rate before the first
  scheduler.step() and after each of `epochs` calls (one optimizer.step() per epoch before it, as PyTorch expects).
- Cases that add weight decay to the gradient are not run on tiny_bowl: wd * theta would swamp the tiny gradient.
"""
import os

import torch

from make_reference import write_reference

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
STEPS = 50

SURFACES = {
    "bowl": {"a": 1.0, "b": 10.0, "start": [-2.0, 1.0]},
    "tiny_bowl": {"a": 1e-7, "b": 1e-6, "start": [0.05, -0.02]},
    "rosenbrock": {"a": 1.0, "b": 100.0, "start": [-1.2, 1.0]},
}


def value(surface, p):
    x, y = p[0, 0], p[0, 1]
    a, b = SURFACES[surface]["a"], SURFACES[surface]["b"]
    if surface == "rosenbrock":
        return (a - x) ** 2 + b * (y - x ** 2) ** 2
    return a * x ** 2 + b * y ** 2


# name -> (torch.optim class, options shared by every surface, learning rate per surface)
CASES = {
    "sgd": (torch.optim.SGD, {}, {"bowl": 0.05, "rosenbrock": 5e-4}),
    "momentum": (torch.optim.SGD, {"momentum": 0.9}, {"bowl": 0.02, "rosenbrock": 2e-4}),
    "nesterov": (torch.optim.SGD, {"momentum": 0.9, "nesterov": True}, {"bowl": 0.02, "rosenbrock": 2e-4}),
    "momentum_dampening_wd": (torch.optim.SGD, {"momentum": 0.8, "dampening": 0.3, "weight_decay": 0.1},
                              {"bowl": 0.02, "rosenbrock": 2e-4}),
    "adagrad": (torch.optim.Adagrad, {}, {"bowl": 0.5, "rosenbrock": 0.1, "tiny_bowl": 0.01}),
    "adagrad_lr_decay_wd": (torch.optim.Adagrad, {"lr_decay": 0.05, "weight_decay": 0.1},
                            {"bowl": 0.5, "rosenbrock": 0.1}),
    "rmsprop": (torch.optim.RMSprop, {}, {"bowl": 0.01, "rosenbrock": 1e-3, "tiny_bowl": 1e-3}),
    "rmsprop_centered": (torch.optim.RMSprop, {"centered": True}, {"bowl": 0.01, "rosenbrock": 1e-3, "tiny_bowl": 1e-3}),
    "rmsprop_momentum_wd": (torch.optim.RMSprop, {"momentum": 0.9, "weight_decay": 0.1, "alpha": 0.9},
                            {"bowl": 0.005, "rosenbrock": 5e-4}),
    "rmsprop_centered_momentum": (torch.optim.RMSprop, {"momentum": 0.5, "centered": True},
                                  {"bowl": 0.005, "rosenbrock": 5e-4, "tiny_bowl": 5e-4}),
    # Adadelta's steps scale with g, so on tiny_bowl lr = 1e4 makes them visible: there sqrt(v) ~ 1e-8 << eps = 1e-6,
    # and eps outside the roots would change each step by ~1%; on bowl, u = 0 at first, so the first steps are
    # sqrt(eps)/sqrt(v) g, which eps outside the root would make a thousand times smaller.
    "adadelta": (torch.optim.Adadelta, {}, {"bowl": 1.0, "rosenbrock": 1.0, "tiny_bowl": 1e4}),
    "adadelta_wd": (torch.optim.Adadelta, {"rho": 0.8, "weight_decay": 0.1}, {"bowl": 2.0, "rosenbrock": 1.0}),
    "adam": (torch.optim.Adam, {}, {"bowl": 0.1, "rosenbrock": 0.01, "tiny_bowl": 0.01}),
    "adam_wd": (torch.optim.Adam, {"weight_decay": 0.1, "betas": (0.8, 0.99)}, {"bowl": 0.1, "rosenbrock": 0.01}),
    "adamw": (torch.optim.AdamW, {"weight_decay": 0.1}, {"bowl": 0.1, "rosenbrock": 0.01, "tiny_bowl": 0.01}),
}


def run(cls, options, surface, lr):
    p = torch.tensor([SURFACES[surface]["start"]], requires_grad=True)
    opt = cls([p], lr=lr, **options)
    points, losses = [], []
    for step in range(STEPS + 1):
        opt.zero_grad()
        loss = value(surface, p)
        points.append(p.detach()[0].tolist())
        losses.append(loss.item())
        if step == STEPS:
            break
        loss.backward()
        opt.step()
    return points, losses


SCHEDULES = {
    "step": (torch.optim.lr_scheduler.StepLR, {"step_size": 7, "gamma": 0.5}),
    "exponential": (torch.optim.lr_scheduler.ExponentialLR, {"gamma": 0.9}),
    # 40 epochs run past T_max = 15 and on up the next half cosine.
    "cosine": (torch.optim.lr_scheduler.CosineAnnealingLR, {"T_max": 15, "eta_min": 0.001}),
}


def schedule_cases(epochs=40):
    cases = []
    for name, (cls, options) in SCHEDULES.items():
        p = torch.zeros(1, 2, requires_grad=True)
        opt = torch.optim.SGD([p], lr=0.1)
        sched = cls(opt, **options)
        lrs = [opt.param_groups[0]["lr"]]
        for _ in range(epochs):
            opt.step()
            sched.step()
            lrs.append(opt.param_groups[0]["lr"])
        cases.append({"name": name, "scheduler": cls.__name__, "lr": 0.1, "options": options, "epochs": epochs, "lrs": lrs})
    return cases


def main():
    cases = []
    for name, (cls, options, lrs) in CASES.items():
        for surface, lr in lrs.items():
            points, losses = run(cls, options, surface, lr)
            opts = {k: (list(v) if isinstance(v, tuple) else v) for k, v in options.items()}
            cases.append({
                "name": name, "optimizer": cls.__name__, "surface": surface,
                "a": SURFACES[surface]["a"], "b": SURFACES[surface]["b"],
                "lr": lr, "options": opts, "start": SURFACES[surface]["start"], "steps": STEPS,
                "points": points, "losses": losses,
            })
    out = {
        "generator": "tests/reference/make_optimizer_reference.py",
        "torch": torch.__version__,
        "dtype": "float64",
        "trajectories": cases,
        "schedules": schedule_cases(),
    }
    write_reference("optimizers.json", out)
    for c in cases:
        print(f"{c['name']:28s} {c['surface']:11s} end {c['points'][-1]} loss {c['losses'][0]:.3g} -> {c['losses'][-1]:.3g}")


if __name__ == "__main__":
    main()
