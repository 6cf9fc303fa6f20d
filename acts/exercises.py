"""Checkers for the book's exercises: they say where an answer is wrong, not just that it is.

    >>> import acts
    >>> from acts.exercises import check_function
    >>> check_function(lambda x: 1 / (1 + 2.718281828459045 ** -x), acts.sigmoid, tails=False)
    Correct: your function matches acts.sigmoid at 201 points, tails included.

A wrong answer raises AssertionError (which is what an autograder counts) with the input, the
expected and the received value.
"""

from __future__ import annotations

import numpy as np

from .symbolic import equal

__all__ = ["check_function", "check_expression"]


def _grid(tails: bool) -> np.ndarray:
    xs = np.linspace(-10, 10, 201)
    if tails:
        xs = np.concatenate([xs, [-1000.0, -100.0, -40.0, 40.0, 100.0, 1000.0]])
    return xs


def _describe(reference) -> str:
    owner = getattr(reference, "__self__", None)
    if owner is not None:  # a bound method such as acts.sigmoid.grad
        return f"acts.{owner.name}.{reference.__name__}"
    return f"acts.{getattr(reference, 'name', reference)}"


def check_function(answer, reference, *, tails: bool = True, rtol: float = 1e-9, what="your function"):
    """Compare `answer(x)` with `reference(x)` on a grid (and in the tails unless tails=False)."""
    if answer is None:
        raise AssertionError(f"{what} is None: did you forget to define it, or a `return`?")
    xs = _grid(tails)
    expected = np.asarray(reference(xs), dtype=np.float64)
    with np.errstate(all="ignore"):
        got = np.asarray(answer(xs.copy()), dtype=np.float64)
    if got.shape != expected.shape:
        raise AssertionError(f"{what} returned shape {got.shape} for an input of shape {xs.shape}")
    bad = ~np.isclose(got, expected, rtol=rtol, atol=1e-300, equal_nan=False)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise AssertionError(
            f"{what} is off at x = {xs[i]:g}: expected {expected[i]:.10g}, got {got[i]:.10g}"
        )
    print(f"Correct: {what} matches {_describe(reference)} at {xs.size} points, tails included.")


def check_expression(answer, expected, *, what="your expression"):
    """Accept any SymPy expression equal to `expected` (checked with acts.symbolic.equal)."""
    if answer is None:
        raise AssertionError(f"{what} is None: did you forget to assign it?")
    if not equal(answer, expected):
        raise AssertionError(f"{what}, {answer}, is not equal to the expected {expected}")
    print(f"Correct: {what} is equal to the expected expression.")
