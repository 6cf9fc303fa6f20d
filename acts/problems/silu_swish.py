"""The SiLU/Swish chapter's exercises (book/silu_swish.ipynb): references, points, feedback."""

from . import Choice, Expression, Function, Problem

#: What the chapter has defined when its exercises start; the answers may use all of it.
SETUP = """
import mpmath
import numpy as np
import sympy as sp

import acts
from acts.symbolic import derivative, equal, proved_equal

x = acts.symbolic.x
beta = acts.swish.symbols["beta"]
swish = acts.swish.expr
silu = acts.silu.expr
d_swish = derivative(acts.swish)
s = 1 / (1 + sp.exp(-beta * x))
d_beta = derivative(acts.swish, "beta")
xp, xn = sp.Symbol("x", positive=True), sp.Symbol("x", negative=True)
"""

dbeta = Problem(
    "silu_swish-ex-dbeta",
    SETUP,
    hints=[
        "Only the gate depends on β: ∂/∂β [x·σ(βx)] = x·σ'(βx)·x.",
        "σ'(z) = σ(z)(1 − σ(z)).",
    ],
    parts=[
        Expression(
            "dbeta", "sp.diff(swish, beta)", subs={"g": "s"}, what="your ∂f/∂β"
        ),
    ],
)

grad = Problem(
    "silu_swish-ex-grad",
    SETUP,
    hints=[
        "SiLU'(x) = σ(x)·(1 + x·(1 − σ(x))).",
        "1 − σ(x) = σ(−x): compute it with expit(-x) instead of subtracting, so it stays accurate "
        "for large x.",
    ],
    parts=[
        Function(
            "silu_grad",
            "acts.silu.grad",
            atol=1e-300,
            forbid_acts=True,
            what="your silu_grad",
        ),
    ],
)

negative_beta = Problem(
    "silu_swish-ex-negative-beta",
    SETUP,
    hints=[
        "For β → −∞ and x > 0, βx → −∞: what is the gate σ(βx)?",
        "And for x < 0, βx → +∞.",
    ],
    parts=[
        Choice(
            "answer",
            choices=["relu", "min(x, 0)", "x/2", "0"],
            right="min(x, 0)",
            what="your answer",
            feedback={
                "relu": "relu is the limit β → +∞; for β → −∞ the gate opens for x < 0 instead",
                "x/2": "x/2 is the value at β = 0, where σ(0) = 1/2 for every x",
                "0": "the gate closes only for x > 0; for x < 0, σ(βx) → 1 and the output is x",
            },
        ),
    ],
)
