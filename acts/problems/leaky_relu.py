"""The leaky ReLU chapter's exercises (book/leaky_relu.ipynb): references, points, feedback."""

from . import Choice, Expression, Number, Problem

#: What the chapter has defined when its exercises start; the answers may use all of it.
SETUP = """
import numpy as np
import sympy as sp

import acts
from acts.symbolic import derivative, equal

x = acts.symbolic.x
s = acts.leaky_relu.symbols["negative_slope"]
f = acts.leaky_relu.expr
d_f = derivative(acts.leaky_relu)
d_s = derivative(acts.leaky_relu, "negative_slope")
lower, upper = sp.symbols("l u", positive=True)


def colleague_grad(x, negative_slope=0.2):
    return np.where(x >= 0, 1.0, negative_slope)


xs = np.array([-1.0, -1e-300, -0.0, 0.0, 1e-300, 1.0])
"""

slope_grad = Problem(
    "leaky_relu-ex-slope-grad",
    SETUP,
    hints=[
        "sp.diff(f, s) with s = acts.leaky_relu.symbols['negative_slope'].",
        "On the positive side it is 0 and on the negative side it is x: which elementary function "
        "is that?",
    ],
    parts=[
        Expression("d_slope", "d_s", what="your ∂f/∂s"),
    ],
)

spot_grad = Problem(
    "leaky_relu-ex-spot-grad",
    SETUP,
    hints=[
        "Evaluate colleague_grad and acts.leaky_relu.grad (slope 0.2) on the array xs and keep "
        "the inputs where they differ.",
        "Both test the sign of x; which inputs does `x >= 0` treat differently from PyTorch's "
        "`x > 0`?",
    ],
    parts=[
        Number(
            "kink",
            "float(xs[colleague_grad(xs) != acts.leaky_relu.grad(xs, negative_slope=0.2)][-1])",
            what="the finite input where they differ",
        ),
        Number(
            "value_there",
            "float(acts.leaky_relu.grad(0.0, negative_slope=0.2))",
            what="PyTorch's derivative there",
        ),
    ],
)

negative_one = Problem(
    "leaky_relu-ex-negative-one",
    SETUP,
    hints=[
        "Evaluate the two pieces: x for x > 0 and −1·x for x ≤ 0.",
        "Try acts.leaky_relu(np.array([-2.0, 3.0]), negative_slope=-1).",
    ],
    parts=[
        Choice(
            "which",
            choices=["relu", "abs", "identity", "negative identity"],
            right="abs",
            what="your answer",
            feedback={
                "relu": "relu is slope 0; with slope −1 the negative side is −1·x = |x|, not 0",
                "identity": "the identity is slope 1; slope −1 flips the negative side upwards",
                "negative identity": "the positive side is still x, not −x",
            },
        ),
    ],
)

rrelu_eval = Problem(
    "leaky_relu-ex-rrelu-eval",
    SETUP,
    hints=[
        "The density of U(l, u) is 1/(u − l) on [l, u].",
        "E[a] is the integral of a times that density over [l, u]; sp.integrate takes the "
        "variable and its limits as one tuple.",
    ],
    parts=[
        Expression(
            "mean_slope", "(lower + upper) / 2", what="your E[a]", points=2
        ),
    ],
)
