"""The vanishing-gradients study's exercises (book/vanishing_gradients.ipynb)."""

from . import Choice, Expression, Number, Problem

#: What the chapter has defined when its exercises start; the answers may use
#: all of it. `X`, `y` are the study's batch (the same seed, the same values);
#: `_s30` is the 30-layer network of the last exercise at initialisation (one
#: forward and one backward pass, no training).
SETUP = """
import numpy as np
import sympy as sp

import acts
from acts.mlp import MLP
from acts.symbolic import derivative, x

z = sp.Symbol("z", real=True)
sigma = sp.Symbol("sigma", positive=True)
normal_pdf = sp.exp(-(z**2) / (2 * sigma**2)) / sp.sqrt(2 * sp.pi * sigma**2)


def expect(expr, lower=-sp.oo, upper=sp.oo, s=sigma):
    return sp.simplify(
        sp.integrate(expr * normal_pdf.subs(sigma, s), (z, lower, upper))
    )


WIDTH = 64
rng = np.random.default_rng(0)
X = rng.normal(size=(128, WIDTH))
y = rng.integers(0, 2, 128).astype(float)
_a, _n = sp.symbols("a n", positive=True)
_s30 = MLP([64] * 31 + [1], "relu", init="lecun", seed=0).layer_statistics(X, y)
"""

xavier = Problem(
    "vanishing-ex-xavier",
    SETUP,
    hints=[
        "The section on the initialisation factors writes both recursions: which width "
        "stands in front forwards, and which backwards?",
        "Set each factor to 1 and solve for Var w: one answer per direction.",
        "Xavier's rule is a compromise between the two variances; the same section says "
        "which mean of them it takes (not the arithmetic one).",
    ],
    parts=[
        Number("forward_var", "1 / 32", what="your forward variance"),
        Number("backward_var", "1 / 128", what="your backward variance"),
        Number(
            "xavier_var",
            "acts.mlp.init_scale('xavier', 32, 128) ** 2",
            what="your Xavier variance",
        ),
    ],
)

leaky_he = Problem(
    "vanishing-ex-leaky-he",
    SETUP,
    hints=[
        "Split the line at 0: f(z)² = z² for z > 0 and a²z² for z < 0.",
        "expect's second and third arguments are the ends of the integral: integrate "
        "each half of the line on its own and add them.",
        "Then do what the chapter did for ReLU: ask that the forward factor be 1 and let "
        "sp.solve find the variance.",
    ],
    parts=[
        Expression(
            "leaky_var",
            "2 / ((1 + _a**2) * _n)",
            points=2,
            what="your variance",
        ),
    ],
)

which_scale = Problem(
    "vanishing-ex-which-scale",
    SETUP,
    hints=[
        "Summary.rms gives the root mean square per layer; index 0 is layer 1, "
        "-1 is layer 30.",
        "Compare act_scale with 1: by how many powers of ten does the signal "
        "shrink?",
    ],
    parts=[
        Number(
            "act_scale",
            "_s30['activation'].rms[-1] / _s30['activation'].rms[0]",
            what="your activation scale",
        ),
        Number(
            "wgrad_ratio",
            "_s30['weight_grad'].rms[0] / _s30['weight_grad'].rms[-1]",
            what="your weight-gradient ratio",
        ),
        Choice(
            "bool(vanishes)",
            choices=[True, False],
            right=True,
            what="your verdict",
            feedback={
                False: "the weight gradients of layers 1 and 30 agree, but "
                "that is positive homogeneity (one factor shrinks with depth, "
                "the other grows); act_scale says how much of the signal "
                "reaches layer 30",
            },
        ),
    ],
)
