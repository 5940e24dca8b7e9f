#!/usr/bin/python3
"""The side-by-side benchmark's PyTorch half: the same workloads as Workloads/*.cs, timed the same way.

Run by `dotnet run -c Release --project tests/CourseKit.Benchmarks -- side-by-side`, which starts it with Debian's
PyTorch (/usr/bin/python3, python3-torch) and OpenBLAS (libopenblas0-pthread) on one thread, and reads the JSON it
prints on stdout. Run alone: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 tests/CourseKit.Benchmarks/torch_workloads.py

Timing (same rules as the C# side, SideBySide/MedianTimer.cs): warm up for at least 3 runs and 0.5 s; then take
samples, each a batch of runs lasting at least 2 ms. Alone, it samples until 1.5 s or 40 samples (at least 7) and
prints the median time per run in milliseconds. With --serve, the side-by-side command asks for short rounds of
samples in turn with its own (see serve()).
"""
import json
import sys
import time

import torch

torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
torch.manual_seed(0)


def reps_for(run):
    """Runs per sample, so that a sample lasts at least 2 ms."""
    reps = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(reps):
            run()
        if time.perf_counter() - t0 >= 0.002:
            return reps
        reps *= 2


def samples_ms(run, reps, seconds):
    """Per-run times (ms) of samples taken for about `seconds` (at least 3 samples)."""
    samples = []
    start = time.perf_counter()
    while len(samples) < 3 or time.perf_counter() - start < seconds:
        t0 = time.perf_counter()
        for _ in range(reps):
            run()
        samples.append((time.perf_counter() - t0) / reps * 1000)
    return samples


def serve():
    """Interleaved mode for the side-by-side command: it alternates short sampling rounds of PyTorch and CourseKit,
    so both sides see the same machine (a shared VM's speed drifts). Commands on stdin, one JSON line back each:
      setup NAME          build the workload, warm it up for 0.5 s  -> {"ok": true}
      sample NAME SECONDS per-run milliseconds of samples           -> [ms, ...]
      quit"""
    table = dict(workloads())
    ready = {}
    for line in sys.stdin:
        parts = line.split()
        if not parts or parts[0] == "quit":
            break
        if parts[0] == "setup":
            run = table[parts[1]]
            start = time.perf_counter()
            while time.perf_counter() - start < 0.5:
                run()
            ready[parts[1]] = (run, reps_for(run))
            print(json.dumps({"ok": True}), flush=True)
        elif parts[0] == "sample":
            run, reps = ready[parts[1]]
            print(json.dumps(samples_ms(run, reps, float(parts[2]))), flush=True)


def median_ms(run):
    start = time.perf_counter()
    warm = 0
    while warm < 3 or time.perf_counter() - start < 0.5:
        run()
        warm += 1
    reps = 1
    while True:                                   # runs per sample so that a sample lasts at least 2 ms
        t0 = time.perf_counter()
        for _ in range(reps):
            run()
        if time.perf_counter() - t0 >= 0.002:
            break
        reps *= 2
    samples = []
    start = time.perf_counter()
    while len(samples) < 7 or (len(samples) < 40 and time.perf_counter() - start < 1.5):
        t0 = time.perf_counter()
        for _ in range(reps):
            run()
        samples.append((time.perf_counter() - t0) / reps * 1000)
    samples.sort()
    return samples[len(samples) // 2]


def gemm(n, dtype):
    a = torch.randn(n, n, dtype=dtype)
    b = torch.randn(n, n, dtype=dtype)
    c = torch.empty(n, n, dtype=dtype)
    return lambda: torch.mm(a, b, out=c)


def mlp_step():
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 256), torch.nn.ReLU(),
                                torch.nn.Linear(256, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    x = torch.randn(64, 784)
    y = torch.randint(0, 10, (64,))

    def run():
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
    return run


def recurrent_step(module):
    x = torch.randn(50, 32, 64, requires_grad=True)
    out, _ = module(x)
    r = torch.randn_like(out)

    def run():
        module.zero_grad()
        x.grad = None
        out, _ = module(x)
        out.backward(r)
    return run


def xor_5000():
    x = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = torch.tensor([[0.0], [1.0], [1.0], [0.0]])

    def run():
        model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.ReLU(), torch.nn.Linear(2, 1))
        opt = torch.optim.Adam(model.parameters(), lr=0.05)
        loss_fn = torch.nn.MSELoss()
        for _ in range(5000):
            opt.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            opt.step()
    return run


def tiny(backward):
    w = torch.tensor([[0.5, -0.25], [0.75, 1.0]], requires_grad=True)
    x = torch.tensor([[1.0, 2.0], [-1.0, 0.5]])
    g = torch.tensor([[1.0, -1.0], [0.5, 0.25]])

    def run():
        y = torch.tanh(x @ w)
        if backward:
            y.backward(g)
    return run


def blas():
    """Which BLAS library the process loaded (OpenBLAS is the fair rival; the reference BLAS is 20x slower)."""
    with open("/proc/self/maps") as maps:
        names = {line.split("/")[-1].strip() for line in maps if "blas" in line}
    return sorted(names)


def workloads():
    for n in (64, 256, 1024):
        yield f"gemm_{n}_f32", gemm(n, torch.float32)
    for n in (64, 256, 1024):
        yield f"gemm_{n}_f64", gemm(n, torch.float64)
    yield "mlp_step", mlp_step()
    yield "lstm_step", recurrent_step(torch.nn.LSTM(64, 128))
    yield "gru_step", recurrent_step(torch.nn.GRU(64, 128))
    yield "rnn_tanh_step", recurrent_step(torch.nn.RNN(64, 128, nonlinearity="tanh"))
    yield "bigru_step", recurrent_step(torch.nn.GRU(64, 128, bidirectional=True))
    yield "xor_5000_adam", xor_5000()
    yield "tiny_fwd", tiny(False)
    yield "tiny_fwd_bwd", tiny(True)


if __name__ == "__main__":
    if "--serve" in sys.argv:
        serve()
        sys.exit(0)
    only = set(sys.argv[2].split(",")) if len(sys.argv) > 2 and sys.argv[2] else None
    result = {"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas(),
              "medians_ms": {}}
    for name, run in workloads():
        if only is None or name in only:
            result["medians_ms"][name] = median_ms(run)
            print(f"  torch {name}: {result['medians_ms'][name]:.4f} ms", file=sys.stderr, flush=True)
    print(json.dumps(result))
