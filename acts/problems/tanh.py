"""The tanh chapter's exercises (book/tanh.ipynb): references, points, hints, feedback."""

from . import Choice, Expression, Problem

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
a = sp.Symbol("a", positive=True)
f = a * sp.tanh(2 * x / 3)
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

lecun = Problem(
    "tanh-ex-lecun",
    SETUP,
    hints=[
        "f is odd, so one condition is enough: write f(1) = 1 as sp.Eq(f.subs(x, 1), 1) and let "
        "sp.solve find a.",
        "Differentiate f with respect to x, then substitute x = 0 and your a (a dict in .subs).",
    ],
    parts=[
        Expression("lecun_a", "1 / sp.tanh(sp.Rational(2, 3))", what="your a"),
        Expression(
            "lecun_slope",
            "sp.Rational(2, 3) / sp.tanh(sp.Rational(2, 3))",
            what="your f'(0)",
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
