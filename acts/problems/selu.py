"""The SELU chapter's exercises (book/selu.ipynb): references, points, hints, feedback."""

from . import Choice, Expression, Function, Problem

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
        "second_moment is λ² times an expression in α alone.",
        "second_moment.subs(lam, 1) is that expression in α; λ is the "
        "positive root of λ²·m₂(α) = 1.",
    ],
    parts=[
        Expression(
            "lam_of_alpha", "sp.sqrt(lam**2 / second_moment)", what="your λ(α)"
        ),
    ],
)

numpy_selu = Problem(
    "selu-ex-numpy",
    SETUP,
    hints=[
        "It is λ times ELU with α = 1.6732632423543772.",
        "Use np.expm1 on np.minimum(x, 0) for the negative branch.",
    ],
    parts=[
        Function("selu", "acts.selu", forbid_acts=True, what="your selu"),
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
