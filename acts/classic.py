"""The classic units: linear (f = c·x), the Heaviside step and sign.

Their derivatives are constants away from 0, so the kernels are short; the care goes into
what the generic contract asks of every activation: NaN in gives NaN out (a constant
derivative must not hide it), c·x may overflow to ±inf without a warning, and sign(−0) is 0.
"""

from __future__ import annotations

import numpy as np
import sympy

from .core import Activation, Param, finite
from .registry import register


def _constant(x: np.ndarray, value) -> np.ndarray:
    """`value` wherever x is a number (±inf included), NaN where x is NaN."""
    return np.where(np.isnan(x), x, value)


# --------------------------------------------------------------------------- linear


def _linear(x: np.ndarray, c: float) -> np.ndarray:
    """f(x) = c·x, one correctly rounded multiplication.

    Past the largest finite number c·x is ±inf, the correctly rounded result, so the overflow
    is not a warning. With c = 0 the limit at x = ±inf is 0 (0·inf would be NaN).
    """
    if c == 0:
        return _constant(x, 0.0)
    with np.errstate(over="ignore"):
        return np.multiply(c, x)


def _linear_grad(x: np.ndarray, c: float) -> np.ndarray:
    """f'(x) = c everywhere."""
    return _constant(x, c)


def _linear_dc(x: np.ndarray, c: float) -> np.ndarray:
    """∂f/∂c = x."""
    return x.copy()


linear = register(
    Activation(
        "linear",
        title="Linear (identity)",
        forward=_linear,
        grad=_linear_grad,
        params=[
            Param(
                "c",
                1.0,
                "the slope; c = 1 is the identity (torch.nn.Identity)",
                slider=(-2.0, 2.0, 0.1),
            )
        ],
        param_grads={"c": _linear_dc},
        expr=lambda x, c: c * x,
        latex=r"f(x) = c\,x",
        doc="""Linear activation, f(x) = c·x, with f'(x) = c and ∂f/∂c = x.

        No kink. With c = 1 it is the identity (torch.nn.Identity, Keras "linear"): the
        activation of regression outputs, and what a network without activations computes.
        """,
    )
)


# --------------------------------------------------------------------------- step


class Heaviside(sympy.Heaviside):
    """SymPy's Heaviside(x, H0), which also differentiates by its value at 0, H0.

    SymPy leaves ∂H(x, H0)/∂H0 unevaluated; it is 1 at x = 0 and 0 elsewhere. Everything else
    (printing, evaluation, d/dx = DiracDelta(x)) is SymPy's Heaviside.
    """

    def __new__(cls, arg, H0=sympy.S.Half, **options):
        # SymPy's __new__ calls super(cls, cls).__new__, which for a subclass is itself again.
        return sympy.Function.__new__(cls, arg, H0, **options)

    def fdiff(self, argindex=1):
        if argindex == 2:
            return sympy.Piecewise((1, sympy.Eq(self.args[0], 0)), (0, True))
        return super().fdiff(argindex)


def _unit_interval(name: str, value) -> str | None:
    """A check for a value that must lie in [0, 1]."""
    return finite(name, value) or (
        None
        if 0.0 <= float(value) <= 1.0
        else f"{name} must be in [0, 1], got {value!r}"
    )


def _step(x: np.ndarray, at_zero: float) -> np.ndarray:
    """H(x) = 0 for x < 0, at_zero at x = 0 (±0), 1 for x > 0 (numpy.heaviside)."""
    return np.heaviside(x, at_zero)


def _step_grad(x: np.ndarray, at_zero: float) -> np.ndarray:
    """H'(x) = 0 for x ≠ 0; at 0 this returns 0 too (SymPy: DiracDelta(x), no number)."""
    return _constant(x, 0.0)


def _step_d_at_zero(x: np.ndarray, at_zero: float) -> np.ndarray:
    """∂H/∂at_zero = 1 at x = 0 (±0) and 0 elsewhere."""
    return _constant(x, (x == 0).astype(np.float64))


step = register(
    Activation(
        "step",
        title="Heaviside step",
        forward=_step,
        grad=_step_grad,
        params=[
            Param(
                "at_zero",
                0.5,
                "the value at x = 0, between the 0 on the left and the "
                "1 on the right",
                check=_unit_interval,
                slider=(0.0, 1.0, 0.5),
            )
        ],
        param_grads={"at_zero": _step_d_at_zero},
        expr=lambda x, at_zero: Heaviside(x, at_zero),
        kinks=(0.0,),
        latex=r"H(x) = \begin{cases} 0 & x < 0 \\ h_0 & x = 0 \\ 1 & x > 0 \end{cases}",
        doc="""Heaviside step, H(x) = 0 for x < 0, at_zero at x = 0, 1 for x > 0.

        at_zero (default 1/2, SymPy's convention; 0 and 1 are the other common ones) must lie
        in [0, 1]; torch.heaviside(x, values) takes it as `values`. The derivative is 0 for
        every x ≠ 0. At 0 the step jumps and has no derivative: SymPy's diff gives
        DiracDelta(x), a distribution, not a number. H'(0) returns 0, the value PyTorch's
        autograd uses for sign (torch.heaviside has no derivative at all), so no gradient
        ever flows through a step. ∂H/∂at_zero is 1 at x = 0 and 0 elsewhere.
        """,
    )
)


# --------------------------------------------------------------------------- sign


def _sign(x: np.ndarray) -> np.ndarray:
    """sign(x) = −1, 0, 1 for x < 0, x = 0 (±0), x > 0 (numpy.sign; + 0.0 turns −0 into +0)."""
    return np.sign(x) + 0.0


def _sign_grad(x: np.ndarray) -> np.ndarray:
    """sign'(x) = 0 for x ≠ 0; at 0 this returns 0 too (SymPy: 2·DiracDelta(x))."""
    return _constant(x, 0.0)


sign = register(
    Activation(
        "sign",
        title="Sign",
        forward=_sign,
        grad=_sign_grad,
        expr=lambda x: sympy.sign(x),
        kinks=(0.0,),
        latex=(
            r"\operatorname{sign}(x) = \begin{cases} -1 & x < 0 \\ "
            r"0 & x = 0 \\ 1 & x > 0 \end{cases}"
        ),
        doc="""Sign, −1 for x < 0, 0 at x = 0 (and at −0), 1 for x > 0.

        sign(x) = 2H(x) − 1 with H(0) = 1/2.

        The derivative is 0 for every x ≠ 0. At 0 SymPy's diff gives 2·DiracDelta(x), no
        number; sign'(0) returns 0, as torch.sign's autograd does. Binarised networks train
        through it with the straight-through estimator, a surrogate gradient (see the chapter).
        """,
    )
)
