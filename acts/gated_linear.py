"""Gated linear units, a value half times a gated half: GLU, ReGLU, GeGLU and SwiGLU.

    >>> import acts, numpy as np
    >>> acts.glu(np.array([-1.0, 0.0, 1.0, 1.0]))  # a = (-1, 0), b = (1, 1): a·σ(b)
    array([-0.73105858,  0.        ])

x is split into two halves along `axis` with PyTorch's ``F.glu`` convention: the first half a
is the value, the second half b goes through the gate g, and the output is a ⊗ g(b), of half
x's size along `axis`. The gates are the book's own elementwise activations, called as they are:
g = acts.sigmoid (GLU), acts.relu (ReGLU), acts.gelu (GeGLU, ``approximate="none" | "tanh"``) and
acts.swish (SwiGLU, ``beta=1`` by default, where Swish is SiLU). Contract, for a unit ``u``
(``u.kind == "glu"``; `acts.names("glu")` lists them)::

    u(x, axis=-1, **gate_params)   a ⊗ g(b); x's shape with n → n/2 along `axis`
    u.partials(x, axis=-1)         (∂y/∂a, ∂y/∂b) = (g(b), a ⊗ g'(b)), each of the output's shape
    u.jacobian(x, axis=-1)         J[..., i, j] = ∂yᵢ/∂xⱼ, shape (*other axes of x, n/2, n): the
                                   other axes in their order, then output i, then input j;
                                   only J[..., i, i] = g(bᵢ) and J[..., i, n/2 + i] = aᵢ·g'(bᵢ)
                                   are non-zero
    u.vjp(x, g, axis=-1)           g·J = (g ⊗ g(b), g ⊗ a ⊗ g'(b)) joined along `axis`: x's shape;
                                   g has the output's shape (or broadcasts to it)
    u.gate                         the elementwise activation g
    u.params                       {"axis": -1, **the gate's parameters}
    u.expr, u.expr_at(**params)    a·g(b), SymPy, in Symbol("a", real=True), Symbol("b", real=True)
    u.partial_exprs(**params)      (∂/∂a, ∂/∂b) of expr_at, straight from SymPy

Input handling and errors are those of `acts.core` and `acts.vector`: float16/float32 are computed
in float64 and rounded once; ints, bools and lists become float64; complex, object and string
arrays are a TypeError naming the unit; an unknown parameter, a non-integer or out-of-range axis,
a 0-d x and an odd size along `axis` are ValueErrors naming the unit, the axis and the size.

Numerics. Where the gate is a normal number, a ⊗ g(b) is one rounding on top of the gate's own
(≤ 4 ULP) error. In the gate's negative tail, g(b) and g'(b) are subnormal or underflow to 0
while a ⊗ g(b) may be perfectly representable (|a| = 1e300, b = −800: a·σ(b) ≈ 3.7e−48); there
each gate is written p(b)·e^{v(b)} with v kept exact as two floats (the same helpers the gate's
own kernels use) and the product is taken as ((a·e^{v/2})·p)·e^{v/2}, rounded once into the
subnormals, never through them.

Special values. NaN in a or b makes that output NaN. An infinite a gives ±inf where the gate is
non-zero (also where it is merely too small to represent) and NaN where the gate is exactly 0
(σ(−∞), relu(b ≤ 0), GELU(0)): that is IEEE's inf·0, and what PyTorch returns.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np

from . import gated
from .core import Activation, as_float64, finish
from .registry import get, register
from .vector import AXIS

__all__ = ["GatedLinearUnit"]

# The gate's tail: where v(b) < _DEEP, e^{v} is within a factor e^{-700}/2^{-1022} ≈ 440 of the
# subnormals, so g(b) = p·e^{v} is evaluated together with a.
_DEEP = -700.0

Tail = Callable[..., tuple]


# --------------------------------------------------------------------------- the tails
# Where the gate g (or g') is too small to be multiplied by a after rounding, it is written
# c·p·e^{vh + vl}, with c a power of two, and multiplied by a as one product (`_product_with_exp`).
# Each tail function returns ((mask, terms) for g, (mask, terms) for g'), terms = (c, p, vh, vl)
# on the points `mask` of the float64 array b; g = c·p·e^{vh + vl} there to a relative 2⁻⁶⁰.
# Two regions need it: the negative tail, where e^{v} is within a factor 440 of the subnormals,
# and, for gates that are g'(0)·b near 0 (GELU, Swish), a subnormal b, where g(b) = b/2 rounds.


def _product_with_exp(a, terms):
    """a·c·p·e^{vh + vl} = (((c·a)·s)·(p·(1 + vl)))·s with s = e^{vh/2}: rounded once into the
    subnormals; an infinite a gives a·sign(p), since e^{v} > 0 for every finite v."""
    c, p, vh, vl = terms
    s = np.exp(0.5 * vh)
    with np.errstate(invalid="ignore", over="ignore"):
        y = (((c * a) * s) * (p * (1.0 + vl))) * s
        infinite = np.isinf(a)
        y[infinite] = a[infinite] * np.sign(p[infinite])
    return y


def _region(mask, c, p, vh, vl):
    """(mask, (c, p, vh, vl)) with each term an array over the points of mask."""
    n = int(np.count_nonzero(mask))
    if n == 0:
        return mask, (_EMPTY,) * 4
    return mask, tuple(
        np.broadcast_to(np.asarray(t, dtype=np.float64), (n,))
        for t in (c, p, vh, vl)
    )


_EMPTY = np.zeros(0)


def _join(b, *regions):
    """One region from several disjoint ones (in b's flat order)."""
    regions = [r for r in regions if r[1][0].size]
    if len(regions) <= 1:
        return (
            regions[0]
            if regions
            else _region(np.zeros(b.shape, dtype=bool), *_NOTHING)
        )
    mask = np.zeros(b.shape, dtype=bool)
    terms = np.zeros((4,) + b.shape)
    for m, t in regions:
        mask |= m
        for k in range(4):
            terms[k][m] = t[k]
    return mask, tuple(terms[k][mask] for k in range(4))


_NOTHING = (0.0, 0.0, 0.0, 0.0)


def _near_zero(b, slope=0.5):
    """g(b) = slope·b for |b| < 2⁻⁶⁰ (the next term is b² or βb²/4): (slope·a)·b, one rounding."""
    tiny = (np.abs(b) < 2.0**-60) & (b != 0)
    return _region(tiny, slope, b[tiny], 0.0, 0.0)


def _sigmoid_tail(b):
    """σ(b) = e^{b}/(1 + e^{b}) = e^{b} for b < −700, and
    σ'(b) = e^{−|b|}/(1 + e^{−|b|})² = e^{−|b|} for |b| > 700: σ' has a tail on both sides."""
    deep = (b < _DEEP) & np.isfinite(b)
    both = (np.abs(b) > -_DEEP) & np.isfinite(b)
    return _region(deep, 1.0, 1.0, b[deep], 0.0), _region(
        both, 1.0, 1.0, -np.abs(b[both]), 0.0
    )


def _relu_tail(b):
    """relu has no tail: max(0, b) and its derivative are exact."""
    none = _region(np.zeros(b.shape, dtype=bool), *_NOTHING)
    return none, none


def _swish_tail(b, beta=1.0):
    """Swish_β(b) = b·σ(v) = b·e^{v}, Swish_β'(b) = σ(v)(1 + v·σ(−v)) = (1 + v)·e^{v}, v = βb < −700
    (βb as two floats, `gated._scaled_product`); b/2 for a subnormal b; 0 at b = −∞ for β > 0,
    where acts.swish returns NaN (−∞·0)."""
    with np.errstate(
        invalid="ignore"
    ):  # β = 0 at b = ±inf: 0·inf, not in the tail
        vh, vl = gated._scaled_product(beta, b)
    if vl is None:  # β a power of two: β·b is exact
        vl = np.zeros_like(vh)
    deep = (vh < _DEEP) & np.isfinite(b)
    vhd, vld = vh[deep], vl[deep]
    one_plus_v = (
        1.0 + np.maximum(vhd, -1e4)
    ) + vld  # beyond −1e4, e^{v} = 0 anyway: keep p finite
    tiny = np.abs(b) < 2.0**-60 / max(1.0, abs(beta))
    if (
        beta == 0
    ):  # Swish_0(b) = b/2, also at b = ±inf, where acts.swish returns NaN (0·inf)
        ends = np.isinf(b)
        return (
            _join(
                b,
                _near_zero(np.where(tiny, b, 0.0)),
                _region(ends, 0.5, b[ends], 0.0, 0.0),
            ),
            _region(ends, 0.5, 1.0, 0.0, 0.0),
        )
    # b·σ(βb) → 0 where βb → −∞ (b = −inf for β > 0, +inf for β < 0); acts.swish returns NaN there
    ends = np.isneginf(b) if beta > 0 else np.isposinf(b)
    value = _join(
        b,
        _region(deep, 1.0, b[deep], vhd, vld),
        _near_zero(np.where(tiny, b, 0.0)),
        _region(ends, 1.0, 0.0, 0.0, 0.0),
    )
    grad = _join(
        b,
        _region(deep, 1.0, one_plus_v, vhd, vld),
        _region(ends, 1.0, 0.0, 0.0, 0.0),
    )
    return value, grad


@functools.cache
def _mills_tail_coefficients(terms: int = 12) -> np.ndarray:
    """(−1)^k (2k − 1)!!/√(2π): M(b)/√(2π) = −(1/b)·Σₖ cₖ b^{−2k}, Mills' ratio's asymptotic
    series."""
    c, out = 1.0, []
    for k in range(terms):
        out.append((-1) ** k * c / np.sqrt(2.0 * np.pi))
        c *= 2 * k + 1
    return np.array(out)


def _mills_scaled_tail(b):
    """M(b)/√(2π), M = Φ/φ, for b ≤ −37: `gated._mills_scaled` on [−40, 0), the asymptotic series
    below −40 (12 terms: the first omitted is 23!!/40²⁴ ≈ 4e−25 relative)."""
    out = gated._mills_scaled(b)
    far = b < -40.0
    if far.any():
        r = 1.0 / (b[far] * b[far])
        series = np.zeros_like(r)
        for c in reversed(_mills_tail_coefficients()):
            series = series * r + c
        out[far] = -series / b[far]
    return out


def _gelu_tail(b, approximate="none"):
    """GELU(b) = b·Φ(b) and GELU'(b) = Φ(b) + b·φ(b) where they are tiny (b < −37.4), and b/2
    for a subnormal b.

    Exact form: with M = Φ/φ, b·Φ = (b·M/√(2π))·e^{−b²/2} and
    Φ + bφ = (M/√(2π) + b/√(2π))·e^{−b²/2}, b²/2 = hi + lo exact (Dekker,
    `gated._two_prod`). Tanh form: b·σ(v) = b·e^{v} and σ(v)(1 + b·v'·σ(−v)) =
    (1 + b·v')·e^{v}, v = 2√(2/π)(b + 0.044715b³) as two floats.
    """
    tiny = _near_zero(b)
    if approximate == "tanh":
        vh, vl = gated._gelu_tanh_argument(b)
        deep = (vh < _DEEP) & np.isfinite(b)
        vh, vl = vh[deep], vl[deep]
        bd = np.clip(b[deep], -50.0, 50.0)  # beyond, e^{v} = 0: keep p finite
        dv = gated._A1[0] + 3.0 * gated._A3[0] * (bd * bd)
        ends = np.isneginf(
            b
        )  # GELU_tanh(−∞) = 0, where acts.gelu returns NaN (−∞·0)
        return (
            _join(
                b,
                _region(deep, 1.0, bd, vh, vl),
                tiny,
                _region(ends, 1.0, 0.0, 0.0, 0.0),
            ),
            _region(deep, 1.0, 1.0 + bd * dv, vh, vl),
        )
    deep = (b < -37.4) & np.isfinite(b)
    if not deep.any():
        return tiny, _region(deep, *_NOTHING)
    bd = np.maximum(b[deep], -60.0)  # beyond, e^{−b²/2} = 0 even when halved
    p, e = gated._two_prod(bd, bd)
    vh, vl = -0.5 * p, -0.5 * e
    mills = _mills_scaled_tail(bd)
    hi, lo = gated._INV_SQRT_2PI_2
    return (
        _join(b, _region(deep, 1.0, bd * mills, vh, vl), tiny),
        _region(deep, 1.0, mills + (bd * hi + bd * lo), vh, vl),
    )


# --------------------------------------------------------------------------- the type


class GatedLinearUnit:
    """y = a ⊗ g(b) with x = (a, b) split along `axis`: see the module docstring for the contract.

    Parameters
    ----------
    name, title, latex, doc : as for `acts.core.Activation`.
    gate : the elementwise `Activation` g; its parameters become the unit's, after ``axis``.
    tail : ``tail(b, **gate_params) -> ((mask, terms), (mask', terms'))``: the points of b where g
        (and g') are c·p·e^{vh + vl} and too small to be multiplied by a after rounding.
    """

    kind = "glu"

    def __init__(
        self,
        name: str,
        *,
        title: str,
        gate: Activation,
        tail: Tail,
        latex: str = "",
        doc: str = "",
    ) -> None:
        self.name = name
        self.title = title
        self.gate = gate
        self._tail = tail
        self.latex = latex
        self.__doc__ = doc
        self.param_specs = {"axis": AXIS, **gate.param_specs}
        self._validate = None

    # The parameter handling of elementwise activations: defaults, unknown names, checks.
    params = Activation.params
    bind = Activation.bind

    # -- numbers --------------------------------------------------------------------------

    def _halves(self, x: Any, params: dict[str, Any], who: str):
        """(a, b, gate parameters, x's float64 shape, axis, dtype), a and b with the split axis
        last."""
        bound = self.bind(params)
        x64, dtype = as_float64(x, who)
        axis = int(bound.pop("axis"))
        if x64.ndim == 0:
            raise ValueError(
                f"{who}: x must have an axis to split into halves, got a 0-d input"
            )
        if not -x64.ndim <= axis < x64.ndim:
            raise ValueError(
                f"{who}: axis {axis} is out of range for an input of "
                f"{x64.ndim} dimension(s) (shape {x64.shape})"
            )
        n = x64.shape[axis]
        if n % 2:
            raise ValueError(
                f"{who}: x must have an even size along axis {axis} to split it into "
                f"a value half and a gate half, got size {n} (shape {x64.shape})"
            )
        z = np.moveaxis(x64, axis, -1)
        return z[..., : n // 2], z[..., n // 2 :], bound, x64.shape, axis, dtype

    def _forward(self, a, b, gate_params):
        """a ⊗ g(b), with g's tail taken together with a (`_product_with_exp`)."""
        with np.errstate(
            invalid="ignore", over="ignore"
        ):  # inf·0 is NaN; a·g may overflow
            y = a * self.gate(b, **gate_params)
        (mask, terms), _ = self._tail(b, **gate_params)
        if mask.any():
            y[mask] = _product_with_exp(a[mask], terms)
        return y

    def _partials(self, a, b, gate_params):
        """(∂y/∂a, ∂y/∂b) = (g(b), a ⊗ g'(b)), the second with g' 's tail taken together with a."""
        with np.errstate(
            invalid="ignore", over="ignore"
        ):  # the gates' own edge cases: fixed below
            d_b = a * self.gate.grad(b, **gate_params)
            d_a = np.asarray(self.gate(b, **gate_params), dtype=np.float64)
        (value_mask, value_terms), (mask, terms) = self._tail(b, **gate_params)
        if mask.any():
            d_b[mask] = _product_with_exp(a[mask], terms)
        if (
            value_mask.any()
        ):  # the gate's limit where its kernel misses it (Swish at −∞)
            d_a[value_mask] = _product_with_exp(
                np.ones(int(value_mask.sum())), value_terms
            )
        return d_a, d_b

    @staticmethod
    def _back(y: np.ndarray, axis: int) -> np.ndarray:
        return np.moveaxis(y, -1, axis)

    def __call__(self, x: Any, **params: Any):
        a, b, gp, _, axis, dtype = self._halves(x, params, self.name)
        return finish(self._back(self._forward(a, b, gp), axis), dtype)

    def partials(self, x: Any, **params: Any):
        """(∂y/∂a, ∂y/∂b) = (g(b), a ⊗ g'(b)), each of the output's shape."""
        a, b, gp, _, axis, dtype = self._halves(
            x, params, f"{self.name}.partials"
        )
        return tuple(
            finish(self._back(d, axis), dtype) for d in self._partials(a, b, gp)
        )

    def jacobian(self, x: Any, **params: Any):
        """J[..., i, j] = ∂yᵢ/∂xⱼ, shape (*other axes of x, n/2, n); see the module docstring."""
        a, b, gp, _, _, dtype = self._halves(x, params, f"{self.name}.jacobian")
        m = a.shape[-1]
        jac = np.zeros(a.shape + (2 * m,))
        if a.size:
            d_a, d_b = self._partials(a, b, gp)
            i = np.arange(m)
            jac[..., i, i] = d_a
            jac[..., i, m + i] = d_b
        return finish(jac, dtype)

    def vjp(self, x: Any, g: Any, **params: Any):
        """g·J = (g ⊗ g(b), g ⊗ a ⊗ g'(b)) joined along `axis`: the gradient with respect to x."""
        who = f"{self.name}.vjp"
        a, b, gp, _, axis, dtype = self._halves(x, params, who)
        g64, gdtype = as_float64(g, who)
        out_shape = np.moveaxis(np.empty(a.shape, dtype=bool), -1, axis).shape
        try:
            g64 = np.moveaxis(np.broadcast_to(g64, out_shape), axis, -1)
        except ValueError:
            raise ValueError(
                f"{who}: g of shape {g64.shape} does not broadcast to the output's "
                f"shape {out_shape}"
            ) from None
        d_a, d_b = self._partials(a, b, gp)
        with np.errstate(invalid="ignore", over="ignore"):
            out = np.concatenate([g64 * d_a, g64 * d_b], axis=-1)
        return finish(self._back(out, axis), np.result_type(dtype, gdtype))

    @property
    def kernels(self) -> dict[str, Callable]:
        """The code behind the unit: the product, its partials ("grad" too, so that code written for
        elementwise activations finds them), the tail and the tail's product."""
        partials = type(self)._partials
        return {
            "forward": type(self)._forward,
            "partials": partials,
            "grad": partials,
            "tail": self._tail,
            "product": _product_with_exp,
        }

    # -- symbols --------------------------------------------------------------------------

    @functools.cached_property
    def symbols(self) -> dict[str, Any]:
        """The SymPy Symbols of `expr`: a, b (real) and the gate's numeric parameters."""
        import sympy

        gate = {k: v for k, v in self.gate.symbols.items() if k != "x"}
        return {
            "a": sympy.Symbol("a", real=True),
            "b": sympy.Symbol("b", real=True),
            **gate,
        }

    def _build_expr(self, bound):
        # The gate's expression is built in b itself rather than substituted for x: subs would
        # evaluate the unevaluated erfc(−x/√2) of GELU into 2 − erfc(x/√2), which cancels.
        s = self.symbols
        args = {
            k: (s[k] if spec.numeric else bound[k])
            for k, spec in self.gate.param_specs.items()
        }
        return s["a"] * self.gate._expr(s["b"], **args)

    @functools.cached_property
    def expr(self):
        """a·g(b) in Symbols a and b (real), the gate's numeric parameters as Symbols."""
        return self._build_expr(self.params)

    def expr_at(self, **params: Any):
        """`expr` with parameter values put in (string ones choose the form, as for gelu)."""
        bound = self.bind(params)
        numbers = {
            self.symbols[k]: v
            for k, v in bound.items()
            if k in self.gate.param_specs and self.gate.param_specs[k].numeric
        }
        return self._build_expr(bound).subs(numbers)

    def partial_exprs(self, **params: Any):
        """(∂/∂a, ∂/∂b) of `expr_at(**params)`, straight from SymPy (not simplified)."""
        import sympy

        f = self.expr_at(**params)
        return sympy.diff(f, self.symbols["a"]), sympy.diff(
            f, self.symbols["b"]
        )

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"<gated linear unit {self.name}({args})>"


# --------------------------------------------------------------------------- the units

glu = register(
    GatedLinearUnit(
        "glu",
        title="GLU",
        gate=get("sigmoid"),
        tail=_sigmoid_tail,
        latex=r"\mathrm{GLU}(a, b) = a \otimes \sigma(b)",
        doc="""Gated linear unit, a ⊗ σ(b) (Dauphin et al. 2017), x = (a, b) split along `axis`.

    Same as torch.nn.functional.glu(x, dim), jax.nn.glu(x, axis) and keras.activations.glu(x,
    axis): the second half gates. ∂/∂a = σ(b), ∂/∂b = a·σ(b)(1 − σ(b)).
    """,
    )
)

reglu = register(
    GatedLinearUnit(
        "reglu",
        title="ReGLU",
        gate=get("relu"),
        tail=_relu_tail,
        latex=r"\mathrm{ReGLU}(a, b) = a \otimes \max(0, b)",
        doc="""ReLU-gated linear unit, a ⊗ max(0, b) (Shazeer 2020), x = (a, b) split along `axis`.

    ∂/∂a = max(0, b), ∂/∂b = a·relu'(b) with relu'(0) = 0, as PyTorch. Exact: one rounding.
    """,
    )
)

geglu = register(
    GatedLinearUnit(
        "geglu",
        title="GeGLU",
        gate=get("gelu"),
        tail=_gelu_tail,
        latex=r"\mathrm{GeGLU}(a, b) = a \otimes \mathrm{GELU}(b)",
        doc="""GELU-gated linear unit, a ⊗ GELU(b) (Shazeer 2020), x = (a, b) split along `axis`.

    approximate='none' (b·Φ(b)) or 'tanh', as acts.gelu and torch.nn.functional.gelu.
    ∂/∂a = GELU(b), ∂/∂b = a·GELU'(b). GELU' vanishes near b = −0.7518 (both forms): there ∂/∂b
    inherits the gate's ill-conditioning (see acts.gelu).
    """,
    )
)

swiglu = register(
    GatedLinearUnit(
        "swiglu",
        title="SwiGLU",
        gate=get("swish"),
        tail=_swish_tail,
        latex=r"\mathrm{SwiGLU}(a, b) = a \otimes b\,\sigma(\beta b)",
        doc="""Swish-gated linear unit, a ⊗ Swish_β(b) = a ⊗ b·σ(βb) (Shazeer 2020),
    x = (a, b) split along `axis`; β = 1 (the default, the paper's Swish_1) makes the gate SiLU.

    ∂/∂a = Swish_β(b), ∂/∂b = a·σ(βb)(1 + βb(1 − σ(βb))). Swish' vanishes at βb ≈ −1.2785:
    there ∂/∂b inherits the gate's ill-conditioning (see acts.swish).
    """,
    )
)
