"""The linear chapter's exercises (book/linear.ipynb): references, points, hints, feedback."""

from . import Expression, Function, Number, Problem

#: What the chapter has defined when its exercises start; the answers may use all of it.
SETUP = """
import numpy as np
import sympy as sp

import acts
from acts.symbolic import derivative, equal, proved_equal

x = acts.symbolic.x
c = acts.linear.symbols["c"]
f = acts.linear.expr
d_x, d_c = derivative(acts.linear), derivative(acts.linear, "c")
w1, w2, w3 = sp.symbols("w1 w2 w3", real=True)
# The collapse check: a random two-layer linear network with c = 1.5.
_rng = np.random.default_rng(7)
P1, q1 = _rng.normal(size=(4, 1)), _rng.normal(size=(4, 1))
P2, q2 = _rng.normal(size=(1, 4)), _rng.normal(size=(1, 1))


def two_layers(v):
    hidden = acts.linear(P1 @ v[None, :] + q1, c=1.5)
    return acts.linear(P2 @ hidden + q2, c=1.5).ravel()
"""

three_layers = Problem(
    "linear-ex-three-layers",
    SETUP,
    hints=[
        "f.subs(x, something) puts `something` in place of x in f = c·x.",
        "Build y from the inside out, then sp.diff(y, x).",
    ],
    parts=[
        Expression(
            "dy_dx",
            "sp.diff(f.subs(x, w3 * f.subs(x, w2 * f.subs(x, w1 * x))), x)",
            what="your dy/dx",
        ),
    ],
)

collapse = Problem(
    "linear-ex-collapse",
    SETUP,
    hints=[
        "Expand c·(W2·(c·(W1 x + b1)) + b2) and collect what multiplies x.",
        "What multiplies x is the weight, everything without x is the bias; the layer applied "
        "first stands rightmost in a matrix product.",
    ],
    parts=[
        Function(
            "lambda v: (collapse(P1, q1, P2, q2, 1.5)[0] @ v[None, :] "
            "+ collapse(P1, q1, P2, q2, 1.5)[1]).ravel()",
            "two_layers",
            what="your collapsed layer",
        ),
    ],
)

rank = Problem(
    "linear-ex-rank",
    SETUP,
    hints=[
        "The collapsed matrix is W2 @ W1 with W1 of shape (2, 10) and W2 of shape (10, 2).",
        "Every output is built from the hidden values: how many numbers does the narrow layer "
        "pass on? np.linalg.matrix_rank on random weights confirms your reasoning.",
    ],
    parts=[
        Number("max_rank", "min(10, 2, 2, 10)", what="your largest rank"),
    ],
)
