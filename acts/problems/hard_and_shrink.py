"""The hard and shrink chapter's exercises (book/hard_and_shrink.ipynb): references, points."""

from . import Choice, Expression, Number, Problem

#: What the chapter has defined when its exercises start; the answers may use all of it.
SETUP = """
import numpy as np
import sympy as sp

import acts
from acts.symbolic import derivative, equal, in_terms_of, proved_equal

x = acts.symbolic.x
lambd = acts.softshrink.symbols["lambd"]
log_sigma = sp.log(acts.sigmoid.expr)
p = sp.Symbol("p", positive=True)
s = sp.Symbol("sigma")
"""

softsign_grad = Problem(
    "hard_and_shrink-ex-softsign-grad",
    SETUP,
    hints=[
        "The derivative is 1/(1 + |x|)². Express 1/(1 + |x|) through f = x/(1 + |x|).",
        "Work on x > 0 first, where |f| = f: solve f = x/(1 + x) for x and substitute.",
    ],
    parts=[
        Expression(
            "grad_form",
            "derivative(acts.softsign)",
            subs={"f": "acts.softsign.expr"},
            what="your softsign'",
        ),
    ],
)

logsigmoid = Problem(
    "hard_and_shrink-ex-logsigmoid",
    SETUP,
    hints=[
        "Evaluate the composition on a fine grid, say np.linspace(30, 40, 1_000_001), and "
        "find the first x where it is exactly 0 (np.argmax of a boolean array finds the first "
        "True).",
        "For the cause, look at the intermediate values at that x: is np.exp(-x) zero? Is "
        "1 + np.exp(-x) equal to 1? Compare with np.finfo(float).eps.",
    ],
    parts=[
        # 1 + e^{-x} rounds to 1 once e^{-x} ≤ eps/2 = 2^-53 (the tie rounds to even, to 1)
        Number(
            "first_zero",
            "-float(np.log(np.finfo(np.float64).eps / 2))",
            rtol=1e-3,
            what="your first_zero",
            points=2,
        ),
        Choice(
            "cause",
            choices=[
                "exp(-x) underflows to 0",
                "1 + exp(-x) rounds to 1",
                "log loses its digits",
            ],
            right="1 + exp(-x) rounds to 1",
            what="your cause",
            feedback={
                "exp(-x) underflows to 0": "np.exp(-40.0) is about 4e-18, far from 0; it "
                "underflows only near x = 745",
                "log loses its digits": "log is accurate near 1 (it returns the log of the "
                "float it gets); it gets exactly 1.0, so the damage is done before it",
            },
        ),
    ],
)

bias = Problem(
    "hard_and_shrink-ex-bias",
    SETUP,
    hints=[
        "Look at what each function does to a value well outside the dead zone, say x = 5.",
        "Compare softshrink(5.0) and hardshrink(5.0) with 5.0, then try 10.0.",
    ],
    parts=[
        Choice(
            "biased",
            choices=["softshrink", "hardshrink"],
            right="softshrink",
            what="your answer",
            feedback={
                "hardshrink": "hardshrink returns x itself outside [−λ, λ]: large values keep "
                "their size; it is the other one that moves them by λ",
            },
        ),
    ],
)

minimum = Problem(
    "hard_and_shrink-ex-minimum",
    SETUP,
    hints=[
        "On (−3, 3) hardswish is x(x + 3)/6; where is its derivative zero?",
        "Set the derivative of the middle piece to zero, then evaluate the function there.",
    ],
    parts=[
        Number("lowest", "float(acts.hardswish(-1.5))", what="your minimum"),
    ],
)

sparse_sigmoid = Problem(
    "hard_and_shrink-ex-sparse-sigmoid",
    SETUP,
    hints=[
        "Compare the two at x = −1 and x = 1: hardtanh gives −1 and 1.",
        "Those two points give two linear equations in a and c.",
    ],
    parts=[
        Expression(
            "a_coef * acts.hardtanh.expr_at() + c_coef",
            "acts.sparse_sigmoid.expr",
            what="your a·hardtanh(x) + c",
            points=2,
        ),
    ],
)
