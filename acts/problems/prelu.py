"""The PReLU chapter's exercises (book/prelu.ipynb): references, points, hints, feedback."""

from . import Choice, Expression, Number, Problem

#: What the chapter has defined when its exercises start; the answers may use all of it.
SETUP = """
import numpy as np
import sympy as sp

import acts
from acts.symbolic import derivative, equal

x = acts.symbolic.x
alpha = acts.prelu.symbols["alpha"]
f = acts.prelu.expr
d_x = derivative(acts.prelu)
d_alpha = derivative(acts.prelu, "alpha")
t = sp.Symbol("t", real=True)
# The channels check: finite differences of E = Σ g · prelu(z; α) in each α_c (E is linear in α).
z_check = np.random.default_rng(7).normal(size=(50, 3))
g_check = np.random.default_rng(8).normal(size=(50, 3))
alpha_check = np.array([0.1, 0.25, 0.5])


def energy(a):
    return np.sum(g_check * acts.prelu(z_check, alpha=a))


central = [(energy(alpha_check + 1e-3 * e) - energy(alpha_check - 1e-3 * e)) / 2e-3
           for e in np.eye(3)]
"""

loss_grad = Problem(
    "prelu-ex-loss-grad",
    SETUP,
    hints=[
        "Write E as a SymPy expression built from f and t, then let SymPy differentiate it in "
        "the slope symbol alpha (not in x).",
        "To check your result by hand: the chain rule gives the outer derivative times "
        "∂f/∂α, which the chapter derived above.",
    ],
    parts=[
        Expression("dE_dalpha", "(f - t) * d_alpha", what="your ∂E/∂α"),
    ],
)

channels = Problem(
    "prelu-ex-channels",
    SETUP,
    hints=[
        "acts.prelu.param_grad gives ∂f/∂α at every position, with the shape of z; "
        "what does the chain rule multiply it by?",
        "α_c is shared by every position of channel c: the chain rule adds up their "
        "contributions. Which axis of z runs over those positions?",
    ],
    parts=[
        Number(
            f"np.ravel(channel_alpha_grad(z_check, g_check, alpha_check))[{c}]",
            f"central[{c}]",
            rtol=1e-9,
            what=f"your ∂E/∂α for channel {c}",
        )
        for c in range(3)
    ],
)

decay = Problem(
    "prelu-ex-decay",
    SETUP,
    hints=[
        "The penalty's gradient is 2λα: it pulls every α towards which value?",
        "Look at the Properties table: which function is prelu at that α?",
    ],
    parts=[
        Choice(
            "pushed_towards",
            choices=["ReLU", "identity", "absolute value"],
            right="ReLU",
            what="your answer",
            feedback={
                "identity": "the identity is α = 1; the penalty λα² pulls α towards 0",
                "absolute value": "|x| is α = −1; the penalty λα² pulls α towards 0, not −1",
            },
        ),
    ],
)
