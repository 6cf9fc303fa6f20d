"""The sigmoid chapter's exercises (book/sigmoid.ipynb): references, points, hints, feedback."""

from . import Expression, Function, Number, Problem

#: What the chapter has defined when its exercises start; the answers may use all of it.
SETUP = """
import numpy as np
import sympy as sp

import acts
from acts.symbolic import derivative, equal, in_terms_of, proved_equal

x = acts.symbolic.x
sigma = acts.sigmoid.expr
d_sigma = derivative(acts.sigmoid)
a = sp.Symbol("a", positive=True)
claimed_sigma_grad = sigma * (1 + sigma)
claimed_leaky = sp.Max(-a * x, x)
"""

second = Problem(
    "sigmoid-ex-second",
    SETUP,
    hints=[
        "Differentiate d_sigma once more with sp.diff.",
        "in_terms_of(expr, sigma, s) rewrites an expression in x as one in s = σ(x).",
    ],
    parts=[
        Expression(
            "second",
            "sp.diff(sigma, x, 2)",
            subs={"sigma": "sigma"},
            what="your σ''",
        ),
    ],
)

stable_grad = Problem(
    "sigmoid-ex-stable-grad",
    SETUP,
    hints=[
        "σ' is even: σ'(x) = σ'(-|x|), so you only need the left half of the real line.",
        "With t = exp(-|x|), which never overflows, σ'(x) = t / (1 + t)².",
    ],
    parts=[
        Function(
            "sigmoid_grad",
            "acts.sigmoid.grad",
            forbid_acts=True,
            points=2,
            what="your sigmoid_grad",
        ),
    ],
)

ten_layers = Problem(
    "sigmoid-ex-ten-layers",
    SETUP,
    hints=[
        "Each layer multiplies the gradient by σ'(x) at that layer's input.",
        "The largest value σ' takes is in the Properties table.",
    ],
    parts=[
        Expression(
            "bound", "sp.diff(sigma, x).subs(x, 0) ** 10", what="your bound"
        ),
    ],
)

spot_the_mistake = Problem(
    "sigmoid-ex-spot-the-mistake",
    SETUP,
    hints=[
        "Subtract sp.diff(sigma, x) from sigma * (1 + sigma) and simplify: is it ever 0?",
        "Evaluate max(-a·x, x) at x = -2: a leaky ReLU should give a small negative number there.",
        "Differentiate sp.Max(a * x, x) and substitute a negative x; where do the two lines cross?",
    ],
    parts=[
        Expression(
            "difference",
            "claimed_sigma_grad - sp.diff(sigma, x)",
            what="your claimed − true σ'",
        ),
        Expression("leaky", "sp.Max(a * x, x)", what="your leaky ReLU"),
        Expression(
            "left_slope", "sp.diff(a * x, x)", what="your slope for x < 0"
        ),
        Number(
            "kink",
            "sp.solve(sp.Eq(a * x, x), x)[0]",
            atol=1e-12,
            what="your kink",
        ),
    ],
)
