"""The sigmoid chapter's exercises (book/sigmoid.ipynb): references, points, hints, feedback."""

from . import Expression, Function, Problem

#: What the chapter has defined when its exercises start; the answers may use all of it.
SETUP = """
import numpy as np
import sympy as sp

import acts
from acts.symbolic import derivative, equal, in_terms_of, proved_equal

x = acts.symbolic.x
sigma = acts.sigmoid.expr
d_sigma = derivative(acts.sigmoid)
s = sp.Symbol("sigma")
claimed_sigma_grad = sigma * (1 + sigma)
claimed_mirror = -sigma
claimed_log_grad = 1 / sigma
y = sp.Symbol("y")
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
        "Look at d_sigma, SymPy's form of σ': it is even, σ'(-x) = σ'(x). For which sign of x "
        "does each exponential in it stay at most 1?",
        "Test your function at x = ±40 and ±740 against the table in Implementation: a 0, inf or "
        "nan there means an exponential overflowed or a difference cancelled.",
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
        "Subtract sp.diff(sigma, x) from claimed_sigma_grad and simplify: is it ever 0?",
        "Evaluate acts.sigmoid at -2 and 2: can a function whose values are all positive be odd? "
        "in_terms_of(sigma.subs(x, -x), sigma, s) writes σ(-x) in s.",
        "The chain rule: the derivative of log(u(x)) is u'(x) / u(x). Let SymPy differentiate "
        "sp.log(sigma) and rewrite it with in_terms_of.",
        "For the cross-entropy, differentiate it term by term with what you just found; "
        "log(1 - σ(x)) = log σ(-x) may help. Simplify: the result is short.",
    ],
    parts=[
        Expression(
            "difference",
            "claimed_sigma_grad - sp.diff(sigma, x)",
            what="your claimed − true σ'",
        ),
        Expression(
            "mirror",
            "sigma.subs(x, -x)",
            subs={"sigma": "sigma"},
            what="your σ(−x)",
        ),
        Expression(
            "log_grad",
            "sp.diff(sp.log(sigma), x)",
            subs={"sigma": "sigma"},
            what="your (log σ)'",
        ),
        Expression(
            "bce_grad",
            "sp.diff(-y * sp.log(sigma) - (1 - y) * sp.log(1 - sigma), x)",
            subs={"sigma": "sigma"},
            what="your ∂(cross-entropy)/∂x",
        ),
    ],
)
