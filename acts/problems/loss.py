"""The loss chapter's exercises (book/loss.ipynb): references, points, hints, feedback."""

from . import Choice, Expression, Number, Problem

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
        "Compare with the p − y gradient derived above: what does the chain rule through "
        "a / T add to it?",
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

#: The four implementations the spot-the-mistake exercise shows: part of SETUP, since the
#: grader runs only SETUP and the answer cells (the notebook's cell holds the same code, checked
#: there by a hidden assertion).
CANDIDATES = """
candidates = {
    "a": lambda z: -np.log(1 / (1 + np.exp(-z))),
    "b": lambda z: np.log1p(np.exp(-z)),
    "c": lambda z: np.maximum(-z, 0.0) + np.log1p(np.exp(-np.abs(z))),
    "d": lambda z: -z + np.log1p(np.exp(z)),
}
"""
SETUP += CANDIDATES

bce_logits = Problem(
    "loss-ex-bce-logits",
    SETUP,
    hints=[
        "Evaluate each candidate at np.array([-1000.0, 40.0, 1000.0]) inside "
        "np.errstate(all='ignore'), and compare with np.logaddexp(0.0, -z), which is exact.",
        "For each wrong value ask which step broke: an exponential of a large positive number "
        "(overflow), or an addition of 1 and a tiny number (rounding)?",
    ],
    parts=[
        Choice(
            "right_one",
            choices=["a", "b", "c", "d"],
            right="c",
            what="your right_one",
            feedback={
                "a": "at z = −1000 e^{1000} overflows and the loss is inf; at z = 40, 1 + e^{−40} "
                "rounds to 1 and the loss to 0",
                "b": "log1p keeps the tiny loss at z = 40, but e^{−z} still overflows at "
                "z = −1000",
                "d": "it exponentiates +z: e^{1000} overflows at z = 1000, and at z = 40 "
                "−40 + log1p(e^{40}) cancels to 0",
            },
            points=2,
        ),
        Choice(
            "fails_only_left",
            choices=["a", "b", "c", "d"],
            right="b",
            what="your fails_only_left",
            feedback={
                "a": "a fails at z = 40 too: 1 + e^{−40} rounds to 1",
                "c": "c is right at all three points",
                "d": "d is right at z = −1000 and fails for large positive z",
            },
        ),
    ],
)

ratio = Problem(
    "loss-ex-ratio",
    SETUP,
    hints=[
        "Both gradients contain the factor σ(z) − y; what multiplies it in the MSE gradient?",
        "Write the ratio as a function of z and evaluate it at −10; acts.sigmoid.grad "
        "may help.",
    ],
    parts=[
        Number("ratio", "float(acts.sigmoid.grad(-10.0))", what="your ratio"),
    ],
)
