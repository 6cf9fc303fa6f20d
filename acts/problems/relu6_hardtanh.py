"""The ReLU6/hardtanh chapter's exercises (book/relu6_hardtanh.ipynb): references, points."""

from . import Expression, Function, Number, Problem

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
"""

max_val = Problem(
    "relu6_hardtanh-ex-max-val",
    SETUP,
    hints=[
        "sp.diff(acts.hardtanh.expr, max_val) with max_val = acts.hardtanh.symbols['max_val'].",
        "max_val is the output exactly when x > max_val; elsewhere the "
        "output does not depend on it.",
    ],
    parts=[
        Expression(
            "d_max.subs(defaults)",
            "dh_hi.subs(defaults)",
            what="your ∂hardtanh/∂max_val",
        ),
    ],
)

grad = Problem(
    "relu6_hardtanh-ex-grad",
    SETUP,
    hints=[
        "The derivative is 1 strictly between the clipping values and 0 elsewhere.",
        "((x > min_val) & (x < max_val)) is a boolean array; turn it into floats.",
    ],
    parts=[
        # The grids contain -1, 0, 1 and 6 exactly: the kinks are tested.
        Function(
            "hardtanh_grad",
            "acts.hardtanh.grad",
            forbid_acts=True,
            what="your hardtanh_grad",
        ),
        Function(
            "lambda v: hardtanh_grad(v, 0.0, 6.0)",
            "acts.relu6.grad",
            forbid_acts=True,
            what="your hardtanh_grad(x, 0, 6)",
        ),
    ],
)

spot = Problem(
    "relu6_hardtanh-ex-spot",
    SETUP,
    hints=[
        "The two formulas agree wherever x is not a kink.",
        "PyTorch's derivative is 0 at both kinks; what does the student's give there?",
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
