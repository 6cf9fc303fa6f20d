"""The properties of an activation, computed one way for every chapter and for the comparison table.

    >>> import acts.properties as P
    >>> p = P.properties("silu")
    >>> str(p.range), p.monotone, p.smoothness, p.saturates
    ('[−0.278465, ∞)', 'no', 'C^∞', 'left')
    >>> round(P.properties("relu").mean, 12) == round(1 / (2 * 3.141592653589793) ** 0.5, 12)
    True

What each entry means, and how it is found (for an elementwise ``f`` with its parameters):

range
    The set of values f takes, as an interval with the right ends. Its candidates are the
    limits f(±∞) (from the implementation at ±inf; a NaN there is never dropped: the limit is
    taken from the SymPy expression instead), the values at the kinks and on either side of
    them, and the values at the critical points, where f' changes sign on a grid and a
    root-finder (Brent) then solves f'(x) = 0; the value there is refined with mpmath on the
    SymPy expression and correctly rounded. An end is closed when f reaches it at a finite x
    (a critical point, a kink, or a flat piece where f' is exactly 0), open when only a limit
    gives it. -0.0 is never shown.
monotone, grad monotone
    "increasing" (f' > 0 but at isolated points), "non-decreasing" (f' = 0 on a whole piece),
    "decreasing", "non-increasing", "constant" or "no", read off f' (and for f' off the
    differences of f') on a grid that covers every kink.
max |f'|
    The supremum of |f'| and where it is reached: a point, an interval (ReLU's x > 0), or only
    in a limit (softplus' → 1 as x → ∞: `max_grad_attained` is False).
smoothness
    "C^∞" with no kinks; otherwise the one-sided values of f, f' and f'' at every kink decide
    "discontinuous", "C⁰", "C¹" or "C²" (at least twice continuously differentiable).
saturates
    Which sides have f'(x) → 0 as x → ±∞: "both sides", "left", "right" or "no".
mean, zero-centred
    The mean output E[f(z)] for z ~ N(0, 1), by adaptive quadrature (scipy.integrate.quad) of
    f(z)·φ(z), split at the kinks. "Zero-centred" means exactly this mean is 0 (|E| < 1e-6,
    `ZERO_MEAN_TOL`); a function that is merely negative somewhere is not zero-centred.

Vector activations (kind "vector": softmax and its relatives) are described by their first
output y₁ along the line x = (t, 0, …, 0) in n = 3 dimensions, which sweeps y₁ over its whole
range; the mean is E[y₁] for x ~ N(0, I₃), and `extra` says whether the outputs sum to 1 and
whether adding a constant to every input changes nothing. Gated linear units (kind "glu",
f(a, b) with the input split in halves) are described by their gate g, the half that is not
linear, with f = a·g(b), and the mean E[f] over independent standard normal halves. Any other
kind gets what can be computed (its kind and f at 0) and a note, never an exception.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .registry import get

__all__ = [
    "ZERO_MEAN_TOL",
    "Interval",
    "MarkdownTable",
    "Properties",
    "properties",
    "table",
]

ZERO_MEAN_TOL = 1e-6
_HALF_WIDTH = 20.0  # the grid covers [-20, 20] and every kink ± 10
_STEP = 0.005


# --------------------------------------------------------------------------- intervals


def _clean(v: float) -> float:
    """A Python float without a negative zero."""
    v = float(v)
    return 0.0 if v == 0 else v


def fmt(v: float, digits: int = 6) -> str:
    """A number as the book prints it: ∞ for inf, a real minus sign, no -0, `digits` significant."""
    if v is None:
        return "–"
    if isinstance(v, str):
        return v
    v = _clean(v)
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    return f"{v:.{digits}g}".replace("-", "−")


@dataclass(frozen=True)
class Interval:
    """An interval of reals with open or closed ends; infinite ends are always open."""

    lo: float
    hi: float
    lo_closed: bool
    hi_closed: bool

    def __post_init__(self):
        object.__setattr__(self, "lo", _clean(self.lo))
        object.__setattr__(self, "hi", _clean(self.hi))
        object.__setattr__(
            self, "lo_closed", bool(self.lo_closed) and math.isfinite(self.lo)
        )
        object.__setattr__(
            self, "hi_closed", bool(self.hi_closed) and math.isfinite(self.hi)
        )

    @property
    def bounded_below(self) -> bool:
        return math.isfinite(self.lo)

    @property
    def bounded_above(self) -> bool:
        return math.isfinite(self.hi)

    def __contains__(self, v: float) -> bool:
        above = v >= self.lo if self.lo_closed else v > self.lo
        below = v <= self.hi if self.hi_closed else v < self.hi
        return bool(above and below)

    def format(self, digits: int = 6) -> str:
        if self.lo == self.hi and self.lo_closed:
            return "{" + fmt(self.lo, digits) + "}"
        return (
            ("[" if self.lo_closed else "(")
            + fmt(self.lo, digits)
            + ", "
            + fmt(self.hi, digits)
            + ("]" if self.hi_closed else ")")
        )

    def __str__(self) -> str:
        return self.format()


# --------------------------------------------------------------------------- the record


@dataclass(frozen=True)
class Properties:
    """What the book states about one activation at given parameters; see the module docstring.

    Fields that do not apply to a kind are None. `rows()` gives (label, text) pairs in book
    order, and the object shows itself as a Markdown table in Jupyter.
    """

    name: str
    kind: str
    params: dict = field(default_factory=dict)
    range: Interval | None = None
    f0: float | None = None
    df0: float | None = None
    monotone: str | None = None
    grad_monotone: str | None = None
    max_grad: float | None = None
    max_grad_at: Any = (
        None  # a float, an Interval, a tuple of them, or "x → ∞" / "x → −∞"
    )
    max_grad_attained: bool | None = None
    smoothness: str | None = None
    saturates: str | None = None
    mean: float | None = None
    minimum_at: float | None = (
        None  # the interior critical point where f is smallest, if any
    )
    extra: dict = field(default_factory=dict)
    note: str = ""

    @property
    def bounded_below(self) -> bool | None:
        return None if self.range is None else self.range.bounded_below

    @property
    def bounded_above(self) -> bool | None:
        return None if self.range is None else self.range.bounded_above

    @property
    def zero_centred(self) -> bool | None:
        return None if self.mean is None else abs(self.mean) < ZERO_MEAN_TOL

    def bounded_text(self) -> str | None:
        if self.range is None:
            return None
        return {
            (True, True): "both sides",
            (True, False): "below",
            (False, True): "above",
            (False, False): "no",
        }[(self.bounded_below, self.bounded_above)]

    def max_grad_text(self) -> str | None:
        if self.max_grad is None:
            return None
        at = self.max_grad_at
        if isinstance(at, str):
            where = at
        elif isinstance(at, Interval):
            where = f"x ∈ {at}"
        elif isinstance(at, tuple):
            where = "x ∈ " + " ∪ ".join(map(str, at))
        else:
            where = f"x = {fmt(at)}"
        sup = "" if self.max_grad_attained else " (not reached)"
        jumps = (
            " (away from the jumps of f)"
            if self.smoothness == "discontinuous"
            else ""
        )
        return f"{fmt(self.max_grad)} at {where}{sup}{jumps}"

    def mean_text(self) -> str | None:
        if self.mean is None:
            return None
        centred = "zero-centred" if self.zero_centred else "not zero-centred"
        return f"{fmt(self.mean, 4)} ({centred})"

    def rows(self) -> list[tuple[str, str]]:
        """(label, text) pairs, the entries that apply to this kind, in book order."""
        rows = [
            ("range", None if self.range is None else str(self.range)),
            (
                "minimum",
                None
                if self.minimum_at is None or self.range is None
                else f"{fmt(self.range.lo)} at x = {fmt(self.minimum_at)}",
            ),
            ("f(0)", None if self.f0 is None else fmt(self.f0)),
            ("f'(0)", None if self.df0 is None else fmt(self.df0)),
            ("max |f'|", self.max_grad_text()),
            ("monotone", self.monotone),
            ("f' monotone", self.grad_monotone),
            ("bounded", self.bounded_text()),
            ("saturates (f' → 0)", self.saturates),
            ("smoothness", self.smoothness),
            ("mean E[f(z)], z ~ N(0, 1)", self.mean_text()),
        ]
        rows += [
            (
                k,
                v
                if isinstance(v, str)
                else ("yes" if v is True else "no" if v is False else fmt(v)),
            )
            for k, v in self.extra.items()
        ]
        if self.note:
            rows.append(("note", self.note))
        return [(k, v) for k, v in rows if v is not None]

    def _repr_markdown_(self) -> str:
        return table([self])

    def __getitem__(self, label: str) -> str:
        """The text of one row, by its label (`p["range"]`)."""
        return dict(self.rows())[label]


class MarkdownTable(str):
    """A Markdown string that Jupyter (and the book) shows as a table."""

    def _repr_markdown_(self) -> str:
        return str(self)


def table(
    items: Iterable[Properties | str], labels: Sequence[str] | None = None
) -> MarkdownTable:
    """A Markdown table, one column per activation (a Properties or a registered name)."""
    props = [p if isinstance(p, Properties) else properties(p) for p in items]
    per = [dict(p.rows()) for p in props]
    if labels is None:
        labels = list(dict.fromkeys(k for d in per for k in d))
    head = [_column_title(p) for p in props]
    lines = [
        "| property | " + " | ".join(head) + " |",
        "|---|" + "---|" * len(props),
    ]
    for k in labels:
        lines.append(
            f"| {k} | "
            + " | ".join(d.get(k, "–").replace("|", "\\|") for d in per)
            + " |"
        )
    return MarkdownTable("\n".join(lines))


def _column_title(p: Properties) -> str:
    shown = ", ".join(f"{k} = {v}" for k, v in p.params.items())
    return f"{p.name} ({shown})" if shown else p.name


# --------------------------------------------------------------------------- elementwise


def _limit(a, params, side: float) -> float:
    """f(±∞): the implementation's value at ±inf; if that is NaN, the SymPy limit (or, with no
    SymPy form, the value at ±1e300). A NaN is never dropped: no limit at all is an error."""
    with np.errstate(all="ignore"):
        v = float(a(np.array([side]), **params)[0])
    if not math.isnan(v):
        return _clean(v)
    try:
        import sympy

        from .symbolic import x

        lim = sympy.limit(
            a.expr_at(**params), x, sympy.oo if side > 0 else -sympy.oo
        )
    except NotImplementedError:
        with np.errstate(all="ignore"):
            v = float(a(np.array([math.copysign(1e300, side)]), **params)[0])
        lim = v
    try:
        v = float(lim)
    except TypeError:
        v = math.nan
    if math.isnan(v):
        raise ValueError(f"{a.name}: f has no limit as x → {fmt(side)} ({lim})")
    return _clean(v)


def _grad_limit(a, params, side: float) -> float:
    if getattr(
        a, "limit_x", None
    ):  # a slice with a numerical f': its value far out
        return _clean(
            float(a.grad(np.array([math.copysign(a.limit_x, side)]))[0])
        )
    with np.errstate(all="ignore"):
        v = float(a.grad(np.array([side]), **params)[0])
        if math.isnan(v):  # the largest finite input stands in for the limit
            v = float(
                a.grad(np.array([math.copysign(1e300, side)]), **params)[0]
            )
    return _clean(v)


def _grid(kinks: Sequence[float]) -> np.ndarray:
    lo = min([-_HALF_WIDTH] + [k - 10 for k in kinks])
    hi = max([_HALF_WIDTH] + [k + 10 for k in kinks])
    xs = np.arange(lo, hi + _STEP / 2, _STEP)
    xs = np.union1d(np.round(xs, 10), np.array([0.0, *kinks]))
    return xs


def _refined_value(a, params, x0: float) -> float:
    """f at the critical point near x0, solved and evaluated in mpmath, correctly rounded."""
    import mpmath
    import sympy

    from .symbolic import x

    expr = a.expr_at(**params)
    f = sympy.lambdify(x, expr, "mpmath")
    df = sympy.lambdify(x, sympy.diff(expr, x), "mpmath")
    with mpmath.workdps(40):
        root = mpmath.findroot(df, mpmath.mpf(x0))
        if abs(root - x0) > 1e-6 * max(1.0, abs(x0)):
            raise ArithmeticError("mpmath converged elsewhere")
        return float(f(root))


def _critical_points(a, params, xs, g, kinks) -> list[float]:
    """Sign changes of f' between grid points, solved by Brent's method (no kink in between)."""
    import scipy.optimize

    s = np.sign(g)
    found = []
    for i in np.nonzero(s[:-1] * s[1:] < 0)[0]:
        lo, hi = xs[i], xs[i + 1]
        if any(lo <= k <= hi for k in kinks):
            continue
        root = scipy.optimize.brentq(
            lambda t: float(a.grad(t, **params)),
            lo,
            hi,
            xtol=1e-300,
            rtol=4 * np.finfo(float).eps,
            maxiter=200,
        )
        found.append(float(root))
    # A root that falls on a grid point exactly (hardswish' at −1.5) is a critical point too.
    isolated = (g[1:-1] == 0) & (g[:-2] != 0) & (g[2:] != 0)
    found += [
        float(xs[i + 1])
        for i in np.nonzero(isolated)[0]
        if not any(abs(xs[i + 1] - k) < _STEP for k in kinks)
    ]
    return sorted(found)


def _genuine(mask: np.ndarray, xs: np.ndarray, kinks) -> np.ndarray:
    """The points of `mask` in runs that are real pieces of the function, not rounding.

    f and f' are analytic between kinks, so f' (or f) can be constant on a run of grid points
    only if it is constant on the whole piece: a real run ends at a kink or at the grid's end
    (ReLU's flat left half). A run that ends anywhere else is a tail that has rounded to its
    limit (σ(5x) is 1.0 in floats from x ≈ 7.5).
    """
    out = np.zeros_like(mask)
    idx = np.nonzero(mask)[0]
    if idx.size == 0:
        return out
    k = np.asarray(kinks, dtype=float)
    for run in np.split(idx, np.nonzero(np.diff(idx) > 1)[0] + 1):
        ends = [j for j in (run[0], run[-1]) if 0 < j < len(xs) - 1]
        interior = (
            len(ends) == 2
        )  # a constant stretch between two points: a real piece
        if interior or all(
            k.size and np.min(np.abs(k - xs[j])) <= _STEP * 1.01 for j in ends
        ):
            out[run] = True
    return out


def _monotone(
    g: np.ndarray, df: np.ndarray, tol: float = 0.0, real_zero=None
) -> str:
    """Monotonicity from the derivative g on the grid and the differences df of the function.

    With tol = 0 the signs are taken exactly (the implementation's f and f' are accurate, so
    their signs are right); f' = 0 at two neighbouring grid points is a flat piece.
    """
    zero = np.abs(g) <= tol if real_zero is None else real_zero
    flat_piece = bool(np.any(zero[:-1] & zero[1:]))
    if np.all(zero) and np.all(np.abs(df) <= tol):
        return "constant"
    if np.all(g >= -tol) and np.all(df >= -tol):
        return "non-decreasing" if flat_piece else "increasing"
    if np.all(g <= tol) and np.all(df <= tol):
        return "non-increasing" if flat_piece else "decreasing"
    return "no"


def _smoothness(a, params, kinks) -> str:
    if not kinks:
        return "C^∞"

    def f(t):
        return np.asarray(a(np.asarray(t, dtype=float), **params), dtype=float)

    def g(t):
        return np.asarray(
            a.grad(np.asarray(t, dtype=float), **params), dtype=float
        )

    k = np.asarray(kinks, dtype=float)
    h = 1e-9 * np.maximum(1.0, np.abs(k))
    scale = 1.0 + np.abs(f(k))
    if np.any(np.abs(f(k + h) - f(k - h)) > 1e-6 * scale):
        return "discontinuous"
    gscale = 1.0 + np.abs(g(k + h)) + np.abs(g(k - h))
    if np.any(np.abs(g(k + h) - g(k - h)) > 1e-5 * gscale):
        return "C⁰"
    h2 = 1e-4 * np.maximum(1.0, np.abs(k))
    right = (g(k + 2 * h2) - g(k + h2)) / h2
    left = (g(k - h2) - g(k - 2 * h2)) / h2
    if np.any(
        np.abs(right - left) > 1e-2 * (1.0 + np.abs(right) + np.abs(left))
    ):
        return "C¹"
    return "C^∞" if _analytic(a, params) else "C²"


def _analytic(a, params) -> bool:
    """True when the SymPy expression at these parameters has no pieces left (PReLU at α = 1)."""
    try:
        import sympy

        expr = sympy.piecewise_fold(sympy.nsimplify(a.expr_at(**params)))
        # A Piecewise whose pieces are one expression is that expression.
        expr = expr.replace(
            lambda e: (
                isinstance(e, sympy.Piecewise)
                and all(
                    sympy.simplify(p - e.args[0][0]) == 0 for p, _ in e.args
                )
            ),
            lambda e: e.args[0][0],
        )
    except Exception:  # noqa: BLE001  (no SymPy form: say only what the kinks show)
        return False
    kinds = (
        sympy.Piecewise,
        sympy.Heaviside,
        sympy.Abs,
        sympy.Max,
        sympy.Min,
        sympy.sign,
    )
    return not expr.has(*kinds)


def _max_grad(a, params, xs, g, kinks, limits) -> tuple[float, Any, bool]:
    import scipy.optimize

    ag = np.abs(g)
    i = int(np.argmax(ag))
    top = float(ag[i])
    lim_lo, lim_hi = abs(limits[0]), abs(limits[1])
    if max(lim_lo, lim_hi) > top * (1 + 1e-12):  # only approached in a limit
        side = "x → ∞" if lim_hi >= lim_lo else "x → −∞"
        return max(lim_lo, lim_hi), side, False
    # A slice with a numerical f' (a GLU's gate) carries its rounding noise as grad_rtol.
    near = ag >= top * (1 - getattr(a, "grad_rtol", 4 * np.finfo(float).eps))
    if np.count_nonzero(near) > 2:
        real = _genuine(near, xs, kinks)
        if (
            not real.any()
        ):  # f' has rounded to its limit in a tail: the sup is only approached
            both = abs(limits[0]) == abs(limits[1]) == top
            side = "x → ±∞" if both else ("x → ∞" if near[-1] else "x → −∞")
            return top, side, False
        idx = np.nonzero(real)[0]
        runs = np.split(idx, np.nonzero(np.diff(idx) > 1)[0] + 1)
        pieces = []
        for run in runs:
            lo_i, hi_i = int(run[0]), int(run[-1])
            lo = -math.inf if lo_i == 0 else float(xs[lo_i])
            hi = math.inf if hi_i == len(xs) - 1 else float(xs[hi_i])
            lo_closed = hi_closed = True
            # An end one grid step from a kink is the kink; closed if f' reaches it there.
            for k in kinks:
                reached = abs(float(a.grad(k, **params))) >= top * (1 - 1e-12)
                if math.isfinite(lo) and abs(lo - k) <= _STEP * 1.01:
                    lo, lo_closed = k, reached
                if math.isfinite(hi) and abs(hi - k) <= _STEP * 1.01:
                    hi, hi_closed = k, reached
            pieces.append(Interval(lo, hi, lo_closed, hi_closed))
        return top, pieces[0] if len(pieces) == 1 else tuple(pieces), True
    x0 = float(xs[i])
    if 0 < i < len(xs) - 1 and not any(
        xs[i - 1] < k < xs[i + 1] for k in kinks
    ):
        res = scipy.optimize.minimize_scalar(
            lambda t: -abs(float(a.grad(t, **params))),
            bounds=(xs[i - 1], xs[i + 1]),
            method="bounded",
            options={"xatol": 1e-12},
        )
        if -res.fun >= top:
            x0, top = float(res.x), float(-res.fun)
            if abs(x0 - round(x0)) < 1e-6 and abs(
                float(a.grad(round(x0), **params))
            ) >= top * (1 - 1e-8):
                x0, top = (
                    float(round(x0)),
                    abs(float(a.grad(round(x0), **params))),
                )
    # A one-sided limit at a kink can exceed every value f' takes (hardswish' → 3/2 as x → 3⁻,
    # but f'(3) = 1): the sup is then that limit, not reached. f' is smooth on each side, so
    # two points extrapolate the limit linearly.
    for k in kinks:
        for side in (-1.0, 1.0):
            d = 1e-7 * max(1.0, abs(k))
            g1 = abs(float(a.grad(k + side * d, **params)))
            g2 = abs(float(a.grad(k + 2 * side * d, **params)))
            lim = 2 * g1 - g2
            if lim > top * (1 + 1e-9) and abs(
                float(a.grad(k, **params))
            ) < lim * (1 - 1e-9):
                top, x0, reached = lim, k, False
                return top, _clean(x0), reached
    return top, _clean(x0), True


_BREAKS = (
    -40.0,
    -20.0,
    -10.0,
    -7.0,
    -5.0,
    -3.5,
    -2.5,
    -1.5,
    -0.75,
    0.0,
    0.75,
    1.5,
    2.5,
    3.5,
    5.0,
    7.0,
    10.0,
    20.0,
    40.0,
)


def _mean(a, params, kinks) -> float:
    """E[f(z)], z ~ N(0, 1): 64-point Gauss–Legendre on each piece between the kinks and a fixed
    set of breakpoints on [-40, 40] (beyond, φ < 1e-347: nothing left for f of at most
    polynomial growth), in one vectorised call of f. Exact to rounding for functions analytic
    between their kinks; the tests pin ReLU's 1/√(2π) and GELU's 1/(2√π) to 1e-12."""
    ends = np.unique(
        np.concatenate([_BREAKS, [k for k in kinks if -40 < k < 40]])
    )
    t, w = np.polynomial.legendre.leggauss(64)
    lo, hi = ends[:-1, None], ends[1:, None]
    z = (0.5 * (hi - lo) * t + 0.5 * (hi + lo)).ravel()
    weights = (
        (0.5 * (hi - lo) * w).ravel()
        * np.exp(-0.5 * z * z)
        / math.sqrt(2 * math.pi)
    )
    return _clean(math.fsum(weights * np.asarray(a(z, **params), dtype=float)))


def _saturates(limits) -> str:
    left, right = (abs(v) < 1e-12 for v in limits)
    return {
        (True, True): "both sides",
        (True, False): "left",
        (False, True): "right",
        (False, False): "no",
    }[(left, right)]


def _elementwise(a, params: dict, shown: dict | None = None) -> Properties:
    kinks = tuple(float(k) for k in a.kinks_at(**params))
    xs = _grid(kinks)
    fx = np.asarray(a(xs, **params), dtype=float)
    g = np.asarray(a.grad(xs, **params), dtype=float)
    if np.isnan(fx).any() or np.isnan(g).any():
        raise ValueError(
            f"{a.name}: f or f' is NaN at a finite x, so its properties are undefined"
        )
    limits = (_limit(a, params, -math.inf), _limit(a, params, math.inf))
    glimits = (
        _grad_limit(a, params, -math.inf),
        _grad_limit(a, params, math.inf),
    )

    # Candidates for the ends of the range: (value, reached at a finite x?).
    cands = [(limits[0], False), (limits[1], False)]
    for k in kinks:
        for t in (np.nextafter(k, -np.inf), k, np.nextafter(k, np.inf)):
            cands.append((float(a(t, **params)), True))
    # A flat piece (f' exactly 0) reaches its value, unless it is a tail that has rounded to
    # its limit (tanh is 1.0 in floats beyond x ≈ 19.1): see _genuine.
    flat = _genuine(np.abs(g) == 0, xs, kinks)
    cands += [(float(v), True) for v in fx[flat]]
    crit = _critical_points(a, params, xs, g, kinks)
    crit_values = []
    for c in crit:
        v = float(a(c, **params))
        try:
            v = _refined_value(a, params, c)
        except Exception:  # noqa: BLE001, S110  (no mpmath form or no convergence: keep f(root))
            pass
        crit_values.append((v, c))
        cands.append((v, True))
    lo = min(v for v, _ in cands)
    hi = max(v for v, _ in cands)
    rng = Interval(
        lo,
        hi,
        any(r and v == lo for v, r in cands),
        any(r and v == hi for v, r in cands),
    )
    minimum_at = (
        min(crit_values)[1]
        if crit_values and min(crit_values)[0] == lo
        else None
    )

    monotone = _monotone(g, np.diff(fx), real_zero=flat)
    dg = np.diff(
        g
    )  # f'' by differences: rounding noise of a few ulp(f') is not a change of sign
    tol = 16 * np.finfo(float).eps * max(1.0, float(np.max(np.abs(g))))
    grad_monotone = _monotone(
        dg, dg, tol, real_zero=_genuine(np.abs(dg) <= tol, xs[:-1], kinks)
    )
    mx, at, attained = _max_grad(a, params, xs, g, kinks, glimits)
    return Properties(
        name=a.name,
        kind="elementwise",
        params=dict(shown or {}),
        range=rng,
        f0=_clean(a(0.0, **params)),
        df0=_clean(a.grad(0.0, **params)),
        monotone=monotone,
        grad_monotone=grad_monotone,
        max_grad=_clean(mx),
        max_grad_at=at,
        max_grad_attained=attained,
        smoothness=_smoothness(a, params, kinks),
        saturates=_saturates(glimits),
        mean=_mean(a, params, kinks),
        minimum_at=minimum_at,
    )


# --------------------------------------------------------------------------- other kinds


class _Slice:
    """A one-dimensional view t ↦ f(point with t at one place) of a multivariate activation,
    with the part of the Activation interface that `_elementwise` uses. `fun` and `grad` take a
    1-d array of t and return one value per t."""

    kind = "elementwise"

    def __init__(self, name, fun, grad, limit_x=None):
        self.name, self._fun, self._grad, self.limit_x = (
            name,
            fun,
            grad,
            limit_x,
        )
        self._kinks = self._find_kinks()

    def _find_kinks(self) -> tuple[float, ...]:
        """Where f' jumps (sparsemax's slice is piecewise linear): a difference of f' far larger
        than its neighbours', located by bisection."""
        xs = np.arange(-_HALF_WIDTH, _HALF_WIDTH + _STEP / 2, _STEP)
        with np.errstate(all="ignore"):
            g = self._eval(self._grad, xs)
        d = np.abs(np.diff(g))
        # Compare with the differences two steps away: a jump that lands on a grid point
        # (a central difference at relu's 0) is split over two neighbouring differences.
        side = np.maximum(np.r_[d[2:], 0.0, 0.0], np.r_[0.0, 0.0, d[:-2]])
        kinks = []
        for i in np.nonzero((d > 1e-6) & (d > 10 * side + 1e-9))[0]:
            lo, hi, glo = xs[i], xs[i + 1], g[i]
            for _ in range(45):
                mid = 0.5 * (lo + hi)
                if abs(float(self.grad(mid)) - glo) < 0.5 * abs(g[i + 1] - glo):
                    lo = mid
                else:
                    hi = mid
            kinks.append(float(np.round(0.5 * (lo + hi), 6)))
        return tuple(kinks)

    def _eval(self, k, t):
        t = np.asarray(t, dtype=float)
        out = np.asarray(k(t.reshape(-1)), dtype=float).reshape(t.shape)
        return out if t.ndim else float(out)

    def __call__(self, t, **_):
        return self._eval(self._fun, t)

    def grad(self, t, **_):
        return self._eval(self._grad, t)

    def kinks_at(self, **_):
        return self._kinks

    def expr_at(self, **_):
        raise NotImplementedError  # no SymPy form: critical values stay float64


def _vector(a, n: int = 3) -> Properties:
    def points(t):
        v = np.zeros((t.size, n))
        v[:, 0] = t
        return v

    def jac11(t):
        return np.asarray(a.jacobian(points(t)))[:, 0, 0]

    try:
        batched = np.shape(a.jacobian(points(np.zeros(2)))) == (2, n, n)
    except Exception:  # noqa: BLE001  (any failure means: one vector at a time)
        batched = False
    if not batched:  # a Jacobian for one vector at a time

        def jac11(t):
            return np.array(
                [np.asarray(a.jacobian(v))[0, 0] for v in points(t)]
            )

    with np.errstate(invalid="ignore"):
        s = _elementwise(
            _Slice(a.name, lambda t: np.asarray(a(points(t)))[:, 0], jac11), {}
        )
    rng = np.random.default_rng(0)
    sample = rng.standard_normal((4096, n))
    out = np.asarray(a(sample))
    extra = {
        "outputs sum to 1": bool(
            np.allclose(out.sum(axis=-1), 1.0, rtol=0, atol=1e-12)
        ),
        "unchanged by x + c": bool(
            np.allclose(
                np.asarray(a(sample + 3.0)), out, rtol=1e-12, atol=1e-12
            )
        ),
    }
    # E[y₁] for x ~ N(0, I₃): a Gauss–Hermite product rule.
    nodes, weights = np.polynomial.hermite_e.hermegauss(24)
    grids = np.meshgrid(*([nodes] * n), indexing="ij")
    pts = np.stack([g.ravel() for g in grids], axis=-1)
    w = np.prod(
        np.meshgrid(*([weights] * n), indexing="ij"), axis=0
    ).ravel() / (2 * np.pi) ** (n / 2)
    mean = _clean(np.sum(w * np.asarray(a(pts))[:, 0]))
    return Properties(
        name=a.name,
        kind=a.kind,
        params={},
        range=s.range,
        f0=s.f0,
        df0=s.df0,
        monotone=s.monotone,
        grad_monotone=None,
        max_grad=s.max_grad,
        max_grad_at=s.max_grad_at,
        max_grad_attained=s.max_grad_attained,
        smoothness=s.smoothness,
        saturates=s.saturates,
        mean=mean,
        extra=extra,
        note=f"y₁ of n = {n} outputs, along x = (t, 0, 0); f' is ∂y₁/∂x₁",
    )


def _glu(a) -> Properties:
    def f(
        av, bv
    ):  # f on the inputs [a, b] (one pair per row): the output's single entry
        av, bv = np.broadcast_arrays(
            np.asarray(av, dtype=float), np.asarray(bv, dtype=float)
        )
        out = np.asarray(
            a(np.stack([av.ravel(), bv.ravel()], axis=-1), axis=-1)
        )
        return out.reshape(av.shape)

    ts = np.linspace(-3, 3, 13)
    linear_in_a = np.allclose(
        f(2.0, ts), 2 * f(1.0, ts), rtol=1e-12, atol=1e-15
    )
    linear_in_b = np.allclose(
        f(ts, 2.0), 2 * f(ts, 1.0), rtol=1e-12, atol=1e-15
    )
    if linear_in_a:
        gate, which = (lambda t: f(1.0, t)), "b"
    elif linear_in_b:
        gate, which = (lambda t: f(t, 1.0)), "a"
    else:
        return _unknown(a, "neither half enters linearly: no gate to describe")
    h = 1e-6  # a central difference: g' is only needed to locate its largest value
    sl = _Slice(
        a.name,
        gate,
        lambda t: (gate(t + h) - gate(t - h)) / (2 * h),
        limit_x=50.0,
    )
    sl.grad_rtol = 1e-8
    s = _elementwise(sl, {})
    nodes, weights = np.polynomial.hermite_e.hermegauss(64)
    w = np.outer(weights, weights) / (2 * np.pi)
    A, B = np.meshgrid(nodes, nodes, indexing="ij")
    mean = _clean(np.sum(w * f(A, B)))
    return Properties(
        name=a.name,
        kind=a.kind,
        params={},
        range=Interval(-math.inf, math.inf, False, False),
        f0=_clean(f(0.0, 0.0)),
        mean=mean,
        extra={
            "gate g": f"on the half {which}",
            "range of g": str(s.range),
            "g(0)": fmt(s.f0),
            "max |g'|": s.max_grad_text(),
            "g monotone": s.monotone,
            "g saturates": s.saturates,
        },
        note="f = (linear half)·g(gate half); the mean is over independent N(0, 1) halves",
    )


def _unknown(a, why: str) -> Properties:
    try:
        f0 = np.asarray(a(np.zeros(2))).ravel()[0]
        f0 = _clean(f0)
    except Exception:  # noqa: BLE001  (a kind we cannot even call: the row says so)
        f0 = None
    return Properties(
        name=a.name, kind=getattr(a, "kind", "?"), f0=f0, note=why
    )


def properties(activation, **params) -> Properties:
    """The properties of `activation` (a registered name or the object) at `params`."""
    a = get(activation) if isinstance(activation, str) else activation
    kind = getattr(a, "kind", None)
    if kind == "elementwise":
        return _elementwise(a, a.bind(params), shown=params)
    try:
        if kind == "vector":
            return _vector(a)
        if kind == "glu":
            return _glu(a)
    except Exception as exc:  # noqa: BLE001  (an unfamiliar API: say so, never crash a table)
        return _unknown(a, f"not computed: {type(exc).__name__}: {exc}")
    return _unknown(a, f"kind {kind!r}: no properties defined for it yet")
