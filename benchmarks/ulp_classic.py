"""Worst ULP error of the classic activations (linear, step, sign, tanh) against mpmath.

Run by hand: ``PYTHONPATH=. python benchmarks/ulp_classic.py``. Points: the test grid
(`acts.precision.grid`, kinks' neighbours included), 20 000 seeded uniform points in
[-25, 25], and for tanh' the subnormal tail 350 ≤ |x| ≤ 375. Derivatives exclude x = 0 for
step and sign, where SymPy's derivative is a Dirac delta.
"""

import numpy as np
import sympy as sp

import acts
from acts.precision import grid, ulp_errors
from acts.symbolic import x

NAMES = ["linear", "step", "sign", "tanh"]


def points(name, dtype):
    rng = np.random.default_rng(0)
    xs = [grid(dtype, acts.get(name).kinks), rng.uniform(-25, 25, 20_000)]
    if name == "tanh":
        tail = np.linspace(350, 375, 2001)
        xs += [tail, -tail]
    return np.unique(np.concatenate(xs).astype(dtype))


def worst(fn, expr, xs):
    errors = ulp_errors(fn(xs), expr, xs)
    i = int(np.argmax(errors))
    return errors[i], xs[i]


print("| activation | dtype | forward: worst ULP (at x) | derivative: worst ULP (at x) |")
print("|---|---|---|---|")
for name in NAMES:
    a = acts.get(name)
    d = sp.diff(a.expr_at(), x)
    for dtype in (np.float64, np.float32):
        xs = points(name, dtype)
        fe, fx = worst(a, a.expr_at(), xs)
        gx = xs[~np.isin(xs, np.asarray(a.kinks, dtype=dtype))]
        ge, gxw = worst(a.grad, d, gx)
        print(f"| {name} | {np.dtype(dtype).name} | {fe:.3g} ({fx:.6g}) | {ge:.3g} ({gxw:.6g}) |")
