"""The ReLU6/hardtanh chapter's exercises (book/relu6_hardtanh.ipynb): references, points."""

from . import Expression, Number, Problem

#: What the chapter has defined when its exercises start; the answers may use all of it.
SETUP = """
import numpy as np
import sympy as sp

import acts
from acts.symbolic import derivative, equal

x = acts.symbolic.x
lo, hi = acts.hardtanh.symbols["min_val"], acts.hardtanh.symbols["max_val"]
f6, fh = acts.relu6.expr, acts.hardtanh.expr
d6 = derivative(acts.relu6)
dh = derivative(acts.hardtanh)
dh_lo, dh_hi = derivative(acts.hardtanh, "min_val"), derivative(acts.hardtanh, "max_val")
defaults = {lo: -1, hi: 1}
step = sp.Symbol("step", positive=True)
"""

max_val = Problem(
    "relu6_hardtanh-ex-max-val",
    SETUP,
    hints=[
        "The clipping values are SymPy symbols of their own: acts.hardtanh.symbols has them.",
        "SymPy differentiates a Piecewise branch by branch; in which branch does max_val "
        "appear at all?",
    ],
    parts=[
        Expression(
            "d_max.subs(defaults)",
            "dh_hi.subs(defaults)",
            what="your ∂hardtanh/∂max_val",
        ),
    ],
)

rounding = Problem(
    "relu6_hardtanh-ex-rounding",
    SETUP,
    hints=[
        "The mean of g(e) for e uniform on an interval is the integral of g over the interval, "
        "divided by the interval's length.",
        "sp.integrate takes the integration variable with its limits as a tuple; for the "
        "number, put ReLU6's 8-bit step into your expression (and take a square root).",
    ],
    parts=[
        Expression(
            "mse", "step**2 / 12", what="your mean square rounding error"
        ),
        Number(
            "rms_relu6",
            "6 / 255 / np.sqrt(12)",
            rtol=1e-6,
            what="your RMS rounding error of 8-bit ReLU6",
        ),
    ],
)

spot = Problem(
    "relu6_hardtanh-ex-spot",
    SETUP,
    hints=[
        "Evaluate the student's formula and acts.relu6.grad (PyTorch's values) at the five "
        "points and compare them one by one.",
        "Look closely at the comparison operators: where does >= differ from >?",
    ],
    parts=[
        Number(
            "disagreements",
            "np.sum(((np.array([-1.0, 0, 3, 6, 7]) >= 0) & "
            "(np.array([-1.0, 0, 3, 6, 7]) <= 6)) "
            "!= acts.relu6.grad(np.array([-1.0, 0, 3, 6, 7])))",
            what="your count",
        ),
    ],
)
