"""The numerical-stability chapter's exercises (book/numerical_stability.ipynb)."""

from . import Choice, Expression, Function, Number, Problem

#: What the chapter has defined when its exercises start; the answers may use all of it.
SETUP = """
import numpy as np
import sympy as sp

import acts
from acts.symbolic import equal, x

# A "stable softplus" as one textbook prints it.
claimed_softplus = sp.log(1 + sp.exp(-sp.Abs(x))) + x
"""

spot = Problem(
    "numerical_stability-ex-spot",
    SETUP,
    hints=[
        "Split the real line at 0: what is |x| for x > 0, and for x < 0?",
        "For x < 0, log(1 + e^x) is already stable. Compare it with the "
        "claimed formula there; sp.Min and sp.Max are allowed in your answer.",
    ],
    parts=[
        Expression(
            "difference",
            "claimed_softplus - sp.log(1 + sp.exp(x))",
            what="your claimed − true softplus",
        ),
        Choice(
            "wrong_for",
            choices=["x < 0", "x > 0", "every x", "|x| > 37 only"],
            right="x < 0",
            what="your answer to where it is wrong",
            feedback={
                "x > 0": "for x > 0, |x| = x and log(1 + e^{−x}) + x = "
                "log(e^x + 1): exactly softplus, so the formula is right there",
                "every x": "for x ≥ 0 the claimed formula equals log(1 + e^x) "
                "exactly: evaluate the difference at x = 2",
                "|x| > 37 only": "that is where the naive formula loses digits; "
                "the claimed one is off by a fixed amount for every negative "
                "x, however small, not only in the tails",
            },
        ),
    ],
)

softmax = Problem(
    "numerical_stability-ex-softmax",
    SETUP,
    hints=[
        "softmax(a) = softmax(a − m) for any constant m: which m makes every "
        "exponent ≤ 0?",
        "Compute in the input's dtype: np.exp of a float32 array is float32, "
        "and np.max(a) is a number of a's dtype.",
    ],
    parts=[
        Function(
            "softmax",
            "acts.softmax",
            forbid_acts=True,
            dtypes=("float64", "float32"),
            quiet_at=(1000.0,),
            points=2,
            what="your softmax",
        ),
    ],
)

digits = Problem(
    "numerical_stability-ex-digits",
    SETUP,
    hints=[
        "Write y = σ(x) and 1 − y = σ(−x): what is σ(x) / σ(−x)? "
        "sp.simplify can tell you.",
        "A float32 number carries 24 bits, about 7.2 decimal digits: the "
        "difference is 0 once every one of them is lost.",
    ],
    parts=[
        Number(
            "digits_lost",
            "sp.log(acts.sigmoid.expr / (1 - acts.sigmoid.expr), 10)"
            ".subs(x, 20).simplify()",
            rtol=1e-3,
            what="your digits lost at x = 20",
        ),
        Choice(
            "float32_zero",
            choices=["about 8", "about 17", "about 37", "about 88"],
            right="about 17",
            what="your float32 threshold",
            feedback={
                "about 8": "at x = 8, 1 − σ ≈ e^{−8} ≈ 3.4e-4, far above "
                "float32's rounding unit of 6e-8: about 3.5 of its 7.2 digits "
                "survive",
                "about 37": "that is the threshold in float64, with 53 bits; "
                "float32 has 24",
                "about 88": "that is where e^{−x} leaves float32's normal "
                "range; σ(x) has rounded to 1 long before",
            },
        ),
    ],
)
