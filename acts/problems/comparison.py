"""The comparison chapter's exercises (book/comparison.ipynb): references, points, hints,
feedback."""

from . import Choice, Expression, Number, Problem

#: What the chapter has defined when its exercises start; the answers may use all of it.
SETUP = """
import numpy as np
import sympy as sp

import acts
from acts.properties import properties

s, z = sp.Symbol("s", positive=True), sp.Symbol("z", real=True)
leaky = acts.leaky_relu.expr.subs(
    {acts.leaky_relu.symbols["negative_slope"]: s, acts.leaky_relu.symbols["x"]: z}
)
gauss = sp.exp(-(z**2) / 2) / sp.sqrt(2 * sp.pi)
"""

leaky_mean = Problem(
    "comparison-ex-leaky-mean",
    SETUP,
    hints=[
        "Split the integral at 0, where leaky ReLU changes formula: on which half does the "
        "slope s multiply z?",
        "Substitute u = z²/2 in ∫₀^∞ z φ(z) dz; the negative half is its mirror image.",
    ],
    parts=[
        Expression(
            "leaky_mean",
            "sp.integrate(leaky * gauss, (z, -sp.oo, sp.oo))",
            what="your mean",
        ),
    ],
)

mish_min = Problem(
    "comparison-ex-mish-min",
    SETUP,
    hints=[
        "Plot acts.mish.grad on [-3, 0]: it changes sign once, between -2 and -1.",
        "brentq(f, a, b) needs a function that changes sign between a and b: which "
        "function is 0 where Mish is smallest?",
    ],
    parts=[
        Number(
            "mish_min",
            "properties('mish').range.lo",
            rtol=1e-10,
            what="your minimum of Mish",
        ),
    ],
)

zero_centred = Problem(
    "comparison-ex-zero-centred",
    SETUP,
    hints=[
        "Look up GELU's mean output in the properties table above.",
        "Stein's lemma: E[z·g(z)] = E[g'(z)] for z ~ N(0, 1). Take g = Φ: what is g'?",
    ],
    parts=[
        Choice(
            "answer",
            choices=["a", "b", "c", "d"],
            right="b",
            what="your answer",
            feedback={
                "a": "by Stein's lemma E[z Φ(z)] = E[φ(z)] = 1/(2√π) ≈ 0.28: GELU's "
                "negative values, never below about −0.17, cannot balance its positive "
                "side, which grows like x",
                "c": "GELU(x) = x Φ(x) is negative for every x < 0, with a minimum of "
                "about −0.17 near x = −0.75",
                "d": "the tanh form differs from the exact GELU by less than 10⁻³ "
                "everywhere, so its mean is about 0.28 too, not 0",
            },
        ),
    ],
)
