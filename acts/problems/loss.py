"""The loss chapter's exercises (book/loss.ipynb): references, points, hints, feedback."""

from . import Expression, Function, Number, Problem

#: What the chapter has defined when its exercises start; the answers may use all of it.
SETUP = """
import numpy as np
import sympy as sp

import acts
from acts.symbolic import equal, proved_equal

xs = acts.softmax.symbols_for(3)
S, log_S = acts.softmax.expr, acts.log_softmax.expr
ys = sp.Matrix(sp.symbols("y1:4", real=True))
L = -sum(ys[k] * log_S[k] for k in range(3))
grad = sp.Matrix([sp.diff(L, v) for v in xs])
on_simplex = {ys[2]: 1 - ys[0] - ys[1]}
x = acts.symbolic.x
sigma = acts.sigmoid.expr
yb = sp.Symbol("y", real=True)
Tsym = sp.Symbol("T", positive=True)
"""

temperature = Problem(
    "loss-ex-temperature",
    SETUP,
    hints=[
        "Substitute a_k → a_k / T into log_S (use .subs with a dict and simultaneous=True).",
        "By the chain rule the answer is the p − y gradient at a / T, times 1/T.",
    ],
    parts=[
        Expression(
            "grad_T.subs(on_simplex)",
            "((S[0].subs({v: v / Tsym for v in xs}, simultaneous=True) - ys[0]) / Tsym)"
            ".subs(on_simplex)",
            what="your ∂L/∂a₁",
        ),
    ],
)

bce_logits = Problem(
    "loss-ex-bce-logits",
    SETUP,
    hints=[
        "-np.log(acts.sigmoid(z)) is inf at z = -1000, and np.log(1 + np.exp(-z)) overflows there.",
        "log(1 + e^{-z}) = max(-z, 0) + log1p(e^{-|z|}): the exponent is never positive.",
    ],
    parts=[
        Function(
            "bce_positive",
            "lambda z: np.logaddexp(0.0, -z)",
            what="your bce_positive",
        ),
    ],
)

ratio = Problem(
    "loss-ex-ratio",
    SETUP,
    hints=[
        "Both gradients contain the factor σ(z) − y; what multiplies it in the MSE gradient?",
        "The ratio is σ'(−10): acts.sigmoid.grad gives it.",
    ],
    parts=[
        Number("ratio", "float(acts.sigmoid.grad(-10.0))", what="your ratio"),
    ],
)
