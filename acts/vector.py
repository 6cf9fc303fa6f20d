"""Vector activations, applied along an axis: softmax, log-softmax and softmin.

They map a vector of n logits to a vector of n outputs, so their derivative is an n × n
Jacobian rather than an elementwise f'. Contract, for a vector activation ``a``::

    a(x, axis=-1)              the outputs, same shape as x
    a.jacobian(x, axis=-1)     J[..., i, j] = ∂yᵢ/∂xⱼ along `axis`: shape (*others, n, n), the
                               other axes of x in their order, then the two vector axes
    a.vjp(x, g, axis=-1)       g·J, i.e. Σᵢ gᵢ ∂yᵢ/∂xⱼ, the backward pass, without forming J
    a.params                   {"axis": -1}
    a.expr                     SymPy column Matrix for n = 3 symbols x1, x2, x3 (real);
                               a.expr_for(n) gives it for any n, in a.symbols_for(n)

Input handling and errors are those of `acts.core` (`as_float64`, `finish`, `Activation.bind`):
float16/float32 are computed in float64 and rounded once; ints, bools and lists become float64;
complex, object and string arrays are a TypeError; an unknown parameter or a non-integer axis is
a ValueError, and so is an axis out of range for x. A 0-d x is a vector of one element.

Numerics, shared by the three: with m = max(x), every output is computed from s = x − m ≤ 0
(the outputs do not change when a constant is added to every logit), so exp never overflows.
The subtraction x − m itself rounds when x and m are far apart; its rounding error is recovered
exactly (TwoSum) and put back as exp(s + δ) ≈ exp(s)(1 + δ), which keeps small outputs exact to
the last bits. The sum of the exponentials is 1 + r, r summing every term but one copy of the
maximum, so that log Σ = log1p(r) and 1 − yᵢ are exact even when one logit dominates.

Special values: NaN anywhere in a vector makes that whole vector NaN (every output depends on
every logit). −inf logits get probability 0. +inf logits share the probability equally (the limit
when they grow together) and the others get 0; a vector of only −inf logits is uniform for the
same reason (adding a constant changes nothing). PyTorch returns NaN in those two cases.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .core import CHUNK, Activation, Param, _as_real, finish
from .registry import register

__all__ = ["VectorActivation", "integer"]


def integer(name: str, value: Any) -> str | None:
    """A check for parameters that must be a Python or NumPy integer (not a bool)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(
        value, (int, np.integer)
    ):
        return f"{name} must be an integer, got {value!r}"
    return None


AXIS = Param(
    "axis", -1, "the axis of x along which the vector runs", check=integer
)

Kernel = Callable[..., np.ndarray]


# --------------------------------------------------------------------------- kernels
# Every kernel sees a float64 array z of shape (..., n) with n ≥ 1: the vector is the last axis.


def _exp_shifted(z: np.ndarray):
    """(s, δ, e, k, r) for the logits z along the last axis.

    s + δ = z − max(z) exactly (TwoSum), e = exp(s + δ) ∈ [0, 1] with e = 1 at the maximum,
    k the index of one maximum, r = Σ e without that one term: Σ e = 1 + r.
    """
    m = np.max(
        z, axis=-1, keepdims=True
    )  # NaN propagates: a NaN vector stays NaN
    with np.errstate(over="ignore", invalid="ignore"):
        s = (
            z - m
        )  # may overflow to −inf (e = 0, right); inf − inf is handled below
        back = s - z
        delta = (z - (s - back)) + (
            -m - back
        )  # TwoSum: the rounding error of z − m
    delta[~np.isfinite(delta)] = 0.0
    infinite = np.isinf(m)[..., 0]
    if infinite.any():
        # +inf logits share the mass equally; with max −inf every logit is −inf: uniform.
        zi, mi = z[infinite], m[infinite]
        s[infinite] = np.where(zi == mi, 0.0, -np.inf)
        delta[infinite] = 0.0
    e = np.exp(s)
    e += (
        e * delta
    )  # exp(s + δ) = exp(s)·(1 + δ + O(δ²)), |δ| ≤ 2⁻⁵³·|s| and |s| < 746
    k = np.argmax(e, axis=-1)[..., None]
    others = e.copy()
    np.put_along_axis(others, k, 0.0, axis=-1)
    r = np.sum(others, axis=-1, keepdims=True)
    return s, delta, e, k, r


def _softmax(z: np.ndarray) -> np.ndarray:
    """softmax(z)ᵢ = e^{zᵢ} / Σₖ e^{zₖ} = e^{zᵢ − m} / Σₖ e^{zₖ − m}, m = max(z)."""
    _, _, e, _, r = _exp_shifted(z)
    return e / (1.0 + r)


def _softmax_parts(z: np.ndarray):
    """(y, 1 − y) with 1 − yᵢ = Σ_{k≠i} eₖ / Σ e, computed without cancelling when yᵢ ≈ 1."""
    _, _, e, k, r = _exp_shifted(z)
    total = 1.0 + r
    rest = 1.0 + (
        r - e
    )  # Σ_{k≠i} e_k for every i but the maximum (e_k = 1 is in the 1)
    np.put_along_axis(rest, k, r, axis=-1)
    return e / total, rest / total


def _diagonal(jac: np.ndarray) -> np.ndarray:
    """A writable view of the diagonal of the last two axes."""
    return np.einsum("...ii->...i", jac)


def _softmax_jacobian(z: np.ndarray) -> np.ndarray:
    """∂yᵢ/∂zⱼ = yᵢ(δᵢⱼ − yⱼ): diag(y) − y yᵀ, with the diagonal as yᵢ·(1 − yᵢ) from Σ_{k≠i}."""
    y, one_minus_y = _softmax_parts(z)
    jac = -y[..., :, None] * y[..., None, :]
    _diagonal(jac)[...] = y * one_minus_y
    return jac


_HUGE_G = (
    2.0**1000
)  # beyond, g − g_k and Σ gᵢ can overflow although g·J is finite


def _scale_rows(g: np.ndarray):
    """(g / c, c) with c a power of two per vector, so that |g / c| ≤ 1, where g is huge.

    The vjp is linear in g, so it is computed for g / c and multiplied by c last: exact, as c
    is a power of two, and no difference or sum of the huge gᵢ overflows on the way (softmax's
    vjp at g = [1e308, −1e308, 1e308] is finite). c is None in the common case, g not huge.
    """
    with np.errstate(invalid="ignore"):
        big = np.max(np.abs(g), initial=0.0)
    if not big > _HUGE_G or not np.isfinite(big):
        return g, None
    _, exponent = np.frexp(np.max(np.abs(g), axis=-1, keepdims=True))
    c = np.maximum(
        exponent, 0
    )  # c is kept as the exponent: 2^1024 is not a float
    return np.ldexp(g, -c), c


def _softmax_vjp(z: np.ndarray, g: np.ndarray) -> np.ndarray:
    """(g·J)ⱼ = yⱼ(gⱼ − Σᵢ gᵢyᵢ) = yⱼ((gⱼ − g_k) − Σᵢ (gᵢ − g_k) yᵢ), k the largest output.

    Shifting g by g_k is free (Σ y = 1) and makes a constant g give exactly 0, as it must.
    A huge g is scaled by a power of two first (`_scale_rows`).
    """
    _, _, e, k, r = _exp_shifted(z)
    g, c = _scale_rows(g)
    with np.errstate(
        invalid="ignore", over="ignore"
    ):  # inf or NaN in g: inf/NaN out, quietly
        d = g - np.take_along_axis(g, k, axis=-1)
        y = e / (1.0 + r)
        out = y * (d - np.sum(d * y, axis=-1, keepdims=True))
        return out if c is None else np.ldexp(out, c)


def _log_softmax(z: np.ndarray) -> np.ndarray:
    """log_softmax(z)ᵢ = zᵢ − log Σₖ e^{zₖ} = (zᵢ − m) − log1p(Σ_{k≠max} e^{zₖ − m}).

    Both terms are ≤ 0 and ≥ 0 respectively, so the subtraction never cancels.
    """
    s, delta, _, _, r = _exp_shifted(z)
    return (s - np.log1p(r)) + delta


def _log_softmax_jacobian(z: np.ndarray) -> np.ndarray:
    """∂yᵢ/∂zⱼ = δᵢⱼ − softmax(z)ⱼ."""
    p, one_minus_p = _softmax_parts(z)
    jac = np.repeat(-p[..., None, :], p.shape[-1], axis=-2)
    _diagonal(jac)[...] = one_minus_p
    return jac


def _log_softmax_vjp(z: np.ndarray, g: np.ndarray) -> np.ndarray:
    """(g·J)ⱼ = gⱼ − softmax(z)ⱼ Σᵢ gᵢ: with g = −y for a one-hot y, this is p − y."""
    p = _softmax(z)
    g, c = _scale_rows(g)
    with np.errstate(invalid="ignore", over="ignore"):
        out = g - p * np.sum(g, axis=-1, keepdims=True)
        return out if c is None else np.ldexp(out, c)


def _softmin(z: np.ndarray) -> np.ndarray:
    """softmin(z) = softmax(−z)."""
    return _softmax(-z)


def _softmin_jacobian(z: np.ndarray) -> np.ndarray:
    """∂softmin(z)/∂z = −J_softmax(−z) (chain rule through −z)."""
    return -_softmax_jacobian(-z)


def _softmin_vjp(z: np.ndarray, g: np.ndarray) -> np.ndarray:
    """g·J_softmin(z) = −(g·J_softmax(−z))."""
    return -_softmax_vjp(-z, g)


def _by_rows(
    kernel: Kernel, dtype, z: np.ndarray, *more: np.ndarray
) -> np.ndarray:
    """kernel(z, *more) for z of shape (..., n), about CHUNK elements (whole vectors) at a time,
    into one output of `dtype`: temporaries stay cache-sized and float32 is converted to float64
    a block at a time, as `acts.core._chunked` does for the elementwise activations."""
    n = z.shape[-1]
    rows = [
        a.reshape(-1, n) for a in (z, *np.broadcast_arrays(*more, subok=False))
    ]
    out = np.empty(rows[0].shape, dtype=dtype)
    step = max(1, CHUNK // n)
    with np.errstate(over="ignore"):
        for start in range(0, out.shape[0], step):
            block = [
                a[start : start + step].astype(np.float64, copy=False)
                for a in rows
            ]
            np.copyto(
                out[start : start + step], kernel(*block), casting="unsafe"
            )
    return out.reshape(z.shape)


# --------------------------------------------------------------------------- the type


class VectorActivation:
    """A vector activation: y = f(x) along one axis, its Jacobian, its vjp and its SymPy form.

    Parameters
    ----------
    name, title, latex, doc : as for `acts.core.Activation`.
    forward : kernel ``k(z) -> y`` on a float64 array whose last axis is the vector (n ≥ 1).
    jacobian : kernel ``k(z) -> J`` of shape (..., n, n), J[..., i, j] = ∂yᵢ/∂zⱼ.
    vjp : kernel ``k(z, g) -> g·J`` of shape (..., n), without forming J.
    expr : ``expr(xs) -> [y1, ..., yn]``, the outputs as SymPy expressions in the symbols xs.
    """

    kind = "vector"

    def __init__(
        self,
        name: str,
        *,
        title: str,
        forward: Kernel,
        jacobian: Kernel,
        vjp: Kernel,
        expr: Callable[[Sequence[Any]], Sequence[Any]],
        latex: str = "",
        doc: str = "",
    ) -> None:
        self.name = name
        self.title = title
        self._forward = forward
        self._jacobian = jacobian
        self._vjp = vjp
        self._expr = expr
        self.latex = latex
        self.__doc__ = doc or forward.__doc__
        self.param_specs: dict[str, Param] = {"axis": AXIS}
        self._validate = None
        self._exprs: dict[int, Any] = {}  # expr_for(n), built once per n

    # The parameter handling of elementwise activations: defaults, unknown names, checks.
    params = Activation.params
    bind = Activation.bind

    # -- numbers --------------------------------------------------------------------------

    def _vectors(self, x: Any, params: dict[str, Any], who: str):
        """(z with the vector axis last and at least 1-d, x's float64 shape, axis, dtype)."""
        bound = self.bind(params)
        # Converted to float64 by the caller, per block if large.
        x64, dtype = _as_real(x, who)
        axis = int(bound["axis"])
        ndim = max(x64.ndim, 1)  # a 0-d x is a vector of one element
        if not -ndim <= axis < ndim:
            raise ValueError(
                f"{who}: axis {axis} is out of range for an input of "
                f"{x64.ndim} dimension(s) (shape {x64.shape})"
            )
        z = np.moveaxis(x64.reshape(x64.shape or (1,)), axis, -1)
        return z, x64.shape, axis, dtype

    @staticmethod
    def _back(y: np.ndarray, shape: tuple[int, ...], axis: int) -> np.ndarray:
        return np.moveaxis(y, -1, axis if shape else -1).reshape(shape)

    def __call__(self, x: Any, **params: Any):
        z, shape, axis, dtype = self._vectors(x, params, self.name)
        if z.size > CHUNK:
            return finish(
                self._back(_by_rows(self._forward, dtype, z), shape, axis),
                dtype,
            )
        z = z.astype(np.float64, copy=False)
        y = self._forward(z) if z.size else z.copy()
        return finish(self._back(y, shape, axis), dtype)

    def jacobian(self, x: Any, **params: Any):
        """J[..., i, j] = ∂yᵢ/∂xⱼ along `axis`, shape (*other axes of x, n, n)."""
        z, _, _, dtype = self._vectors(x, params, f"{self.name}.jacobian")
        z = z.astype(np.float64, copy=False)
        n = z.shape[-1]
        jac = self._jacobian(z) if z.size else np.zeros(z.shape[:-1] + (n, n))
        return finish(jac, dtype)

    def vjp(self, x: Any, g: Any, **params: Any):
        """The vector–Jacobian product g·J (Σᵢ gᵢ ∂yᵢ/∂xⱼ), same shape as x; g broadcasts to x."""
        who = f"{self.name}.vjp"
        z, shape, axis, dtype = self._vectors(x, params, who)
        g64, gdtype = _as_real(g, who)
        try:
            g64 = np.broadcast_to(g64, shape)
        except ValueError:
            raise ValueError(
                f"{who}: g of shape {g64.shape} does not broadcast to x of shape "
                f"{shape}"
            ) from None
        gz = np.moveaxis(g64.reshape(shape or (1,)), axis, -1)
        dtype = np.result_type(dtype, gdtype)
        if z.size > CHUNK:
            return finish(
                self._back(_by_rows(self._vjp, dtype, z, gz), shape, axis),
                dtype,
            )
        z = z.astype(np.float64, copy=False)
        out = (
            self._vjp(z, gz.astype(np.float64, copy=False))
            if z.size
            else gz.copy()
        )
        return finish(self._back(out, shape, axis), dtype)

    @property
    def kernels(self) -> dict[str, Kernel]:
        """The NumPy kernels behind the activation."""
        return {
            "forward": self._forward,
            "jacobian": self._jacobian,
            "vjp": self._vjp,
        }

    # -- symbols --------------------------------------------------------------------------

    @staticmethod
    def symbols_for(n: int):
        """The column of real symbols x1, ..., xn that `expr_for(n)` is written in."""
        import sympy

        return sympy.Matrix(sympy.symbols(f"x1:{n + 1}", real=True))

    def expr_for(self, n: int):
        """The n outputs as a SymPy column Matrix in `symbols_for(n)` (cached per n)."""
        import sympy

        if n not in self._exprs:
            symbols = list(self.symbols_for(n))
            self._exprs[n] = sympy.Matrix(list(self._expr(symbols)))
        return self._exprs[n]

    @property
    def expr(self):
        """The outputs for n = 3, a column Matrix in x1, x2, x3 (``expr_for(n)`` for other n)."""
        return self.expr_for(3)

    def jacobian_expr(self, n: int = 3):
        """The Jacobian Matrix of `expr_for(n)`, straight from SymPy: entry (i, j) = ∂yᵢ/∂xⱼ."""
        return self.expr_for(n).jacobian(self.symbols_for(n))

    def __repr__(self) -> str:
        return f"<vector activation {self.name}(axis={self.params['axis']!r})>"


# --------------------------------------------------------------------------- the activations


def _softmax_expr(xs):
    import sympy

    total = sum(sympy.exp(v) for v in xs)
    return [sympy.exp(v) / total for v in xs]


def _log_softmax_expr(xs):
    import sympy

    lse = sympy.log(sum(sympy.exp(v) for v in xs))
    return [v - lse for v in xs]


def _softmin_expr(xs):
    return _softmax_expr([-v for v in xs])


softmax = register(
    VectorActivation(
        "softmax",
        title="Softmax",
        forward=_softmax,
        jacobian=_softmax_jacobian,
        vjp=_softmax_vjp,
        expr=_softmax_expr,
        latex=r"\operatorname{softmax}(x)_i = \frac{e^{x_i}}{\sum_k e^{x_k}}",
        doc="""Softmax, yᵢ = e^{xᵢ} / Σₖ e^{xₖ} along `axis`; ∂yᵢ/∂xⱼ = yᵢ(δᵢⱼ − yⱼ).

        Outputs in [0, 1] summing to 1; unchanged by adding a constant to every logit. Same as
        torch.softmax(x, dim) and scipy.special.softmax(x, axis), evaluated as e^{x − max x}
        with the rounding of x − max x recovered, so tiny probabilities are exact too.
        """,
    )
)

log_softmax = register(
    VectorActivation(
        "log_softmax",
        title="Log-softmax",
        forward=_log_softmax,
        jacobian=_log_softmax_jacobian,
        vjp=_log_softmax_vjp,
        expr=_log_softmax_expr,
        latex=r"\operatorname{log\_softmax}(x)_i = x_i - \log \sum_k e^{x_k}",
        doc="""Log-softmax, yᵢ = xᵢ − log Σₖ e^{xₖ} (log-sum-exp); ∂yᵢ/∂xⱼ = δᵢⱼ − softmax(x)ⱼ.

        Evaluated as (xᵢ − m) − log1p(Σ_{k≠max} e^{xₖ − m}), m = max x: finite for every finite
        input, where log(softmax(x)) returns −inf once a probability underflows.
        """,
    )
)

softmin = register(
    VectorActivation(
        "softmin",
        title="Softmin",
        forward=_softmin,
        jacobian=_softmin_jacobian,
        vjp=_softmin_vjp,
        expr=_softmin_expr,
        latex=r"\operatorname{softmin}(x)_i = \frac{e^{-x_i}}{\sum_k e^{-x_k}}",
        doc="""Softmin, softmax(−x): the smallest logit gets the largest weight.

        ∂yᵢ/∂xⱼ = −yᵢ(δᵢⱼ − yⱼ). Same as torch.nn.functional.softmin(x, dim).
        """,
    )
)


# --------------------------------------------------------------------------- sparsemax


def _sparsemax_parts(z: np.ndarray):
    """(y, support, nan) for the logits z along the last axis (Martins & Astudillo 2016, Alg. 1).

    With s = z − max(z) (sparsemax, like softmax, ignores a constant added to every logit) sorted
    decreasingly, the support size is k = max{j : 1 + j·s₍ⱼ₎ > Σ_{i≤j} s₍ᵢ₎}, the threshold
    τ = (Σ_{i≤k} s₍ᵢ₎ − 1)/k, and y = max(s − τ, 0): exact zeros below τ. Infinite logits are
    handled as softmax handles them (+inf logits share the mass, a vector of −inf is uniform).
    """
    m = np.max(
        z, axis=-1, keepdims=True
    )  # NaN propagates: a NaN vector stays NaN
    with np.errstate(over="ignore", invalid="ignore"):
        s = z - m
    infinite = np.isinf(m)[..., 0]
    if infinite.any():
        s[infinite] = np.where(z[infinite] == m[infinite], 0.0, -np.inf)
    nan = np.isnan(m)
    s = np.where(nan, 0.0, s)  # computed as zeros, returned as NaN
    desc = -np.sort(-s, axis=-1)
    j = np.arange(1, s.shape[-1] + 1, dtype=np.float64)
    with np.errstate(
        over="ignore", invalid="ignore"
    ):  # −inf logits: −inf sums, no NaN
        cum = np.cumsum(desc, axis=-1)
        inside = 1.0 + j * desc > cum
    # The condition holds for a prefix of j; take its last j (j = 1 always holds).
    k = s.shape[-1] - np.argmax(inside[..., ::-1], axis=-1)[..., None]
    tau = (np.take_along_axis(cum, k - 1, axis=-1) - 1.0) / k
    with np.errstate(invalid="ignore"):
        y = np.maximum(s - tau, 0.0)
    return np.where(nan, np.nan, y), y > 0, nan


def _sparsemax(z: np.ndarray) -> np.ndarray:
    """sparsemax(z) = argmin_{p in the simplex} ‖p − z‖², the Euclidean projection.

    It is max(z − τ, 0) for the threshold τ that makes the entries sum to 1.
    """
    return _sparsemax_parts(z)[0]


def _sparsemax_jacobian(z: np.ndarray) -> np.ndarray:
    """∂yᵢ/∂zⱼ = sᵢ(δᵢⱼ − sⱼ/|S|), s the indicator of the support S = {i : yᵢ > 0}:
    diag(s) − s sᵀ/|S|, constant wherever the support does not change."""
    _, support, nan = _sparsemax_parts(z)
    s = support.astype(np.float64)
    size = np.sum(s, axis=-1, keepdims=True)[..., None]
    jac = -s[..., :, None] * s[..., None, :] / np.maximum(size, 1.0)
    _diagonal(jac)[...] += s
    return np.where(nan[..., None], np.nan, jac)


def _sparsemax_vjp(z: np.ndarray, g: np.ndarray) -> np.ndarray:
    """(g·J)ⱼ = sⱼ(gⱼ − mean of g over the support): J is symmetric, so this is J·g too."""
    _, support, nan = _sparsemax_parts(z)
    s = support.astype(np.float64)
    with np.errstate(
        invalid="ignore", over="ignore"
    ):  # inf or NaN in g: inf/NaN out, quietly
        mean = np.sum(g * s, axis=-1, keepdims=True) / np.maximum(
            s.sum(axis=-1, keepdims=True), 1
        )
        out = s * (g - mean)
    return np.where(nan, np.nan, out)


def _sparsemax_expr(xs):
    """yᵢ as a Piecewise over the possible supports S: on the region where S is the support
    (every x in S exceeds τ_S = (Σ_S x − 1)/|S| and no other does), yᵢ = xᵢ − τ_S for i in S
    and 0 otherwise. Differentiating it gives the Jacobian support by support."""
    import itertools

    import sympy

    n = len(xs)
    regions = []
    for size in range(1, n + 1):
        for subset in itertools.combinations(range(n), size):
            tau = (sum(xs[i] for i in subset) - 1) / sympy.Integer(size)
            cond = sympy.And(
                *[xs[i] > tau for i in subset],
                *[xs[i] <= tau for i in range(n) if i not in subset],
            )
            regions.append((subset, tau, cond))
    regions[-1] = (*regions[-1][:2], True)  # the full support: whatever is left
    return [
        sympy.Piecewise(
            *[
                (xs[i] - tau if i in subset else sympy.Integer(0), cond)
                for subset, tau, cond in regions
            ],
            evaluate=False,
        )
        for i in range(n)
    ]


sparsemax = register(
    VectorActivation(
        "sparsemax",
        title="Sparsemax",
        forward=_sparsemax,
        jacobian=_sparsemax_jacobian,
        vjp=_sparsemax_vjp,
        expr=_sparsemax_expr,
        latex=r"\operatorname{sparsemax}(x)_i = \max(x_i - \tau(x), 0),\ "
        r"\textstyle\sum_k \max(x_k - \tau, 0) = 1",
        doc="""Sparsemax (Martins & Astudillo 2016): the Euclidean projection of x onto the simplex.

        yᵢ = max(xᵢ − τ, 0), τ the number that makes the outputs sum to 1. Logits more than τ
        below the top ones get probability exactly 0, where softmax's e^{x} never does. The
        Jacobian is diag(s) − s sᵀ/|S|, s the indicator of the support S. Same as
        keras.activations.sparsemax(x, axis).
        """,
    )
)
