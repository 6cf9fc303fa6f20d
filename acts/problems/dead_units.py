"""The dead-units study's exercises (book/dead_units.ipynb)."""

from . import Choice, Expression, Number, Problem

#: What the chapter has defined when its exercises start, as far as the
#: answers need it: the layer of the first exercise, and of the study's
#: `results` the two runs the last exercise reads (ReLU and ReLU6 at learning
#: rate 0.3, five seeds, trained as in the chapter: the same numbers).
SETUP = """
import numpy as np
import sympy as sp

import acts
from acts.datasets import checkerboard
from acts.mlp import MLP

rng = np.random.default_rng(7)
H = np.abs(rng.normal(size=(6, 3)))
W = rng.normal(size=(3, 5))
b = np.array([0.5, -3.0, 0.0, -0.2, -10.0])
_dead = np.all(acts.relu.grad(H @ W + b) == 0, axis=0)

X, y = checkerboard(512, 3, seed=100)
STEPS, SEEDS = 50, range(5)


def _final_dead(name, lr, bias):
    net = MLP([2] + [32] * 3 + [1], name, init="he", seed=SEEDS, bias=bias)
    net.fit(X, y, steps=STEPS, lr=lr, batch_size=64)
    net.backward(X, y)
    return {"dead": net.unit_fractions()["dead"].mean(axis=-1)}


results = {(n, "lr 0.3"): _final_dead(n, 0.3, 0.0) for n in ("relu", "relu6")}


def dead(name, run):
    return results[name, run]["dead"]


def above(a, b):
    return a.mean() - b.mean() > 2 * max(a.std(ddof=1), b.std(ddof=1))
"""

#: Which units of the first exercise's layer are dead (`_dead` in SETUP).
_DEAD = [False, True, True, True, True]

by_hand = Problem(
    "dead-units-ex-by-hand",
    SETUP,
    hints=[
        "The pre-activations are Z = H @ W + b, one column per unit.",
        "ReLU's derivative is 0 for z ≤ 0 (acts.relu.grad(0) is 0): a unit is "
        "dead when every z in its column is ≤ 0.",
    ],
    parts=[
        Number(
            "int(np.sum(dead_units))",
            "_dead.sum()",
            what="your number of dead units",
        ),
        *(
            Choice(
                f"bool(dead_units[{unit}])",
                choices=[True, False],
                right=dead,
                what=f"your answer for unit {unit}",
                feedback={
                    (not dead): (
                        f"column {unit} of H @ W + b has a positive entry: "
                        "some example reaches the unit, so its gradient is "
                        "not 0 on the batch"
                        if dead is False
                        else f"every entry of column {unit} of H @ W + b is "
                        "≤ 0, where ReLU's derivative is 0: no example "
                        "passes a gradient to the unit's weights"
                    ),
                },
            )
            for unit, dead in enumerate(_DEAD)
        ),
    ],
)

bias = Problem(
    "dead-units-ex-bias",
    SETUP,
    hints=[
        "P(z ≤ 0) = P(N(0, 1) ≤ −b) = Φ(−b), with Φ(t) = (1 + erf(t/√2))/2.",
        "Solve Φ(−b) = 9/10 for b with sp.solve.",
    ],
    parts=[
        Expression(
            "b_90",
            "-sp.sqrt(2) * sp.erfinv(sp.Rational(4, 5))",
            points=2,
            what="your bias",
        ),
    ],
)

read = Problem(
    "dead-units-ex-read",
    SETUP,
    hints=[
        'results["relu6", "lr 0.3"]["dead"] holds one value per seed.',
        "The margin: difference of means above twice the larger sample "
        "standard deviation (ddof=1).",
    ],
    parts=[
        Number(
            "relu6_dead",
            "dead('relu6', 'lr 0.3').mean()",
            what="your dead fraction",
        ),
        Choice(
            "bool(more_dead)",
            choices=[True, False],
            right=False,
            what="your decision",
            feedback={
                True: "ReLU6's mean dead fraction at learning rate 0.3 is not "
                "above ReLU's by more than twice the larger standard "
                "deviation over the seeds, so the margin does not allow "
                "'more dead'",
            },
        ),
    ],
)
