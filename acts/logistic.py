"""The logistic family: sigmoid and tanh = 2σ(2x) − 1.

Both saturate: their derivatives fall like e^{-|x|}, and the textbook formulas lose every digit
of that tail (1 − σ and 1 − tanh² cancel to 0 long before the true value underflows). The
kernels here evaluate the tails from e^{-|x|} directly.
"""

from __future__ import annotations

import numpy as np

from .core import Activation
from .registry import register


def _sigmoid(x: np.ndarray) -> np.ndarray:
    """σ(x) = 1 / (1 + e^{−x}).

    With t = e^{−|x|} ∈ (0, 1], σ(x) = 1/(1 + t) for x ≥ 0 and t/(1 + t) for x < 0. Neither
    branch overflows, and the negative tail keeps full relative precision down to the
    subnormals, where 1/(1 + e^{−x}) would already have returned 0 (e^{−x} overflows at x < −709.8).
    """
    t = np.abs(x)
    np.negative(t, out=t)
    np.exp(t, out=t)
    y = np.add(t, 1.0)
    np.divide(1.0, y, out=y)
    np.multiply(y, t, out=y, where=x < 0)
    return y


def _sigmoid_grad(x: np.ndarray) -> np.ndarray:
    """σ'(x) = σ(x)·(1 − σ(x)) = e^{−|x|} / (1 + e^{−|x|})².

    σ(1 − σ) is exact in value but not in floating point: for x > 37, σ(x) rounds to 1 and
    1 − σ to 0. σ' is even, so the tail form needs only t = e^{−|x|}.
    """
    t = np.abs(x)
    np.negative(t, out=t)
    np.exp(t, out=t)
    d = np.add(t, 1.0)
    np.square(d, out=d)
    return np.divide(t, d, out=t)


sigmoid = register(
    Activation(
        "sigmoid",
        title="Sigmoid (logistic)",
        forward=_sigmoid,
        grad=_sigmoid_grad,
        expr=lambda x: 1 / (1 + __import__("sympy").exp(-x)),
        latex=r"\sigma(x) = \frac{1}{1 + e^{-x}}",
        doc="""Logistic sigmoid, σ(x) = 1 / (1 + e^{−x}), with σ'(x) = σ(x)(1 − σ(x)).

        Range (0, 1), σ(0) = 1/2, max σ' = σ'(0) = 1/4. Same as torch.sigmoid and
        scipy.special.expit, but exact down to the subnormals of the negative tail.
        """,
    )
)


def _tanh(x: np.ndarray) -> np.ndarray:
    """tanh(x) = (e^x − e^{−x}) / (e^x + e^{−x}), from NumPy.

    numpy.tanh is within about 1 ULP everywhere (measured against mpmath), returns x itself
    for tiny x and ±1 from |x| ≈ 19 on; it never overflows.
    """
    return np.tanh(x)


def _tanh_grad(x: np.ndarray) -> np.ndarray:
    """tanh'(x) = 1 − tanh²(x) = sech²(x) = 4t / (1 + t)² with t = e^{−2|x|}.

    1 − tanh² is exact in value but not in floating point: tanh(x) rounds to ±1 from
    |x| ≈ 19 on, so 1 − tanh² is 0 there (PyTorch's float64 backward returns 0), and it loses
    digits long before. It is used only for |x| < 0.7, where tanh² < 0.37 cannot cancel.
    Elsewhere the kernel writes sech² as 4t minus a correction of order t², whose rounding
    error is then t times smaller than the result's (4t/(1 + t)² as written is up to 3 ULP
    off). For |x| > 354, t = e^{−2|x|} is subnormal and has lost relative precision, so it is
    (2e^{−|x|})², whose e^{−|x|} is still a normal number; past |x| ≈ 373 it underflows to 0.
    """
    # 4e^{-800} is 0 already, and 2|x| cannot overflow
    ax = np.minimum(np.abs(x), 400.0)
    t = np.exp(-2.0 * ax)
    d = t * (2.0 + t)  # (1 + t)² − 1
    y = 4.0 * t - 4.0 * t * d / (1.0 + d)
    near = ax < 0.7
    th = np.tanh(x[near])
    y[near] = 1.0 - th * th
    deep = ax > 354.0
    y[deep] = np.square(2.0 * np.exp(-ax[deep]))
    return y


tanh = register(
    Activation(
        "tanh",
        title="Hyperbolic tangent",
        forward=_tanh,
        grad=_tanh_grad,
        expr=lambda x: __import__("sympy").tanh(x),
        latex=r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
        doc="""Hyperbolic tangent, tanh(x) = (e^x − e^{−x}) / (e^x + e^{−x}) = 2σ(2x) − 1,
        with tanh'(x) = 1 − tanh²(x).

        Range (−1, 1), tanh(0) = 0 (zero-centred), max tanh' = tanh'(0) = 1. Same as
        torch.tanh, but the derivative is exact in the tails, where 1 − tanh² is 0 from
        |x| ≈ 19 on in float64.
        """,
    )
)
