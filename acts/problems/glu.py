"""The GLU chapter's exercises (book/glu.ipynb): references, points, hints, feedback."""

from . import Choice, Expression, Function, Number, Problem

#: What the chapter has defined when its exercises start; the answers may use all of it.
SETUP = """
import numpy as np
import sympy as sp

import acts
from acts.ffn import FeedForward, hidden_for
"""

d_beta = Problem(
    "glu-ex-dbeta",
    SETUP,
    hints=[
        "sp.diff(expression, symbol) differentiates; the symbol is "
        "acts.swiglu.symbols['beta'].",
        "By hand: a·b does not depend on β, so only σ(βb) is differentiated; apply the chain "
        "rule through the product βb.",
    ],
    parts=[
        Expression(
            "d_beta",
            "sp.diff(acts.swiglu.expr, acts.swiglu.symbols['beta'])",
            what="your ∂y/∂β",
        ),
    ],
)

deep_tail = Problem(
    "glu-ex-deep-tail",
    SETUP,
    hints=[
        "For b < 0, write σ(b) with e^b in the numerator. Where does e^b underflow, and where "
        "does a smaller power of e?",
        "The final value is representable; the trouble is an intermediate result. In which "
        "order can the factors 1e300 and the exponential be multiplied so that none of them "
        "leaves the float64 range?",
    ],
    parts=[
        Function(
            "big_glu",
            "lambda v: acts.glu(np.stack(np.broadcast_arrays(1e300, v), -1))[..., 0]",
            forbid_acts=True,
            points=2,
            what="your big_glu",
        ),
    ],
)

which_half = Problem(
    "glu-ex-which-half",
    SETUP,
    hints=[
        "acts, PyTorch, JAX and Keras all gate with the second half: see the table in "
        "Definition.",
        "Try h = np.array([2.0, -1.0]): the other convention gives Swish(2)·(−1).",
    ],
    parts=[
        Choice(
            "answer",
            choices=["same", "swapped", "depends"],
            right="swapped",
            what="your answer",
            feedback={
                "same": "acts.swiglu(h) gates with the second half of h, the code base "
                "with the first: for h = (2, −1) acts gives 2·Swish(−1) ≈ −0.54, the "
                "code base Swish(2)·(−1) ≈ −1.76",
                "depends": "which half is the gate is fixed by the code, not by the "
                "weights: for every W₁, acts computes xW ⊗ Swish(xV) where the code base "
                "computes Swish(xW) ⊗ xV (they agree only where xW = xV)",
            },
        ),
    ],
)

hidden_width = Problem(
    "glu-ex-hidden-width",
    SETUP,
    hints=[
        "Count: the ReLU block has 2·d·4d weights, the gated block 3·d·d_ff.",
        "FeedForward(768, h, 'swiglu').n_params counts the weights of a candidate h: use it "
        "to check your equation.",
    ],
    parts=[
        Number("d_ff", "hidden_for('swiglu', 768)", rtol=0, what="your d_ff"),
    ],
)
