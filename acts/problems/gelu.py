"""The GELU chapter's exercises (book/gelu.ipynb): references, points, hints, feedback."""

from . import Choice, Expression, Number, Problem

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
from scipy.optimize import minimize_scalar
from scipy.special import expit
_xs = np.linspace(0, 10, 20001)
"""

tanh_derivative = Problem(
    "gelu-ex-tanh-derivative",
    SETUP,
    hints=[
        "Build the expression from sp.tanh, sp.sqrt(2 / sp.pi) and x, then let SymPy "
        "differentiate it.",
        "To check it by hand: the product rule on x/2·(1 + tanh u), then the chain rule on "
        "tanh u. Which identity gives the derivative of tanh?",
    ],
    parts=[
        Expression("d_tanh_form", "sp.diff(gelu_t, x)", what="your derivative"),
    ],
)

sigmoid_c = Problem(
    "gelu-ex-sigmoid-c",
    SETUP,
    hints=[
        "Write the worst error max|x·σ(cx) − GELU(x)| as a function of c, on a grid of x. Is the "
        "error even or odd in x? That tells you which x the grid needs.",
        "scipy.optimize.minimize_scalar with method='bounded' finds the c; the claim's c is a "
        "good place to start the bounds. Check that your c beats it.",
    ],
    parts=[
        Number(
            "c_best",
            "minimize_scalar(lambda c: np.max(np.abs(_xs * expit(c * _xs) - acts.gelu(_xs))), "
            "bounds=(1.5, 2.0), method='bounded', options={'xatol': 1e-9}).x",
            atol=2e-3,
            rtol=0,
            what="your c_best",
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
