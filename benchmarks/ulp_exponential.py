"""Worst ULP errors of softplus, ELU, CELU and SELU against mpmath at 60 digits.

Run by hand: ``PYTHONPATH=. python benchmarks/ulp_exponential.py``. For each activation, each
parameter setting the tests use (defaults, slider ends) and each dtype it prints the worst
error of the forward value, the derivative and every parameter derivative over
`acts.precision.grid` (dense on [-10, 10], tails to the largest float, subnormals, kinks), and
then the error of PyTorch's softplus cut-off (threshold=20) against the exact softplus.
"""

import numpy as np
import sympy as sp

import acts
from acts.precision import grid, reference, ulp_errors

NAMES = ["softplus", "elu", "celu", "selu"]


def settings(a):
    yield {}
    for pname, spec in a.param_specs.items():
        for value in spec.test_values():
            yield {pname: value}


def worst(got, expr, xs):
    errors = ulp_errors(got, expr, xs)
    i = int(np.argmax(errors))
    return f"{errors[i]:5.2f} (x={float(xs[i]):.4g})"


def main():
    x = acts.symbolic.x
    print("| activation | params | dtype | forward | derivative | parameter derivatives |")
    print("|---|---|---|---|---|---|")
    for name in NAMES:
        a = acts.get(name)
        for params in settings(a):
            for dtype in (np.float64, np.float32):
                kinks = a.kinks_at(**params)
                xs = grid(dtype, kinks)
                off = xs[~np.isin(xs, np.asarray(kinks, dtype=dtype))]
                e = a.expr_at(**params)
                cols = [worst(a(xs, **params), e, xs),
                        worst(a.grad(off, **params), sp.diff(e, x), off)]
                pg = []
                for p, spec in a.param_specs.items():
                    if spec.numeric:
                        sym = a.symbols[p]
                        subs = {a.symbols[k]: v for k, v in a.bind(params).items() if k in a.symbols}
                        de = sp.diff(a.expr, sym).subs(subs)
                        pg.append(f"∂/∂{p}: " + worst(a.param_grad(off, p, **params), de, off))
                print(f"| {name} | {params or 'defaults'} | {np.dtype(dtype).name} | "
                      f"{cols[0]} | {cols[1]} | {'; '.join(pg) or '–'} |")

    print("\nPyTorch's cut-off, softplus(x, threshold=20), against the exact softplus (float64):")
    exact = acts.softplus.expr_at()
    for v in [19.99, 20.0, np.nextafter(20.0, 21.0), 20.5, 21.0, 25.0, 30.0, 36.0, 37.0]:
        xs = np.array([v])
        err = ulp_errors(acts.softplus(xs, threshold=20), exact, xs)[0]
        print(f"  x = {v!r:<20} error {err:10.4g} ULP   (true value {sp.N(reference(exact, xs)[0], 20)})")
    xs = grid(np.float64)
    print(f"  worst over the float64 grid: {ulp_errors(acts.softplus(xs, threshold=20), exact, xs).max():.4g} ULP")
    xs32 = grid(np.float32)
    print(f"  worst over the float32 grid: {ulp_errors(acts.softplus(xs32, threshold=20), exact, xs32).max():.4g} ULP")


if __name__ == "__main__":
    main()
