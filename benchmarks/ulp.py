"""Worst ULP errors of every activation against mpmath (60 digits), on the tests' grid.

    PYTHONPATH=. python benchmarks/ulp.py [name ...]

Registry-driven: every elementwise activation (or the ones named), at every parameter set the
tests use (`Activation.test_cases`: defaults, slider ends, string choices), in float64 and
float32: the worst error of the forward value, the derivative and each parameter derivative,
with the reference evaluated at the exact float parameters (`Activation.expr_and_values`).
The kinks themselves are left out of the derivatives (PyTorch's convention there is tested
exactly). Vector activations: see tests/test_accuracy.py::vector_ulp_errors.
"""

import sys

import numpy as np
import sympy as sp

import acts
from acts.precision import grid, ulp_errors
from acts.symbolic import x


def rows(name):
    a = acts.get(name)
    for params in a.test_cases():
        expr, values = a.expr_and_values(**params)
        kinks = a.kinks_at(**params)
        for dtype in (np.float64, np.float32):
            xs = grid(dtype, kinks)
            off = xs[~np.isin(xs, np.asarray(kinks, dtype=dtype))]
            cells = [
                ("f", ulp_errors(a(xs, **params), expr, xs, values).max()),
                (
                    "f'",
                    ulp_errors(
                        a.grad(off, **params), sp.diff(expr, x), off, values
                    ).max(),
                ),
            ]
            for p, spec in a.param_specs.items():
                d = sp.diff(expr, a.symbols[p]) if spec.numeric else None
                if d is not None and not d.has(sp.DiracDelta):
                    got = a.param_grad(off, p, **params)
                    cells.append(
                        (f"∂{p}", ulp_errors(got, d, off, values).max())
                    )
            yield params, np.dtype(dtype).name, cells


def main() -> None:
    names = sys.argv[1:] or acts.names("elementwise")
    print(f"{'activation':<12} {'parameters':<28} {'dtype':<8} worst ULP error")
    for name in names:
        for params, dtype, cells in rows(name):
            shown = (
                ", ".join(f"{k}={v}" for k, v in params.items()) or "defaults"
            )
            print(
                f"{name:<12} {shown:<28} {dtype:<8} "
                + "  ".join(f"{label} {err:.2f}" for label, err in cells)
            )


if __name__ == "__main__":
    main()
