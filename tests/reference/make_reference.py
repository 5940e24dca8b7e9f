#!/usr/bin/python3
"""Reference values from PyTorch for CourseKit's tests.

Run with Debian's PyTorch:  /usr/bin/python3 tests/reference/make_reference.py
It writes JSON files beside this script; they are committed, so the C# tests need no PyTorch.

Conventions (how PyTorch's layout maps to CourseKit's):
- Everything is float64 (torch.float64), so the tests can compare to 1e-12.
- Matrices are lists of rows. A batch is rows: x is (batch x features), as in CourseKit.
- Dense layer: CourseKit's W is (in x out) with o = g(x W + b); PyTorch's nn.Linear.weight is (out x in),
  so W = weight.T. Gradients are given for CourseKit's layout (dW = weight.grad.T).
- Losses use reduction='mean'. Class targets are integer indices, written as a (batch x 1) column.
- Backward passes start from a fixed upstream gradient dy (not all ones) so every element is weighted differently.
"""
import json
import os
import re

import torch

torch.set_default_dtype(torch.float64)
torch.manual_seed(20261126)
HERE = os.path.dirname(os.path.abspath(__file__))


def rows(t):
    t = t.detach()
    if t.dim() == 1:
        t = t.reshape(1, -1)
    return t.tolist()


def activation_cases():
    x = torch.tensor([[-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0],
                      [-20.0, -0.1, 0.1, 2.0, 20.0, -7.5, 0.25]])
    dy = torch.randn(x.shape)
    funcs = {
        "identity": lambda t: t,
        "relu": torch.relu,
        "leaky_relu_0.01": lambda t: torch.nn.functional.leaky_relu(t, 0.01),
        "leaky_relu_0.1": lambda t: torch.nn.functional.leaky_relu(t, 0.1),
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "softmax": lambda t: torch.softmax(t, dim=1),
        "log_softmax": lambda t: torch.log_softmax(t, dim=1),
    }
    cases = []
    for name, f in funcs.items():
        xi = x.clone().requires_grad_(True)
        y = f(xi)
        y.backward(dy)
        cases.append({"name": name, "x": rows(x), "dy": rows(dy), "y": rows(y), "dx": rows(xi.grad)})
    # Large logits: the stable softmax must not overflow.
    big = torch.tensor([[1000.0, 1001.0, 1002.0]])
    for name, f in (("softmax", funcs["softmax"]), ("log_softmax", funcs["log_softmax"])):
        xi = big.clone().requires_grad_(True)
        y = f(xi)
        d = torch.tensor([[0.3, -0.2, 0.5]])
        y.backward(d)
        cases.append({"name": name, "x": rows(big), "dy": rows(d), "y": rows(y), "dx": rows(xi.grad)})
    return cases


def loss_cases():
    cases = []
    pred = torch.randn(4, 3)
    target = torch.randn(4, 3)
    p = pred.clone().requires_grad_(True)
    loss = torch.nn.functional.mse_loss(p, target)
    loss.backward()
    cases.append({"name": "mse", "prediction": rows(pred), "target": rows(target), "loss": loss.item(), "grad": rows(p.grad)})

    probs = torch.tensor([[0.9, 0.2], [0.4, 0.999], [0.01, 0.5]])
    labels = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 0.25]])
    p = probs.clone().requires_grad_(True)
    loss = torch.nn.functional.binary_cross_entropy(p, labels)
    loss.backward()
    cases.append({"name": "bce", "prediction": rows(probs), "target": rows(labels), "loss": loss.item(), "grad": rows(p.grad)})

    logits = torch.tensor([[2.0, -1.0], [-30.0, 0.5], [40.0, 0.0]])
    p = logits.clone().requires_grad_(True)
    loss = torch.nn.functional.binary_cross_entropy_with_logits(p, labels)
    loss.backward()
    cases.append({"name": "bce_with_logits", "prediction": rows(logits), "target": rows(labels), "loss": loss.item(), "grad": rows(p.grad)})

    scores = torch.tensor([[1.0, 2.0, 0.5], [1000.0, 1001.0, 1002.0], [-3.0, 0.0, 3.0], [0.2, 0.2, 0.2]])
    classes = torch.tensor([1, 0, 2, 1])
    p = scores.clone().requires_grad_(True)
    loss = torch.nn.functional.cross_entropy(p, classes)
    loss.backward()
    cases.append({"name": "cross_entropy", "prediction": rows(scores), "target": [[float(c)] for c in classes.tolist()],
                  "loss": loss.item(), "grad": rows(p.grad)})

    logp = torch.log_softmax(scores, dim=1)
    p = logp.clone().requires_grad_(True)
    loss = torch.nn.functional.nll_loss(p, classes)
    loss.backward()
    cases.append({"name": "nll", "prediction": rows(logp), "target": [[float(c)] for c in classes.tolist()],
                  "loss": loss.item(), "grad": rows(p.grad)})
    return cases


def dense_cases():
    cases = []
    acts = {"identity": lambda t: t, "relu": torch.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh}
    for name, g in acts.items():
        linear = torch.nn.Linear(3, 4)
        x = torch.randn(5, 3, requires_grad=True)
        y = g(linear(x))
        dy = torch.randn(y.shape)
        y.backward(dy)
        cases.append({
            "activation": name,
            "x": rows(x), "W": rows(linear.weight.T), "b": rows(linear.bias),
            "dy": rows(dy), "y": rows(y),
            "dx": rows(x.grad), "dW": rows(linear.weight.grad.T), "db": rows(linear.bias.grad),
        })
    return cases


def write_reference(filename, out):
    """Writes reference JSON beside this script, each row of numbers on one line (readable files, small diffs)."""
    path = os.path.join(HERE, filename)
    text = json.dumps(out, indent=1)
    text = re.sub(r"\[\s*([-0-9.eE+,\s]+?)\s*\]", lambda m: "[" + ", ".join(v.strip() for v in m.group(1).split(",")) + "]", text)
    with open(path, "w") as f:
        f.write(text + "\n")
    print("wrote", path)


def main():
    out = {
        "generator": "tests/reference/make_reference.py",
        "torch": torch.__version__,
        "dtype": "float64",
        "activations": activation_cases(),
        "losses": loss_cases(),
        "dense": dense_cases(),
    }
    write_reference("feedforward.json", out)


if __name__ == "__main__":
    main()
