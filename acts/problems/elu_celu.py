"""The ELU/CELU chapter's exercises (book/elu_celu.ipynb): references, points, hints, feedback."""

from . import Choice, Expression, Problem

#: What the chapter has defined when its exercises start; the answers may use all of it.
SETUP = """
import numpy as np
import sympy as sp

import acts
from acts.symbolic import equal

x = acts.symbolic.x
alpha = acts.elu.symbols["alpha"]
elu, celu = acts.elu.expr.rewrite(sp.exp), acts.celu.expr.rewrite(sp.exp)
d_elu = sp.diff(elu, x)
d_celu = sp.diff(celu, x)
a = sp.Symbol("a", positive=True)
t = sp.Symbol("t", real=True)
phi = sp.exp(-t**2 / 2) / sp.sqrt(2 * sp.pi)
"""

negative_mean = Problem(
    "elu_celu-ex-negative-mean",
    SETUP,
    hints=[
        "phi, the normal density in t, is defined above; the integrand is ELU's left branch "
        "at α = 1 times phi.",
        "sp.integrate takes the limits as a tuple (t, lower, upper); an answer with erf or "
        "erfc in it is fine.",
    ],
    parts=[
        Expression(
            "I_neg",
            "sp.exp(sp.Rational(1, 2)) * sp.erfc(1 / sp.sqrt(2)) / 2 - sp.Rational(1, 2)",
            what="your I",
        ),
    ],
)

grad_from_output = Problem(
    "elu_celu-ex-grad-from-output",
    SETUP,
    hints=[
        "Differentiate CELU's x ≤ 0 branch, celu.args[1][0], and look for a term that also "
        "appears in y.",
        "Solve y = α(e^{x/α} − 1) for the exponential (sp.solve can do it) and substitute.",
    ],
    parts=[
        Expression(
            "d_celu_y",
            "sp.diff(celu.args[1][0], x)",
            subs={"y": "celu.args[1][0]"},
            what="your celu'(x) in terms of y",
        ),
    ],
)

spot = Problem(
    "elu_celu-ex-spot",
    SETUP,
    hints=[
        "np.where evaluates both branches for every element before choosing.",
        "Try each input inside warnings.catch_warnings() with warnings.simplefilter('error').",
    ],
    parts=[
        Choice(
            "answer",
            choices=["a", "b", "c", "d"],
            right="b",
            what="your answer",
            feedback={
                "a": "at x = −1000, np.exp(x) underflows to 0 and the result "
                "is −α, the right value to double precision: no nan",
                "c": "at x = 0 the x ≤ 0 branch gives α(e⁰ − 1) = 0, which is ELU(0)",
                "d": "np.exp(−1e-10) − 1 cancels but is not −1: it gives about −1e-10 with a few "
                "digits lost, never −α",
            },
        ),
    ],
)
