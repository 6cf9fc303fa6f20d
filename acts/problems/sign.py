"""The sign chapter's exercises (book/sign.ipynb): references, points, hints, feedback."""

from . import Choice, Expression, Number, Problem

#: The five binarisers of the spot-the-mistake exercise (the notebook shows the same dict).
CANDIDATES = ("sign", "copysign", "ratio", "heaviside", "where")

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
candidates = {
    "sign": lambda x: np.sign(x),
    "copysign": lambda x: np.copysign(1.0, x),
    "ratio": lambda x: x / np.abs(x),
    "heaviside": lambda x: 2 * np.heaviside(x, 0.0) - 1,
    "where": lambda x: np.where(x >= 0, 1.0, -1.0),
}


def _wrong_at_zero():
    with np.errstate(invalid="ignore"):
        return sum(f(np.float64(0.0)) != 1 for f in candidates.values())
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
        "Call each candidate at np.float64(0.0) and at np.float64(-0.0) (inside "
        "np.errstate(invalid='ignore')) and print what comes back.",
        "-0.0 and 0.0 compare equal, but their sign bits differ: which candidates read the "
        "bit, and which compare?",
    ],
    parts=[
        Choice(
            "right_one",
            choices=list(CANDIDATES),
            right="where",
            what="your binariser",
            feedback={
                "sign": "np.sign(0.0) is 0, a third value: binarised networks need +1 there",
                "copysign": "np.copysign(1.0, x) reads the sign bit: it returns -1.0 at x = -0.0",
                "ratio": "x / np.abs(x) is 0/0 at 0: NaN, with a RuntimeWarning",
                "heaviside": "np.heaviside(0.0, 0.0) is 0, so 2·H − 1 returns -1 at 0",
            },
        ),
        Number(
            "wrong_at_zero",
            "_wrong_at_zero()",
            what="your count of candidates that miss +1 at x = +0.0",
        ),
    ],
)

ste_choice = Problem(
    "sign-ex-ste",
    SETUP,
    hints=[
        "The STE uses the derivative of clip(z, -1, 1) in the backward pass.",
        "Sketch clip(z, -1, 1): what is its slope around z = 3? `ste`, derived above, lets you "
        "check.",
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
