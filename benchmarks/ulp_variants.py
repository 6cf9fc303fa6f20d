"""Worst ULP error of the hard and shrink variants against mpmath, per dtype.

    python benchmarks/ulp_variants.py [n_random]

Points: the test grid (dense [-10, 10], tails to the largest finite value, subnormals, both
neighbours of every kink) plus `n_random` seeded points, half uniform on [-8, 8] and half
log-uniform in magnitude over the whole range. Derivatives exactly at a kink are left out (their
value there is PyTorch's choice, tested on its own); parameters at their defaults.
"""

from __future__ import annotations

import sys

import numpy as np
import sympy as sp

import acts
from acts.precision import grid, ulp_errors
from acts.symbolic import x

NAMES = ["hardsigmoid", "hardswish", "softsign", "logsigmoid", "tanhshrink", "softshrink", "hardshrink"]


def points(dtype, kinks, n, rng):
    info = np.finfo(dtype)
    lo, hi = np.log10(float(info.smallest_subnormal)), np.log10(float(info.max))
    mags = 10.0 ** rng.uniform(lo, hi, n // 2)
    extra = np.concatenate([rng.uniform(-8, 8, n - n // 2), mags * rng.choice([-1, 1], n // 2)])
    with np.errstate(over="ignore"):
        extra = extra.astype(dtype)
    return np.unique(np.concatenate([grid(dtype, kinks), extra[np.isfinite(extra)]]))


def main(n_random: int = 2000) -> None:
    rng = np.random.default_rng(0)
    print("| activation | function | float64 | float32 |")
    print("|---|---|---|---|")
    for name in NAMES:
        a = acts.get(name)
        expr = a.expr_at()
        funcs = {"f": (a, expr), "f'": (a.grad, sp.diff(expr, x))}
        for p in (p for p, s in a.param_specs.items() if s.numeric):
            d = sp.diff(a.expr, a.symbols[p]).subs({a.symbols[k]: v for k, v in a.params.items()})
            funcs[f"∂f/∂{p}"] = (lambda v, p=p: a.param_grad(v, p), d)
        for label, (fn, e) in funcs.items():
            worst = []
            for dtype in (np.float64, np.float32):
                xs = points(dtype, a.kinks, n_random, rng)
                if label != "f":
                    xs = xs[~np.isin(xs, np.asarray(a.kinks, dtype=dtype))]
                worst.append(float(np.max(ulp_errors(fn(xs), e, xs))))
            print(f"| {name} | {label} | {worst[0]:.3f} | {worst[1]:.3f} |")


if __name__ == "__main__":
    main(*(int(v) for v in sys.argv[1:2]))
