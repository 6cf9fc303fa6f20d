"""The leaky ReLU chapter's exercises (book/leaky_relu.ipynb): references, points, feedback."""

from . import Choice, Expression, Function, Problem

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

grad = Problem(
    "leaky_relu-ex-grad",
    SETUP,
    hints=[
        "np.where(condition, a, b) picks a where the condition holds and b elsewhere.",
        "PyTorch tests x > 0: at 0 the derivative is the slope.",
    ],
    parts=[
        Function(
            "lambda v: leaky_relu_grad(v, 0.2)",
            "lambda v: acts.leaky_relu.grad(v, negative_slope=0.2)",
            points_at=(0.0,),
            forbid_acts=True,
            what="your leaky_relu_grad with slope 0.2",
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
        "E[a] = ∫ a/(u − l) da from l to u: sp.integrate(a / (upper - lower), (a, lower, upper)).",
    ],
    parts=[
        Expression(
            "mean_slope", "(lower + upper) / 2", what="your E[a]", points=2
        ),
    ],
)
