"""The SELU chapter's exercises (book/selu.ipynb): references, points, hints, feedback."""

from . import Choice, Expression, Number, Problem

#: What the chapter has defined when its exercises start; the answers may use all of it.
SETUP = '''
import mpmath
import numpy as np
import sympy as sp

import acts
from acts.symbolic import derivative, equal

x = acts.symbolic.x
alpha, lam = sp.symbols("alpha lambda", positive=True)
elu_alpha = acts.elu.expr.subs(acts.elu.symbols["alpha"], alpha).rewrite(sp.exp)
selu = lam * elu_alpha
d_selu = sp.diff(selu, x)
t = sp.Symbol("t", real=True)
phi = sp.exp(-t**2 / 2) / sp.sqrt(2 * sp.pi)


def gaussian_expectation(expr):
    """E[f(z)], z ~ N(0, 1), for a two-branch Piecewise in x (the x > 0 branch first)."""
    (right, _), (left, _) = sp.piecewise_fold(expr).args
    return (sp.integrate(right.subs(x, t) * phi, (t, 0, sp.oo))
            + sp.integrate(left.subs(x, t) * phi, (t, -sp.oo, 0)))


mean = sp.simplify(gaussian_expectation(selu))
second_moment = sp.simplify(gaussian_expectation(selu**2))
alpha_derived, lam_derived = sp.nsolve([mean, second_moment - 1], [alpha, lam], [1.7, 1.0],
                                       prec=40)
'''

lambda_of_alpha = Problem(
    "selu-ex-lambda",
    SETUP,
    hints=[
        "second_moment is λ² times an expression in α alone: look at it.",
        "Solve second_moment = 1 for lam (sp.solve) and keep the positive root.",
    ],
    parts=[
        Expression(
            "lam_of_alpha", "sp.sqrt(lam**2 / second_moment)", what="your λ(α)"
        ),
    ],
)

elu_default = Problem(
    "selu-ex-elu-default",
    SETUP,
    hints=[
        "mean and second_moment are expressions in alpha and lam: which of the two did the "
        "colleague get wrong, and what value did they use?",
        "Substitute both constants with .subs({...}) and convert with float().",
    ],
    parts=[
        Number(
            "wrong_mean",
            "mean.subs({alpha: 1, lam: lam_derived})",
            rtol=1e-6,
            what="your mean",
        ),
        Number(
            "wrong_second",
            "second_moment.subs({alpha: 1, lam: lam_derived})",
            rtol=1e-6,
            what="your second moment",
        ),
    ],
)

why_lambda = Problem(
    "selu-ex-why-lambda",
    SETUP,
    hints=[
        "The variance after one layer is E[selu(z)²] − E[selu(z)]², with the mean 0.",
        "Evaluate second_moment at α = alpha_derived and λ = 1.",
    ],
    parts=[
        Choice(
            "answer",
            choices=["grow", "shrink", "stay at 1"],
            right="shrink",
            what="your answer",
            feedback={
                "grow": "with λ = 1 the negative branch is squeezed into (−α, 0) and the positive "
                "one is the identity: E[selu(z)²] is below E[z²] = 1",
                "stay at 1": "λ ≈ 1.0507 is exactly the factor that makes the variance stay at 1; "
                "without it E[selu(z)²] ≈ 1/λ² < 1",
            },
        ),
    ],
)
