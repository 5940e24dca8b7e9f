#!/usr/bin/python3
"""Reference values from PyTorch for CourseKit's losses, under each reduction ('mean', 'sum', 'none').

Run with Debian's PyTorch:  /usr/bin/python3 tests/reference/make_loss_reference.py
It writes losses.json beside this script; the file is committed, so the C# tests need no PyTorch.

Conventions (see make_reference.py for the shared ones: float64, matrices as lists of rows, a batch is rows):
- Each loss is computed by torch.nn.functional (mse_loss, binary_cross_entropy, binary_cross_entropy_with_logits,
  cross_entropy, nll_loss) with the case's reduction.
- Class targets are integer indices, written as a (batch x 1) column of floats, as CourseKit takes them.
- 'loss' is a number for 'mean' and 'sum'. For 'none' it is the unreduced losses in the target's shape: a matrix
  for the element-wise losses, a (batch x 1) column for the class losses (PyTorch returns a (batch,) vector).
- 'grad' is d loss / d prediction: from loss.backward() for 'mean' and 'sum'; for 'none' from
  loss.backward(loss_grad), with the random 'loss_grad' (the target's shape) written in the case.
- Every loss has two inputs: 'random' (seeded draws, away from any edge) and 'edges' (saturated logits, logits near
  1000, probabilities at and near 0 and 1, where a naive formula overflows or takes log 0).
"""
import torch
import torch.nn.functional as F

from make_reference import rows, write_reference

torch.set_default_dtype(torch.float64)
torch.manual_seed(20261204)

REDUCTIONS = ("mean", "sum", "none")


def inputs():
    """(name, input, prediction, target) for every loss; a class target is a tensor of indices."""
    out = []
    out.append(("mse", "random", torch.randn(5, 4), torch.randn(5, 4)))
    out.append(("mse", "edges", torch.tensor([[1e150, -2.0], [0.0, 3.5]]), torch.tensor([[1e150, 2.0], [-0.0, 3.5]])))

    out.append(("bce", "random", 0.05 + 0.9 * torch.rand(5, 4), torch.rand(5, 4)))
    out.append(("bce", "edges",
                torch.tensor([[0.9, 0.2], [0.4, 0.999], [0.01, 0.5], [0.0, 1.0], [1.0, 0.0]]),
                torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 0.25], [1.0, 0.0], [1.0, 0.0]])))

    out.append(("bce_with_logits", "random", 3 * torch.randn(5, 4), torch.rand(5, 4)))
    out.append(("bce_with_logits", "edges",
                torch.tensor([[2.0, -1.0], [-30.0, 0.5], [40.0, 0.0], [-800.0, 800.0]]),
                torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 0.25], [1.0, 0.0]])))

    out.append(("cross_entropy", "random", 2 * torch.randn(6, 5), torch.randint(0, 5, (6,))))
    edge_scores = torch.tensor([[1.0, 2.0, 0.5], [1000.0, 1001.0, 1002.0], [-3.0, 0.0, 3.0], [0.2, 0.2, 0.2]])
    edge_classes = torch.tensor([1, 0, 2, 1])
    out.append(("cross_entropy", "edges", edge_scores, edge_classes))

    out.append(("nll", "random", torch.log_softmax(2 * torch.randn(6, 5), dim=1), torch.randint(0, 5, (6,))))
    out.append(("nll", "edges", torch.log_softmax(edge_scores, dim=1), edge_classes))
    return out


FUNCTIONS = {
    "mse": F.mse_loss,
    "bce": F.binary_cross_entropy,
    "bce_with_logits": F.binary_cross_entropy_with_logits,
    "cross_entropy": F.cross_entropy,
    "nll": F.nll_loss,
}


def target_rows(target):
    """A class target as CourseKit's (batch x 1) column of floats; anything else as rows."""
    if target.dtype == torch.long:
        return [[float(c)] for c in target.tolist()]
    return rows(target)


def loss_rows(loss, target):
    """Unreduced losses in the target's CourseKit shape."""
    if target.dtype == torch.long:
        return [[v] for v in loss.tolist()]
    return rows(loss)


def cases():
    out = []
    for name, which, prediction, target in inputs():
        for reduction in REDUCTIONS:
            p = prediction.clone().requires_grad_(True)
            loss = FUNCTIONS[name](p, target, reduction=reduction)
            case = {"name": name, "input": which, "reduction": reduction,
                    "prediction": rows(prediction), "target": target_rows(target)}
            if reduction == "none":
                loss_grad = torch.randn(loss.shape)
                loss.backward(loss_grad)
                case["loss"] = loss_rows(loss, target)
                case["loss_grad"] = loss_rows(loss_grad, target)
            else:
                loss.backward()
                case["loss"] = loss.item()
            case["grad"] = rows(p.grad)
            out.append(case)
    return out


def main():
    write_reference("losses.json", {
        "generator": "tests/reference/make_loss_reference.py",
        "torch": torch.__version__,
        "dtype": "float64",
        "losses": cases(),
    })


if __name__ == "__main__":
    main()
