"""The logistic family: sigmoid (and, with the activations issue, tanh).

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
    t = np.exp(-np.abs(x))
    y = np.divide(1.0, 1.0 + t)
    np.multiply(y, t, out=y, where=x < 0)
    return y


def _sigmoid_grad(x: np.ndarray) -> np.ndarray:
    """σ'(x) = σ(x)·(1 − σ(x)) = e^{−|x|} / (1 + e^{−|x|})².

    σ(1 − σ) is exact in value but not in floating point: for x > 37, σ(x) rounds to 1 and
    1 − σ to 0. σ' is even, so the tail form needs only t = e^{−|x|}.
    """
    t = np.exp(-np.abs(x))
    return t / np.square(1.0 + t)


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
