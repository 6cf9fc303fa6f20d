"""The tanh chapter's exercises (book/tanh.ipynb): references, points, hints, feedback."""

from . import Choice, Expression, Function, Problem

#: What the chapter has defined when its exercises start; the answers may use all of it.
SETUP = """
import numpy as np
import sympy as sp

import acts
from acts.symbolic import derivative, equal, in_terms_of, proved_equal

x = acts.symbolic.x
t_expr = acts.tanh.expr
sigma = acts.sigmoid.expr
d_t = derivative(acts.tanh)
t = sp.Symbol("t")
"""

second = Problem(
    "tanh-ex-second",
    SETUP,
    hints=[
        "sp.diff(t_expr, x, 2) is the second derivative.",
        "in_terms_of(expr, t_expr, t) rewrites it with t = tanh(x).",
    ],
    parts=[
        Expression(
            "second",
            "sp.diff(t_expr, x, 2)",
            subs={"t": "t_expr"},
            what="your tanh''",
        ),
    ],
)

stable_grad = Problem(
    "tanh-ex-stable-grad",
    SETUP,
    hints=[
        "tanh' = sech² = 4 / (e^x + e^{-x})², and it is even: use |x|.",
        "With t = exp(-2|x|), which never overflows, tanh'(x) = 4t / (1 + t)².",
    ],
    parts=[
        Function(
            "tanh_grad",
            "acts.tanh.grad",
            forbid_acts=True,
            what="your tanh_grad",
        ),
    ],
)

identity = Problem(
    "tanh-ex-identity",
    SETUP,
    hints=[
        "sigma.subs(x, 2 * x) is σ(2x); equal(a, b) compares two expressions numerically.",
        "Check the slopes at 0: tanh'(0) = 1 and σ'(0) = 1/4.",
    ],
    parts=[
        Choice(
            "true_identity",
            choices=[1, 2, 3, 4],
            right=2,
            what="your identity",
            feedback={
                1: "2σ(x) − 1 has the right range (−1, 1) and value 0 at 0, but its slope at 0 is "
                "2 · 1/4 = 1/2, not tanh'(0) = 1: the argument must be scaled too",
                3: "σ(2x) − 1/2 stays in (−1/2, 1/2): tanh reaches ±1, so the factor 2 is missing",
                4: "2σ(x/2) − 1 has slope 2 · 1/4 · 1/2 = 1/4 at 0: x/2 scales the wrong way",
            },
        ),
    ],
)
