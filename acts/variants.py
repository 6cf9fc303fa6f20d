"""The hard and shrink variants: hardsigmoid, hardswish, softsign, logsigmoid, tanhshrink,
softshrink, hardshrink.

Cheap or sparse relatives of the classic units, with PyTorch's definitions and PyTorch's value
of the derivative at each kink. Three of them need care in floating point:

- logsigmoid, log σ(x): log(sigmoid(x)) returns −inf for x < −745 (σ underflows) and loses
  every digit for x > 37 (σ rounds to 1); `scipy.special.log_expit` is stable in both tails.
- tanhshrink, x − tanh(x): for small |x| the subtraction cancels (the result is ≈ x³/3), so
  |x| < 2 uses Lambert's continued fraction, which has no subtraction at all.
- softsign' = 1/(1 + |x|)²: squaring 1 + |x| overflows for |x| > 1.3e154, although the result is
  representable up to |x| ≈ 4.5e161; the kernel divides twice instead, with the rounding error
  of 1 + |x| put back.
"""

from __future__ import annotations

import numpy as np
import sympy
from scipy.special import log_expit
from sympy.codegen.cfunctions import log1p

from .core import Activation, Param, nonnegative
from .logistic import _sigmoid
from .registry import register


def _nan_where_nan(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Put NaN in y wherever x is NaN (masks built from comparisons are False at NaN)."""
    y[np.isnan(x)] = np.nan
    return y


# --------------------------------------------------------------------------- hardsigmoid


def _hardsigmoid(x: np.ndarray) -> np.ndarray:
    """hardsigmoid(x) = relu6(x + 3)/6 = min(max(x + 3, 0), 6)/6.

    (x + 3)/6 rather than x/6 + 1/2: the latter cancels next to x = −3, where it reaches 0.
    np.maximum and np.minimum propagate NaN.
    """
    y = np.add(x, 3.0)
    np.clip(y, 0.0, 6.0, out=y)
    return np.divide(y, 6.0, out=y)


def _hardsigmoid_grad(x: np.ndarray) -> np.ndarray:
    """hardsigmoid'(x) = 1/6 on (−3, 3), 0 elsewhere, including at x = ±3 (PyTorch's choice)."""
    return _nan_where_nan(x, np.where(np.abs(x) < 3.0, 1.0 / 6.0, 0.0))


hardsigmoid = register(
    Activation(
        "hardsigmoid",
        title="Hard sigmoid",
        forward=_hardsigmoid,
        grad=_hardsigmoid_grad,
        expr=lambda x: sympy.Piecewise(
            (0, x <= -3), (x / 6 + sympy.Rational(1, 2), x < 3), (1, True)
        ),
        kinks=(-3.0, 3.0),
        latex=r"\operatorname{hardsigmoid}(x) = \frac{\operatorname{relu6}(x + 3)}{6}",
        doc="""Hard sigmoid, relu6(x + 3)/6: 0 for x ≤ −3, x/6 + 1/2 on (−3, 3), 1 for x ≥ 3.

        PyTorch's definition (torch.nn.Hardsigmoid, MobileNetV3). Keras's hard_sigmoid was
        0.2x + 0.5 on (−2.5, 2.5) before Keras 3 adopted relu6(x + 3)/6. The derivative is 1/6
        on the open interval (−3, 3) and 0 elsewhere; at the kinks x = ±3 it is 0, as in
        PyTorch's backward (x > −3 and x < 3 ? 1/6 : 0).
        """,
    )
)


# --------------------------------------------------------------------------- hardswish


def _hardswish(x: np.ndarray) -> np.ndarray:
    """hardswish(x) = x·relu6(x + 3)/6: 0 for x ≤ −3, x(x + 3)/6 on (−3, 3), x for x ≥ 3.

    Branches rather than the one-liner: x·relu6(x + 3) overflows for x > 3·10³⁰⁷.
    """
    y = np.add(x, 3.0)
    np.clip(y, 0.0, 6.0, out=y)  # relu6(x + 3); NaN stays NaN
    with np.errstate(
        over="ignore"
    ):  # 6x overflows near the largest float: replaced below
        np.multiply(
            y, x, out=y, where=y > 0
        )  # 0 stays +0 (not x·0 = −0, or NaN at −inf)
        np.divide(y, 6.0, out=y)
    np.copyto(y, x, where=x >= 3.0)
    return y


def _hardswish_grad(x: np.ndarray) -> np.ndarray:
    """hardswish'(x) = (2x + 3)/6 on (−3, 3), 0 for x ≤ −3, 1 for x ≥ 3.

    At the kinks this is PyTorch's autograd value (torch 2.13, CPU, float32 and float64):
    0 at x = −3 and 1 at x = 3. (2x + 3)/6 rather than PyTorch's x/3 + 1/2, which cancels next
    to the zero at x = −3/2.
    """
    with np.errstate(
        over="ignore", invalid="ignore"
    ):  # huge or infinite x: replaced below
        g = np.multiply(x, 2.0)
        g += 3.0
        g /= 6.0
    np.copyto(g, 0.0, where=x <= -3.0)
    np.copyto(g, 1.0, where=x >= 3.0)
    return g  # NaN stays NaN


hardswish = register(
    Activation(
        "hardswish",
        title="Hard swish",
        forward=_hardswish,
        grad=_hardswish_grad,
        # The conditions are PyTorch's: SymPy's derivative then takes PyTorch's kink values.
        expr=lambda x: sympy.Piecewise(
            (0, x <= -3), (x * (x + 3) / 6, x < 3), (x, True)
        ),
        kinks=(-3.0, 3.0),
        latex=r"\operatorname{hardswish}(x) = x\,\frac{\operatorname{relu6}(x + 3)}{6}",
        doc="""Hard swish, x·relu6(x + 3)/6: 0 for x ≤ −3, x(x + 3)/6 on (−3, 3), x for x ≥ 3.

        PyTorch's definition (torch.nn.Hardswish, MobileNetV3). The derivative is (2x + 3)/6 on
        (−3, 3), 0 below and 1 above; at the kinks it is what PyTorch's autograd returns
        (torch 2.13, CPU): 0 at x = −3 and 1 at x = 3. The minimum is −3/8 at x = −3/2.
        """,
    )
)


# --------------------------------------------------------------------------- softsign


def _one_plus_abs(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(s, e) with s = fl(1 + |x|) and s + e = 1 + |x| exactly (Fast2Sum).

    |x| is capped at 1e200, beyond which softsign rounds to ±1 and its derivative to 0, so that
    ±inf gives no inf − inf.
    """
    a = np.minimum(np.abs(x), 1e200)
    s = 1.0 + a
    e = np.where(a >= 1.0, (a - s) + 1.0, (1.0 - s) + a)
    return s, e


def _softsign(x: np.ndarray) -> np.ndarray:
    """softsign(x) = x/(1 + |x|), computed as x/s·(1 − e/s) with s + e = 1 + |x| exactly."""
    s, e = _one_plus_abs(x)
    y = np.clip(x, -1e200, 1e200) / s
    # copysign: y − y·(e/s) is +0 at x = −0.0; softsign is odd, and PyTorch keeps −0.0.
    return np.copysign(y - y * (e / s), x)


def _softsign_grad(x: np.ndarray) -> np.ndarray:
    """softsign'(x) = 1/(1 + |x|)², computed as (1/s)/s·(1 − 2e/s).

    Dividing twice never overflows (s² does for |x| > 1.3e154) and puts the tail into the
    subnormals gradually; e, the rounding error of s = fl(1 + |x|), is put back to first order.
    """
    s, e = _one_plus_abs(x)
    t = 1.0 / s
    q = t / s
    return q - 2.0 * q * (e * t)


softsign = register(
    Activation(
        "softsign",
        title="Softsign",
        forward=_softsign,
        grad=_softsign_grad,
        expr=lambda x: x / (1 + sympy.Abs(x)),
        kinks=(0.0,),  # f'' jumps from +2 to −2 at 0: f is C¹, not C²
        latex=r"\operatorname{softsign}(x) = \frac{x}{1 + |x|}",
        doc="""Softsign, x/(1 + |x|), with derivative 1/(1 + |x|)².

        Like tanh, odd, bounded in (−1, 1) with slope 1 at 0, but it approaches ±1 polynomially
        (1 − 1/|x|) rather than exponentially, so its derivative decays like 1/x², not e^{−2|x|}.
        f' is continuous (f'(0) = 1) but has a corner at 0, listed as the kink. Same as
        torch.nn.Softsign.
        """,
    )
)


# --------------------------------------------------------------------------- logsigmoid


def _logsigmoid(x: np.ndarray) -> np.ndarray:
    """logsigmoid(x) = log σ(x) = −log(1 + e^{−x}): scipy.special.log_expit.

    log_expit evaluates x − log1p(eˣ) for x < 0 and −log1p(e^{−x}) for x ≥ 0: no exponential
    overflows, and log1p keeps the tiny values of the right tail (−e^{−x}, x > 37).
    """
    return log_expit(x)


def _logsigmoid_grad(x: np.ndarray) -> np.ndarray:
    """logsigmoid'(x) = 1 − σ(x) = σ(−x), with acts' sigmoid kernel.

    Not scipy.special.expit(−x): it returns 0 for x > 709 (e^{x} overflows in 1/(1 + e^{x})),
    while σ(−x) = e^{−x}/(1 + e^{−x}) is representable down to x ≈ 745.
    """
    return _sigmoid(-x)


logsigmoid = register(
    Activation(
        "logsigmoid",
        title="Log-sigmoid",
        forward=_logsigmoid,
        grad=_logsigmoid_grad,
        # log1p, not log(1 + ...): mpmath would round 1 + e^{−x} to 1 for x > 140 and lose the tail.
        expr=lambda x: -log1p(sympy.exp(-x)),
        latex=r"\operatorname{logsigmoid}(x) = \log \sigma(x) = -\log\left(1 + e^{-x}\right)",
        doc="""Log-sigmoid, log σ(x) = −log(1 + e^{−x}) = −softplus(−x), with derivative σ(−x).

        Range (−∞, 0); ≈ x for x → −∞ and ≈ −e^{−x} for x → +∞. Computed with
        scipy.special.log_expit, which is stable in both tails where log(sigmoid(x)) is not
        (−inf at x = −800, 0 instead of −e^{−x} for x > 37). Same as torch.nn.LogSigmoid.
        """,
    )
)


# --------------------------------------------------------------------------- tanhshrink

_CF_BELOW = (
    2.0  # |x| < 2: continued fraction; beyond, x − tanh(x) loses < 1 bit
)
_CF_DEPTH = 12  # truncation error < 1e-20 relative for |x| < 2


def _tanhshrink(x: np.ndarray) -> np.ndarray:
    """tanhshrink(x) = x − tanh(x).

    Near 0, x − tanh(x) ≈ x³/3 and the subtraction cancels: at x = 10⁻³ it keeps only half of
    the digits, at x = 10⁻⁸ none. Lambert's continued fraction
    tanh x = x/(1 + x²/(3 + x²/(5 + ...))) gives x − tanh x = x·x²/(D + x²) with
    D = 3 + x²/(5 + x²/(7 + ...)), a chain of positive terms: no cancellation anywhere. For
    |x| ≥ 2, tanh(x) ≤ 0.97·|x − tanh(x)| and the subtraction is harmless.
    """
    y = x - np.tanh(x)
    small = np.abs(x) < _CF_BELOW
    xs = x[small]
    x2 = xs * xs
    d = np.full_like(xs, 2.0 * _CF_DEPTH + 1.0)
    for k in range(_CF_DEPTH - 1, 0, -1):
        d = (2.0 * k + 1.0) + x2 / d
    y[small] = xs * (x2 / (d + x2))
    return y


def _tanhshrink_grad(x: np.ndarray) -> np.ndarray:
    """tanhshrink'(x) = 1 − (1 − tanh²x) = tanh²(x), squared directly: 1 − sech² would cancel."""
    return np.square(np.tanh(x))


tanhshrink = register(
    Activation(
        "tanhshrink",
        title="Tanhshrink",
        forward=_tanhshrink,
        grad=_tanhshrink_grad,
        expr=lambda x: x - sympy.tanh(x),
        latex=r"\operatorname{tanhshrink}(x) = x - \tanh(x)",
        doc="""Tanhshrink, x − tanh(x), with derivative tanh²(x).

        Odd, ≈ x³/3 near 0 and ≈ x ∓ 1 for large |x|. Evaluated near 0 by a continued fraction,
        which avoids the cancellation of x − tanh(x). Same as torch.nn.Tanhshrink.
        """,
    )
)


# --------------------------------------------------------------------------- shrinkage

_LAMBD = Param(
    "lambd",
    0.5,
    "half-width of the dead zone [−lambd, lambd] (PyTorch's name, ≥ 0)",
    check=nonnegative,
    slider=(0.0, 2.0, 0.05),
    assumptions={"real": True, "nonnegative": True},
)


def _shrink_kinks(lambd: float) -> tuple[float, ...]:
    return (-lambd, lambd) if lambd > 0 else (0.0,)


def _outside(x: np.ndarray, lambd: float) -> np.ndarray:
    """|x| > lambd: where the shrink functions pass x through (False at ±lambd and at NaN)."""
    return np.abs(x) > lambd


def _shrink_grad(x: np.ndarray, lambd: float = 0.5) -> np.ndarray:
    """d/dx of softshrink and hardshrink: 1 for |x| > lambd, else 0.

    0 at x = ±lambd, as PyTorch.
    """
    return _nan_where_nan(x, _outside(x, lambd).astype(np.float64))


def _softshrink(x: np.ndarray, lambd: float = 0.5) -> np.ndarray:
    """softshrink(x) = x − lambd for x > lambd, x + lambd for x < −lambd, else 0."""
    # x − clip(x, −λ, λ) is x − λ above λ, x + λ below −λ and x − x = +0 between, in one
    # rounding each, as the three branches; NaN and ±inf come through.
    y = np.clip(x, -lambd, lambd)
    with np.errstate(invalid="ignore"):
        return np.subtract(x, y, out=y)


def _softshrink_dlambd(x: np.ndarray, lambd: float = 0.5) -> np.ndarray:
    """∂softshrink/∂lambd = −sign(x) for |x| > lambd, else 0 (0 at x = ±lambd)."""
    return _nan_where_nan(x, np.where(_outside(x, lambd), -np.sign(x), 0.0))


softshrink = register(
    Activation(
        "softshrink",
        title="Softshrink (soft thresholding)",
        forward=_softshrink,
        grad=_shrink_grad,
        params=[_LAMBD],
        param_grads={"lambd": _softshrink_dlambd},
        expr=lambda x, lambd: sympy.Piecewise(
            (x - lambd, x > lambd), (x + lambd, x < -lambd), (0, True)
        ),
        kinks=_shrink_kinks,
        latex=r"\operatorname{softshrink}(x) = \operatorname{sign}(x)\max(|x| - \lambda, 0)",
        doc="""Softshrink (soft thresholding), sign(x)·max(|x| − lambd, 0); lambd = 0.5, lambd ≥ 0.

        x − lambd for x > lambd, x + lambd for x < −lambd, 0 on [−lambd, lambd]: the proximal
        operator of lambd·|x|, the shrinkage step of ISTA for the LASSO. d/dx is 1 outside the
        dead zone and 0 on [−lambd, lambd], kinks included (PyTorch's backward); ∂/∂lambd is
        −sign(x) outside and 0 on [−lambd, lambd]. lambd < 0 is a ValueError (PyTorch raises
        too). Same as torch.nn.Softshrink.
        """,
    )
)


def _hardshrink(x: np.ndarray, lambd: float = 0.5) -> np.ndarray:
    """hardshrink(x) = x for |x| > lambd, else 0 (0 at x = ±lambd, as PyTorch)."""
    return _nan_where_nan(x, np.where(_outside(x, lambd), x, 0.0))


def _hardshrink_dlambd(x: np.ndarray, lambd: float = 0.5) -> np.ndarray:
    """∂hardshrink/∂lambd = 0 for |x| ≠ lambd (a jump of size lambd, a Dirac delta, at ±lambd)."""
    return _nan_where_nan(x, np.zeros_like(x))


hardshrink = register(
    Activation(
        "hardshrink",
        title="Hardshrink (hard thresholding)",
        forward=_hardshrink,
        grad=_shrink_grad,
        params=[_LAMBD],
        param_grads={"lambd": _hardshrink_dlambd},
        expr=lambda x, lambd: sympy.Piecewise(
            (x, x > lambd), (x, x < -lambd), (0, True)
        ),
        kinks=_shrink_kinks,
        latex=r"\operatorname{hardshrink}(x) = x\,[\,|x| > \lambda\,]",
        doc="""Hardshrink (hard thresholding), x for |x| > lambd, else 0; lambd = 0.5, lambd ≥ 0.

        Discontinuous at ±lambd, where it takes the value 0 (PyTorch). d/dx is 1 for
        |x| > lambd and 0 on [−lambd, lambd], kinks included (PyTorch's backward). ∂/∂lambd is
        0 wherever it exists: moving lambd only moves the jumps (a Dirac delta of weight ∓lambd
        at ±lambd, which no array can hold). Same as torch.nn.Hardshrink.
        """,
    )
)


# --------------------------------------------------------------------------- sparse sigmoid


def _sparse_sigmoid_grad(x: np.ndarray) -> np.ndarray:
    """sparse_sigmoid'(x) = 1/2 on (−1, 1), 0 elsewhere, the kinks ±1 included (as hardtanh's)."""
    return _nan_where_nan(x, np.where(np.abs(x) < 1.0, 0.5, 0.0))


def _sparse_sigmoid_kernel(x: np.ndarray) -> np.ndarray:
    """sparse_sigmoid(x) = 0.5·clip(x + 1, 0, 2): the derivative of sparse_plus, the same kernel."""
    from .exponential import _sparse_sigmoid

    return _sparse_sigmoid(x)


sparse_sigmoid = register(
    Activation(
        "sparse_sigmoid",
        title="Sparse sigmoid",
        forward=_sparse_sigmoid_kernel,
        grad=_sparse_sigmoid_grad,
        expr=lambda x: sympy.Piecewise(
            (0, x <= -1), ((x + 1) / 2, x < 1), (1, True)
        ),
        kinks=(-1.0, 1.0),
        latex=r"\operatorname{sparse\_sigmoid}(x) = \tfrac{1}{2}\operatorname{clip}(x + 1, 0, 2)",
        doc="""Sparse sigmoid, 0 for x ≤ −1, (x + 1)/2 on (−1, 1), 1 for x ≥ 1.

        jax.nn.sparse_sigmoid and keras.activations.sparse_sigmoid: the derivative of
        sparse_plus, as σ is the derivative of softplus, and (hardtanh(x) + 1)/2. It reaches 0
        and 1 exactly, at x = ∓1, where σ only approaches them. The derivative is 1/2 on the
        open interval (−1, 1) and 0 elsewhere; at the kinks ±1 acts returns 0, the choice
        PyTorch makes for hardtanh and hardsigmoid (JAX differentiates its clip, and takes 1/2
        from the side of the tie).
        """,
    )
)
