"""The softplus chapter's exercises (book/softplus.ipynb): references, points, hints, feedback."""

from . import Choice, Expression, Function, Problem

#: What the chapter has defined when its exercises start; the answers may use all of it.
SETUP = """
import numpy as np
import sympy as sp

import acts
from acts.symbolic import derivative, equal, in_terms_of, proved_equal

x = acts.symbolic.x
beta = acts.softplus.symbols["beta"]
textbook = sp.log(1 + sp.exp(beta * x)) / beta
d_softplus = sp.diff(textbook, x)
sigma_bx = acts.sigmoid.expr.subs(x, beta * x)
spp_b = acts.squareplus.symbols["b"]
spp = acts.squareplus.expr
spl = acts.sparse_plus.expr
"""

second = Problem(
    "softplus-ex-second",
    SETUP,
    hints=[
        "Start from softplus' = σ(βx) and apply the chain rule: an outer and an inner "
        "derivative.",
        "The sigmoid chapter writes σ' with σ alone; do the same here, with s standing for "
        "σ(βx).",
    ],
    parts=[
        Expression(
            "second",
            "sp.diff(textbook, x, 2)",
            subs={"s": "sigma_bx"},
            what="your softplus''",
        ),
    ],
)

stable = Problem(
    "softplus-ex-stable",
    SETUP,
    hints=[
        "For x > 0, factor eˣ out of 1 + eˣ inside the log: what is left only needs e^{−x}.",
        "Which NumPy function computes log(1 + t) for a tiny t without losing its digits?",
    ],
    parts=[
        Function(
            "softplus", "acts.softplus", forbid_acts=True, what="your softplus"
        ),
    ],
)

spot = Problem(
    "softplus-ex-spot",
    SETUP,
    hints=[
        "Evaluate it at -1000, 1000 and 1e-9 (inside np.errstate(all='ignore')).",
        "For x < -745, σ(x) = e^{x} underflows anyway, so 0 is the correctly rounded answer.",
    ],
    parts=[
        Choice(
            "answer",
            choices=["x < -709.8", "x > 709.8", "|x| < 1e-8", "never"],
            right="x > 709.8",
            what="your answer",
            feedback={
                "x < -709.8": "there e^x underflows to 0, and so does σ(x) soon after: 0 is within "
                "rounding of the true value, not a wrong one",
                "|x| < 1e-8": "near 0 nothing cancels: e^x ≈ 1 and 1 + e^x ≈ 2 are both "
                "accurate, so the quotient is ≈ 1/2 to full precision",
                "never": "try x = 1000 (inside np.errstate(all='ignore')): e^x overflows",
            },
        ),
    ],
)

squareplus_b = Problem(
    "softplus-ex-squareplus-b",
    SETUP,
    hints=[
        "Evaluate squareplus at 0 first: spp.subs(x, 0).",
        "Set that equal to log 2 (sp.Eq) and let sp.solve find b (spp_b).",
    ],
    parts=[
        Expression("b_match", "4 * sp.log(2) ** 2", what="your b"),
    ],
)

sparse_plus_gap = Problem(
    "softplus-ex-sparse-plus-gap",
    SETUP,
    hints=[
        "Outside (−1, 1) the two functions are equal, so the gap is 0 there.",
        "Write the gap separately on (−1, 0] and on [0, 1): is each piece increasing or "
        "decreasing?",
    ],
    parts=[
        # spl.args[1][0] is sparse plus on (−1, 1), (x + 1)²/4; outside it equals max(0, x).
        Expression(
            "gap",
            "sp.maximum(spl.args[1][0] - sp.Max(0, x), x, sp.Interval(-1, 1))",
            what="your gap",
        ),
    ],
)
