"""The training study's exercises (book/training.ipynb)."""

from . import Choice, Expression, Number, Problem

#: What the chapter has defined when its exercises start, as far as the
#: answers need it. The study trains 28 functions; the exercises read only the
#: four in `few`, and `loss` and `acc` here hold those four: the same seeds and
#: the same training as the chapter's, so the same numbers: in the chapter's kernel the very
#: runs it made (cached_checkerboard_study), elsewhere (grading) about a second of training.
SETUP = """
import numpy as np
import sympy as sp

import acts
from acts.experiments import cached_checkerboard_study

few = ["relu", "elu", "selu", "tanh"]
_results = {name: cached_checkerboard_study(name, seeds=range(5)) for name in few}
acc = {n: r["test_accuracy"] for n, r in _results.items()}
loss = {n: r["train_loss"] for n, r in _results.items()}


def _margin(metric, a, b):
    spread = max(metric[a].std(ddof=1), metric[b].std(ddof=1))
    return (metric[a].mean() - metric[b].mean()) / spread


def _surviving(metric, names):
    return sum(
        _margin(metric, a, b) > 2 for a in names for b in names if a != b
    )
"""

duplicate = Problem(
    "training-ex-duplicate",
    SETUP,
    hints=[
        "acts.swish.symbols maps parameter names to their SymPy symbols.",
        "expr.subs(symbol, 1) substitutes a value.",
    ],
    parts=[
        Expression("swish_1", "acts.silu.expr", what="your swish with β = 1"),
        Expression(
            "celu_1",
            "acts.elu.expr.subs(acts.elu.symbols['alpha'], 1)",
            what="your celu with α = 1",
        ),
    ],
)

margin = Problem(
    "training-ex-margin",
    SETUP,
    hints=[
        "loss['elu'] is an array of five final losses, one per seed.",
        "np.std(..., ddof=1) is the sample standard deviation.",
    ],
    parts=[
        Number("margin", "_margin(loss, 'elu', 'selu')", what="your margin"),
        Choice(
            "bool(may_write)",
            choices=[True, False],
            right=False,
            what="your decision",
            feedback={
                True: "SELU's mean loss is lower, but the difference is less "
                "than twice the larger standard deviation: with this spread "
                "over five seeds the order could be noise, and the chapter's "
                "rule asks for a margin above 2",
            },
        ),
    ],
)

pairs = Problem(
    "training-ex-pairs",
    SETUP,
    hints=[
        "Loop over a in few and b in few, skipping a == b.",
        "For n_all, drop the rule and count: how many choices for A, and then for B?",
    ],
    parts=[
        Number("n_pairs", "_surviving(acc, few)", what="your count"),
        Number(
            "n_all", "len(few) * (len(few) - 1)", what="your number of pairs"
        ),
    ],
)
