"""The sign chapter's exercises (book/sign.ipynb): references, points, hints, feedback."""

from . import Choice, Expression, Function, Problem

#: What the chapter has defined when its exercises start; the answers may use all of it.
SETUP = """
import numpy as np
import sympy as sp

import acts
from acts.symbolic import derivative, equal

x = acts.symbolic.x
s = acts.sign.expr
H = acts.step.expr.subs(acts.step.symbols["at_zero"], sp.Rational(1, 2))
identity = 2 * H - 1
d_s = derivative(acts.sign)
hardtanh = sp.Max(-1, sp.Min(1, x))
ste = sp.diff(hardtanh, x)
"""

abs_grad = Problem(
    "sign-ex-abs",
    SETUP,
    hints=[
        "sp.diff(x * s, x) gives two terms, one of them 2·x·δ(x).",
        "x·δ(x) is 0 for every x ≠ 0 (and integrates to 0): drop it.",
    ],
    parts=[
        Expression("d_abs", "sp.sign(x)", what="your |x|'"),
    ],
)

binarize = Problem(
    "sign-ex-binarize",
    SETUP,
    hints=[
        "np.where(condition, a, b) picks a where the condition holds.",
        "It equals 2·H(x) − 1 with the step's value at 0 set to 1.",
    ],
    parts=[
        Function(
            "binarize",
            "lambda v: 2 * acts.step(v, at_zero=1.0) - 1",
            forbid_acts=True,
            what="your binarize",
        ),
    ],
)

ste_choice = Problem(
    "sign-ex-ste",
    SETUP,
    hints=[
        "The STE uses the derivative of clip(z, -1, 1) in the backward pass.",
        "Evaluate `ste` (derived above) at z = 3.",
    ],
    parts=[
        Choice(
            "ste_at_3",
            choices=[0, 1, 2, "undefined"],
            right=0,
            what="your STE gradient",
            feedback={
                1: "1 is the identity STE's gradient; the hard-tanh STE passes 1 only for |z| < 1",
                2: "no derivative of clip(z, −1, 1) exceeds 1",
                "undefined": "clip(z, −1, 1) is flat around z = 3, so its derivative there is "
                "defined; only z = ±1 are kinks",
            },
        ),
    ],
)
