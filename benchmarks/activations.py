"""Speed and memory of every acts activation against PyTorch (single thread), in one run.

Run by hand (not a test):  python benchmarks/activations.py [--n 1000000] [--repeat 7]

For every registered activation (at its default parameters), both dtypes, the forward pass and
the derivative, on n elements drawn from N(0, 3²), it prints

* the median time of acts and of PyTorch with ``torch.set_num_threads(1)``, and their ratio
  acts/torch (target: ≤ 5 in float64, ≤ 10 in float32). The derivative is acts' ``grad(x)``
  (``vjp(x, g)`` for the vector activations, vectors of length 10) against PyTorch's autograd
  forward + backward, ``torch.autograd.grad(f(t), t, g)``, which is what it costs PyTorch to
  give df/dx from x;
* acts' peak extra memory during the call, measured by tracemalloc (NumPy reports its
  allocations to it), as a multiple of the input's size: the result alone is 1× (target: ≤ 4×).

Activations without a PyTorch counterpart in the table below get "–" for the ratio. The
machine's load average is printed with the table: times on a loaded machine are noisy, which is
why each is a median of `--repeat` runs.
"""

from __future__ import annotations

import argparse
import os
import timeit
import tracemalloc

import numpy as np

import acts


def _halves(t):
    return t.chunk(2, dim=-1)


def _torch_table(torch):
    """name: torch function of a tensor at acts' default parameters (None: no counterpart)."""
    F = torch.nn.functional
    return {
        "linear": lambda t: t * 1.0,
        "step": lambda t: torch.heaviside(t, torch.tensor(0.5, dtype=t.dtype)),
        "sign": torch.sign,
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "relu": F.relu,
        "leaky_relu": F.leaky_relu,
        "prelu": lambda t: F.prelu(t, torch.tensor([0.25], dtype=t.dtype)),
        "relu6": F.relu6,
        "hardtanh": F.hardtanh,
        "softplus": F.softplus,
        "elu": F.elu,
        "celu": F.celu,
        "selu": F.selu,
        "gelu": F.gelu,
        "silu": F.silu,
        "swish": F.silu,  # β = 1
        "mish": F.mish,
        "hardsigmoid": F.hardsigmoid,
        "hardswish": F.hardswish,
        "softsign": F.softsign,
        "logsigmoid": F.logsigmoid,
        "tanhshrink": F.tanhshrink,
        "softshrink": F.softshrink,
        "hardshrink": F.hardshrink,
        "softmax": lambda t: F.softmax(t, dim=-1),
        "log_softmax": lambda t: F.log_softmax(t, dim=-1),
        "softmin": lambda t: F.softmin(t, dim=-1),
        # gated linear units: first half the value, second half the gate (F.glu's convention)
        "glu": lambda t: F.glu(t, dim=-1),
        "reglu": lambda t: _halves(t)[0] * F.relu(_halves(t)[1]),
        "geglu": lambda t: _halves(t)[0] * F.gelu(_halves(t)[1]),
        "swiglu": lambda t: _halves(t)[0] * F.silu(_halves(t)[1]),
        "rrelu": lambda t: F.rrelu(t, training=False),
        "squared_relu": lambda t: torch.square(F.relu(t)),
    }


def median_time(fn, repeat: int) -> float:
    fn()  # warm up: first-call costs (caches, page faults) are not the kernel's
    return float(np.median(timeit.repeat(fn, number=1, repeat=repeat)))


def peak_extra(fn) -> int:
    """Peak bytes allocated during fn() above what was allocated before (tracemalloc)."""
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        result = fn()
        peak = tracemalloc.get_traced_memory()[1]
        del result
    finally:
        tracemalloc.stop()
    return peak - base


def measure(n: int, repeat: int):
    """Rows (name, dtype, kind, acts ms, torch ms or None, memory multiple) for every activation."""
    import torch

    torch.set_num_threads(1)
    table = _torch_table(torch)
    rng = np.random.default_rng(0)
    rows = []
    for dtype in (np.float64, np.float32):
        x = (3 * rng.standard_normal(n)).astype(dtype)
        g = rng.standard_normal(n).astype(dtype)
        for name in acts.names():
            a = acts.get(name)
            # vector activations act on rows of 10; a GLU halves its rows of 10 into 5
            vector = a.kind in ("vector", "glu")
            xv, gv = (
                (x.reshape(-1, 10), g.reshape(-1, 10)) if vector else (x, g)
            )
            if a.kind == "glu":
                gv = np.ascontiguousarray(gv[:, :5])
            tf = table.get(name)
            t = torch.from_numpy(xv.copy())
            tg = torch.from_numpy(gv.copy())
            tr = t.clone().requires_grad_(True)

            def torch_grad(tf=tf, tr=tr, tg=tg):
                y = tf(tr)
                return torch.autograd.grad(
                    y, tr, tg if vector else torch.ones_like(y)
                )[0]

            def torch_forward(tf=tf, t=t):
                with torch.no_grad():
                    return tf(t)

            for kind, fn, ref in (
                ("f", lambda: a(xv), torch_forward if tf else None),
                (
                    "df",
                    (lambda: a.vjp(xv, gv)) if vector else (lambda: a.grad(xv)),
                    torch_grad if tf else None,
                ),
            ):
                ta = median_time(fn, repeat)
                memory = peak_extra(fn) / xv.nbytes
                try:
                    tt = median_time(ref, repeat) if ref else None
                except RuntimeError:
                    # torch has no derivative for it (heaviside)
                    tt = None
                rows.append((name, np.dtype(dtype).name, kind, ta, tt, memory))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    load = os.getloadavg()
    rows = measure(args.n, args.repeat)
    print(
        f"n = {args.n:,} elements, median of {args.repeat} runs, torch.set_num_threads(1); "
        f"load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} on {os.cpu_count()} cores"
    )
    print(
        "times in ms; acts/torch target ≤ 5 (float64), ≤ 10 (float32); memory = peak extra "
        "allocation / input size, target ≤ 4\n"
    )
    header = (
        f"{'activation':<14}{'dtype':<9}{'':<3}{'acts':>9}{'torch':>9}{'acts/torch':>12}"
        f"{'memory':>8}  misses"
    )
    print(header)
    print("-" * len(header))
    for name, dtype, kind, ta, tt, memory in rows:
        ratio = ta / tt if tt else None
        limit = 5.0 if dtype == "float64" else 10.0
        misses = []
        if ratio is not None and ratio > limit:
            misses.append("speed")
        if memory > 4.0:
            misses.append("memory")
        label = name if acts.get(name).kind == "elementwise" else f"{name}"
        kind_label = (
            kind
            if acts.get(name).kind == "elementwise" or kind == "f"
            else "vjp"
        )
        print(
            f"{label:<14}{dtype:<9}{kind_label:<3}{ta * 1e3:>9.2f}"
            f"{(f'{tt * 1e3:.2f}' if tt else '–'):>9}"
            f"{(f'{ratio:.1f}' if ratio is not None else '–'):>12}{memory:>8.1f}  "
            f"{' '.join(misses)}"
        )


if __name__ == "__main__":
    main()
