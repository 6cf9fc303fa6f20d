"""Self-gated units, x times a gate of itself: GELU, SiLU, Swish and Mish.

Each is f(x) = x·g(x) with a gate g that runs from 0 to 1: Φ (GELU), σ(βx) (Swish, SiLU for
β = 1) and tanh(softplus(x)) (Mish). Two numerical problems recur.

* **The negative tail is tiny and steep.** x·g(x) falls like x·e^{-x²/2} or x·e^{x}; an
  argument that is rounded before the exponential (x·x, β·x, x + 0.044715x³) carries its
  rounding error, multiplied by the size of the exponent, into the result (GELU at x = −9 would
  be ~40 ULP off, the tanh form ~200). The kernels keep such arguments as an unevaluated sum
  hi + lo of two floats (Dekker's exact product), so the exponential sees the exact argument.
* **Subnormal results.** Where the gate itself is subnormal (σ(−740)), multiplying it by x
  multiplies its absolute rounding error too; e^{v} is split as e^{v/2}·e^{v/2} so that the
  final result is rounded once.

Every kernel is within 4 ULP of mpmath over the whole float64 and float32 range, for every β.
Where a derivative crosses zero (GELU' in both forms, SiLU'/Swish', Mish'), it is summed as a
Taylor series about that zero, with x − x0 exact, and stays within 4 ULP: no interval is
excused as ill-conditioned.
"""

from __future__ import annotations

import functools

import mpmath
import numpy as np
from scipy.special import expit, ndtr

from .core import Activation, Param, finite, one_of
from .registry import register

_VELTKAMP = 134217729.0  # 2**27 + 1: splits a float64 into two 26-bit halves
_INV_SQRT2 = np.sqrt(0.5)
_INV_SQRT_2PI = 1.0 / np.sqrt(2.0 * np.pi)


# --------------------------------------------------------------------------- exact arithmetic


def _two_prod(a, b):
    """(p, e) with p = fl(a·b) and p + e = a·b exactly (Dekker). Needs |a|, |b| < 1e150."""

    def split(v):
        c = _VELTKAMP * v
        hi = c - (c - v)
        return hi, v - hi

    p = a * b
    (ah, al), (bh, bl) = split(a), split(b)
    return p, ((ah * bh - p) + ah * bl + al * bh) + al * bl


def _half_square(x):
    """(hi, lo) with hi + lo = x²/2 exactly, for |x| ≤ 40 (beyond, e^{-x²/2} underflows)."""
    xc = np.clip(x, -40.0, 40.0)
    p, e = _two_prod(xc, xc)
    return 0.5 * p, 0.5 * e


def _times_sigmoid(a, vh, vl):
    """a·σ(vh + vl), where vl is a correction far below one ULP of vh.

    σ(v_h + v_l) = σ(v_h)·(1 + v_l·σ(−v_h)) to first order. Where σ(v) is subnormal
    (v < −700, so 1 + e^{v} = 1), a·σ(v) = (a·e^{v/2})·e^{v/2} is rounded once. An infinite a
    with a gate that is 0 (x·σ(x) at x = −∞) gives the limit, a zero of a's sign.
    """
    # v exact (β a power of two): one expit and one product, in place
    if vl is None:
        vh = np.asarray(vh)
        a = np.broadcast_to(a, vh.shape)
        with np.errstate(invalid="ignore"):
            y = np.multiply(a, expit(vh), out=np.empty(vh.shape))
        vl_deep = 0.0
    else:
        a, vh, vl = np.broadcast_arrays(a, vh, vl)
        # ±inf·0 where the gate is 0: set in the deep branch
        with np.errstate(invalid="ignore"):
            y = a * (expit(vh) * (1.0 + vl * expit(-vh)))
    deep = vh < -700.0
    if deep.any():
        ad = a[deep]
        if vl is not None:
            vl_deep = vl[deep]
        s = np.exp(0.5 * vh[deep]) * (1.0 + 0.5 * vl_deep)
        # ±inf·0: the limit is a signed zero, below
        with np.errstate(invalid="ignore"):
            yd = (ad * s) * s
        y[deep] = np.where(np.isinf(ad), np.copysign(0.0, ad), yd)
    return y


def _scaled_product(beta, x):
    """(vh, vl), vh + vl = β·x exactly where it matters (|β·x| < 1000); vl = 0 elsewhere.

    vl is None when β is a power of two (SiLU's β = 1): β·x is then exact (or over/underflows,
    where the correction would not matter), and the kernels skip the correction.
    """
    with np.errstate(over="ignore"):
        vh = beta * x
    if np.frexp(beta)[0] == 0.5:
        return vh, None
    small = np.abs(vh) < 1e3
    # Scale a huge x (with a tiny β) by a power of two so that Dekker's split cannot overflow;
    # only where |β·x| < 1000, so that β·2⁶⁰⁰ is below 1e33.
    scale = np.where(small & (np.abs(x) > 1e150), 2.0**-600, 1.0)
    _, vl = _two_prod(
        np.where(small, beta / scale, 0.0), np.where(small, x * scale, 0.0)
    )
    return vh, np.where(small, vl, 0.0)


# --------------------------------------------------------------------------- GELU


def _gelu_none(x):
    """x·Φ(x) with Φ(x) = erfc(−x/√2)/2.

    For x < −0.5, Φ(x) = √(2π)·φ(x)·M(x)/√(2π) with Mills' ratio M = Φ/φ from its Taylor series
    (`_mills_scaled`), and e^{−x²/2} taken of the exact x²/2 = hi + lo as e^{−hi}·(1 − lo),
    last, so a subnormal GELU(−38) is rounded once. scipy's ndtr rounds x/√2 first and is
    ~x² ULP off there; scipy's erfcx is up to 5 ULP off.
    """
    with np.errstate(invalid="ignore"):  # −inf·0; fixed below
        y = x * ndtr(x)
        # Near 0, ndtr (0.5 + 0.5·erf there) is within about an ULP.
        neg = x < -0.5
        xn = np.maximum(x[neg], -40.0)  # below, GELU underflows: e^{-hi} = 0
        hi, lo = _half_square(xn)
        y[neg] = ((x[neg] * _mills_scaled(xn)) * (1.0 - lo)) * np.exp(-hi)
    y[np.isneginf(x)] = 0.0
    return y


_MILLS_FROM, _MILLS_STEP, _MILLS_WINDOWS, _MILLS_TERMS = -40.0, 0.25, 160, 22


@functools.cache
def _mills_table():
    """Taylor coefficients of M(x)/√(2π), M = Φ/φ (Mills' ratio), about the centre of each
    window [−40 + 0.25i, −40 + 0.25(i + 1)).

    M' = 1 + x·M, so M^{(n+1)} = x·M^{(n)} + n·M^{(n−1)}: with M(c) from mpmath, the
    coefficients follow by recurrence (at 80 digits, as the recurrence cancels for large |c|).
    SciPy's erfcx, the alternative, is up to 5 ULP off.
    """
    rows = []
    with mpmath.workdps(80):
        scale = 1 / mpmath.sqrt(2 * mpmath.pi)
        for i in range(_MILLS_WINDOWS):
            c = mpmath.mpf(_MILLS_FROM) + (i + mpmath.mpf(0.5)) * _MILLS_STEP
            b = [mpmath.ncdf(c) / mpmath.npdf(c)]
            b.append(1 + c * b[0])
            for n in range(1, _MILLS_TERMS - 1):
                b.append((c * b[n] + b[n - 1]) / (n + 1))
            rows.append([float(v * scale) for v in b])
    return np.array(rows)


def _mills_scaled(x):
    """M(x)/√(2π) = Φ(x)/(√(2π)·φ(x)) for −40 ≤ x < 0, to about an ULP (x outside is clamped)."""
    i = np.clip(
        ((x - _MILLS_FROM) / _MILLS_STEP).astype(np.int64),
        0,
        _MILLS_WINDOWS - 1,
    )
    # exact: |d| ≤ 1/8 ≤ |centre|/2
    d = x - (_MILLS_FROM + (i + 0.5) * _MILLS_STEP)
    columns = _mills_columns()  # one gather of n per term, not an (n, 22) block
    p = columns[-1][i]
    for k in range(_MILLS_TERMS - 2, -1, -1):
        p *= d
        p += columns[k][i]
    return p


@functools.cache
def _mills_columns():
    return [np.ascontiguousarray(c) for c in _mills_table().T]


def _sum_series_about_zero(x, y, interval, taylor):
    """Put into y, for x in `interval`, the series d·(c₁ + c₂d + …) with d = x − x0.

    `taylor` is ((x0_hi, x0_lo), [c₁, c₂, …]): a derivative's zero x0 as two floats and its
    Taylor coefficients there. x − x0_hi is exact (Sterbenz) within a factor 2 of x0, so the
    result keeps its relative accuracy right through the zero, where Φ + xφ and the like cancel.
    """
    near = (x >= interval[0]) & (x <= interval[1])
    (x0_hi, x0_lo), coefficients = taylor
    d = (x[near] - x0_hi) - x0_lo
    series = np.zeros_like(d)
    for c in reversed(coefficients):
        series = series * d + c
    y[near] = d * series


@functools.cache
def _gelu_grad_taylor(terms: int = 40):
    """x0 (as two floats) and the Taylor coefficients of GELU' = Φ + xφ about its zero x0.

    GELU'' = φ·p with p = 2 − x², so by Leibniz and φ^{(n)} = (−1)ⁿ Heₙ(x)·φ(x),
    GELU^{(k+2)}(x0) = φ(x0)·Σⱼ C(k, j)·p^{(j)}(x0)·(−1)^{k−j}·He_{k−j}(x0).
    Computed once, with mpmath.
    """
    with mpmath.workdps(40):
        x0 = mpmath.findroot(
            lambda t: mpmath.ncdf(t) + t * mpmath.npdf(t), -0.75
        )
        he = [mpmath.mpf(1), x0]
        for n in range(1, terms):
            he.append(x0 * he[n] - n * he[n - 1])
        p = [2 - x0**2, -2 * x0, mpmath.mpf(-2)]
        coefficients = [
            mpmath.npdf(x0)
            / mpmath.factorial(k + 1)
            * sum(
                mpmath.binomial(k, j) * p[j] * (-1) ** (k - j) * he[k - j]
                for j in range(min(k, 2) + 1)
            )
            for k in range(terms)
        ]
        hi = float(x0)
        return (hi, float(x0 - hi)), [float(c) for c in coefficients]


def _gelu_none_grad(x):
    """Φ(x) + x·φ(x), with φ(x) = e^{−x²/2}/√(2π).

    For x < −0.5 it is φ(x)·(x + M(x)) with Mills' ratio M = Φ/φ (`_mills_scaled`): no
    Φ that underflows before φ does, and φ taken of the exact x²/2 as in the forward pass.
    On [−1.4, −0.35], around the zero of GELU', its Taylor series replaces both.
    """
    hi, lo = _half_square(x)
    # φ(x); 0 for |x| > 40
    phi_scaled = (_INV_SQRT_2PI * (1.0 - lo)) * np.exp(-hi)
    # Near 0 ndtr is within about an ULP (x ≥ −0.5; below, its rounding of x/√2 costs more).
    neg = x < -0.5
    xn = x[neg]
    with np.errstate(invalid="ignore"):  # ±inf·0; fixed below
        y = ndtr(x) + x * phi_scaled
        xc = np.maximum(xn, -40.0)
        # φ's e^{-hi} is subnormal from x ≈ −37.6 while GELU' (|x| times larger) is not yet:
        # apply it as two halves, so the result is rounded once, not e^{-hi} first.
        hn = hi[neg]
        deep = hn > 700.0
        half = np.exp(-0.5 * hn[deep])
        # x/√(2π) + M/√(2π) cancels by up to 1.6 for x < −1.4: keep x/√(2π) exact (two floats).
        ph, pl = _two_prod(xc, _INV_SQRT_2PI_2[0])
        total = (ph + (_mills_scaled(xc) + (pl + xc * _INV_SQRT_2PI_2[1]))) * (
            1.0 - lo[neg]
        )
        out = total * np.exp(-hn)
        out[deep] = (total[deep] * half) * half
        y[neg] = out
    # Around its zero x0 = −0.7518, Φ + xφ cancels and scipy's Φ is 3–5 ULP off: there GELU' is
    # its Taylor series d·(c₁ + c₂d + …), d = x − x0 with x − x0_hi exact (Sterbenz).
    _sum_series_about_zero(x, y, (-1.4, -0.35), _gelu_grad_taylor())
    y[np.isposinf(x)] = 1.0
    y[np.isneginf(x)] = 0.0
    return y


# The tanh approximation 0.5·x·(1 + tanh(u)) = x·σ(2u), u = √(2/π)(x + 0.044715x³): v = 2u is
# a1·x + a3·x³ with a1 = 2√(2/π) and a3 = 0.044715·a1, each kept as two floats.
def _two_floats(value) -> tuple[float, float]:
    """An mpmath number as hi + lo, two floats."""
    with mpmath.workdps(40):
        hi = float(value)
        return hi, float(value - hi)


with mpmath.workdps(40):
    _A1 = _two_floats(2 * mpmath.sqrt(2 / mpmath.pi))
    _A3 = _two_floats(
        2 * mpmath.sqrt(2 / mpmath.pi) * mpmath.mpf(44715) / 10**6
    )
    _INV_SQRT_2PI_2 = _two_floats(1 / mpmath.sqrt(2 * mpmath.pi))


def _two_sum(a, b):
    """(s, e) with s = fl(a + b) and s + e = a + b exactly (Knuth)."""
    s = a + b
    bv = s - a
    return s, (a - (s - bv)) + (b - bv)


def _gelu_tanh_terms(x):
    """The two terms of v = a1·x + a3·x³, each as two floats (hi, lo); |x| clipped at 50."""
    xc = np.clip(x, -50.0, 50.0)  # beyond, σ(v) is 0 or 1 to the last bit
    sh, sl = _two_prod(xc, xc)
    ch, cl = _two_prod(sh, xc)
    cl = cl + sl * xc  # x³ = ch + cl
    ph, pl = _two_prod(_A3[0], ch)
    pl = pl + (_A3[0] * cl + _A3[1] * ch)
    qh, ql = _two_prod(_A1[0], xc)
    return (qh, ql + _A1[1] * xc), (ph, pl)


def _gelu_tanh_argument(x):
    """(vh, vl) with vh + vl = 2√(2/π)(x + 0.044715x³) to ~2⁻¹⁰⁵ relative."""
    (qh, ql), (ph, pl) = _gelu_tanh_terms(x)
    vh, err = _two_sum(qh, ph)
    lo = err + (ql + pl)
    s = vh + lo
    return s, lo - (s - vh)


def _gelu_tanh(x):
    """0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))) = x·σ(v), v = 2√(2/π)(x + 0.044715x³).

    1 + tanh(u) cancels to 0 for u < −19 (x < −4.4 in float64); x·σ(v) does not, and v is
    carried as two floats because e^{v} multiplies v's rounding error by |v| (≈ 200 at x = −10).
    """
    vh, vl = _gelu_tanh_argument(x)
    return _times_sigmoid(x, vh, vl)


def _gelu_tanh_grad(x):
    """σ(v)·(1 + x·v'·σ(−v)), v' = 2√(2/π)(1 + 3·0.044715x²).

    For x < 0 (v < 0) this is σ(v)·N/(1 + e^{v}) with N = 1 + x·v' + e^{v}, and x·v' ≈ −2 near
    x = −1.2: N is summed from the two-float terms a1·x + 3·a3·x³, so 1 + x·v' loses nothing.
    """
    vh, vl = _gelu_tanh_argument(x)
    xc = np.clip(x, -50.0, 50.0)
    dv = _A1[0] + 3.0 * _A3[0] * xc * xc
    y = _times_sigmoid(1.0 + xc * expit(-vh) * dv, vh, vl)
    neg = x < 0
    (qh, ql), (ph, pl) = _gelu_tanh_terms(x[neg])
    t3, e3 = _two_sum(ph, 2.0 * ph)  # 3·a3·x³, exactly
    s1, e1 = _two_sum(qh, t3)
    s2, e2 = _two_sum(1.0, s1)
    e = np.exp(np.maximum(vh[neg], -745.0))
    n = s2 + (e2 + (e1 + e3 + ql + 3.0 * pl) + e)
    y[neg] = _times_sigmoid(n / (1.0 + e), vh[neg], vl[neg])
    # Around its zero x0 ≈ −0.7518 N still cancels (x·v' ≈ −1.6 against 1 + e^{v}): there the
    # derivative is its Taylor series about x0, d·(c₁ + c₂d + …), d = x − x0 exact (Sterbenz).
    _sum_series_about_zero(x, y, _GELU_TANH_SERIES, _gelu_tanh_grad_taylor())
    y[np.isposinf(x)] = 1.0
    return y


_GELU_TANH_SERIES = (-1.5, -0.38)  # within [2·x0, x0/2] = [−1.5036, −0.3759]


@functools.cache
def _gelu_tanh_grad_taylor(terms: int = 42):
    """x0 (as two floats) and the Taylor coefficients of the tanh form's derivative about its
    zero x0 ≈ −0.7518, from mpmath at 60 digits, once.

    f' is analytic but for the poles of σ(v(x)), where v(x) = ±iπ: the nearest are
    −0.634 ± 2.755i, 2.76 from x0, so on [−1.5, −0.38] (|x − x0| ≤ 0.75) the terms fall like
    0.27ⁿ and 42 terms are below 1e−23 relative. The interval reaches to −1.5 because
    1 + x·v' + e^{v} still cancels around x ≈ −1.28 (4.7 ULP there without the series); just
    below −1.5 the closed form is up to 3.7 ULP off (measured), within the promise.
    """
    with mpmath.workdps(60):
        k = 2 * mpmath.sqrt(2 / mpmath.pi)
        c = mpmath.mpf(44715) / 10**6

        def d_gelu(t):
            v = k * (t + c * t**3)
            s = 1 / (1 + mpmath.exp(-v))
            return s + t * s * (1 - s) * k * (1 + 3 * c * t**2)

        x0 = mpmath.findroot(d_gelu, -0.75)
        coefficients = mpmath.taylor(d_gelu, x0, terms)[1:]
        hi = float(x0)
        return (hi, float(x0 - hi)), [float(c) for c in coefficients]


def _gelu_forward(x, approximate="none"):
    return _gelu_tanh(x) if approximate == "tanh" else _gelu_none(x)


def _gelu_grad(x, approximate="none"):
    return _gelu_tanh_grad(x) if approximate == "tanh" else _gelu_none_grad(x)


def _gelu_expr(x, approximate="none"):
    import sympy

    if approximate == "tanh":
        # x·σ(2u) is 0.5x(1 + tanh u) written so that mpmath's 60-digit reference does not
        # cancel 1 + tanh(u) to 0 in the negative tail.
        k = 2 * sympy.sqrt(2 / sympy.pi)
        return x / (
            1 + sympy.exp(-k * (x + sympy.Rational(44715, 10**6) * x**3))
        )
    # erfc(−x/√2)/2 is Φ(x); unevaluated, as SymPy would rewrite it to 1 − erfc(x/√2)/2,
    # which cancels in the negative tail.
    return x * sympy.erfc(-x / sympy.sqrt(2), evaluate=False) / 2


gelu = register(
    Activation(
        "gelu",
        title="GELU",
        forward=_gelu_forward,
        grad=_gelu_grad,
        expr=_gelu_expr,
        params=[
            Param(
                "approximate",
                "none",
                "'none': x·Φ(x) with the Gaussian CDF; 'tanh': "
                "the tanh approximation",
                check=one_of("none", "tanh"),
            )
        ],
        latex=r"\mathrm{GELU}(x) = x\,\Phi(x)",
        doc="""Gaussian error linear unit, GELU(x) = x·Φ(x) = (x/2)·erfc(−x/√2).

        approximate='tanh' gives 0.5x(1 + tanh(√(2/π)(x + 0.044715x³))), PyTorch's
        approximation. GELU'(x) = Φ(x) + x·φ(x). Smooth everywhere, no kinks.

        Exact in both tails: GELU(−38) ≈ −1.1e−314 is returned, not −0 as torch.nn.functional.gelu
        does from x ≈ −9 on. GELU' is summed as its Taylor series about its zero x0 ≈ −0.7518,
        where Φ(x) + xφ(x) cancels; so is the tanh form's derivative about its own zero, and
        both stay within 4 ULP there. GELU(−∞) = 0 in both forms.
        """,
    )
)


# --------------------------------------------------------------------------- SiLU and Swish


def _swish(x, beta=1.0):
    """x·σ(βx), with βx kept exact (two floats) and subnormal gates rounded once.

    β = 0 is x/2 exactly (also at x = ±inf, where β·x would be 0·inf); at x = ±inf with
    β·x = −inf the limit is a signed zero (see `_times_sigmoid`).
    """
    if beta == 0.0:
        return 0.5 * x
    vh, vl = _scaled_product(beta, x)
    return _times_sigmoid(x, vh, vl)


@functools.cache
def _swish_h_taylor(terms: int = 30):
    """v0 (as two floats) and the Taylor coefficients of h(v) = 1 + v·σ(−v) about its zero
    v0 ≈ −1.2785 (Swish's minimum at β·x = v0).

    h has poles at v = ±iπ, |v0 ∓ iπ| ≈ 3.39, so on |v − v0| ≤ 0.65 the terms fall like 0.19ⁿ:
    30 terms are below 1e−21 relative. mpmath differentiates h at 60 digits, once.
    """

    def h(v):
        return 1 + v / (1 + mpmath.exp(v))

    with mpmath.workdps(60):
        v0 = mpmath.findroot(h, -1.28)
        coefficients = mpmath.taylor(h, v0, terms)[1:]
        hi = float(v0)
        return (hi, float(v0 - hi)), [float(c) for c in coefficients]


# within [2·v0, v0/2], where v − v0_hi is exact (Sterbenz)
_SWISH_H_SERIES = (-1.9, -0.65)


def _swish_grad(x, beta=1.0):
    """σ(v)·h(v), h = 1 + v·σ(−v), v = βx: the product rule with σ(v) factored out.

    h vanishes at v0 ≈ −1.2785 (the minimum of f), where 1 + v·σ(−v) cancels: for v < 0 it is
    (1 + v + e^{v})/(1 + e^{v}), where 1 + v is exact and only e^{v} is rounded, and on
    [−1.9, −0.65] its Taylor series d·(c₁ + c₂d + …) about v0 replaces it, with
    d = (v_h − v0_hi) − v0_lo + v_l exact to the last bits, so SiLU' and Swish' keep 4 ULP
    right through their zero, for every β.
    """
    if beta == 0.0:
        return np.where(np.isnan(x), x, 0.5)
    vh, vl = _scaled_product(beta, x)
    # beyond, h is 1 (v > 0) or ≈ v with σ(v) = 0: keep it finite
    vc = np.clip(vh, -1e3, 1e3)
    e = np.exp(-np.abs(vc))
    if vl is None:
        h = np.where(
            vc < 0, ((1.0 + vc) + e) / (1.0 + e), 1.0 + vc * (e / (1.0 + e))
        )
    else:
        h = np.where(
            vc < 0,
            ((1.0 + vc) + (e * (1.0 + vl) + vl)) / (1.0 + e),
            1.0 + vc * (e / (1.0 + e)),
        )
    near = (vh >= _SWISH_H_SERIES[0]) & (vh <= _SWISH_H_SERIES[1])
    if near.any():
        (v0_hi, v0_lo), coefficients = _swish_h_taylor()
        d = ((vh[near] - v0_hi) - v0_lo) + (0.0 if vl is None else vl[near])
        series = np.zeros_like(d)
        for c in reversed(coefficients):
            series = series * d + c
        h[near] = d * series
    return _times_sigmoid(h, vh, vl)


def _swish_dbeta(x, beta=1.0):
    """∂f/∂β = x²·σ(v)·σ(−v), v = βx; even in v, so with w = |v| it is x²·σ(w)·σ(−w).

    Where σ(−w) = e^{−w} underflows (w > 700) it is (x·e^{−w/2})², which neither overflows
    for x ≈ 1e300 nor loses a subnormal result; β = 0 gives x²/4, inf beyond 1e154, rightly.
    At x = ±inf with β ≠ 0 the limit is 0 (e^{−|β|x} beats x²).
    """
    if beta == 0.0:
        with np.errstate(over="ignore"):
            return 0.25 * (x * x)
    vh, vl = _scaled_product(beta, x)
    w, wl = np.abs(vh), (None if vl is None else np.where(vh < 0, -vl, vl))
    with np.errstate(over="ignore", invalid="ignore"):
        y = _times_sigmoid(x * (x * expit(w)), -w, None if wl is None else -wl)
        far = (w > 700.0) | np.isnan(y) & ~np.isnan(x)
        xf = x[far]
        s = np.exp(-0.5 * w[far])
        y[far] = np.where(np.isinf(xf), 0.0, (xf * s) * (xf * s))
    return y


def _silu(x):
    """x·σ(x): Swish with β = 1."""
    return _swish(x, 1.0)


def _silu_grad(x):
    """σ(x)·(1 + x·σ(−x))."""
    return _swish_grad(x, 1.0)


def _sigmoid_expr(v):
    import sympy

    return 1 / (1 + sympy.exp(-v))


silu = register(
    Activation(
        "silu",
        title="SiLU",
        forward=_silu,
        grad=_silu_grad,
        expr=lambda x: x * _sigmoid_expr(x),
        latex=r"\mathrm{SiLU}(x) = x\,\sigma(x)",
        doc="""Sigmoid-weighted linear unit, SiLU(x) = x·σ(x).

        Its derivative is SiLU'(x) = σ(x)(1 + x(1 − σ(x))).

        Same as torch.nn.functional.silu, exact down to the subnormals of the negative tail,
        with SiLU(−∞) = −0. Smooth, no kinks; minimum at x ≈ −1.2785, where the derivative,
        summed as its Taylor series about that zero, stays within 4 ULP.
        """,
    )
)

swish = register(
    Activation(
        "swish",
        title="Swish",
        forward=_swish,
        grad=_swish_grad,
        expr=lambda x, beta: x * _sigmoid_expr(beta * x),
        params=[
            Param(
                "beta",
                1.0,
                "slope of the gate σ(βx); learnable in the Swish paper",
                check=finite,
                slider=(0.0, 10.0, 0.1),
            )
        ],
        param_grads={"beta": _swish_dbeta},
        latex=r"\mathrm{Swish}_\beta(x) = x\,\sigma(\beta x)",
        doc="""Swish, x·σ(βx) (SiLU for β = 1; x/2 for β = 0; → ReLU as β → ∞).

        ∂f/∂x = σ(βx)(1 + βx(1 − σ(βx))), ∂f/∂β = x²σ(βx)(1 − σ(βx)). β·x is kept exact (two
        floats), so the tails are exact for any β. The derivative vanishes at βx ≈ −1.2785;
        there it is summed as a Taylor series about that zero and stays within 4 ULP for every
        β. The limits at ±∞ are taken for every β (0 where σ(βx) → 0, x/2 for β = 0).
        """,
    )
)


# --------------------------------------------------------------------------- Mish


def _mish_parts(x):
    """(T, S, σ) = (tanh(softplus x), sech²(softplus x), σ(x)).

    From t = e^{−|x|} ≤ 1, with no cancellation.

    With w = 1 + e^{x}: tanh(log w) = (w² − 1)/(w² + 1) and sech²(log w) = 4w²/(w² + 1)²; for
    x ≥ 0 both are written in t = e^{−x}, for x < 0 in t = e^{x}.
    """
    t = np.exp(-np.abs(x))
    pos = x >= 0
    w = 1.0 + t  # w·e^{−x} for x ≥ 0, w for x < 0
    tanh_sp = np.where(
        pos,
        (1.0 + 2.0 * t) / (1.0 + 2.0 * t + 2.0 * t * t),
        t * (t + 2.0) / (t * t + 2.0 * t + 2.0),
    )
    d = np.where(pos, w * w + t * t, w * w + 1.0)
    sech2 = np.where(pos, 4.0 * np.square(w * t / d), 4.0 * np.square(w / d))
    sig = np.where(pos, 1.0 / w, t / w)
    return tanh_sp, sech2, sig


def _mish(x):
    """x·tanh(softplus(x)); for x < 0, tanh(softplus x) = t·R with t = e^{x} and
    R = (t + 2)/(t² + 2t + 2), so f = (x·t)·R. Below x = −700, R = 1 to the last bit and
    f = (x·e^{x/2})·e^{x/2} is rounded once, as the subnormal it is."""
    with np.errstate(invalid="ignore"):  # inf·… at ±inf; fixed below
        tanh_sp, _, _ = _mish_parts(x)
        y = x * tanh_sp
        neg = x < 0
        xn = x[neg]
        t = np.exp(xn)
        y[neg] = (xn * t) * ((t + 2.0) / (t * t + 2.0 * t + 2.0))
        deep = x < -700.0
        s = np.exp(0.5 * x[deep])
        y[deep] = (x[deep] * s) * s
    y[np.isneginf(x)] = 0.0
    return y


@functools.cache
def _mish_grad_taylor(terms: int = 30):
    """x0 (as two floats) and the Taylor coefficients of Mish' about its zero x0 ≈ −1.1924.

    Mish' = e^{x}·ω/δ² (see `_mish_grad`) is analytic with radius ≈ 2.8 about x0; mpmath
    differentiates it at 60 digits, once.
    """

    def d_mish(v):
        e = mpmath.exp(v)
        return (
            e
            * (4 * (v + 1) + 4 * e**2 + e**3 + e * (4 * v + 6))
            / (2 * e + e**2 + 2) ** 2
        )

    with mpmath.workdps(60):
        x0 = mpmath.findroot(d_mish, -1.19)
        coefficients = mpmath.taylor(d_mish, x0, terms)[1:]
        hi = float(x0)
        return (hi, float(x0 - hi)), [float(c) for c in coefficients]


def _mish_grad(x):
    """tanh(sp) + x·sech²(sp)·σ(x), sp = softplus(x).

    For x < 0 this is t·ω/δ² with t = e^{x}, ω = 4(x + 1) + t·(t(t + 4) + 4x + 6) and
    δ = t² + 2t + 2: near the zero of f' (x ≈ −1.19) only the t-terms are rounded, while
    4(x + 1) is exact, instead of two rounded terms near ±0.9 cancelling; on [−1.55, −0.85]
    the Taylor series about the zero replaces it. Below x = −700, δ = 2 and
    f' = ((ω/4)·e^{x/2})·e^{x/2} is rounded once.
    """
    with np.errstate(invalid="ignore"):  # inf·0 at ±inf; fixed below
        tanh_sp, sech2, sig = _mish_parts(x)
        y = tanh_sp + x * sech2 * sig
        neg = x < 0
        xn = np.maximum(x[neg], -800.0)  # below −700 the deep branch takes over
        t = np.exp(xn)
        omega = 4.0 * (xn + 1.0) + t * (t * (t + 4.0) + (4.0 * xn + 6.0))
        y[neg] = (t * omega) / np.square(t * (t + 2.0) + 2.0)
        deep = x < -700.0
        s = np.exp(0.5 * x[deep])
        y[deep] = ((x[deep] + 1.0) * s) * s
    # Around the zero x0 of Mish', ω is still a difference of rounded terms: sum the Taylor
    # series d·(c₁ + c₂d + …) there, d = x − x0 with x − x0_hi exact (Sterbenz).
    _sum_series_about_zero(x, y, (-1.55, -0.85), _mish_grad_taylor())
    y[np.isposinf(x)] = 1.0
    y[np.isneginf(x)] = 0.0
    return y


def _mish_expr(x):
    # log1p(e^x) is softplus; written with log1p so that mpmath's reference keeps
    # log(1 + e^{−700}) = e^{−700} instead of rounding 1 + e^{−700} to 1.
    import sympy
    from sympy.codegen.cfunctions import log1p

    return x * sympy.tanh(log1p(sympy.exp(x)))


mish = register(
    Activation(
        "mish",
        title="Mish",
        forward=_mish,
        grad=_mish_grad,
        expr=_mish_expr,
        latex=r"\mathrm{Mish}(x) = x\,\tanh(\operatorname{softplus}(x))",
        doc="""Mish, x·tanh(softplus(x)) = x·tanh(log(1 + e^{x})).

        Mish'(x) = tanh(sp) + x·sech²(sp)·σ(x), sp = softplus(x). Both are evaluated from
        e^{−|x|} without cancellation, exact in both tails; around the zero of Mish'
        (x ≈ −1.1924) the derivative is summed as its Taylor series, so no interval is
        excused as ill-conditioned.
        """,
    )
)
