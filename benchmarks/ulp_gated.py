"""Worst ULP errors of the self-gated units against mpmath (60 digits), on the tests' grid.

    PYTHONPATH=. python benchmarks/ulp_gated.py

For each activation, parameter setting and dtype: the worst error of the forward value, the
derivative and each parameter derivative over the whole grid, outside the declared
ill-conditioned intervals; and inside them, the worst raw error, the condition number there
and the error divided by it (what the tests bound by 4).
"""

import numpy as np
import sympy as sp

import acts
from acts.precision import condition_numbers, grid, ulp_errors
from acts.symbolic import x

NAMES = ["gelu", "silu", "swish", "mish"]


def settings(a):
    yield {}
    for pname, spec in a.param_specs.items():
        for value in spec.test_values():
            yield {pname: value}


def worst(fn, expr, xs, intervals):
    errors = ulp_errors(np.asarray(fn(xs)), expr, xs)
    inside = np.zeros(xs.size, bool)
    for lo, hi in intervals:
        inside |= (xs >= lo) & (xs <= hi)
    out = f"{errors[~inside].max():7.2f} at x = {xs[~inside][np.argmax(errors[~inside])]:.6g}"
    if inside.any():
        kappa = condition_numbers(expr, xs[inside])
        rel = errors[inside] / np.maximum(1, kappa)
        i = int(np.argmax(errors[inside]))
        out += (f"; in {intervals}: raw {errors[inside].max():.3g} ULP where κ = {kappa[i]:.3g},"
                f" error/κ ≤ {rel.max():.2f}")
    return out


for name in NAMES:
    a = acts.get(name)
    for params in settings(a):
        e = a.expr_at(**params)
        for dtype in (np.float64, np.float32):
            xs = grid(dtype)
            label = f"{name}{params or ''} {np.dtype(dtype).name}"
            print(f"{label:40s} f      {worst(lambda v: a(v, **params), e, xs, a.ill_conditioned.get('forward', ()))}")
            print(f"{label:40s} f'     {worst(lambda v: a.grad(v, **params), sp.diff(e, x), xs, a.ill_conditioned.get('grad', ()))}")
            for p, spec in a.param_specs.items():
                if spec.numeric:
                    dp = sp.diff(a.expr, a.symbols[p]).subs(
                        {a.symbols[k]: v for k, v in {**a.params, **params}.items() if k in a.symbols})
                    print(f"{label:40s} ∂f/∂{p} {worst(lambda v: a.param_grad(v, p, **params), dp, xs, ())}")

# Off the tests' grid: a dense scan of [-12, 12] (step 0.001), no interval excused.
print("\ndense scan of [-12, 12], step 0.001, float64, nothing excused:")
dense = np.linspace(-12, 12, 24001)
for name in NAMES:
    a = acts.get(name)
    for params in settings(a):
        if params.get("beta") == 0.0:
            continue
        e = a.expr_at(**params)
        f_err = ulp_errors(a(dense, **params), e, dense)
        g_err = ulp_errors(a.grad(dense, **params), sp.diff(e, x), dense)
        print(f"{name}{params or ''}: f {f_err.max():.2f} at {dense[np.argmax(f_err)]:.3f};"
              f" f' {g_err.max():.2f} at {dense[np.argmax(g_err)]:.3f}")
