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
        "Only the gate σ(βx) depends on β: apply the chain rule to it, with β as the variable.",
        "Which identity writes σ' with σ alone? The sigmoid chapter derives it; then replace "
        "every σ(βx) by g.",
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
        "Start from the derivative derived in the chapter, written with σ alone.",
        "Where does 1 − expit(x) lose its digits? Which value of the sigmoid is the same number "
        "without the subtraction?",
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
