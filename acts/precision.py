"""High-precision references and ULP errors: how the tests and the chapters check numbers.

    >>> import acts, numpy as np
    >>> from acts.precision import ulp_errors, grid
    >>> xs = grid(np.float64)
    >>> float(ulp_errors(acts.sigmoid(xs), acts.sigmoid.expr, xs).max()) <= 4
    True

The reference is the activation's SymPy expression evaluated by mpmath at 60 significant
digits, at the floating-point input itself (a float32 input is an exact float64).
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import sympy

from .symbolic import x as X

__all__ = ["grid", "reference", "ulp_error", "ulp_errors", "condition_numbers", "assert_close"]

DPS = 60


def _erfc(z):
    """mpmath.erfc, also beyond z ≈ 1e154, where mpmath raises OverflowError.

    There erfc(z) = e^{−z²}/(z√π)·(1 − 1/(2z²) + …) and the correction is below 10⁻³⁰⁰.
    """
    if z > 1e150:
        return mpmath.exp(-z * z) / (z * mpmath.sqrt(mpmath.pi))
    return mpmath.erfc(z)


# lambdify's namespace for the references: mpmath, with the fixes above.
_MPMATH = [{"erfc": _erfc}, "mpmath"]


def grid(dtype=np.float64, kinks=(), dense=401) -> np.ndarray:
    """Test points: dense on [-10, 10], the tails out to the largest finite values, the
    subnormals, ±0, and both neighbours of every kink."""
    dtype = np.dtype(dtype)
    info = np.finfo(dtype)
    tails = [11, 15, 20, 30, 37, 40, 50, 88, 100, 500, 700, 709.7, 720, 740, 745, 800,
             1e3, 1e4, 1e6, 1e10, 1e20, 1e100, 1e300]
    tails = [t for t in tails if t < float(info.max)] + [float(info.max)]
    tiny = [float(info.smallest_subnormal), float(info.smallest_normal), 1e-30, 1e-10, 1e-5]
    tiny = [t for t in tiny if t >= float(info.smallest_subnormal)]
    pts = list(np.linspace(-10, 10, dense)) + tails + tiny
    pts += [-p for p in pts] + [0.0]
    for k in kinks:
        k = dtype.type(k)
        pts += [float(k), float(np.nextafter(k, dtype.type(np.inf))),
                float(np.nextafter(k, dtype.type(-np.inf)))]
    with np.errstate(over="ignore"):
        return np.unique(np.array(pts, dtype=np.float64).astype(dtype))


def reference(expr, xs, subs=None, symbol=X) -> list:
    """`expr` at each x in `xs`, as mpmath numbers at DPS digits; `subs` fixes parameters."""
    if subs:
        expr = expr.subs({sympy.Symbol(k, **_assumptions(expr, k)): v for k, v in subs.items()})
    f = sympy.lambdify([symbol], expr, modules=_MPMATH)
    with mpmath.workdps(DPS):
        return [f(mpmath.mpf(float(v))) for v in np.asarray(xs, dtype=np.float64).ravel()]


def _assumptions(expr, name):
    for s in expr.free_symbols:
        if s.name == name:
            return s.assumptions0
    return {}


def ulp_error(got: float, ref, dtype=np.float64) -> float:
    """|got − ref| in units in the last place of `ref` rounded to `dtype`.

    Both NaN, or both the same infinity, is 0; a finite/infinite or NaN/number mismatch is inf.
    Where ref underflows, the unit is the smallest subnormal, so flushing a representable tail
    value to zero shows up as a large error.
    """
    dtype = np.dtype(dtype)
    got = float(got)
    with mpmath.workdps(DPS):
        ref = mpmath.mpf(ref) if not isinstance(ref, mpmath.mpf) else ref
        if mpmath.isnan(ref) or math.isnan(got):
            return 0.0 if mpmath.isnan(ref) and math.isnan(got) else math.inf
        with np.errstate(over="ignore"):
            rounded = np.asarray(float(ref)).astype(dtype)
        if np.isinf(rounded) or math.isinf(got):
            return 0.0 if float(rounded) == got else math.inf
        with np.errstate(over="ignore"):
            spacing = np.spacing(np.abs(rounded))
        if np.isinf(spacing):  # the largest finite value: the unit of its binade, not inf
            spacing = np.spacing(np.nextafter(np.abs(rounded), rounded.dtype.type(0)))
        unit = mpmath.mpf(float(spacing))
        return float(abs(mpmath.mpf(got) - ref) / unit)


def ulp_errors(got, expr, xs, subs=None) -> np.ndarray:
    """ULP errors of the array `got` against `expr` evaluated at `xs` (same shape)."""
    got = np.asarray(got)
    refs = reference(expr, xs, subs)
    return np.array([ulp_error(g, r, got.dtype) for g, r in zip(got.ravel(), refs)])


def condition_numbers(expr, xs, symbol=X) -> np.ndarray:
    """κ(x) = |x·g'(x)/g(x)| for g = `expr`: how much g amplifies a relative error in x.

    Near a zero of g, κ is large and no floating-point evaluation that rounds its
    intermediates can keep a small relative error; there the book measures error / κ.
    """
    g = sympy.lambdify([symbol], expr, modules=_MPMATH)
    dg = sympy.lambdify([symbol], sympy.diff(expr, symbol), modules=_MPMATH)
    out = []
    with mpmath.workdps(DPS):
        for v in np.asarray(xs, dtype=np.float64).ravel():
            v = mpmath.mpf(float(v))
            gv = g(v)
            out.append(float(abs(v * dg(v) / gv)) if gv != 0 else math.inf)
    return np.array(out)


def assert_close(fn, expr, xs, max_ulps: float = 4.0, subs=None, what: str = "",
                 ill_conditioned=()) -> float:
    """Assert that fn(xs) is within `max_ulps` of `expr` at every x; return the worst error.

    Inside the x-intervals `ill_conditioned` the error is divided by max(1, κ(x)) (see
    `condition_numbers`) before it is compared. The AssertionError names the worst point,
    the reference and the value received.
    """
    xs = np.asarray(xs)
    got = np.asarray(fn(xs))
    errors = ulp_errors(got, expr, xs, subs)
    inside = np.zeros(xs.size, dtype=bool)
    for lo, hi in ill_conditioned:
        inside |= (xs.ravel() >= lo) & (xs.ravel() <= hi)
    if inside.any():
        errors[inside] /= np.maximum(1.0, condition_numbers(expr, xs.ravel()[inside]))
    worst = int(np.argmax(errors)) if errors.size else 0
    if errors.size and errors[worst] > max_ulps:
        ref = reference(expr, xs.ravel()[worst:worst + 1], subs)[0]
        raise AssertionError(
            f"{what or getattr(fn, '__qualname__', fn)} is off by {errors[worst]:.3g} ULP at "
            f"x = {xs.ravel()[worst]!r}: expected {mpmath.nstr(ref, 17)}, got {got.ravel()[worst]!r}"
        )
    return float(errors.max()) if errors.size else 0.0
