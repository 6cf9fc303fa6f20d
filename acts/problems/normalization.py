"""The normalization chapter's exercises (book/normalization.ipynb): references, points, hints,
feedback."""

from . import Choice, Expression, Function, Number, Problem

#: What the chapter has defined when its exercises start; the answers may use all of it.
SETUP = """
import numpy as np
import sympy as sp

import acts
from acts.norms import BatchNorm, batch_norm, layer_norm, rms_norm
"""

two = Problem(
    "norm-ex-two",
    SETUP,
    hints=[
        "Write x1 = x2 + d: what are the mean and the two centred values, in terms of d?",
        "SymPy simplifies the square root of a square only if it knows the sign of what is "
        "squared: that is why d is declared positive.",
    ],
    parts=[
        Expression("y1", "sp.Integer(1)", what="your y1"),
        Expression("dy1_dx1", "sp.Integer(0)", what="your dy1/dx1"),
    ],
)

implement = Problem(
    "norm-ex-implement",
    SETUP,
    hints=[
        "np.mean(x * x) - np.mean(x) ** 2 is the variance in exact arithmetic only: see "
        "Implementation.",
        "The Implementation section says in which order to subtract and square so that no "
        "digit is lost; ε goes where the Definition puts it.",
    ],
    parts=[
        Function(
            "normalise", "layer_norm", forbid_acts=True, what="your normalise"
        ),
        Function(
            "lambda v: normalise(v + 1e8)",
            "lambda v: layer_norm(v + 1e8)",
            what="your normalise at x + 1e8",
        ),
    ],
)

first_layer = Problem(
    "norm-ex-first-layer",
    SETUP,
    hints=[
        "Multiply x by c > 0: what happens to z = W x, and what does layer norm do with a "
        "scaled group?",
        "The Properties table lists the changes of its group that layer norm does not see: "
        "which of them does scaling x make in z?",
    ],
    parts=[
        Choice(
            "kept",
            choices=[
                "everything about x",
                "only its direction x/|x|",
                "only its length |x|",
                "nothing",
            ],
            right="only its direction x/|x|",
            what="your answer",
            feedback={
                "everything about x": "W(cx) = c·Wx and layer norm removes any positive "
                "scale of its group, so x and 3x, two different inputs, give the same "
                "output",
                "only its length |x|": "the length is exactly what is lost: scaling x "
                "scales z = Wx, which layer norm undoes, while two inputs of the same "
                "length in different directions give different outputs",
                "nothing": "inputs in different directions give z = Wx that are not "
                "multiples of each other, and layer norm keeps that difference: compare "
                "layer_norm(W0 @ x0) with x0 rotated by 90°",
            },
        ),
    ],
)

running = Problem(
    "norm-ex-running",
    SETUP,
    hints=[
        "The update is r ← (1 − momentum)·r + momentum·s. Which variance is s?",
        "The Definition section says which variance the running statistic is updated with, "
        "and that it is not the one that normalises the batch.",
    ],
    parts=[
        Number(
            "after",
            "0.9 * 1.0 + 0.1 * np.var([1.0, 2.0, 6.0], ddof=1)",
            what="your running_var",
        ),
    ],
)
