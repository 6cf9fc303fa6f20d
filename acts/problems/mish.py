"""The Mish chapter's exercises (book/mish.ipynb): references, points, hints, feedback."""

from . import Choice, Expression, Number, Problem

#: What the chapter has defined when its exercises start; the answers may use all of it.
SETUP = """
import mpmath
import numpy as np
import sympy as sp

import acts
from acts.symbolic import derivative, equal, proved_equal

x = acts.symbolic.x
mish = acts.mish.expr.rewrite(sp.log)
sp_ = sp.log(1 + sp.exp(x))  # softplus
d_mish = sp.diff(mish, x)
sigma = acts.sigmoid.expr


def _first_zero():
    scan = np.linspace(0, 40, 400001)
    return scan[(1 - np.tanh(np.log1p(np.exp(scan))) ** 2) == 0].min()
"""

gate = Problem(
    "mish-ex-gate",
    SETUP,
    hints=[
        "Chain rule on tanh(s(x)): what is the derivative of tanh, written with sech?",
        "Differentiate the softplus ln(1 + e^x) with SymPy, simplify, and compare it with sigma.",
    ],
    parts=[
        Expression(
            "gate_derivative", "sp.diff(sp.tanh(sp_), x)", what="your g'(x)"
        ),
    ],
)

cancel = Problem(
    "mish-ex-cancel",
    SETUP,
    hints=[
        "Evaluate 1 - np.tanh(np.log1p(np.exp(x)))**2 on a fine grid of x > 0 and look for the "
        "first exact 0.",
        "For the second part, compare the size of the term that is lost, x·sech²(sp)·σ(x), "
        "with the spacing of float64 near 1 (np.spacing(1.0)).",
    ],
    parts=[
        Number(
            "x_zero",
            "_first_zero()",
            atol=0.05,
            rtol=0,
            what="your x_zero",
        ),
        Choice(
            "matters",
            choices=["yes", "no"],
            right="no",
            what="your answer to whether it matters",
            feedback={
                "yes": "the lost term x·sech²(sp)·σ(x) ≈ 4x·e^(−2x) is below 10⁻¹⁵ there, "
                "smaller than the spacing of float64 near 1: Mish' ≈ 1 rounds to the same "
                "number with or without it",
            },
        ),
    ],
)

mistake = Problem(
    "mish-ex-mistake",
    SETUP,
    hints=[
        "Differentiate sp.tanh(u) with SymPy and compare it with the factor the post uses.",
        "Compare each factor with the derived Mish'(x) = tanh(sp) + x·sech²(sp)·σ(x).",
    ],
    parts=[
        Choice(
            "answer",
            choices=["tanh(sp)", "1 - tanh(sp)", "sigma(x)"],
            right="1 - tanh(sp)",
            what="your answer",
            feedback={
                "tanh(sp)": "the first term is the gate itself, g(x) = tanh(sp), from the product "
                "rule (x·g)' = g + x·g': it is right",
                "sigma(x)": "σ(x) is the derivative of the softplus sp inside tanh: the chain "
                "rule puts it there rightly",
            },
        ),
    ],
)
