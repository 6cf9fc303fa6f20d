"""The step chapter's exercises (book/step.ipynb): references, points, hints, feedback."""

from . import Choice, Expression, Number, Problem

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

overflow = Problem(
    "step-ex-overflow",
    SETUP,
    hints=[
        "np.exp(u) overflows when u is larger than the logarithm of the largest float64; "
        "np.finfo(np.float64).max is that number.",
        "Evaluate the naive formula a little left of your answer inside "
        "np.errstate(over='ignore'), and look at what comes out.",
    ],
    parts=[
        Number(
            "overflow_below",
            "-0.05 * np.log(np.finfo(np.float64).max)",
            rtol=1e-3,
            what="your x below which exp(-x/T) overflows",
        ),
        Choice(
            "naive_returns",
            choices=[
                "0 with a RuntimeWarning",
                "nan",
                "inf",
                "the exact value",
            ],
            right="0 with a RuntimeWarning",
            what="what the naive formula returns there",
            feedback={
                "nan": "no 0/0 or inf − inf happens: np.exp(-x / T) is inf, and 1 / (1 + inf) "
                "is a number",
                "inf": "inf is what np.exp returns; the formula then divides 1 by 1 + inf",
                "the exact value": "the exact value e^(x/T) is not 0 there: float64 still "
                "holds it (as a subnormal number) a little further left, but 1 / (1 + inf) "
                "is exactly 0, and NumPy warns about the overflow",
            },
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
