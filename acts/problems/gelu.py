"""The GELU chapter's exercises (book/gelu.ipynb): references, points, hints, feedback."""

from . import Choice, Expression, Function, Problem

#: What the chapter has defined when its exercises start; the answers may use all of it.
SETUP = """
import mpmath
import numpy as np
import sympy as sp

import acts
from acts.symbolic import derivative, equal, proved_equal

x = acts.symbolic.x
gelu = acts.gelu.expr
u = sp.sqrt(2 / sp.pi) * (x + sp.Rational(44715, 10**6) * x**3)
gelu_tanh_textbook = x / 2 * (1 + sp.tanh(u))
gelu_erf_textbook = x / 2 * (1 + sp.erf(x / sp.sqrt(2)))
gelu_t = acts.gelu.expr_at(approximate="tanh")
d_gelu = derivative(acts.gelu)
"""

tanh_derivative = Problem(
    "gelu-ex-tanh-derivative",
    SETUP,
    hints=[
        "Build the expression from sp.tanh, sp.sqrt(2 / sp.pi) and x, then call sp.diff(expr, x).",
        "By hand: d/dx tanh(u) = (1 − tanh²(u))·u', with u' = √(2/π)(1 + 3·0.044715x²).",
    ],
    parts=[
        Expression("d_tanh_form", "sp.diff(gelu_t, x)", what="your derivative"),
    ],
)

grad = Problem(
    "gelu-ex-grad",
    SETUP,
    hints=[
        "GELU'(x) = Φ(x) + x·φ(x), with φ(x) = exp(−x²/2)/√(2π).",
        "np.exp(-x**2 / 2) is 0 (not a warning) for huge |x|, and x·0 = 0 for finite x.",
    ],
    parts=[
        Function(
            "gelu_grad",
            "acts.gelu.grad",
            forbid_acts=True,
            what="your gelu_grad",
        ),
    ],
)

minus_zero = Problem(
    "gelu-ex-minus-zero",
    SETUP,
    hints=[
        "erf(−9/√2) is −1 + 2·10⁻¹⁹. How close to −1 can a float64 be?",
        "erfc(z) is computed directly for large z; 1 + erf(z) is a "
        "difference of two numbers near 1.",
    ],
    parts=[
        Choice(
            "answer",
            choices=["a", "b"],
            right="a",
            what="your answer",
            feedback={
                "b": "erfc(9/√2) ≈ 2·10⁻¹⁹ is computed directly, to full "
                "relative precision, so b returns −1.0e-18; it is "
                "1 + erf(−9/√2) that rounds to 0",
            },
        ),
    ],
)
