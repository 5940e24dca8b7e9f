#!/usr/bin/python3
"""Bidirectional and stacked recurrent layers from PyTorch, for testing CourseKit's Bidirectional and StackedRecurrent
through their own Forward and Backward.

Run with Debian's PyTorch:  /usr/bin/python3 tests/reference/make_rnn_layers_reference.py
It writes rnn_layers.json beside this script; it is committed, so the C# tests need no PyTorch.

The layout, weights, draws and manual recurrence are those of make_rnn_reference.py (read its docstring); this script
imports them. What differs is the loss, which is the one a SequenceLayer's Backward(outputGradient, finalStateGradient)
can express:
    L = sum(output * R_out) + sum(final_state * R_h)
- output is the top layer's (T, B, D*H) output, [forward | backward] in the last axis for a bidirectional layer.
- final_state is the TOP layer's final hidden state as CourseKit's SequenceLayer.FinalState gives it: (B, D*H), the
  forward direction's h_T in the first H columns and the backward direction's in the last H. The lower layer's final
  states and every LSTM cell state c_T are written but do not enter the loss (a stack hands a lower layer only the
  gradient of its outputs; SequenceLayer.Backward takes no cell-state gradient).
- Modules: nn.RNN (tanh), nn.LSTM, nn.GRU with num_layers 1 (bidirectional) or 2 (stacked, one or two directions).
  Masked cases run PyTorch on packed sequences (pack_padded_sequence, enforce_sorted=False), as CourseKit treats
  padding: outputs zero at padded positions, each sequence's final state at its last real step (forward) or after
  t = 0 (backward), zero input gradient at padded positions. x at padded positions is large junk.
- JSON: {"generator", "torch", "dtype", "cases": [...]}; each case has "name", "cell" (rnn_tanh | lstm | gru), "T", "B",
  "input_size", "hidden_size", "num_layers", "bidirectional", ["lengths" [B], "mask" (T,B)], x (T,B,I),
  output (T,B,D*H), final_state (B, D*H), R_out (like output), R_h (like final_state), "loss", and "units": one per
  (layer, direction), layer-major (layer 0 forward, [layer 0 backward,] layer 1 forward, ...), each with "layer",
  "direction" (forward | backward), W_ih, W_hh, b_ih, b_hh (CourseKit layout, already transposed), h0 (B,H), h_T,
  for LSTM c0, c_T, and below the top layer the unit's own output (T,B,H) (the top's are the halves of "output"). "grads": x (T,B,I) and "units" [{W_ih, W_hh, b_ih, b_hh, h0 [, c0]}] in the
  same order.
- Self-check: every case is also computed by the manual recurrence of make_rnn_reference.py and must match PyTorch's
  module to 1e-12 in outputs, final states, the loss and all gradients (it prints the largest difference per case).
"""
import torch

from make_reference import write_reference
from make_rnn_reference import (B, H, I, SEED, T, TOL, draw_inputs, make_module, manual_forward, maxdiff,
                                module_grads, module_params, rows, run_module)

LENGTHS = [4, 2, 3]
MAX_DIFF = {}  # case name -> max |manual - module| over outputs, states, loss and gradients


def loss_of(out, hn, R_out, R_h, D):
    """sum(output * R_out) + sum(top final state * R_h); R_h is (B, D*H) like SequenceLayer.FinalState."""
    return (out * R_out).sum() + (top_final_state(hn, D) * R_h).sum()


def top_final_state(hn, D):
    """The top layer's final hidden state as CourseKit gives it: (B, D*H), [forward | backward]."""
    return torch.cat(list(hn[-D:]), dim=1)


def case(name, kind, num_layers, bidirectional, masked, seed):
    torch.manual_seed(SEED + seed)
    D = 2 if bidirectional else 1
    lstm = kind == "lstm"
    lengths = LENGTHS if masked else None
    m = make_module(kind, num_layers, bidirectional)
    units = [module_params(m, layer, d == 1) for layer in range(num_layers) for d in range(D)]
    x, h0, c0, R_out, _, _, mask = draw_inputs(kind, num_layers, D, lengths)
    R_h = torch.randn(B, D * H)

    # Manual recurrence.
    xm, h0m = x.clone().requires_grad_(), h0.clone().requires_grad_()
    c0m = c0.clone().requires_grad_() if lstm else None
    out_m, unit_out, hn_m, cn_m, _ = manual_forward(kind, xm, h0m, c0m, units, num_layers, D, lengths)
    loss_m = loss_of(out_m, hn_m, R_out, R_h, D)
    loss_m.backward()

    # PyTorch's module on the same numbers.
    xt, h0t, c0t, out, hn, cn = run_module(m, x, h0, c0, lengths)
    loss = loss_of(out, hn, R_out, R_h, D)
    loss.backward()
    grads = [module_grads(m, k // D, k % D == 1) for k in range(len(units))]

    pairs = [(out_m, out), (hn_m, hn), (loss_m, loss), (xm.grad, xt.grad), (h0m.grad, h0t.grad)]
    if lstm:
        pairs += [(cn_m, cn), (c0m.grad, c0t.grad)]
    for u, g in zip(units, grads):
        pairs += [(u[n].grad, g[n]) for n in u]
    MAX_DIFF[name] = maxdiff(pairs)
    assert MAX_DIFF[name] < TOL, (name, MAX_DIFF[name])
    if lengths is not None:
        pad = mask[:, :, None] == 0
        assert (xt.grad.masked_select(pad) == 0).all(), "x gradient must be zero at padded positions"
        assert (out.detach().masked_select(pad.expand_as(out)) == 0).all(), "padded outputs must be zero"

    res = {"name": name, "cell": kind, "T": T, "B": B, "input_size": I, "hidden_size": H,
           "num_layers": num_layers, "bidirectional": bidirectional}
    if lengths is not None:
        res["lengths"] = lengths
        res["mask"] = rows(mask)
    res["x"] = x.tolist()
    res["output"] = out.detach().tolist()
    res["final_state"] = rows(top_final_state(hn, D))
    res["R_out"] = R_out.tolist()
    res["R_h"] = rows(R_h)
    res["loss"] = loss.item()
    res["units"] = []
    for k, u in enumerate(units):
        obj = {"layer": k // D, "direction": "backward" if k % D == 1 else "forward"}
        obj.update({n: rows(v) for n, v in u.items()})
        obj["h0"] = rows(h0[k])
        obj["h_T"] = rows(hn[k])
        if lstm:
            obj["c0"] = rows(c0[k])
            obj["c_T"] = rows(cn[k])
        if k // D < num_layers - 1:
            obj["output"] = unit_out[k].detach().tolist()
        res["units"].append(obj)
    unit_grads = []
    for k, g in enumerate(grads):
        obj = {n: rows(v) for n, v in g.items()}
        obj["h0"] = rows(h0t.grad[k])
        if lstm:
            obj["c0"] = rows(c0t.grad[k])
        unit_grads.append(obj)
    res["grads"] = {"x": xt.grad.tolist(), "units": unit_grads}
    return res


def main():
    # Every cell in every shape with padding (the paths PyTorch reaches with packed sequences), and every cell stacked
    # bidirectionally at full length (no padding: the layers' unmasked paths, both directions, both depths).
    cases, seed = [], 100
    for kind in ("rnn_tanh", "lstm", "gru"):
        for num_layers, bidirectional, shape, masked in ((1, True, "bidirectional", True), (2, False, "stacked", True),
                                                         (2, True, "stacked_bidirectional", True),
                                                         (2, True, "stacked_bidirectional", False)):
            seed += 1
            name = f"{kind}_{shape}" + ("_masked" if masked else "")
            cases.append(case(name, kind, num_layers, bidirectional, masked, seed))
    out = {"generator": "tests/reference/make_rnn_layers_reference.py", "torch": torch.__version__, "dtype": "float64",
           "cases": cases}
    write_reference("rnn_layers.json", out)
    for name, d in MAX_DIFF.items():
        print(f"max |manual - module| {name:38s} {d:.3e}")


if __name__ == "__main__":
    main()
