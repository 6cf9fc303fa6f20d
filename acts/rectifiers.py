"""The rectifiers: ReLU, leaky ReLU, PReLU, ReLU6 and hardtanh.

All five are piecewise linear, so each value is one comparison and at most one multiplication:
exact (≤ ½ ULP) wherever it does not overflow. What needs care is what the formulas leave open:

- the derivative at a kink, where the function has no derivative. Each kernel returns
  PyTorch's choice (the value its autograd uses), stated in each docstring;
- NaN, which ``x > 0`` silently maps to the "off" branch: a NaN input gives NaN here;
- a slope of 0 times −∞, which IEEE arithmetic makes NaN although the limit is 0.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy

from .core import Activation, Param, finite
from .registry import register

# --------------------------------------------------------------------------- shared pieces


def _nan_where_x_is_nan(g: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Put NaN into a derivative wherever x is NaN (a comparison would have returned False)."""
    np.copyto(g, x, where=np.isnan(x))
    return g


def _slope_times(x: np.ndarray, slope: Any) -> np.ndarray:
    """slope·x elementwise, with 0·(±∞) = 0 (the limit of the line) and no warning.

    slope·x cannot lose precision: it is one rounded product. It overflows to ±inf only when
    |slope| > 1 and |x| is near the largest float, which is the correctly rounded result.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        y = np.multiply(x, slope)
    if (
        np.ndim(slope) == 0 and slope != 0
    ):  # the common case: no 0·inf to look for
        return y
    zero_times_inf = np.isinf(x) & (np.asarray(slope) == 0)
    if zero_times_inf.any():
        y[zero_times_inf] = 0.0
    return y


def _leaky(x: np.ndarray, slope: Any) -> np.ndarray:
    """x for x > 0, slope·x otherwise (NaN stays NaN: both branches are NaN)."""
    y = _slope_times(x, slope)
    np.copyto(y, x, where=x > 0)
    return y


def _leaky_grad(x: np.ndarray, slope: Any) -> np.ndarray:
    """1 for x > 0, slope for x ≤ 0 (PyTorch: the negative branch at 0), NaN for NaN."""
    g = np.where(
        x > 0,
        1.0,
        np.broadcast_to(np.asarray(slope, dtype=np.float64), x.shape),
    )
    return _nan_where_x_is_nan(g, x)


def _negative_part(x: np.ndarray, **_: Any) -> np.ndarray:
    """min(x, 0): ∂/∂slope of x ↦ (x if x > 0 else slope·x). 0 at x = 0, NaN for NaN."""
    return np.minimum(x, 0.0)


def _clip(x: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """min(max(x, lo), hi); np.clip propagates NaN."""
    return np.clip(x, lo, hi)


def _clip_grad(x: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """1 on the open interval (lo, hi), 0 elsewhere, kinks included (PyTorch's
    hardtanh_backward: ``x <= min_val || x >= max_val ? 0 : grad``); NaN for NaN."""
    g = ((x > lo) & (x < hi)).astype(np.float64)
    return _nan_where_x_is_nan(g, x)


def _indicator(mask: np.ndarray, x: np.ndarray) -> np.ndarray:
    return _nan_where_x_is_nan(mask.astype(np.float64), x)


# --------------------------------------------------------------------------- ReLU


def _relu(x: np.ndarray) -> np.ndarray:
    """relu(x) = max(0, x). np.maximum propagates NaN (Python's max would not)."""
    return np.maximum(x, 0.0)


def _relu_grad(x: np.ndarray) -> np.ndarray:
    """relu'(x) = 1 for x > 0, 0 for x ≤ 0: relu'(0) = 0, as in PyTorch, JAX and TensorFlow.

    np.heaviside(x, 0) is exactly that, and returns NaN for NaN.
    """
    return np.heaviside(x, 0.0)


relu = register(
    Activation(
        "relu",
        title="ReLU",
        forward=_relu,
        grad=_relu_grad,
        expr=lambda x: sympy.Max(0, x),
        kinks=(0.0,),
        latex=r"\operatorname{relu}(x) = \max(0, x)",
        doc="""Rectified linear unit, relu(x) = max(0, x).

        relu'(x) = 1 for x > 0 and 0 for x < 0. At the kink x = 0 any value in the
        subgradient [0, 1] is valid; acts returns relu'(0) = 0, PyTorch's choice (also JAX's
        and TensorFlow's). SymPy's derivative is Heaviside(x), with Heaviside(0) = 1/2.
        """,
    )
)


# --------------------------------------------------------------------------- leaky ReLU


def _leaky_relu(x: np.ndarray, negative_slope: float) -> np.ndarray:
    """leaky_relu(x) = x for x > 0, negative_slope·x for x ≤ 0."""
    return _leaky(x, negative_slope)


def _leaky_relu_grad(x: np.ndarray, negative_slope: float) -> np.ndarray:
    """1 for x > 0, negative_slope for x ≤ 0 (at 0 too, as PyTorch's leaky_relu_backward)."""
    return _leaky_grad(x, negative_slope)


def _leaky_expr(x, slope):
    return sympy.Piecewise((x, x > 0), (slope * x, True))


leaky_relu = register(
    Activation(
        "leaky_relu",
        title="Leaky ReLU",
        forward=_leaky_relu,
        grad=_leaky_relu_grad,
        expr=lambda x, negative_slope: _leaky_expr(x, negative_slope),
        params=[
            Param(
                "negative_slope",
                0.01,
                "slope for x < 0 (PyTorch 0.01, Keras 0.2 or 0.3)",
                check=finite,
                slider=(0.0, 0.5, 0.01),
            )
        ],
        param_grads={"negative_slope": _negative_part},
        kinks=(0.0,),
        latex=r"\operatorname{leaky\_relu}(x) = \begin{cases} x & x > 0 \\ "
        r"\text{negative\_slope}\cdot x & x \le 0 \end{cases}",
        doc="""Leaky ReLU, x for x > 0 and negative_slope·x for x ≤ 0 (negative_slope = 0.01).

        The derivative is 1 for x > 0 and negative_slope for x < 0; at the kink x = 0 acts
        returns negative_slope, PyTorch's choice (its backward tests x > 0). ∂f/∂negative_slope
        = min(x, 0). A slope of 0 gives ReLU, with leaky_relu(−∞) = 0 (the limit, not 0·∞).
        """,
    )
)


# --------------------------------------------------------------------------- PReLU


def _prelu(x: np.ndarray, alpha: Any) -> np.ndarray:
    """prelu(x) = x for x > 0, alpha·x for x ≤ 0; alpha a scalar or broadcastable to x."""
    return _leaky(x, alpha)


def _prelu_grad(x: np.ndarray, alpha: Any) -> np.ndarray:
    """1 for x > 0, alpha for x ≤ 0 (at 0 too: PyTorch's prelu backward tests x > 0)."""
    return _leaky_grad(x, alpha)


prelu = register(
    Activation(
        "prelu",
        title="PReLU",
        forward=_prelu,
        grad=_prelu_grad,
        expr=lambda x, alpha: _leaky_expr(x, alpha),
        params=[
            Param(
                "alpha",
                0.25,
                "learned slope for x < 0; one per channel if an array",
                check=finite,
                slider=(0.0, 1.0, 0.01),
                array_ok=True,
            )
        ],
        param_grads={"alpha": _negative_part},
        kinks=(0.0,),
        latex=r"\operatorname{prelu}(x) = "
        r"\begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}",
        doc="""Parametric ReLU (He et al. 2015): x for x > 0, α·x for x ≤ 0, α = 0.25.

        α is a scalar, or an array broadcastable to x with one slope per channel (shape (C, 1,
        1) for x of shape (N, C, H, W), say). The derivative is 1 for x > 0 and α for x < 0; at
        the kink x = 0 acts returns α, PyTorch's choice. ∂f/∂α = x for x < 0 and 0 for x ≥ 0,
        elementwise with the shape of x: a network sums it over the positions sharing a channel.
        """,
    )
)


# --------------------------------------------------------------------------- ReLU6


def _relu6(x: np.ndarray) -> np.ndarray:
    """relu6(x) = min(max(0, x), 6), PyTorch's hardtanh(x, 0, 6)."""
    return _clip(x, 0.0, 6.0)


def _relu6_grad(x: np.ndarray) -> np.ndarray:
    """1 on (0, 6), 0 elsewhere: relu6'(0) = relu6'(6) = 0, as PyTorch's hardtanh_backward."""
    return _clip_grad(x, 0.0, 6.0)


relu6 = register(
    Activation(
        "relu6",
        title="ReLU6",
        forward=_relu6,
        grad=_relu6_grad,
        expr=lambda x: sympy.Min(sympy.Max(0, x), 6),
        kinks=(0.0, 6.0),
        latex=r"\operatorname{relu6}(x) = \min(\max(0, x), 6)",
        doc="""ReLU6, min(max(0, x), 6): a ReLU clipped at 6 (Krizhevsky 2010; MobileNets).

        The derivative is 1 on (0, 6) and 0 outside [0, 6]. At both kinks acts returns 0,
        PyTorch's choice: relu6 is hardtanh(x, 0, 6) there, whose backward passes the gradient
        only for min_val < x < max_val.
        """,
    )
)


# --------------------------------------------------------------------------- hardtanh


def _hardtanh(x: np.ndarray, min_val: float, max_val: float) -> np.ndarray:
    """hardtanh(x) = min(max(x, min_val), max_val)."""
    return _clip(x, min_val, max_val)


def _hardtanh_grad(x: np.ndarray, min_val: float, max_val: float) -> np.ndarray:
    """1 on (min_val, max_val), 0 elsewhere, both kinks included (PyTorch's choice)."""
    return _clip_grad(x, min_val, max_val)


def _hardtanh_d_min_val(
    x: np.ndarray, min_val: float, max_val: float
) -> np.ndarray:
    """∂f/∂min_val = 1 for x ≤ min_val, else 0 (x = min_val: see the docstring)."""
    return _indicator(x <= min_val, x)


def _hardtanh_d_max_val(
    x: np.ndarray, min_val: float, max_val: float
) -> np.ndarray:
    """∂f/∂max_val = 1 for x ≥ max_val, else 0."""
    return _indicator(x >= max_val, x)


def _hardtanh_validate(bound) -> str | None:
    if not bound["min_val"] < bound["max_val"]:
        return (
            f"min_val must be < max_val, got min_val={bound['min_val']!r} and "
            f"max_val={bound['max_val']!r}"
        )
    return None


hardtanh = register(
    Activation(
        "hardtanh",
        title="Hardtanh",
        forward=_hardtanh,
        grad=_hardtanh_grad,
        expr=lambda x, min_val, max_val: sympy.Piecewise(
            (min_val, x < min_val), (max_val, x > max_val), (x, True)
        ),
        params=[
            Param(
                "min_val",
                -1.0,
                "lower clipping value",
                check=finite,
                slider=(-3.0, 0.0, 0.1),
            ),
            Param(
                "max_val",
                1.0,
                "upper clipping value",
                check=finite,
                slider=(0.0, 6.0, 0.1),
            ),
        ],
        param_grads={
            "min_val": _hardtanh_d_min_val,
            "max_val": _hardtanh_d_max_val,
        },
        validate=_hardtanh_validate,
        kinks=lambda min_val, max_val: (min_val, max_val),
        latex=r"\operatorname{hardtanh}(x) = \min(\max(x, \text{min\_val}), \text{max\_val})",
        doc="""Hardtanh, min(max(x, min_val), max_val) with min_val = −1, max_val = 1.

        The derivative is 1 on (min_val, max_val) and 0 outside [min_val, max_val]; at both
        kinks acts returns 0, PyTorch's choice (hardtanh_backward passes the gradient only for
        min_val < x < max_val). min_val ≥ max_val is a ValueError naming both.
        ∂f/∂min_val = 1 for x ≤ min_val and ∂f/∂max_val = 1 for x ≥ max_val (0 elsewhere):
        at the kinks the three partial derivatives still add up to 1, as shifting x, min_val
        and max_val together shifts f.
        """,
    )
)


# --------------------------------------------------------------------------- threshold


def _threshold(x: np.ndarray, threshold: float, value: float) -> np.ndarray:
    """threshold(x) = x for x > threshold, value otherwise (NaN stays NaN)."""
    y = np.where(x > threshold, x, value)
    np.copyto(y, x, where=np.isnan(x))
    return y


def _threshold_grad(
    x: np.ndarray, threshold: float, value: float
) -> np.ndarray:
    """1 for x > threshold, 0 for x ≤ threshold (at the kink too: PyTorch's threshold_backward
    passes the gradient only where x > threshold); NaN for NaN."""
    return _indicator(x > threshold, x)


def _threshold_d_threshold(
    x: np.ndarray, threshold: float, value: float
) -> np.ndarray:
    """∂f/∂threshold = 0 wherever it exists (moving the threshold only moves the jump)."""
    return _nan_where_x_is_nan(np.zeros_like(x), x)


def _threshold_d_value(
    x: np.ndarray, threshold: float, value: float
) -> np.ndarray:
    """∂f/∂value = 1 for x ≤ threshold, else 0."""
    return _indicator(x <= threshold, x)


threshold = register(
    Activation(
        "threshold",
        title="Threshold",
        forward=_threshold,
        grad=_threshold_grad,
        expr=lambda x, threshold, value: sympy.Piecewise(
            (x, x > threshold), (value, True)
        ),
        params=[
            Param(
                "threshold",
                0.0,
                "the input must exceed it to pass through "
                "(PyTorch requires it; no default there)",
                check=finite,
                slider=(-2.0, 2.0, 0.1),
            ),
            Param(
                "value",
                0.0,
                "the output where x ≤ threshold (PyTorch requires it; "
                "Keras calls it default_value)",
                check=finite,
                slider=(-2.0, 2.0, 0.1),
            ),
        ],
        param_grads={
            "threshold": _threshold_d_threshold,
            "value": _threshold_d_value,
        },
        kinks=lambda threshold, value: (threshold,),
        latex=r"\operatorname{threshold}(x) = \begin{cases} x & x > \text{threshold} \\ "
        r"\text{value} & x \le \text{threshold} \end{cases}",
        doc="""Threshold, x for x > threshold and value otherwise (threshold = value = 0: ReLU).

        torch.nn.functional.threshold(x, threshold, value) and keras.activations.threshold(x,
        threshold, default_value), which both require the two numbers; acts defaults them to 0,
        which is ReLU. f jumps by threshold − value at x = threshold unless the two are equal.
        The derivative is 1 for x > threshold and 0 for x ≤ threshold, the kink included
        (PyTorch's threshold_backward). ∂f/∂value = 1 for x ≤ threshold, else 0; ∂f/∂threshold
        is 0 wherever it exists (a Dirac delta of weight value − threshold at the jump).
        """,
    )
)


# --------------------------------------------------------------------------- RReLU


def rrelu_slopes(
    shape, lower: float, upper: float, training: bool, seed
) -> np.ndarray | float:
    """The negative slopes RReLU uses: (lower + upper)/2 in evaluation; in training one slope
    per element, lower + (upper − lower)·u with u ~ U[0, 1) from np.random.default_rng(seed).

    The same seed and shape give the same draws, which is how `rrelu.grad` and
    `rrelu.param_grad` use exactly the slopes of the forward pass they differentiate.
    """
    if not training:
        return 0.5 * (lower + upper)
    u = np.random.default_rng(seed).random(shape)
    return lower + (upper - lower) * u


def _rrelu_u(x: np.ndarray, seed) -> np.ndarray:
    """The uniform draws u of training mode (see `rrelu_slopes`)."""
    return np.random.default_rng(seed).random(x.shape)


def _rrelu(
    x: np.ndarray, lower: float, upper: float, training: bool, seed
) -> np.ndarray:
    """rrelu(x) = x for x > 0, a·x for x ≤ 0, a the slope(s) of `rrelu_slopes`."""
    return _leaky(x, rrelu_slopes(x.shape, lower, upper, training, seed))


def _rrelu_grad(
    x: np.ndarray, lower: float, upper: float, training: bool, seed
) -> np.ndarray:
    """1 for x > 0, a for x ≤ 0 (at 0 too: PyTorch's leaky_relu and rrelu_with_noise use the
    x ≤ 0 branch there); in training the same draws as the forward pass for the same seed."""
    return _leaky_grad(x, rrelu_slopes(x.shape, lower, upper, training, seed))


def _rrelu_d_lower(
    x: np.ndarray, lower: float, upper: float, training: bool, seed
) -> np.ndarray:
    """∂f/∂lower = min(x, 0)·∂a/∂lower: 1/2 in evaluation, 1 − u in training."""
    weight = _rrelu_u(x, seed) if training else 0.5
    return _slope_times(
        np.minimum(x, 0.0), 1.0 - weight if training else weight
    )


def _rrelu_d_upper(
    x: np.ndarray, lower: float, upper: float, training: bool, seed
) -> np.ndarray:
    """∂f/∂upper = min(x, 0)·∂a/∂upper: 1/2 in evaluation, u in training."""
    return _slope_times(
        np.minimum(x, 0.0), _rrelu_u(x, seed) if training else 0.5
    )


def _is_bool(name: str, value: Any) -> str | None:
    if isinstance(value, (bool, np.bool_)):
        return None
    return f"{name} must be True or False, got {value!r}"


def _seed_check(name: str, value: Any) -> str | None:
    if value is None or (
        isinstance(value, (int, np.integer))
        and not isinstance(value, bool)
        and value >= 0
    ):
        return None
    return f"{name} must be None or an integer >= 0 (np.random.default_rng's seed), got {value!r}"


def _rrelu_validate(bound) -> str | None:
    if not bound["lower"] <= bound["upper"]:
        return (
            f"lower must be <= upper, got lower={bound['lower']!r} and "
            f"upper={bound['upper']!r}"
        )
    return None


def _rrelu_expr(x, lower, upper, training, seed):
    # In training the slope is a random number a ∈ [lower, upper], one per element.
    slope = (
        sympy.Symbol("a", positive=True) if training else (lower + upper) / 2
    )
    return _leaky_expr(x, slope)


rrelu = register(
    Activation(
        "rrelu",
        title="RReLU",
        forward=_rrelu,
        grad=_rrelu_grad,
        expr=_rrelu_expr,
        params=[
            Param(
                "lower",
                0.125,
                "smallest random slope (PyTorch 1/8)",
                check=finite,
                slider=(0.0, 0.25, 0.025),
            ),
            Param(
                "upper",
                1.0 / 3.0,
                "largest random slope (PyTorch 1/3)",
                check=finite,
                slider=(0.25, 0.5, 0.025),
            ),
            Param(
                "training",
                False,
                "True: a random slope per element, drawn from "
                "U(lower, upper); False: the mean slope (lower + upper)/2",
                check=_is_bool,
                differentiable=False,
            ),
            Param(
                "seed",
                None,
                "seed of np.random.default_rng for the training draws "
                "(the same seed gives the same slopes)",
                check=_seed_check,
                differentiable=False,
            ),
        ],
        param_grads={"lower": _rrelu_d_lower, "upper": _rrelu_d_upper},
        validate=_rrelu_validate,
        kinks=(0.0,),
        latex=r"\operatorname{rrelu}(x) = \begin{cases} x & x > 0 \\ a\,x & x \le 0 \end{cases},"
        r"\ a \sim U(\text{lower}, \text{upper})",
        doc="""Randomized leaky ReLU (Xu et al. 2015): x for x > 0, a·x for x ≤ 0.

        In training (``training=True``) a is drawn per element from U(lower, upper), lower = 1/8,
        upper = 1/3, with np.random.default_rng(seed); in evaluation (the default, as
        torch.nn.functional.rrelu's training=False) a is the mean (lower + upper)/2 = 11/48, so
        RReLU is then a leaky ReLU. The derivative is 1 for x > 0 and a for x ≤ 0 (a at the kink,
        PyTorch's choice). In training, grad and param_grad called with the same seed (and
        shape) use the same slopes as the forward pass: the draws depend on nothing else, so
        pass a seed when you need them to agree (seed=None draws afresh on every call).
        ∂f/∂lower = (1 − u)·min(x, 0) and ∂f/∂upper = u·min(x, 0), u = (a − lower)/(upper −
        lower); both are min(x, 0)/2 in evaluation. lower > upper is a ValueError.
        """,
    )
)


# --------------------------------------------------------------------------- squared ReLU


def _squared_relu(x: np.ndarray) -> np.ndarray:
    """squared_relu(x) = max(0, x)²: one rounding; inf beyond 1.3e154, correctly rounded."""
    r = np.maximum(x, 0.0)
    with np.errstate(over="ignore"):
        return r * r


def _squared_relu_grad(x: np.ndarray) -> np.ndarray:
    """squared_relu'(x) = 2·max(0, x): exact (inf beyond 9e307, correctly rounded); 0 at 0."""
    with np.errstate(over="ignore"):
        return 2.0 * np.maximum(x, 0.0)


squared_relu = register(
    Activation(
        "squared_relu",
        title="Squared ReLU",
        forward=_squared_relu,
        grad=_squared_relu_grad,
        expr=lambda x: sympy.Max(0, x) ** 2,
        kinks=(0.0,),  # f'' jumps from 0 to 2 at 0: f is C¹, not C²
        latex=r"\operatorname{squared\_relu}(x) = \max(0, x)^2",
        doc="""Squared ReLU, max(0, x)² (So et al. 2021, Primer), with derivative 2·max(0, x).

        Found by the Primer architecture search for the feed-forward blocks of transformers.
        f is continuously differentiable (f'(0) = 0 from both sides) but f'' jumps at 0, listed
        as the kink. None of PyTorch, JAX or Keras ships it: it is F.relu(x) ** 2.
        """,
    )
)
