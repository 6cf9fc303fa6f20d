"""Symbolic helpers the chapters share: derive, rewrite into the quoted form, decide equality.

    >>> import acts, sympy
    >>> from acts.symbolic import derivative, in_terms_of, equal
    >>> d = derivative(acts.sigmoid)                  # e^{-x} / (1 + e^{-x})^2
    >>> s = sympy.Symbol("sigma")
    >>> in_terms_of(d, acts.sigmoid.expr, s)          # the form people quote
    sigma*(1 - sigma)
    >>> equal(d, acts.sigmoid.expr * (1 - acts.sigmoid.expr))
    True

Why `equal` is more than `simplify(a - b) == 0`: SymPy's simplify does not always find zero
(``simplify(diff(σ) − σ(1 − σ))`` stays a non-zero-looking fraction), so `equal` rewrites to
exponentials and simplifies, and where that is inconclusive evaluates the difference with
mpmath at 50 digits on many points.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

import mpmath
import sympy

__all__ = [
    "x",
    "derivative",
    "in_terms_of",
    "equal",
    "proved_equal",
    "sample_values",
    "MPMATH",
]

#: The real symbol every `Activation.expr` is written in.
x = sympy.Symbol("x", real=True)


def _dirac_delta(v, k=0):
    """δ(v) (or its k-th derivative) for mpmath: 0 away from 0. At 0 it is no number; inf
    stands for its spike, so that a test comparing with it there fails loudly."""
    if mpmath.isnan(v):
        return mpmath.nan
    return mpmath.inf if v == 0 else mpmath.mpf(0)


def _erfc(z):
    """mpmath.erfc, also beyond z ≈ 1e154, where mpmath raises OverflowError.

    There erfc(z) = e^{−z²}/(z√π)·(1 − 1/(2z²) + …) and the correction is below 10⁻³⁰⁰.
    """
    if z > 1e150:
        return mpmath.exp(-z * z) / (z * mpmath.sqrt(mpmath.pi))
    return mpmath.erfc(z)


#: `lambdify` modules for the mpmath references: mpmath's own, plus DiracDelta (SymPy
#: differentiates Heaviside and sign into it; mpmath lacks it) and an erfc that does not
#: overflow beyond 1e154.
MPMATH = [{"DiracDelta": _dirac_delta, "erfc": _erfc}, "mpmath"]


def derivative(activation, wrt: str = "x"):
    """d f / d `wrt` of `activation.expr`, straight from SymPy (not simplified)."""
    return sympy.diff(activation.expr, activation.symbols[wrt])


def _tidy_sign(expr):
    """-s*(s - 1) -> s*(1 - s): put a leading minus into the one factor that is a sum."""
    if expr.is_Mul:
        coeff, factors = expr.as_coeff_mul()
        sums = [f for f in factors if f.is_Add]
        if coeff.is_negative and len(sums) == 1:
            rest = [f for f in factors if f is not sums[0]]
            return sympy.Mul(-coeff, *rest, sympy.expand(-sums[0]))
    return expr


def in_terms_of(expr, f, s: sympy.Symbol):
    """Rewrite `expr` (a function of x) in terms of s = f(x), or raise ValueError.

    Tries each building block u of f (f itself, its exponentials, tanh, ...): solves f = s for u
    and substitutes. Used to turn e^{-x}/(1 + e^{-x})² into σ(1 − σ) and sech² into 1 − tanh².
    """
    (var,) = f.free_symbols & expr.free_symbols or {x}
    blocks = [f] + sorted(
        f.atoms(sympy.exp, sympy.tanh, sympy.cosh, sympy.sinh, sympy.erf),
        key=sympy.count_ops,
    )
    candidates = [expr, expr.rewrite(sympy.exp), sympy.simplify(expr)]
    for u in blocks:
        # Solve for a plain Dummy: SymPy will not solve tanh(x) = s for tanh(x) with x real.
        d = sympy.Dummy()
        for sol in sympy.solve(sympy.Eq(f.subs(u, d), s), d):
            for e in candidates:
                rewritten = sympy.simplify(e.subs(u, d).subs(d, sol))
                if var not in rewritten.free_symbols:
                    # The quoted form is the shortest of the factored and expanded forms:
                    # σ(1 − σ) rather than σ − σ², 1 − t² rather than −(t − 1)(t + 1).
                    forms = [
                        _tidy_sign(sympy.factor(rewritten)),
                        sympy.expand(rewritten),
                    ]
                    return min(forms, key=sympy.count_ops)
    raise ValueError(f"could not write {expr} in terms of {s} = {f}")


def sample_values(symbol: sympy.Symbol, n: int, seed: int = 0) -> list[float]:
    """n sample values for `symbol` that respect its assumptions (positive, real, ...)."""
    rng = random.Random(seed)
    base = [0.5, 1.5, 2.0, 3.7, 0.1, 7.0, 12.5, 25.0]
    values = [rng.uniform(0.05, 12.0) for _ in range(n)]
    values = (base + values)[:n]
    if symbol.is_positive or symbol.is_nonnegative:
        return values
    return [v if i % 2 else -v for i, v in enumerate(values)]


def _numerically_equal(a, b, n: int, dps: int) -> bool:
    symbols = sorted(a.free_symbols | b.free_symbols, key=lambda s: s.name)
    fa = sympy.lambdify(symbols, a, modules=MPMATH)
    fb = sympy.lambdify(symbols, b, modules=MPMATH)
    columns = [sample_values(s, n, seed=i) for i, s in enumerate(symbols)]
    with mpmath.workdps(dps):
        tol = mpmath.mpf(10) ** (-(dps - 10))
        for point in zip(*columns) if symbols else [()]:
            args = [mpmath.mpf(v) for v in point]
            va, vb = fa(*args), fb(*args)
            scale = max(mpmath.mpf(1), abs(va), abs(vb))
            if not abs(va - vb) <= tol * scale:
                return False
    return True


def proved_equal(a, b) -> bool:
    """True when SymPy simplifies a − b to 0 (after rewriting to exponentials)."""
    difference = sympy.sympify(a) - sympy.sympify(b)
    if difference == 0:
        return True
    return sympy.simplify(difference.rewrite(sympy.exp)) == 0


def equal(a, b, n: int = 40, dps: int = 50) -> bool:
    """Whether two SymPy expressions are equal as real functions.

    Evaluates both with mpmath at `dps` digits on `n` points per symbol (respecting each
    symbol's assumptions) and asks for agreement to dps − 10 digits. Unlike
    ``simplify(a - b) == 0`` this never says False for a true identity that SymPy cannot
    simplify; `proved_equal` says whether SymPy can also prove it.
    """
    return _numerically_equal(sympy.sympify(a), sympy.sympify(b), n, dps)


def as_function(expr, symbols: Iterable[sympy.Symbol]):
    """Lambdify `expr` for mpmath, the high-precision reference the tests use."""
    return sympy.lambdify(list(symbols), expr, modules=MPMATH)
