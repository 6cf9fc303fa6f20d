"""The why-non-linearity chapter's exercises (book/why_nonlinearity.ipynb)."""

from . import Choice, Expression, Function, Number, Problem

#: What the chapter has defined when its exercises start; the answers may use all of it.
SETUP = """
import numpy as np
import sympy as sp

import acts

# A scalar two-layer network whose "activation" is affine: f(z) = c·z + d.
w1, b1, w2, b2, c, d, t = sp.symbols("w1 b1 w2 b2 c d t", real=True)
affine_net = w2 * (c * (w1 * t + b1) + d) + b2
# The hat max(0, 1 − |x|) has slope 1 left of 0 and −1 right of it.
hat_slopes = (1.0, -1.0)
# XOR from two ReLU units: h1 = relu(x1 + x2), h2 = relu(x1 + x2 − 1).
v = sp.Symbol("v")
relu_pair = lambda x1, x2: (max(x1 + x2, 0), max(x1 + x2 - 1, 0))
"""

affine = Problem(
    "why_nonlinearity-ex-affine",
    SETUP,
    hints=[
        "sp.expand(affine_net) writes the network as a sum of terms; which of "
        "them contain t?",
        "expr.coeff(t, 1) is what multiplies t, expr.coeff(t, 0) what does "
        "not; a single layer is W·t + b.",
    ],
    parts=[
        Expression("W", "sp.diff(affine_net, t)", what="your W (the weight)"),
        Expression("b", "affine_net.subs(t, 0)", what="your b (the bias)"),
    ],
)

hat = Problem(
    "why_nonlinearity-ex-hat",
    SETUP,
    hints=[
        "relu(x − a) is 0 left of a and has slope 1 right of it: each unit "
        "adds a kink at its threshold a.",
        "Walk from left to right and write down the hat's slope on each of "
        "its four pieces; a unit's output weight is how much the slope "
        "changes at that unit's kink.",
    ],
    parts=[
        Function(
            "hat_net",
            "lambda v: np.maximum(0.0, 1.0 - np.abs(v))",
            atol=1e-12,
            points_at=(-1.0, 0.0, 1.0),
            points=2,
            what="your hat_net",
        ),
        Number(
            "middle",
            "hat_slopes[1] - hat_slopes[0]",
            what="your output weight of the unit with threshold 0",
        ),
    ],
)

xor = Problem(
    "why_nonlinearity-ex-xor",
    SETUP,
    hints=[
        "A sigmoid output puts a point in class 1 when the quantity inside "
        "the sigmoid is positive: where is that for a linear quantity, and "
        "for v·relu(a linear quantity) + c?",
        "Evaluate h1 and h2 at the four corners. Only (1, 1) has h2 ≠ 0.",
    ],
    parts=[
        Choice(
            "network",
            choices=["logistic", "deep-linear", "two-relu", "one-relu"],
            right="two-relu",
            what="your network",
            feedback={
                "logistic": "its decision boundary is the line where w·x + b = "
                "0, and no line separates (0, 1) and (1, 0) from (0, 0) and "
                "(1, 1)",
                "deep-linear": "without an activation the ten layers collapse "
                "into one linear layer (the first section of this chapter): "
                "the same straight boundary as logistic regression",
                "one-relu": "v·relu(w·x + b) + c is positive on a half-plane "
                "(or everywhere, or nowhere), whatever the sign of v: one "
                "straight boundary again",
            },
        ),
        Number(
            "out_weight",
            "sp.solve(relu_pair(1, 1)[0] - v * relu_pair(1, 1)[1], v)[0]",
            what="your weight of h2",
        ),
    ],
)
