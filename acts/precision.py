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

from .symbolic import MPMATH
from .symbolic import x as X

__all__ = [
    "grid",
    "reference",
    "ulp_error",
    "ulp_errors",
    "condition_numbers",
    "assert_close",
]

DPS = 60


def grid(dtype=np.float64, kinks=(), dense=401) -> np.ndarray:
    """Test points: dense on [-10, 10], the tails out to the largest finite values, the
    subnormals, ±0, and both neighbours of every kink."""
    dtype = np.dtype(dtype)
    info = np.finfo(dtype)
    tails = [
        11,
        15,
        20,
        30,
        37,
        40,
        50,
        88,
        100,
        500,
        700,
        709.7,
        720,
        740,
        745,
        800,
        1e3,
        1e4,
        1e6,
        1e10,
        1e20,
        1e100,
        1e300,
    ]
    tails = [t for t in tails if t < float(info.max)] + [float(info.max)]
    tiny = [
        float(info.smallest_subnormal),
        float(info.smallest_normal),
        1e-30,
        1e-10,
        1e-5,
    ]
    tiny = [t for t in tiny if t >= float(info.smallest_subnormal)]
    pts = list(np.linspace(-10, 10, dense)) + tails + tiny
    pts += [-p for p in pts] + [0.0]
    for k in kinks:
        k = dtype.type(k)
        pts += [
            float(k),
            float(np.nextafter(k, dtype.type(np.inf))),
            float(np.nextafter(k, dtype.type(-np.inf))),
        ]
    with np.errstate(over="ignore"):
        return np.unique(np.array(pts, dtype=np.float64).astype(dtype))


def reference(expr, xs, subs=None, symbol=X) -> list:
    """`expr` at each x in `xs`, as mpmath numbers at DPS digits (or more where the expression
    cancels: see `_without_cancellation`).

    `subs` fixes parameters, ``{Symbol or name: float}``. Each value enters mpmath as the exact
    binary number it is (``mpmath.mpf(float(v))``), not as SymPy's 15-digit decimal of it: with
    α = 0.1, the reference is e^{x/0.1000000000000000055511…}, the function the kernel is asked
    for, so a kernel that rounds 1/α cannot hide behind a reference that rounds it too.
    """
    params, values = [], []
    for key, value in (subs or {}).items():
        params.append(
            key
            if isinstance(key, sympy.Symbol)
            else sympy.Symbol(key, **_assumptions(expr, key))
        )
        values.append(float(value))
    f = _lambdified(expr, symbol, tuple(params))
    with mpmath.workdps(DPS):
        exact = [mpmath.mpf(v) for v in values]
        return [
            _without_cancellation(f, mpmath.mpf(float(v)), exact)
            for v in np.asarray(xs, dtype=np.float64).ravel()
        ]


_LAMBDIFIED: dict = {}


def _lambdified(expr, symbol, params):
    """sympy.lambdify([symbol, *params], expr), cached: tests ask for the same one repeatedly."""
    key = (expr, symbol, params)
    if key not in _LAMBDIFIED:
        _LAMBDIFIED[key] = sympy.lambdify(
            [symbol, *params], expr, modules=MPMATH
        )
    return _LAMBDIFIED[key]


# 1920 digits: room for the 632 decades between 1e308 and 5e-324
MAX_DPS = 32 * DPS


def _without_cancellation(f, v, params=()):
    """f(v) at DPS digits, or at more where cancellation eats those digits.

    An expression such as x − tanh(x) at x = 1e-30, or the SymPy derivative of x/(1 + |x|) at
    1e100 (1/(1 + x) − x/(1 + x)², both ≈ 1e-100, to give 1e-200), loses as many digits to
    cancellation as the terms are larger than the result, and 60 digits are not always enough.
    So f is evaluated again at twice the digits, and again, until two evaluations agree to 30
    digits; a result that stays exactly 0 is followed up to MAX_DPS, since a value that
    cancels completely at every precision tried looks the same as a true zero.
    """
    y, dps = f(v, *params), DPS
    while dps < MAX_DPS:
        dps *= 2
        with mpmath.workdps(dps):
            y2 = f(v, *params)
        if y2 != 0 and (
            y2 == y or abs(y2 - y) <= mpmath.mpf(10) ** -30 * abs(y2)
        ):
            return +y2  # rounded back to the caller's DPS digits
        y = y2
    return +y


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
        # np.spacing overflows to inf there
        if np.abs(rounded) == np.finfo(dtype).max:
            # same binade, same spacing
            rounded = np.nextafter(rounded, dtype.type(0))
        unit = mpmath.mpf(float(np.spacing(np.abs(rounded))))
        return float(abs(mpmath.mpf(got) - ref) / unit)


def ulp_errors(got, expr, xs, subs=None) -> np.ndarray:
    """ULP errors of the array `got` against `expr` evaluated at `xs` (same shape)."""
    got = np.asarray(got)
    refs = reference(expr, xs, subs)
    return np.array(
        [ulp_error(g, r, got.dtype) for g, r in zip(got.ravel(), refs)]
    )


def condition_numbers(expr, xs, symbol=X, subs=None) -> np.ndarray:
    """κ(x) = |x·g'(x)/g(x)| for g = `expr`: how much g amplifies a relative error in x.

    Near a zero of g, κ is large and no floating-point evaluation that rounds its
    intermediates can keep a small relative error; there the book measures error / κ.
    `subs` fixes parameters, exactly, as in `reference`.
    """
    g = reference(expr, xs, subs, symbol)
    dg = reference(sympy.diff(expr, symbol), xs, subs, symbol)
    out = []
    with mpmath.workdps(DPS):
        for v, gv, dgv in zip(np.asarray(xs, dtype=np.float64).ravel(), g, dg):
            out.append(
                float(abs(mpmath.mpf(float(v)) * dgv / gv))
                if gv != 0
                else math.inf
            )
    return np.array(out)


def assert_close(
    fn,
    expr,
    xs,
    max_ulps: float = 4.0,
    subs=None,
    what: str = "",
    ill_conditioned=(),
) -> float:
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
        errors[inside] /= np.maximum(
            1.0, condition_numbers(expr, xs.ravel()[inside], subs=subs)
        )
    worst = int(np.argmax(errors)) if errors.size else 0
    if errors.size and errors[worst] > max_ulps:
        ref = reference(expr, xs.ravel()[worst : worst + 1], subs)[0]
        raise AssertionError(
            f"{what or getattr(fn, '__qualname__', fn)} is off by {errors[worst]:.3g} ULP at "
            f"x = {xs.ravel()[worst]!r}: expected {mpmath.nstr(ref, 17)}, "
            f"got {got.ravel()[worst]!r}"
        )
    return float(errors.max()) if errors.size else 0.0
