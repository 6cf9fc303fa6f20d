"""The ELU/CELU chapter's exercises (book/elu_celu.ipynb): references, points, feedback."""

from . import Choice, Expression, Function, Problem

#: What the chapter has defined when its exercises start; the answers may use all of it.
SETUP = """
import numpy as np
import sympy as sp

import acts
from acts.symbolic import equal

x = acts.symbolic.x
alpha = acts.elu.symbols["alpha"]
elu, celu = acts.elu.expr.rewrite(sp.exp), acts.celu.expr.rewrite(sp.exp)
d_elu = sp.diff(elu, x)
d_celu = sp.diff(celu, x)
a = sp.Symbol("a", positive=True)
t = sp.Symbol("t", real=True)
phi = sp.exp(-t**2 / 2) / sp.sqrt(2 * sp.pi)
"""

negative_mean = Problem(
    "elu_celu-ex-negative-mean",
    SETUP,
    hints=[
        "phi is defined above; integrate (sp.exp(t) - 1) * phi over (t, -sp.oo, 0).",
        "The result involves erf or erfc: e^{1/2}·Φ(−1) − 1/2.",
    ],
    parts=[
        Expression(
            "I_neg",
            "sp.exp(sp.Rational(1, 2)) * sp.erfc(1 / sp.sqrt(2)) / 2 - sp.Rational(1, 2)",
            what="your I",
        ),
    ],
)

numpy_elu = Problem(
    "elu_celu-ex-numpy",
    SETUP,
    hints=[
        "np.expm1(u) computes e^u − 1 without cancelling.",
        "Evaluate the exponential at np.minimum(x, 0), so it never sees a large positive number.",
    ],
    parts=[
        Function(
            "elu",
            "acts.elu",
            forbid_acts=True,
            quiet_at=(1000.0,),
            what="your elu",
        ),
        Function(
            "elu",
            "acts.elu",
            params={"alpha": 2.0},
            points_at=(-1e-12, 1e-12),
            rtol=1e-12,
            forbid_acts=True,
            what="your elu with alpha=2",
        ),
    ],
)

spot = Problem(
    "elu_celu-ex-spot",
    SETUP,
    hints=[
        "np.where evaluates both branches for every element before choosing.",
        "Try each input inside warnings.catch_warnings() with warnings.simplefilter('error').",
    ],
    parts=[
        Choice(
            "answer",
            choices=["a", "b", "c", "d"],
            right="b",
            what="your answer",
            feedback={
                "a": "at x = −1000, np.exp(x) underflows to 0 and the result "
                "is −α, the right value to double precision: no nan",
                "c": "at x = 0 the x ≤ 0 branch gives α(e⁰ − 1) = 0, which is ELU(0)",
                "d": "np.exp(−1e-10) − 1 cancels but is not −1: it gives about −1e-10 with a few "
                "digits lost, never −α",
            },
        ),
    ],
)
