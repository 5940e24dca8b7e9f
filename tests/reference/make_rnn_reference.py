#!/usr/bin/python3
"""Recurrent-layer reference values from PyTorch (nn.RNN, nn.LSTM, nn.GRU) for CourseKit's RNN tests.

Run with Debian's PyTorch:  /usr/bin/python3 tests/reference/make_rnn_reference.py
It writes rnn.json beside this script; it is committed, so the C# tests need no PyTorch.
Each case is seeded on its own, so the output is byte-identical on every run.

Conventions (how PyTorch's layout maps to CourseKit's):
- Everything is float64. Matrices are lists of rows; a batch is rows (batch x features), as in CourseKit.
- Sequences are time-major (T, B, features) and are written as nested lists [t][b][f].
- Weights are written in CourseKit's layout, ALREADY TRANSPOSED from PyTorch's:
    W_ih = weight_ih_l{k}.T   (input x G*H)      W_hh = weight_hh_l{k}.T   (H x G*H)
    b_ih = bias_ih_l{k}       (1 x G*H)          b_hh = bias_hh_l{k}       (1 x G*H)
  (the reverse direction of a bidirectional layer uses the *_reverse parameters). The gate pre-activations of a
  batch are the row vectors  x W_ih + b_ih  and  h W_hh + b_hh  (B x G*H), cut into G blocks of H columns in
  PyTorch's order: simple RNN one block (G=1); LSTM i, f, g, o (G=4); GRU r, z, n (G=3).
- Gradients are written in the same layout as the value they belong to (dW_ih = weight_ih.grad.T, (input x G*H)).
- Cells (row vectors, s = sigmoid):
    rnn_tanh / rnn_relu:  h' = act(x W_ih + b_ih + h W_hh + b_hh)             (ReLU'(0) = 0, PyTorch's choice)
    rnn_identity:         h' = x W_ih + b_ih + h W_hh + b_hh                  (no nn.RNN option: manual autograd)
    lstm:   i, f, o = s(.), g = tanh(.) of the blocks of x W_ih + b_ih + h W_hh + b_hh;
            c' = f * c + i * g;  h' = o * tanh(c')
    gru (PyTorch's, reset AFTER the hidden matmul):  a = x W_ih + b_ih, b = h W_hh + b_hh (blocks r, z, n);
            r = s(a_r + b_r);  z = s(a_z + b_z);  n = tanh(a_n + r * b_n);  h' = (1 - z) * n + z * h
    gru_reset_before (the lecture slide's GRU; manual autograd, same weight shapes, blocks r, u, n):
            r = s(x W_ir + b_ir + h W_hr + b_hr);  u = s(x W_iu + b_iu + h W_hu + b_hu);
            n = tanh(x W_in + b_in + (r * h) W_hn + b_hn);  h' = (1 - u) * h + u * n
            u is the slide's update gate (how much is NEW): it plays the role of PyTorch's 1 - z.
            Slide mapping (column vectors): W_iu = U_u^T, W_hu = W_u^T, b_iu + b_hu = b_u, and so on for r and h.
- Loss for the gradients:  L = sum(output * R_out) + sum(h_T * R_h) [+ sum(c_T * R_c) for LSTM], with fixed random R's
  written in the JSON, so every element of the upstream gradient is different.
- Weights are drawn uniform(-0.8, 0.8) (wider than PyTorch's default, so the nonlinearities bend); x ~ N(0, 1);
  h0, c0 ~ N(0, 0.5^2) and are given explicitly (nonzero).
- Bidirectional: output is (T, B, 2H) with the forward direction in [..., :H] and the backward one in [..., H:].
  The backward direction runs from the last (real) step to t = 0; its h_T/c_T is its state after t = 0, and its
  per-step values are indexed by the real time t.
- Masked (packed) cases: x at padded positions is large junk (N(0, 5^2)); the padded output is zero there, R_out is
  zero there, the final state is taken at each sequence's last real step (forward) or after t = 0 (backward), and
  the gradient w.r.t. x is exactly zero at padded positions. Per-step values are zero at padded positions.
- JSON: {"generator", "torch", "dtype", "cases": [...]}; each case has "name", "cell" (rnn_tanh | rnn_relu |
  rnn_identity | lstm | gru | gru_reset_before), "T", "B", "input_size", "hidden_size", "num_layers", "bidirectional",
  "gate_order", x (T,B,I), output (T,B,D*H), R_out (like output), "loss", and per (layer, direction) a "unit":
  W_ih, W_hh, b_ih, b_hh, h0 (B,H), c0, h_T, c_T, R_h, R_c (B,H; c only for LSTM), "steps" {name: (T,B,H)}
  (per-step values: h; LSTM i, f, g, o (post-activation), c; GRU r, z, n; reset-before GRU r, u, n) and, in stacked
  cases, that layer's "output" (T,B,H). One layer, one direction: the unit's keys sit in the case itself;
  bidirectional: "forward" and "backward" units; stacked: "layers" [unit per layer]. "grads" mirrors this: x (T,B,I)
  plus, per unit, W_ih, W_hh, b_ih, b_hh, h0 (and c0). Masked cases add "lengths" [B] and "mask" (T,B) of 1/0.
- simple_rnn_classwork: the slide's numbers, no tanh, h(t) = U h(t-1) + W x(t), o(t) = softmax(V h(t)), in the
  slide's column notation ("column": 1-D lists) and in CourseKit's layout ("coursekit": W_ih = W^T, W_hh = U^T,
  V_out = V^T, sequences (T, 1, F)); labels index 0 = ADJ, 1 = DET, 2 = NOUN.
- Self-checks: every module case is recomputed with a manual recurrence (autograd on the formulas above) and must
  match PyTorch's module to 1e-12 in outputs, final states and all gradients; manual-only cases are checked with
  torch.autograd.gradcheck (finite differences), and rnn_identity against its closed form.
"""
import os

import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from make_reference import write_reference

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261126
T, B, I, H = 4, 3, 3, 5
TOL = 1e-12
GATES = {"rnn_tanh": ["h"], "rnn_relu": ["h"], "rnn_identity": ["h"], "lstm": ["i", "f", "g", "o"],
         "gru": ["r", "z", "n"], "gru_reset_before": ["r", "u", "n"]}
MAX_DIFF = {}  # case name -> max |manual - module| over outputs, states and gradients
CHECKS = []  # other self-checks that passed


def rows(t):
    t = t.detach()
    if t.dim() == 1:
        t = t.reshape(1, -1)
    return t.tolist()


def uniform(*shape):
    return torch.empty(shape).uniform_(-0.8, 0.8)


# ---- manual cells (CourseKit layout, row vectors); each returns (new state, {name: per-step value}) ----

def cell_rnn(act):
    def step(x, h, p):
        h = act(x @ p["W_ih"] + p["b_ih"] + h @ p["W_hh"] + p["b_hh"])
        return h, {"h": h}
    return step


def cell_lstm(x, state, p):
    h, c = state
    i, f, g, o = (x @ p["W_ih"] + p["b_ih"] + h @ p["W_hh"] + p["b_hh"]).chunk(4, dim=1)
    i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
    c = f * c + i * g
    h = o * torch.tanh(c)
    return (h, c), {"i": i, "f": f, "g": g, "o": o, "c": c, "h": h}


def cell_gru(x, h, p):
    a_r, a_z, a_n = (x @ p["W_ih"] + p["b_ih"]).chunk(3, dim=1)
    b_r, b_z, b_n = (h @ p["W_hh"] + p["b_hh"]).chunk(3, dim=1)
    r = torch.sigmoid(a_r + b_r)
    z = torch.sigmoid(a_z + b_z)
    n = torch.tanh(a_n + r * b_n)
    h = (1 - z) * n + z * h
    return h, {"r": r, "z": z, "n": n, "h": h}


def cell_gru_reset_before(x, h, p):
    W_ir, W_iu, W_in = p["W_ih"].chunk(3, dim=1)
    W_hr, W_hu, W_hn = p["W_hh"].chunk(3, dim=1)
    b_ir, b_iu, b_in = p["b_ih"].chunk(3, dim=1)
    b_hr, b_hu, b_hn = p["b_hh"].chunk(3, dim=1)
    r = torch.sigmoid(x @ W_ir + b_ir + h @ W_hr + b_hr)
    u = torch.sigmoid(x @ W_iu + b_iu + h @ W_hu + b_hu)
    n = torch.tanh(x @ W_in + b_in + (r * h) @ W_hn + b_hn)
    h = (1 - u) * h + u * n
    return h, {"r": r, "u": u, "n": n, "h": h}


CELLS = {"rnn_tanh": cell_rnn(torch.tanh), "rnn_relu": cell_rnn(torch.relu), "rnn_identity": cell_rnn(lambda t: t),
         "lstm": cell_lstm, "gru": cell_gru, "gru_reset_before": cell_gru_reset_before}


def run_direction(kind, x, state, p, reverse=False):
    """One direction over a (T, B, F) sequence: returns outputs (T, B, H), final state, {name: (T, B, H)}."""
    outs, steps = [None] * x.shape[0], [None] * x.shape[0]
    order = range(x.shape[0] - 1, -1, -1) if reverse else range(x.shape[0])
    for t in order:
        state, steps[t] = CELLS[kind](x[t], state, p)
        outs[t] = steps[t]["h"]
    return torch.stack(outs), state, {k: torch.stack([s[k] for s in steps]) for k in steps[0]}


def run_direction_masked(kind, x, state, p, lengths, reverse=False):
    """As run_direction, but sequence b only has its first lengths[b] steps; zeros at padded positions."""
    outs, finals, steps = [], [], []
    for b, n in enumerate(lengths):
        st = tuple(s[b:b + 1] for s in state) if isinstance(state, tuple) else state[b:b + 1]
        o, f, s = run_direction(kind, x[:n, b:b + 1], st, p, reverse)
        pad = lambda t: torch.cat([t, torch.zeros(x.shape[0] - n, 1, t.shape[2])])
        outs.append(pad(o))
        finals.append(f)
        steps.append({k: pad(v) for k, v in s.items()})
    final = tuple(torch.cat([f[i] for f in finals]) for i in range(2)) if isinstance(state, tuple) \
        else torch.cat(finals)
    return torch.cat(outs, dim=1), final, {k: torch.cat([s[k] for s in steps], dim=1) for k in steps[0]}


# ---- cases ----

def make_module(kind, num_layers, bidirectional):
    if kind in ("rnn_tanh", "rnn_relu"):
        m = torch.nn.RNN(I, H, num_layers, nonlinearity=kind[4:], bidirectional=bidirectional)
    elif kind == "lstm":
        m = torch.nn.LSTM(I, H, num_layers, bidirectional=bidirectional)
    else:
        m = torch.nn.GRU(I, H, num_layers, bidirectional=bidirectional)
    with torch.no_grad():
        for _, prm in m.named_parameters():
            prm.copy_(uniform(*prm.shape))
    return m


def module_params(m, layer, reverse):
    """The module's parameters of one layer and direction in CourseKit layout (detached copies, new leaves)."""
    sfx = f"_l{layer}" + ("_reverse" if reverse else "")
    get = lambda n: getattr(m, n + sfx).detach()
    return {"W_ih": get("weight_ih").T.clone().requires_grad_(), "W_hh": get("weight_hh").T.clone().requires_grad_(),
            "b_ih": get("bias_ih").reshape(1, -1).clone().requires_grad_(),
            "b_hh": get("bias_hh").reshape(1, -1).clone().requires_grad_()}


def module_grads(m, layer, reverse):
    sfx = f"_l{layer}" + ("_reverse" if reverse else "")
    get = lambda n: getattr(m, n + sfx).grad
    return {"W_ih": get("weight_ih").T, "W_hh": get("weight_hh").T,
            "b_ih": get("bias_ih").reshape(1, -1), "b_hh": get("bias_hh").reshape(1, -1)}


def run_module(m, x, h0, c0, lengths):
    """PyTorch's module on fresh leaf copies of x, h0 (and c0 for an LSTM), on packed sequences when lengths are given.
    Returns the leaves x, h0, c0 (or None), the padded output (T, B, D*H), final h and final c (or None)."""
    xt, h0t = x.clone().requires_grad_(), h0.clone().requires_grad_()
    c0t = c0.clone().requires_grad_() if c0 is not None else None
    state = (h0t, c0t) if c0 is not None else h0t
    if lengths is None:
        out, hn = m(xt, state)
    else:
        packed, hn = m(pack_padded_sequence(xt, torch.tensor(lengths), enforce_sorted=False), state)
        out, out_lengths = pad_packed_sequence(packed, total_length=x.shape[0])
        assert out_lengths.tolist() == list(lengths)
    hn, cn = hn if c0 is not None else (hn, None)
    return xt, h0t, c0t, out, hn, cn


def draw_inputs(kind, num_layers, D, lengths):
    """x, h0, c0 (or None), R_out, R_h, R_c (or None), mask (T, B) -- in a fixed draw order."""
    lstm = kind == "lstm"
    x = torch.randn(T, B, I)
    mask = torch.ones(T, B)
    if lengths is not None:
        for b, n in enumerate(lengths):
            mask[n:, b] = 0
        x = torch.where(mask[:, :, None] > 0, x, 5 * torch.randn(T, B, I))
    h0 = 0.5 * torch.randn(num_layers * D, B, H)
    c0 = 0.5 * torch.randn(num_layers * D, B, H) if lstm else None
    R_out = torch.where(mask[:, :, None] > 0, torch.randn(T, B, D * H), torch.zeros(()))  # +0.0 at padding, not -0.0
    R_h = torch.randn(num_layers * D, B, H)
    R_c = torch.randn(num_layers * D, B, H) if lstm else None
    return x, h0, c0, R_out, R_h, R_c, mask


def manual_forward(kind, x, h0, c0, units, num_layers, D, lengths):
    """Manual stacked/bidirectional recurrence. units[layer*D + d] are CourseKit-layout parameter dicts.
    Returns top output, per-unit outputs, final h (L*D, B, H), final c or None, per-unit steps."""
    inp, unit_out, hs, cs, steps = x, [], [], [], []
    for layer in range(num_layers):
        outs = []
        for d in range(D):
            k = layer * D + d
            st = (h0[k], c0[k]) if kind == "lstm" else h0[k]
            if lengths is None:
                o, f, s = run_direction(kind, inp, st, units[k], reverse=d == 1)
            else:
                o, f, s = run_direction_masked(kind, inp, st, units[k], lengths, reverse=d == 1)
            outs.append(o)
            unit_out.append(o)
            steps.append(s)
            if kind == "lstm":
                hs.append(f[0])
                cs.append(f[1])
            else:
                hs.append(f)
        inp = torch.cat(outs, dim=2)
    return inp, unit_out, torch.stack(hs), torch.stack(cs) if cs else None, steps


def loss_of(out, hn, cn, R_out, R_h, R_c):
    loss = (out * R_out).sum() + (hn * R_h).sum()
    if cn is not None:
        loss = loss + (cn * R_c).sum()
    return loss


def maxdiff(pairs):
    return max((a.detach() - b.detach()).abs().max().item() for a, b in pairs)


def case(name, kind, num_layers=1, bidirectional=False, lengths=None, seed=0):
    torch.manual_seed(SEED + seed)
    D = 2 if bidirectional else 1
    manual_only = kind in ("rnn_identity", "gru_reset_before")
    lstm = kind == "lstm"
    if manual_only:
        G = len(GATES[kind])
        units = []
        for layer in range(num_layers):
            for d in range(D):
                n_in = I if layer == 0 else D * H
                units.append({"W_ih": uniform(n_in, G * H).requires_grad_(), "W_hh": uniform(H, G * H).requires_grad_(),
                              "b_ih": uniform(1, G * H).requires_grad_(), "b_hh": uniform(1, G * H).requires_grad_()})
    else:
        m = make_module(kind, num_layers, bidirectional)
        units = [module_params(m, layer, d == 1) for layer in range(num_layers) for d in range(D)]
    x, h0, c0, R_out, R_h, R_c, mask = draw_inputs(kind, num_layers, D, lengths)

    # Manual recurrence (the only computation for manual-only cells).
    xm, h0m = x.clone().requires_grad_(), h0.clone().requires_grad_()
    c0m = c0.clone().requires_grad_() if lstm else None
    out, unit_out, hn, cn, steps = manual_forward(kind, xm, h0m, c0m, units, num_layers, D, lengths)
    loss = loss_of(out, hn, cn, R_out, R_h, R_c)
    loss.backward()
    grads = {"x": xm.grad, "h0": h0m.grad, "c0": c0m.grad if lstm else None,
             "units": [{k: v.grad for k, v in u.items()} for u in units]}

    if manual_only:
        check_manual_only(kind, x, h0, units, out, hn)
    else:
        # PyTorch's module on the same numbers; everything must match the manual recurrence to 1e-12.
        xt, h0t, c0t, out_t, hn_t, cn_t = run_module(m, x, h0, c0, lengths)
        loss_t = loss_of(out_t, hn_t, cn_t, R_out, R_h, R_c)
        loss_t.backward()
        pairs = [(out, out_t), (hn, hn_t), (loss, loss_t), (xm.grad, xt.grad), (h0m.grad, h0t.grad)]
        if lstm:
            pairs += [(cn, cn_t), (c0m.grad, c0t.grad)]
        for k, u in enumerate(units):
            mg = module_grads(m, k // D, k % D == 1)
            pairs += [(u[n].grad, mg[n]) for n in u]
        MAX_DIFF[name] = maxdiff(pairs)
        assert MAX_DIFF[name] < TOL, (name, MAX_DIFF[name])
        # Write PyTorch's own values (they agree with the manual ones to < 1e-12).
        out, hn, cn, loss = out_t, hn_t, cn_t, loss_t
        grads = {"x": xt.grad, "h0": h0t.grad, "c0": c0t.grad if lstm else None,
                 "units": [module_grads(m, k // D, k % D == 1) for k in range(len(units))]}
    if lengths is not None:
        pad = mask[:, :, None] == 0
        assert (grads["x"].masked_select(pad) == 0).all(), "x gradient must be zero at padded positions"
        assert (out.detach().masked_select(pad.expand_as(out)) == 0).all(), "padded outputs must be zero"

    # JSON: one object per (layer, direction) "unit".
    unit_objs, unit_grads = [], []
    for k, u in enumerate(units):
        obj = {n: rows(v) for n, v in u.items()}
        obj["h0"] = rows(h0[k])
        if lstm:
            obj["c0"] = rows(c0[k])
        obj["h_T"] = rows(hn[k])
        if lstm:
            obj["c_T"] = rows(cn[k])
        obj["R_h"] = rows(R_h[k])
        if lstm:
            obj["R_c"] = rows(R_c[k])
        if num_layers > 1:
            obj["output"] = unit_out[k].detach().tolist()
        obj["steps"] = {n: v.detach().tolist() for n, v in steps[k].items()}
        unit_objs.append(obj)
        g = {n: rows(v) for n, v in grads["units"][k].items()}
        g["h0"] = rows(grads["h0"][k])
        if lstm:
            g["c0"] = rows(grads["c0"][k])
        unit_grads.append(g)

    res = {"name": name, "cell": kind, "T": T, "B": B, "input_size": I, "hidden_size": H,
           "num_layers": num_layers, "bidirectional": bidirectional, "gate_order": GATES[kind]}
    if lengths is not None:
        res["lengths"] = list(lengths)
        res["mask"] = rows(mask)
    res["x"] = x.tolist()
    if num_layers == 1 and D == 1:
        res.update(unit_objs[0])
    elif D == 2:
        res["forward"], res["backward"] = unit_objs
    else:
        res["layers"] = unit_objs
    res["output"] = out.detach().tolist()
    res["R_out"] = R_out.tolist()
    res["loss"] = loss.item()
    if num_layers == 1 and D == 1:
        res["grads"] = dict(unit_grads[0], x=grads["x"].tolist())
    elif D == 2:
        res["grads"] = {"x": grads["x"].tolist(), "forward": unit_grads[0], "backward": unit_grads[1]}
    else:
        res["grads"] = {"x": grads["x"].tolist(), "layers": unit_grads}
    return res


def check_manual_only(kind, x, h0, units, out, hn):
    """Checks for cells that PyTorch has no module for."""
    p = {k: v.detach() for k, v in units[0].items()}
    if kind == "rnn_identity":
        # Closed form of the linear recurrence: h_t = sum_{s<=t} (x_s W_ih + b) W_hh^(t-s) + h0 W_hh^(t+1).
        b = p["b_ih"] + p["b_hh"]
        for t in range(T):
            h = h0[0] @ torch.linalg.matrix_power(p["W_hh"], t + 1)
            for s in range(t + 1):
                h = h + (x[s] @ p["W_ih"] + b) @ torch.linalg.matrix_power(p["W_hh"], t - s)
            d = (h - out[t].detach()).abs().max().item()
            MAX_DIFF[kind + " (closed form)"] = max(MAX_DIFF.get(kind + " (closed form)", 0.0), d)
        assert MAX_DIFF[kind + " (closed form)"] < TOL
    # Autograd of the manual recurrence vs finite differences.
    leaves = [x.clone().requires_grad_(), h0[0].clone().requires_grad_()] + \
             [v.detach().clone().requires_grad_() for v in units[0].values()]

    def f(x_, h0_, W_ih, W_hh, b_ih, b_hh):
        o, hT, _ = run_direction(kind, x_, h0_, {"W_ih": W_ih, "W_hh": W_hh, "b_ih": b_ih, "b_hh": b_hh})
        return o, hT
    assert torch.autograd.gradcheck(f, leaves, eps=1e-6, atol=1e-8, rtol=1e-6)
    CHECKS.append(f"{kind}: autograd of the manual recurrence passes gradcheck (finite differences, atol 1e-8)")


def classwork_case():
    """The lecture's RNN classwork, in the slide's column-vector notation and in CourseKit's row layout."""
    U = torch.tensor([[2.0, 0.0], [1.0, 2.0]])
    W = torch.tensor([[2.0, 0.0, -1.0], [1.0, -1.0, 1.0]])
    V = torch.tensor([[1.0, 0.0], [-1.0, 1.0], [0.0, 3.0]])
    h0 = torch.tensor([1.0, -1.0])
    xs = [torch.tensor([1.0, 0.0, 0.0]), torch.tensor([0.0, 0.0, 1.0])]
    hs, logits, probs = [], [], []
    h = h0
    for x in xs:
        h = U @ h + W @ x  # no tanh in the classwork
        hs.append(h)
        logits.append(V @ h)
        probs.append(torch.softmax(V @ h, dim=0))
    labels = [int(o.argmax()) for o in probs]
    # Worked out by hand: h1 = [4, 0], V h1 = [4, -4, 0] -> ADJ; h2 = [7, 5], V h2 = [7, -2, 15] -> NOUN.
    assert hs[0].tolist() == [4.0, 0.0] and hs[1].tolist() == [7.0, 5.0]
    assert logits[0].tolist() == [4.0, -4.0, 0.0] and logits[1].tolist() == [7.0, -2.0, 15.0]
    assert labels == [0, 2]
    # Row layout: x (T, B=1, 3), h = h W_hh + x W_ih, logits = h V_out.
    X = torch.stack(xs)[:, None, :]
    W_ih, W_hh, V_out = W.T, U.T, V.T
    h, hr, lr, pr = h0[None, :], [], [], []
    for t in range(len(xs)):
        h = h @ W_hh + X[t] @ W_ih
        hr.append(h)
        lr.append(h @ V_out)
        pr.append(torch.softmax(h @ V_out, dim=1))
    assert torch.equal(torch.stack(hr)[:, 0], torch.stack(hs)) and torch.equal(torch.stack(pr)[:, 0], torch.stack(probs))
    names = ["ADJ", "DET", "NOUN"]
    return {
        "name": "simple_rnn_classwork",
        "classes": names,
        "column": {"U": rows(U), "W": rows(W), "V": rows(V), "h0": h0.tolist(), "x1": xs[0].tolist(),
                   "x2": xs[1].tolist(), "h1": hs[0].tolist(), "h2": hs[1].tolist(),
                   "Vh1": logits[0].tolist(), "Vh2": logits[1].tolist(), "o1": probs[0].tolist(),
                   "o2": probs[1].tolist(), "labels": labels, "label_names": [names[i] for i in labels]},
        "coursekit": {"W_ih": rows(W_ih), "W_hh": rows(W_hh), "V_out": rows(V_out), "h0": rows(h0), "x": X.tolist(),
                      "h": torch.stack(hr).tolist(), "logits": torch.stack(lr).tolist(),
                      "o": torch.stack(pr).tolist(), "labels": labels},
    }


def main():
    cases = [
        case("rnn_tanh", "rnn_tanh", seed=1),
        case("rnn_identity", "rnn_identity", seed=2),
        case("rnn_relu", "rnn_relu", seed=3),
        case("lstm", "lstm", seed=4),
        case("gru", "gru", seed=5),
        case("gru_reset_before", "gru_reset_before", seed=6),
        case("lstm_bidirectional", "lstm", bidirectional=True, seed=7),
        case("gru_bidirectional", "gru", bidirectional=True, seed=8),
        case("lstm_stacked", "lstm", num_layers=2, seed=9),
        case("gru_masked", "gru", lengths=[4, 2, 3], seed=10),
        case("gru_bidirectional_masked", "gru", bidirectional=True, lengths=[4, 2, 3], seed=11),
        classwork_case(),
    ]
    out = {"generator": "tests/reference/make_rnn_reference.py", "torch": torch.__version__, "dtype": "float64",
           "cases": cases}
    write_reference("rnn.json", out)
    for name, d in MAX_DIFF.items():
        print(f"max |manual - reference| {name:28s} {d:.3e}")
    for c in CHECKS:
        print(c)


if __name__ == "__main__":
    main()
