"""Worst ULP error of the rectifiers against mpmath, forward, derivative and parameter derivatives.

    python benchmarks/ulp_rectifiers.py

Same grid and reference as tests/test_accuracy.py (defaults and each parameter's slider ends);
derivatives are measured off the kinks, whose values are PyTorch's choices (tested exactly).
"""

import numpy as np
import sympy as sp

import acts
from acts.precision import grid, ulp_errors
from acts.symbolic import x

NAMES = ["relu", "leaky_relu", "prelu", "relu6", "hardtanh"]


def cases(a):
    yield {}
    for pname, spec in a.param_specs.items():
        for value in spec.test_values():
            yield {pname: value}


def worst(name):
    a = acts.get(name)
    out = {}
    for dtype in (np.float64, np.float32):
        for params in cases(a):
            kinks = a.kinks_at(**params)
            xs = grid(dtype, kinks)
            off = xs[~np.isin(xs, np.asarray(kinks, dtype=dtype))]
            e = a.expr_at(**params)
            defaults = {a.symbols[k]: v for k, v in a.bind(params).items() if k in a.symbols}
            rows = [("f", a(xs, **params), e, xs), ("f'", a.grad(off, **params), sp.diff(e, x), off)]
            rows += [(f"df/d{p}", a.param_grad(off, p, **params),
                      sp.diff(a.expr, a.symbols[p]).subs(defaults), off)
                     for p, s in a.param_specs.items() if s.numeric]
            for what, got, expr, pts in rows:
                key = (what, np.dtype(dtype).name)
                out[key] = max(out.get(key, 0.0), float(ulp_errors(got, expr, pts).max()))
    return out


if __name__ == "__main__":
    print("| activation | function | float64 worst ULP | float32 worst ULP |")
    print("|---|---|---|---|")
    for name in NAMES:
        res = worst(name)
        for what in dict.fromkeys(k[0] for k in res):
            print(f"| {name} | {what} | {res[(what, 'float64')]:.3g} | {res[(what, 'float32')]:.3g} |")
