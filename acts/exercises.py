"""The book's exercises: checks that say where an answer is wrong, and hints by number.

One `Exercise` per exercise, created in a cell under its statement:

    >>> import acts
    >>> from acts.exercises import Exercise
    >>> ex = Exercise("sigmoid-ex-stable-grad", hints=["σ' is even.", "Use t = e^{-|x|}."])
    >>> ex.hint(2)
    Hint 2 of 2: Use t = e^{-|x|}.
    >>> ex.check_function(lambda x: acts.sigmoid.grad(x), acts.sigmoid.grad)
    Correct: your function matches acts.sigmoid.grad at 207 points, tails included.

In a notebook the cell's output shows the hints collapsed (HTML <details>), on the website as
in Jupyter. A wrong answer raises AssertionError, which is what an autograder counts, with the
input, the expected and the received value.

The cell layout of an exercise (see the sigmoid chapter): the ``{exercise}`` directive; a code
cell tagged ``remove-input`` creating the Exercise; the answer cell, tagged
``exercise-answer``, with the solution between ``### BEGIN SOLUTION`` and ``### END SOLUTION``
inside ``{solution-start}`` / ``{solution-end}``; then the check cell, tagged
``exercise-check``.
"""

from __future__ import annotations

import html
from typing import Any, Callable, Sequence

import numpy as np

from .symbolic import equal

__all__ = ["Exercise"]


def _describe(reference) -> str:
    owner = getattr(reference, "__self__", None)
    if owner is not None:  # a bound method such as acts.sigmoid.grad
        return f"acts.{owner.name}.{reference.__name__}"
    name = getattr(reference, "name", None)
    return f"acts.{name}" if name else "the reference"


def _grid(tails: bool) -> np.ndarray:
    xs = np.linspace(-10, 10, 201)
    if tails:
        xs = np.concatenate([xs, [-1000.0, -100.0, -40.0, 40.0, 100.0, 1000.0]])
    return xs


class Exercise:
    """One exercise: its label (as in the ``{exercise}`` directive), its hints and its checks."""

    def __init__(self, label: str, hints: Sequence[str] = ()) -> None:
        self.label = label
        self.hints = list(hints)

    # -- hints ------------------------------------------------------------------------------

    def hint(self, n: int = 1) -> None:
        """Print hint number `n` (1-based)."""
        if not self.hints:
            print(f"Exercise {self.label} has no hints.")
        elif not 1 <= n <= len(self.hints):
            print(f"Exercise {self.label} has hints 1 to {len(self.hints)}; there is no hint {n}.")
        else:
            print(f"Hint {n} of {len(self.hints)}: {self.hints[n - 1]}")

    def _repr_html_(self) -> str:
        items = "".join(
            f"<details><summary>Hint {i}</summary><p>{html.escape(h)}</p></details>"
            for i, h in enumerate(self.hints, 1)
        )
        return f'<div class="exercise-hints">{items}</div>'

    def __repr__(self) -> str:
        return f"Exercise({self.label!r}, {len(self.hints)} hints: ex.hint(1) shows the first)"

    # -- checks -----------------------------------------------------------------------------

    def check_function(self, answer: Callable | None, reference: Callable, *, tails: bool = True,
                       rtol: float = 1e-9, what: str = "your function") -> None:
        """Compare `answer(x)` with `reference(x)` on [-10, 10] and, unless tails=False, the tails."""
        if answer is None:
            raise AssertionError(f"{what} is None: did you forget to define it, or a `return`?")
        xs = _grid(tails)
        expected = np.asarray(reference(xs), dtype=np.float64)
        with np.errstate(all="ignore"):
            got = np.asarray(answer(xs.copy()), dtype=np.float64)
        if got.shape != expected.shape:
            raise AssertionError(f"{what} returned shape {got.shape} for an input of shape {xs.shape}")
        bad = ~np.isclose(got, expected, rtol=rtol, atol=1e-300)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise AssertionError(
                f"{what} is off at x = {xs[i]:g}: expected {expected[i]:.10g}, got {got[i]:.10g}")
        print(f"Correct: {what} matches {_describe(reference)} at {xs.size} points, tails included."
              if tails else f"Correct: {what} matches {_describe(reference)} at {xs.size} points.")

    def check_expression(self, answer: Any, expected: Any, *, what: str = "your expression") -> None:
        """Accept any SymPy expression equal to `expected` (acts.symbolic.equal)."""
        if answer is None:
            raise AssertionError(f"{what} is None: did you forget to assign it?")
        if not equal(answer, expected):
            raise AssertionError(f"{what}, {answer}, is not equal to the expected expression")
        print(f"Correct: {what} is equal to the expected expression.")

    def check_number(self, answer: Any, expected: float, *, rtol: float = 1e-6,
                     what: str = "your number") -> None:
        """Accept a number within relative tolerance `rtol` of `expected`."""
        if answer is None:
            raise AssertionError(f"{what} is None: did you forget to assign it?")
        if not np.isclose(float(answer), float(expected), rtol=rtol, atol=0):
            raise AssertionError(f"{what} is {float(answer):.10g}; expected {float(expected):.10g}")
        print(f"Correct: {what} is {float(answer):.10g}.")

    def check_choice(self, answer: Any, expected: Any, *, choices: Sequence[Any],
                     what: str = "your choice") -> None:
        """Accept the one right option out of `choices`."""
        if answer not in choices:
            raise AssertionError(f"{what} must be one of {list(choices)}, got {answer!r}")
        if answer != expected:
            raise AssertionError(f"{what}, {answer!r}, is not right: look at the hints")
        print(f"Correct: {answer!r}.")
