"""Smooth and exponential units: softplus, ELU, CELU and SELU.

All four are built from e^u for u ≤ 0, and three numerical facts shape every kernel here:

* ``expm1`` and ``log1p``, not ``exp(u) - 1`` and ``log(1 + t)``, which cancel near u = 0 and
  t = 0 (ELU's negative branch at x = −1e−10 keeps no correct digit with ``exp(x) - 1``).
* A scaled argument is carried as two floats. β·x (softplus) and x/α (CELU) round, and e^u
  amplifies a relative error in u by |u|: at u = −700 one rounding becomes 350 ULP. The
  rounding error is recovered exactly (Dekker's product, a division remainder) and applied to
  first order, e^{u_hi + u_lo} = e^{u_hi}·(1 + u_lo).
* Results below the smallest normal number are formed in the normal range and scaled down by
  e^{−64} in one final multiplication (`_exp`), so they round once, like every other value.

The SymPy expressions use ``log1p`` and ``expm1`` (``sympy.codegen.cfunctions``) so that the
mpmath references the tests compute do not cancel either; ``.rewrite(sympy.log)`` /
``.rewrite(sympy.exp)`` gives the textbook form.
"""

from __future__ import annotations

import numpy as np

from .core import Activation, Param, finite, positive
from .registry import register

# e^{−64}, correctly rounded: the final scale of results that would be subnormal (see _exp).
_E_MINUS_64 = 1.603810890548638e-28
_SPLIT = 134217729.0  # 2^27 + 1, Dekker's splitting constant for float64


def _sympy():
    import sympy
    from sympy.codegen.cfunctions import expm1, log1p

    return sympy, expm1, log1p


# --------------------------------------------------------------------------- shared kernels


def _two_product(a: np.ndarray, b: float) -> tuple[np.ndarray, np.ndarray]:
    """(p, e) with p = fl(a·b) and p + e = a·b exactly (Dekker), for |a·b| < 2^995.

    Callers zero the entries where |a·b| is large: there e^{−|a·b|} is 0 whatever the error.
    """
    p = a * b
    c = _SPLIT * a
    a_hi = c - (c - a)
    a_lo = a - a_hi
    c = _SPLIT * b
    b_hi = c - (c - b)
    b_lo = b - b_hi
    e = ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo
    return p, e


def _scaled(x: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """u = x·scale as u_hi + u_lo, u_lo being the rounding error of u_hi = fl(x·scale).

    u_lo is 0 where |u_hi| ≥ 1000 (e^{−|u|} underflows there) and where x is not finite.
    """
    with np.errstate(over="ignore"):
        hi = x * scale
    if (
        not 2.0**-900 < abs(scale) < 2.0**900
    ):  # only absurd scales: no correction
        return hi, np.zeros_like(hi)
    # Dekker's split needs |x| < 2^995 (False for inf and NaN, like |u_hi| < 1000).
    near = (np.abs(hi) < 1000.0) & (np.abs(x) < 2.0**995)
    _, lo = _two_product(np.where(near, x, 0.0), scale)
    return hi, lo


def _exp(
    u: np.ndarray, c: float = 1.0, lo: np.ndarray | None = None
) -> np.ndarray:
    """c·e^{u + lo}, for a scalar c, rounding once even where the result is subnormal.

    Where u < −700, e^u would round to a subnormal and lose relative precision before the
    multiplication by c; there e^{u + 64} is computed instead (u + 64 is exact for u in
    [−1024, −700]: both lie in the same binade) and scaled by e^{−64} last. lo is a first-order
    correction (|lo| ≲ 1e−13), applied as y·(1 + lo).
    """
    deep = u < -700.0
    with np.errstate(over="ignore"):
        y = np.exp(np.where(deep, u + 64.0, u)) * c
    if lo is not None:
        ok = (lo != 0) & np.isfinite(y)
        y += np.multiply(y, lo, out=np.zeros_like(y), where=ok)
    np.multiply(y, _E_MINUS_64, out=y, where=deep)
    return y


def _expm1(u: np.ndarray, c: float, lo: np.ndarray) -> np.ndarray:
    """c·(e^{u + lo} − 1), with expm1 and the first-order correction c·e^u·lo."""
    with np.errstate(over="ignore"):
        y = np.expm1(u) * c
    e = _exp(u, c)
    y += np.multiply(
        e, lo, out=np.zeros_like(e), where=(lo != 0) & np.isfinite(e)
    )
    return y


def _negative_branch(
    x: np.ndarray, negative: np.ndarray, positive_value
) -> np.ndarray:
    """An array with `positive_value` where x > 0 (and NaN where x is NaN), `negative` elsewhere."""
    return np.where(x > 0, positive_value, negative)


def _keep_signed_zero(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """y with f(±0) = ±0: ELU, CELU and SELU return x itself at 0, as PyTorch does (−0.0 stays
    −0.0 for every α; α·expm1(−0.0) would be +0 for α < 0, and min(−0.0, 0) may be +0)."""
    np.copyto(y, x, where=x == 0)
    return y


# --------------------------------------------------------------------------- softplus


def _softplus_tails(x: np.ndarray, beta: float):
    """(e^{−|βx|} scaled, is-scaled mask, |βx|_hi, sign·lo): the pieces every softplus kernel uses.

    e^{−|z|} with z = βx = z_hi + z_lo is e^{−|z_hi|}·(1 − sign(z_hi)·z_lo); where it would be
    subnormal the value returned is e^{64}·e^{−|z|}, and `deep` says so.
    """
    z, z_lo = _scaled(x, beta)
    a = np.abs(z)
    lo = -np.sign(z) * z_lo  # −|z| = −|z_hi| + lo
    deep = a > 700.0
    # e^{−|z|}, or e^{64}·e^{−|z|} where deep (64 − |z| is exact for |z| in [700, 1024]).
    t = np.exp(np.where(deep, 64.0 - a, -a))
    t += np.multiply(t, lo, out=np.zeros_like(t), where=lo != 0)
    return t, deep, a, z


def _softplus(x: np.ndarray, beta: float, threshold) -> np.ndarray:
    """softplus(x) = log(1 + e^{βx})/β = max(x, 0) + log1p(e^{−|βx|})/β.

    The textbook form overflows (e^{βx} = inf for βx > 709.8) and returns 0 for βx < −37 where
    log(1 + t) rounds 1 + t to 1. The stable form has neither fault; max(x, 0) is exact, so only
    log1p(t)/β rounds. With a finite threshold, x is returned where βx > threshold, as PyTorch
    does (its default threshold is 20).
    """
    t, deep, _, z = _softplus_tails(x, beta)
    with np.errstate(over="ignore"):  # a tiny β: log 2/β overflows, correctly
        y = np.log1p(t) / beta
    np.multiply(y, _E_MINUS_64, out=y, where=deep)  # log1p(t) = t there
    y = np.where(x > 0, x + y, y)
    if threshold is not None:
        y = np.where(z > threshold, x, y)
    return y


def _softplus_grad(x: np.ndarray, beta: float, threshold) -> np.ndarray:
    """softplus'(x) = σ(βx): t/(1 + t) for x ≤ 0 and 1/(1 + t) for x > 0, with t = e^{−|βx|}."""
    t, deep, _, z = _softplus_tails(x, beta)
    g = np.where(deep, 1.0, 1.0 / (1.0 + t))
    y = np.where(x > 0, g, np.where(deep, t * _E_MINUS_64, t * g))
    if threshold is not None:
        y = np.where(z > threshold, 1.0, y)
    return y


def _softplus_dbeta(x: np.ndarray, beta: float, threshold) -> np.ndarray:
    """∂softplus/∂β = (βx·σ(βx) − softplus(βx))/β² = −(|z|·σ(−|z|) + log1p(e^{−|z|}))/β², z = βx.

    The first form subtracts two nearly equal numbers for large |z|; the second, even in z,
    adds two negative ones. It is 0 where a finite threshold cuts softplus off.
    """
    t, deep, a, z = _softplus_tails(x, beta)
    s = np.where(deep, t, t / (1.0 + t))  # σ(−|z|) (scaled where deep)
    first = np.multiply(
        a, s, out=np.zeros_like(s), where=s > 0
    )  # inf·0 is 0 here
    with np.errstate(over="ignore"):  # a tiny β: the true value overflows too
        y = -(first + np.where(deep, t, np.log1p(t))) / beta / beta
    np.multiply(y, _E_MINUS_64, out=y, where=deep)
    if threshold is not None:
        y = np.where(z > threshold, 0.0, y)
    return y


def _softplus_expr(x, beta, threshold):
    sympy, _, log1p = _sympy()
    stable = sympy.Piecewise(
        (x + log1p(sympy.exp(-beta * x)) / beta, x > 0),
        (log1p(sympy.exp(beta * x)) / beta, True),
    )
    if threshold is None:
        return stable
    return sympy.Piecewise(
        (x, beta * x > sympy.Float(float(threshold))), (stable, True)
    )


def _threshold_check(name, value):
    if value is None:
        return None
    if np.ndim(value) != 0:
        return f"{name} must be None or a number, got {value!r}"
    return finite(name, value)


softplus = register(
    Activation(
        "softplus",
        title="Softplus",
        forward=_softplus,
        grad=_softplus_grad,
        param_grads={"beta": _softplus_dbeta},
        expr=_softplus_expr,
        params=[
            Param(
                "beta",
                1.0,
                "sharpness β > 0; β → ∞ gives ReLU",
                check=positive,
                slider=(0.1, 10.0, 0.1),
                assumptions={"positive": True},
            ),
            Param(
                "threshold",
                None,
                "PyTorch's cut-off: x is returned where β·x > threshold (None: exact "
                "everywhere); it selects a variant with a jump, so f has no derivative in it",
                check=_threshold_check,
                differentiable=False,
            ),
        ],
        kinks=lambda beta, threshold: (
            () if threshold is None else (threshold / beta,)
        ),
        latex=r"\operatorname{softplus}(x) = \frac{1}{\beta}\log\left(1 + e^{\beta x}\right)",
        doc="""Softplus, (1/β)·log(1 + e^{βx}), a smooth ReLU; its derivative is σ(βx).

        Computed as max(x, 0) + log1p(e^{−|βx|})/β, exact to a few ULP everywhere.
        ``threshold=None`` (the default) is exact everywhere; ``threshold=20`` reproduces
        torch.nn.functional.softplus, which returns x where β·x > 20 and is then off by
        log1p(e^{−20}) ≈ 2·10⁻⁹ (about 6·10⁵ float64 ULP just past 20). ∂/∂β is
        (βx·σ(βx) − softplus(βx))/β², evaluated without cancellation; threshold has no
        derivative (it is not a parameter of a smooth family).
        """,
    )
)


# --------------------------------------------------------------------------- ELU


def _elu(x: np.ndarray, alpha: float) -> np.ndarray:
    """elu(x) = x for x > 0, α·(e^x − 1) for x ≤ 0, with expm1 (no cancellation near 0)."""
    return _keep_signed_zero(
        x, _negative_branch(x, alpha * np.expm1(np.minimum(x, 0.0)), x)
    )


def _elu_grad(x: np.ndarray, alpha: float) -> np.ndarray:
    """elu'(x) = 1 for x > 0, α·e^x for x ≤ 0; at 0 it is α, PyTorch's choice (its x ≤ 0 branch)."""
    return _negative_branch(x, _exp(np.minimum(x, 0.0), alpha), 1.0)


def _elu_dalpha(x: np.ndarray, alpha: float) -> np.ndarray:
    """∂elu/∂α = e^x − 1 for x ≤ 0, 0 for x > 0."""
    return _negative_branch(x, np.expm1(np.minimum(x, 0.0)), 0.0)


def _elu_expr(x, alpha):
    sympy, expm1, _ = _sympy()
    return sympy.Piecewise((x, x > 0), (alpha * expm1(x), True))


elu = register(
    Activation(
        "elu",
        title="ELU",
        forward=_elu,
        grad=_elu_grad,
        param_grads={"alpha": _elu_dalpha},
        expr=_elu_expr,
        params=[
            Param(
                "alpha",
                1.0,
                "the value −α that f approaches as x → −∞",
                slider=(0.1, 3.0, 0.1),
            )
        ],
        kinks=(0.0,),
        latex=r"\operatorname{elu}(x) = \begin{cases} x & x > 0 \\ "
        r"\alpha\,(e^{x} - 1) & x \le 0 \end{cases}",
        doc="""Exponential linear unit: x for x > 0, α·(e^x − 1) for x ≤ 0.

        Continuous for every α, continuously differentiable only for α = 1. At the kink the
        derivative is α (PyTorch's choice: its backward uses the x ≤ 0 branch). Any finite α
        is accepted, as in PyTorch.
        """,
    )
)


# --------------------------------------------------------------------------- CELU


def _celu_u(x: np.ndarray, alpha: float):
    """u = x/α on the x ≤ 0 side, as u_hi + u_lo with u_hi = fl(x/α) and u_lo its error.

    Divided, not multiplied by a rounded 1/α: with α = 0.1, 1.5 or 3, 1/α is not a binary
    fraction and its rounding, amplified by e^u, was 200–300 ULP of CELU' at u ≈ −700. The
    remainder x − u_hi·α is exact (Dekker's product, then Sterbenz), so u_lo = remainder/α.
    """
    xn = np.minimum(x, 0.0)
    with np.errstate(over="ignore"):
        hi = xn / alpha
    near = (
        np.abs(hi) < 1000.0
    )  # beyond, e^u is 0 (or overflows) whatever u_lo is; False at NaN
    p, e = _two_product(np.where(near, hi, 0.0), alpha)
    lo = ((np.where(near, xn, 0.0) - p) - e) / alpha
    return hi, lo


def _celu(x: np.ndarray, alpha: float) -> np.ndarray:
    """celu(x) = max(0, x) + min(0, α·(e^{x/α} − 1)) = x for x > 0, α·expm1(x/α) for x ≤ 0."""
    u, u_lo = _celu_u(x, alpha)
    return _keep_signed_zero(x, _negative_branch(x, _expm1(u, alpha, u_lo), x))


def _celu_grad(x: np.ndarray, alpha: float) -> np.ndarray:
    """celu'(x) = 1 for x > 0, e^{x/α} for x ≤ 0; 1 at 0 from both sides, for every α."""
    u, u_lo = _celu_u(x, alpha)
    return _negative_branch(x, _exp(u, 1.0, u_lo), 1.0)


def _series(w: np.ndarray, coefficient, terms: int = 40) -> np.ndarray:
    """Σ_{n=2}^{terms} coefficient(n)·wⁿ/n!, summed from the smallest term up (0 ≤ |w| < 3)."""
    powers = [w * w / 2]
    for n in range(3, terms + 1):
        powers.append(powers[-1] * w / n)
    total = np.zeros_like(w)
    for n in range(terms, 1, -1):
        total += coefficient(n) * powers[n - 2]
    return total


def _expm1_minus_u_exp(u: np.ndarray) -> np.ndarray:
    """h(u) = e^u − 1 − u·e^u = e^u·(1 − u) − 1, without the cancellation near u = 0.

    h(u) ≈ −u²/2 near 0, where both textbook forms lose every digit. With v = −u:
    * u ≤ 0, v < 3: h = −e^{−v}·(v²/2! + v³/3! + …), a series of positive terms;
    * u ≤ 0, v ≥ 3: expm1(u) − u·e^u, which cancels by less than a factor 1.4;
    * 0 < u < 1: −Σ_{n≥2} (n − 1)·uⁿ/n!, all terms of one sign;
    * u ≥ 1: e^u·(1 − u) − 1, a sum of two non-positive terms.
    """
    h = np.empty_like(u)
    v = -u
    small = (v >= 0) & (v < 3)
    if small.any():
        w = v[small]
        h[small] = -np.exp(-w) * _series(w, lambda n: 1.0)
    big = ~small & (v >= 3) | np.isnan(u)
    if big.any():
        w = u[big]
        e = np.exp(w)
        h[big] = np.expm1(w) - np.multiply(
            w, e, out=np.zeros_like(w), where=e > 0
        )
    pos = (u > 0) & (u < 1)
    if pos.any():
        h[pos] = -_series(u[pos], lambda n: n - 1.0)
    large = u >= 1
    if large.any():
        w = u[large]
        with np.errstate(over="ignore"):
            h[large] = np.exp(w) * (1 - w) - 1
    return h


def _celu_dalpha(x: np.ndarray, alpha: float) -> np.ndarray:
    """∂celu/∂α = e^u − 1 − u·e^u with u = x/α, for x ≤ 0; 0 for x > 0.

    Near x = 0 this is −u²/2 while both terms are ≈ u: see `_expm1_minus_u_exp`. The error of
    u = x/α enters to first order through h'(u) = −u·e^u.
    """
    u, u_lo = _celu_u(x, alpha)
    with np.errstate(over="ignore"):  # α < 0: u → +∞ and h → −∞, correctly
        h = _expm1_minus_u_exp(u)
    m = u_lo != 0  # only where |u| < 1000
    h[m] -= u[m] * u_lo[m] * np.exp(np.minimum(u[m], 700.0))
    return _negative_branch(x, h, 0.0)


def _celu_check(name, value):
    if finite(name, value):
        return finite(name, value)
    if value == 0:
        return f"{name} must be != 0 (CELU divides by it), got {value!r}"
    if abs(float(value)) < 1 / np.finfo(np.float64).max:  # 1/α would overflow
        return f"{name} must be at least 5.6e-309 in magnitude (1/alpha overflows), got {value!r}"
    return None


def _celu_expr(x, alpha):
    sympy, expm1, _ = _sympy()
    return sympy.Piecewise((x, x > 0), (alpha * expm1(x / alpha), True))


celu = register(
    Activation(
        "celu",
        title="CELU",
        forward=_celu,
        grad=_celu_grad,
        param_grads={"alpha": _celu_dalpha},
        expr=_celu_expr,
        params=[
            Param(
                "alpha",
                1.0,
                "the value −α that f approaches as x → −∞ (α ≠ 0)",
                check=_celu_check,
                slider=(0.1, 3.0, 0.1),
            )
        ],
        kinks=(0.0,),
        latex=r"\operatorname{celu}(x) = \max(0, x) + "
        r"\min\left(0, \alpha\,(e^{x/\alpha} - 1)\right)",
        doc="""Continuously differentiable ELU: max(0, x) + min(0, α·(e^{x/α} − 1)).

        Its derivative is 1 at 0 from both sides for every α (C¹), where ELU's jumps from α to
        1. α must be ≠ 0, as in PyTorch (which raises for α = 0 and accepts α < 0).
        """,
    )
)


# --------------------------------------------------------------------------- SELU

#: SELU's constants as published (Klambauer et al., 2017), to 32 significant digits.
SELU_ALPHA = "1.6732632423543772848170429916717"
SELU_SCALE = "1.0507009873554804934193349852946"
_ALPHA = 1.6732632423543772
_SCALE = 1.0507009873554805
_SCALE_ALPHA = 1.7580993408473768  # λ·α rounded once (1.75809934084737685994…)


def _selu(x: np.ndarray) -> np.ndarray:
    """selu(x) = λ·x for x > 0, λ·α·(e^x − 1) for x ≤ 0."""
    with np.errstate(
        over="ignore"
    ):  # λ·x beyond the largest float is inf, correctly rounded
        positive_part = _SCALE * x
    return _keep_signed_zero(
        x,
        _negative_branch(
            x, _SCALE_ALPHA * np.expm1(np.minimum(x, 0.0)), positive_part
        ),
    )


def _selu_grad(x: np.ndarray) -> np.ndarray:
    """selu'(x) = λ for x > 0, λ·α·e^x for x ≤ 0; at 0 it is λα ≈ 1.7581 (PyTorch's choice)."""
    return _negative_branch(x, _exp(np.minimum(x, 0.0), _SCALE_ALPHA), _SCALE)


def _selu_expr(x):
    sympy, expm1, _ = _sympy()
    alpha, scale = sympy.Float(SELU_ALPHA, 32), sympy.Float(SELU_SCALE, 32)
    return sympy.Piecewise((scale * x, x > 0), (scale * alpha * expm1(x), True))


selu = register(
    Activation(
        "selu",
        title="SELU",
        forward=_selu,
        grad=_selu_grad,
        expr=_selu_expr,
        kinks=(0.0,),
        latex=r"\operatorname{selu}(x) = \lambda \begin{cases} x & x > 0 \\ "
        r"\alpha\,(e^{x} - 1) & x \le 0 \end{cases}",
        doc="""Scaled ELU with the constants that make it self-normalising:
        α = 1.6732632423543772848170429916717, λ = 1.0507009873554804934193349852946.

        For z ~ N(0, 1), E[selu(z)] = 0 and E[selu(z)²] = 1 (derived in the SELU chapter).
        The derivative at 0 is λα, PyTorch's choice (its x ≤ 0 branch).
        """,
    )
)


# --------------------------------------------------------------------------- squareplus


def _squareplus_parts(x: np.ndarray, b: float):
    """(h, a) with h = √(x² + b) = hypot(x, √b), which never overflows, and a = |x|."""
    return np.hypot(x, np.sqrt(b)), np.abs(x)


def _squareplus(x: np.ndarray, b: float) -> np.ndarray:
    """squareplus(x) = (x + √(x² + b))/2, without cancellation or overflow.

    For x ≥ 0 it is x/2 + h/2 (two positive terms; halving first keeps x + h from
    overflowing). For x < 0, x + h cancels (at x = −1e8 every digit is lost); multiplying by
    the conjugate gives (h² − x²)/(2(h − x)) = (b/2)/(h + |x|), a sum of positive terms. Beyond
    |x| = 1e300, where h = |x| and h + |x| could overflow, it is (b/4)/|x|, one rounding.
    """
    h, a = _squareplus_parts(x, b)
    y = (
        0.5 * np.maximum(x, 0.0) + 0.5 * h
    )  # NaN stays NaN; x < 0 is overwritten below
    neg = x < 0
    far = neg & (a > 1e300)
    near = neg & ~far
    np.divide(0.25 * b, a, out=y, where=far)
    with np.errstate(
        over="ignore"
    ):  # a tiny b: (b/2)/(h + |x|) may underflow, correctly
        np.divide(0.5 * b, h + a, out=y, where=near)
    return y


def _squareplus_tail(h: np.ndarray, a: np.ndarray, b: float) -> np.ndarray:
    """t = (1 − |x|/h)/2 = b/(2h(h + |x|)), the derivative at −|x|, without cancellation."""
    with np.errstate(over="ignore"):
        return (0.5 * b / h) / (h + a)


def _squareplus_grad(x: np.ndarray, b: float) -> np.ndarray:
    """squareplus'(x) = (1 + x/√(x² + b))/2: t at x < 0 and 1 − t at x ≥ 0, t = b/(2h(h + |x|)).

    (1 + x/h)/2 cancels for x → −∞ (it is ≈ b/(4x²) there) and gives inf/inf = NaN at x = ±∞;
    t has neither fault, and 1 − t ≥ 1/2 loses nothing.
    """
    h, a = _squareplus_parts(x, b)
    t = _squareplus_tail(h, a, b)
    return np.where(x >= 0, 1.0 - t, t)


def _squareplus_db(x: np.ndarray, b: float) -> np.ndarray:
    """∂squareplus/∂b = 1/(4√(x² + b)) = 0.25/h."""
    h, _ = _squareplus_parts(x, b)
    return 0.25 / h


def _squareplus_expr(x, b):
    sympy, _, _ = _sympy()
    return (x + sympy.sqrt(x**2 + b)) / 2


squareplus = register(
    Activation(
        "squareplus",
        title="Squareplus",
        forward=_squareplus,
        grad=_squareplus_grad,
        param_grads={"b": _squareplus_db},
        expr=_squareplus_expr,
        params=[
            Param(
                "b",
                4.0,
                "smoothness b > 0 (JAX and Keras: 4); b → 0 gives ReLU",
                check=positive,
                slider=(0.25, 16.0, 0.25),
                assumptions={"positive": True},
            )
        ],
        latex=r"\operatorname{squareplus}(x) = \frac{x + \sqrt{x^2 + b}}{2}",
        doc="""Squareplus (Barron 2021), (x + √(x² + b))/2 with b = 4: a softplus made
        of a square root.

        jax.nn.squareplus(x, b=4) and keras.activations.squareplus(x, b=4). Like softplus it is
        smooth, positive, ≈ x for x → ∞ and → 0 for x → −∞, but algebraically: ≈ b/(4|x|) in
        the left tail instead of e^{x}. Its derivative is (1 + x/√(x² + b))/2, ∂/∂b = 1/(4√(x² +
        b)). Evaluated without cancellation for x < 0 ((b/2)/(√(x² + b) + |x|)) and with hypot,
        so x² never overflows.
        """,
    )
)


# --------------------------------------------------------------------------- sparse plus


def _sparse_plus(x: np.ndarray) -> np.ndarray:
    """sparse_plus(x) = 0 for x ≤ −1, (x + 1)²/4 for −1 < x < 1, x for x ≥ 1.

    x + 1 is exact for x in [−1, −1/2] (Sterbenz), so the quadratic has no cancellation next
    to its zero at −1. NaN stays NaN (x.copy()).
    """
    y = x.copy()
    y[x <= -1.0] = 0.0
    mid = np.abs(x) < 1.0
    u = x[mid] + 1.0
    y[mid] = u * u * 0.25
    return y


def _sparse_sigmoid(x: np.ndarray) -> np.ndarray:
    """sparse_plus'(x) = sparse_sigmoid(x) = 0 for x ≤ −1, (x + 1)/2 on (−1, 1), 1 for x ≥ 1.

    np.clip propagates NaN; (x + 1)/2 rather than x/2 + 1/2, which cancels next to −1.
    """
    return 0.5 * np.clip(x + 1.0, 0.0, 2.0)


sparse_plus = register(
    Activation(
        "sparse_plus",
        title="Sparse plus",
        forward=_sparse_plus,
        grad=_sparse_sigmoid,
        expr=lambda x: _sympy()[0].Piecewise(
            (0, x <= -1), ((x + 1) ** 2 / 4, x < 1), (x, True)
        ),
        kinks=(-1.0, 1.0),  # f'' jumps (0 → 1/2 → 0): f is C¹, not C²
        latex=r"\operatorname{sparse\_plus}(x) = \begin{cases} 0 & x \le -1 \\ "
        r"\frac{(x + 1)^2}{4} & -1 < x < 1 \\ x & x \ge 1 \end{cases}",
        doc="""Sparse plus, a softplus that reaches 0: 0 for x ≤ −1, (x + 1)²/4 on (−1, 1),
        x for x ≥ 1.

        jax.nn.sparse_plus and keras.activations.sparse_plus (from the sparse-activation
        literature around sparsemax and entmax: the "sparse" counterpart of softplus, whose
        derivative is the sparse sigmoid). Its derivative (x + 1)/2 clipped to [0, 1] is
        continuous, so f is C¹; unlike softplus it is exactly 0, with derivative 0, for x ≤ −1.
        """,
    )
)
