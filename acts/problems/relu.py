"""The ReLU chapter's exercises (book/relu.ipynb): references, points, hints, feedback."""

from . import Choice, Expression, Function, Number, Problem

#: What the chapter has defined when its exercises start; the answers may use all of it.
SETUP = """
import numpy as np
import sympy as sp

import acts
from acts.symbolic import derivative, equal, proved_equal

x = acts.symbolic.x
f = acts.relu.expr
d_f = derivative(acts.relu)
th = acts.threshold.expr
th_t, th_v = acts.threshold.symbols["threshold"], acts.threshold.symbols["value"]
q = sp.Symbol("q", positive=True)
"""

squared = Problem(
    "relu-ex-squared",
    SETUP,
    hints=[
        "acts.relu.expr is Max(0, x); square it and use sp.diff.",
        "The chain rule gives (g²)' = 2·g·g'. Where g = max(0, x) is 0 the product is 0 whatever "
        "g' is: what is left elsewhere?",
    ],
    parts=[
        Expression(
            "d_squared",
            "sp.diff(sp.Max(0, x) ** 2, x)",
            what="your derivative of max(0, x)²",
        ),
    ],
)

grad = Problem(
    "relu-ex-grad",
    SETUP,
    hints=[
        "A comparison gives booleans; turn them into floats.",
        "(x > 0) is False at 0, which is the value PyTorch uses.",
    ],
    parts=[
        Function(
            "relu_grad",
            "acts.relu.grad",
            forbid_acts=True,
            what="your relu_grad",
        ),
    ],
)

dead = Problem(
    "relu-ex-dead",
    SETUP,
    hints=[
        "The gradient of a weight feeding the unit is a sum over examples of (upstream gradient) · "
        "relu'(z) · input.",
        "relu'(z) = 0 for z ≤ 0, for every example.",
    ],
    parts=[
        Choice(
            "answer",
            choices=["they grew", "they shrank", "they did not change"],
            right="they did not change",
            what="your answer",
            feedback={
                "they grew": "for the weights to grow, their gradient would have to be nonzero; "
                "every term of it contains relu'(z) at a negative z",
                "they shrank": "only weight decay shrinks weights without a gradient; here every "
                "example contributes relu'(z) · … with z < 0",
            },
        ),
    ],
)

squared_degree = Problem(
    "relu-ex-squared-degree",
    SETUP,
    hints=[
        "Substitute a·x into max(0, x)² and use max(0, a·x) = a·max(0, x) for a > 0.",
        "Or check numerically: acts.squared_relu(2.0) / acts.squared_relu(1.0) = 2**k.",
    ],
    parts=[
        Number(
            "k",
            "float(sp.log(acts.squared_relu(3.0) / acts.squared_relu(1.5), 2))",
            what="your degree k",
        ),
    ],
)

threshold_jump = Problem(
    "relu-ex-threshold-jump",
    SETUP,
    hints=[
        "The jump at x = threshold is the limit from the right minus the value at the threshold.",
        "From the right the function is x, so its limit is the threshold itself.",
    ],
    parts=[
        # The value at which the jump, lim_{q→0+} th(t + q) − th(t), vanishes for t = 1.5.
        Number(
            "continuous_value",
            "float(sp.solve((sp.limit(th.subs(x, th_t + q), q, 0) - th.subs(x, th_t))"
            ".subs(th_t, 1.5), th_v)[0])",
            what="your value",
        ),
    ],
)
