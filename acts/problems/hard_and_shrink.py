"""The hard and shrink chapter's exercises (book/hard_and_shrink.ipynb): references, points."""

from . import Choice, Expression, Function, Number, Problem

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
        "|f| = |x|/(1 + |x|), so 1 − |f| = 1/(1 + |x|).",
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
        "log σ(x) = −log(1 + e^{−x}). For x < 0, pull out e^{x}: log σ(x) = x − log(1 + e^{x}).",
        "Both cases at once: min(x, 0) − log1p(exp(−|x|)). exp(−|x|) never overflows.",
    ],
    parts=[
        Function("logsigmoid", "acts.logsigmoid", what="your logsigmoid"),
    ],
)

bias = Problem(
    "hard_and_shrink-ex-bias",
    SETUP,
    hints=[
        "Look at what each function does to a value well outside the dead zone, say x = 5.",
        "One of them returns x − λ there, the other x itself.",
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
        "The derivative (2x + 3)/6 vanishes at x = −3/2.",
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
        "Two equations, a·(−1) + c = 0 and a·1 + c = 1.",
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
