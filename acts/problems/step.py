"""The step chapter's exercises (book/step.ipynb): references, points, hints, feedback."""

from . import Choice, Expression, Function, Problem

#: What the chapter has defined when its exercises start; the answers may use all of it.
SETUP = """
import numpy as np
import sympy as sp

import acts
from acts.symbolic import derivative, equal

x = acts.symbolic.x
h0 = acts.step.symbols["at_zero"]
H = acts.step.expr
d_H = derivative(acts.step)
T = sp.Symbol("T", positive=True)
smooth = acts.sigmoid.expr.subs(x, x / T)
d_smooth = sp.diff(smooth, x)
"""

steepness = Problem(
    "step-ex-steepness",
    SETUP,
    hints=[
        "acts.sigmoid.expr.subs(x, x / T) is σ(x/T).",
        "Differentiate with sp.diff, then .subs(x, 0) and sp.simplify.",
    ],
    parts=[
        Expression(
            "slope_at_zero", "d_smooth.subs(x, 0)", what="your slope at 0"
        ),
    ],
)

smooth_step = Problem(
    "step-ex-smooth-step",
    SETUP,
    hints=[
        "Divide first: z = x / T. Then you need a sigmoid that never computes e^{-z} for z < 0.",
        "With t = exp(-|z|), σ(z) is 1/(1 + t) for z ≥ 0 and t/(1 + t) for z < 0.",
    ],
    parts=[
        Function(
            "lambda v: smooth_step(v, 0.05)",
            "lambda v: acts.sigmoid(v / 0.05)",
            forbid_acts=True,
            what="your smooth_step(x, 0.05)",
        ),
    ],
)

xor = Problem(
    "step-ex-xor",
    SETUP,
    hints=[
        "The unit outputs 1 on one side of a line in the plane and 0 on the other.",
        "Plot the four inputs and colour them by the function's value: which colouring no line "
        "separates?",
    ],
    parts=[
        Choice(
            "impossible",
            choices=["AND", "OR", "NAND", "XOR"],
            right="XOR",
            what="your function",
            feedback={
                "AND": "AND is 1 only at (1, 1): the line x₁ + x₂ = 1.5 separates it (w = (1, 1), "
                "b = −1.5)",
                "OR": "OR is 0 only at (0, 0): the line x₁ + x₂ = 0.5 separates it (w = (1, 1), "
                "b = −0.5)",
                "NAND": "NAND is NOT AND: flip the signs of AND's weights and bias (w = (−1, −1), "
                "b = 1.5)",
            },
        ),
    ],
)
