"""The softmax chapter's exercises (book/softmax.ipynb): references, points, hints, feedback."""

from . import Choice, Expression, Function, Number, Problem

#: What the chapter has defined when its exercises start; the answers may use all of it.
SETUP = """
import numpy as np
import sympy as sp

import acts
from acts.symbolic import equal, proved_equal

S = acts.softmax.expr
xs = acts.softmax.symbols_for(3)
J = acts.softmax.jacobian_expr(3)
smx_xs = acts.sparsemax.symbols_for(2)
"""

second = Problem(
    "softmax-ex-second",
    SETUP,
    hints=[
        "sp.diff(S[0], xs[0], 2) is the second derivative; you have seen the first: S₁(1 − S₁).",
        "The chain rule turns a derivative of a function of S₁ into one in s1 times "
        "∂S₁/∂a₁; which function of S₁ is the first derivative?",
    ],
    parts=[
        Expression(
            "second",
            "sp.diff(S[0], xs[0], 2)",
            subs={"s1": "S[0]"},
            what="your ∂²S₁/∂a₁²",
        ),
    ],
)

log_softmax = Problem(
    "softmax-ex-log-softmax",
    SETUP,
    hints=[
        "np.log(np.sum(np.exp(a))) overflows as soon as one logit exceeds 709.8.",
        "Adding the same constant to every logit does not change log-softmax (see "
        "Implementation): which constant keeps every exponent ≤ 0?",
    ],
    parts=[
        Function(
            "log_softmax",
            "acts.log_softmax",
            atol=1e-12,
            forbid_acts=True,
            what="your log_softmax",
        ),
    ],
)

tie = Problem(
    "softmax-ex-tie",
    SETUP,
    hints=[
        "Adding a constant to every logit changes nothing: subtract 3 from each.",
        "After the shift the logits are (−2/T, 0, 0). What does e^{−2/T} do as T → 0?",
    ],
    parts=[
        Choice(
            "limit",
            choices=[
                "(0, 1, 0)",
                "(0, 1/2, 1/2)",
                "(1/3, 1/3, 1/3)",
                "no limit",
            ],
            right="(0, 1/2, 1/2)",
            what="your limit",
            feedback={
                "(0, 1, 0)": "the two largest logits are equal, so neither can take all the "
                "mass: as T → 0 they share it",
                "(1/3, 1/3, 1/3)": "that is the limit T → ∞, where every logit / T → 0",
                "no limit": "after subtracting the largest logit the entries are e^{−2/T}, 1, 1 "
                "over their sum: each converges",
            },
        ),
    ],
)

sparsemax_gap = Problem(
    "softmax-ex-sparsemax-gap",
    SETUP,
    hints=[
        "With both classes in the support, τ = (a₁ + a₂ − 1)/2 and y₂ = a₂ − τ.",
        "Solve y₂ = 0 for a₁ − a₂; or look at smx_two, the Piecewise form above.",
    ],
    parts=[
        # y₂ = a₂ − τ with both classes in the support; the a₁ where it reaches 0, minus a₂.
        Number(
            "gap",
            "float(sp.solve(sp.Eq(smx_xs[1] - (smx_xs[0] + smx_xs[1] - 1) / 2, 0), "
            "smx_xs[0])[0] - smx_xs[1])",
            what="your gap",
        ),
    ],
)
