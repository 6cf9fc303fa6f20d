"""The Mish chapter's exercises (book/mish.ipynb): references, points, hints, feedback."""

from . import Choice, Expression, Function, Problem

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
"""

gate = Problem(
    "mish-ex-gate",
    SETUP,
    hints=[
        "Chain rule: d/dx tanh(s(x)) = sech²(s(x))·s'(x).",
        "The derivative of softplus ln(1 + e^x) is the sigmoid.",
    ],
    parts=[
        Expression(
            "gate_derivative", "sp.diff(sp.tanh(sp_), x)", what="your g'(x)"
        ),
    ],
)

implement = Problem(
    "mish-ex-implement",
    SETUP,
    hints=[
        "Mish'(x) = tanh(sp) + x·sech²(sp)·σ(x), with sp = log1p(exp(x)).",
        "sech² = 1 − tanh² is fine here; σ(x) is scipy.special.expit(x). "
        "At x = 1000, exp overflows to inf, log1p(inf) = inf and "
        "tanh(inf) = 1: no NaN.",
    ],
    parts=[
        Function(
            "mish_grad",
            "acts.mish.grad",
            atol=1e-300,
            forbid_acts=True,
            what="your mish_grad",
        ),
    ],
)

mistake = Problem(
    "mish-ex-mistake",
    SETUP,
    hints=[
        "What is the derivative of tanh? (It is not the derivative of the sigmoid, σ(1 − σ).)",
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
