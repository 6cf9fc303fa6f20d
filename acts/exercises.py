"""The book's exercises: checks that say where an answer is wrong, and hints by number.

The older API, kept for chapters not yet converted: `acts.problems` defines an exercise once
(references, points per part, feedback per choice) and grades it where student code cannot
reach; a chapter still on this API is graded by nbgrader with its checks as hidden tests.
These checkers are also what `acts.problems` uses to compare an answer with its reference.

One `Exercise` per exercise, created in a cell under its statement:

    >>> import acts
    >>> from acts.exercises import Exercise
    >>> ex = Exercise("sigmoid-ex-stable-grad", hints=["σ' is even.", "Use t = e^{-|x|}."])
    >>> ex.hint(2)
    Hint 2 of 2: Use t = e^{-|x|}.
    >>> ex.check_function(lambda x: acts.sigmoid.grad(x), acts.sigmoid.grad)
    Correct: your function matches acts.sigmoid.grad at 225 points, tails included.
    >>> naive = lambda x: acts.sigmoid(x) * (1 - acts.sigmoid(x))
    >>> ex.check_function(  # doctest: +NORMALIZE_WHITESPACE
    ...     naive, acts.sigmoid.grad, what="your derivative"
    ... )
    Traceback (most recent call last):
    ...
    acts.exercises.WrongAnswer: your derivative is off at x = 20: expected 2.0611536e-09,
    got 2.0611537e-09, a relative error of 3.6e-08 (wrong at 7 of 225 points, x from 20 to 700)

In a notebook the cell's output shows the hints collapsed (HTML <details>), on the website as
in Jupyter. A wrong answer raises `WrongAnswer`, an AssertionError (what an autograder counts),
that Jupyter shows as one line without the checker's traceback. It names what is wrong:

- a value off at some x, with the expected and the received value, on a grid that includes
  the tails and both sides of the reference's kinks;
- ``None`` returned (a missing ``return``), NaN, the wrong shape or dtype, an input modified
  in place, an exception raised inside the answer (its type, message and line);
- an untouched stub: nbgrader's ``raise NotImplementedError()``, or a variable left at
  ``NotImplemented`` (what `acts.assignments` gives a variable answer in a student release),
  is "not attempted yet" (`NotAttempted`);
- an answer that runs longer than `time_limit` seconds (an endless loop) is stopped.

The cell layout of an exercise (see the sigmoid chapter): the ``{exercise}`` directive; a code
cell tagged ``remove-input`` creating the Exercise; the answer cell, tagged
``exercise-answer``, with the solution between ``### BEGIN SOLUTION`` and ``### END SOLUTION``
inside ``{solution-start}`` / ``{solution-end}``; then the check cell, tagged
``exercise-check``. `acts.assignments` turns those tags into nbgrader's metadata.
"""

from __future__ import annotations

import contextlib
import html
import math
import signal
import threading
import traceback
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from .symbolic import equal, sample_values

__all__ = ["Exercise", "WrongAnswer", "NotAttempted"]


class WrongAnswer(AssertionError):
    """A wrong answer. An AssertionError, so that nbgrader and pytest count it as a failure."""

    def _render_traceback_(self) -> list[str]:
        # IPython shows this instead of a traceback through the checker's own code: the
        # student's mistake is the message, not where in acts it was found.
        return [f"\x1b[0;31m{type(self).__name__}\x1b[0m: {self}"]


class NotAttempted(WrongAnswer):
    """The answer cell still holds the stub of the student release."""


class _TimeLimit(BaseException):
    # BaseException, so that a student's `except Exception:` cannot swallow it.
    pass


@contextlib.contextmanager
def _time_limit(seconds: float | None):
    """Raise _TimeLimit in the block after `seconds` of CPU time, where SIGPROF exists.

    CPU time, not wall-clock time, so that a loaded machine (a class graded in parallel) does
    not fail a correct but slow answer. Signals reach Python code between bytecodes, so a Python
    loop is stopped; a single long NumPy call finishes first. Off the main thread or without
    SIGPROF (Windows) there is no limit.
    """
    usable = (
        seconds
        and hasattr(signal, "setitimer")
        and hasattr(signal, "SIGPROF")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def on_alarm(signum, frame):
        raise _TimeLimit

    previous = signal.signal(signal.SIGPROF, on_alarm)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def _describe(reference) -> str:
    owner = getattr(reference, "__self__", None)
    if owner is not None:  # a bound method such as acts.sigmoid.grad
        return f"acts.{owner.name}.{reference.__name__}"
    name = getattr(reference, "name", None)
    return f"acts.{name}" if name else "the reference"


def _kinks(reference, params: Mapping[str, Any]) -> tuple[float, ...]:
    """The kinks of the activation behind `reference` (a.grad or a itself), at `params`."""
    for owner in (getattr(reference, "__self__", None), reference):
        if hasattr(owner, "kinks_at"):
            return tuple(owner.kinks_at(**params))
        if hasattr(owner, "kinks") and not callable(owner.kinks):
            return tuple(owner.kinks)
    return ()


#: The tails every function check visits unless tails=False: where exp overflows (709.8),
#: where 1 − σ cancels (37), and a few orders of magnitude beyond.
TAILS = (
    12.0,
    15.0,
    20.0,
    30.0,
    40.0,
    50.0,
    100.0,
    500.0,
    700.0,
    710.0,
    750.0,
    1000.0,
)


def _grid(kinks=(), tails: bool = True, points=()) -> np.ndarray:
    """x = -10, -9.9, ..., 10 (exact decimals), the tails, each kink and both its neighbours."""
    xs = list(np.arange(-100, 101) / 10)
    if tails:
        xs += [s * t for t in TAILS for s in (-1.0, 1.0)]
    for k in kinks:
        k = float(k)
        xs += [
            k,
            float(np.nextafter(k, -np.inf)),
            float(np.nextafter(k, np.inf)),
        ]
    xs += [float(p) for p in points]
    return np.unique(np.array(xs, dtype=np.float64))


def _fmt_x(v: float) -> str:
    short = f"{v:g}"
    return short if float(short) == v else repr(float(v))


def _fmt_pair(expected: float, got: float) -> tuple[str, str]:
    """Both numbers with the fewest significant digits (at least 7) that tell them apart.

    Up to 17 digits, so that two different doubles never print alike.
    """
    for digits in range(7, 18):
        e, g = f"{expected:.{digits}g}", f"{got:.{digits}g}"
        if e != g:
            return e, g
    return repr(expected), repr(got)


def _name_of(answer, default: str) -> str:
    name = getattr(answer, "__name__", "")
    return f"your {name}" if name.isidentifier() else default


def _where(exc: BaseException) -> str:
    """' (line 3 of sigmoid_grad: `return t / u`)': the innermost frame of the student's code."""
    frames = [
        f
        for f in traceback.extract_tb(exc.__traceback__)
        if f.filename != __file__
        and "site-packages" not in f.filename
        and "/numpy/" not in f.filename
        and "/sympy/" not in f.filename
    ]
    if not frames:
        return ""
    f = frames[-1]
    line = f" `{f.line.strip()}`" if f.line else ""
    return f" (line {f.lineno} of {f.name}:{line})"


def _not_attempted(label: str) -> NotAttempted:
    return NotAttempted(
        f"{label} is not attempted yet: write your answer in the answer cell (where it says "
        "`# YOUR CODE HERE`), run that cell, then this one."
    )


class Exercise:
    """One exercise: its label (as in the ``{exercise}`` directive), its hints and its checks.

    `time_limit` (seconds) bounds each call of a student's function.
    """

    def __init__(
        self, label: str, hints: Sequence[str] = (), *, time_limit: float = 10.0
    ) -> None:
        self.label = label
        self.hints = list(hints)
        self.time_limit = time_limit

    # -- hints ------------------------------------------------------------------------------

    def hint(self, n: int = 1) -> None:
        """Print hint number `n` (1-based)."""
        if not self.hints:
            print(f"Exercise {self.label} has no hints.")
        elif not 1 <= n <= len(self.hints):
            print(
                f"Exercise {self.label} has hints 1 to {len(self.hints)}; there is no hint {n}."
            )
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

    # -- running the student's code ---------------------------------------------------------

    def _call(
        self, fn: Callable, what: str, x: np.ndarray, params: Mapping[str, Any]
    ):
        """fn(x, **params) with a time limit; its failures become WrongAnswer messages."""
        try:
            with (
                _time_limit(self.time_limit),
                np.errstate(all="ignore"),
                warnings.catch_warnings(),
            ):
                warnings.simplefilter("ignore")
                return fn(x, **params)
        except _TimeLimit:
            raise WrongAnswer(
                f"{what} did not finish within {self.time_limit:g} s of CPU time "
                f"on {x.size} points: "
                "is there a loop that never ends?"
            ) from None
        except WrongAnswer:
            raise
        except NotImplementedError as exc:
            # nbgrader's stub; a library's NotImplementedError has a message
            if not exc.args:
                raise _not_attempted(self.label) from None
            raise WrongAnswer(
                f"{what} raised NotImplementedError: {exc}{_where(exc)}"
            ) from None
        except Exception as exc:
            # the student's bug, reported instead of crashing the notebook
            advice = ""
            if "truth value of an array" in str(exc):
                advice = (
                    " — it must work on a whole NumPy array at once: use np.where or a "
                    "mask instead of `if`"
                )
            raise WrongAnswer(
                f"{what} raised {type(exc).__name__}: {exc}{_where(exc)}"
                f"{advice}"
            ) from None

    @staticmethod
    def _unanswered(answer: Any, label: str, what: str, verb: str) -> None:
        if answer is NotImplemented:
            raise _not_attempted(label)
        if answer is None:
            raise WrongAnswer(f"{what} is None: did you forget to {verb}?")

    # -- checks -----------------------------------------------------------------------------

    def check_function(
        self,
        answer: Callable | None,
        reference: Callable,
        *,
        tails: bool = True,
        rtol: float = 1e-9,
        what: str | None = None,
        params: Mapping[str, Any] | None = None,
        dtypes: Sequence[Any] = (np.float64,),
        points: Sequence[float] = (),
        atol: float = 0.0,
    ) -> None:
        """Compare `answer(x, **params)` with `reference(x, **params)` elementwise.

        The grid is x = -10, -9.9, ..., 10, the tails (±12 ... ±1000) unless tails=False, every
        kink of the reference's activation (``a.kinks`` for ``a`` or ``a.grad``) with both its
        floating-point neighbours, and any extra `points`. Each dtype in `dtypes` is tried; the
        answer must return that dtype and the input's shape, and leave its input unchanged.
        `atol` is an absolute tolerance besides `rtol`, for outputs that are tiny next to the
        others (log-softmax entries near 0 in a vector whose entries reach −2000).
        """
        what = what or _name_of(answer, "your function")
        self._unanswered(
            answer, self.label, what, "define it, or to run its cell"
        )
        if not callable(answer):
            raise WrongAnswer(
                f"{what} should be a function, got {type(answer).__name__} {answer!r}"
            )
        params = dict(params or {})
        xs = _grid(_kinks(reference, params), tails, points)
        for dtype in map(np.dtype, dtypes):
            x_in = xs.astype(dtype)
            x_before = x_in.copy()
            # The reference at the points the answer sees (0.1 in float32 is not 0.1).
            x_seen = x_in.astype(np.float64)
            expected = np.asarray(reference(x_seen, **params), dtype=np.float64)
            got = self._call(answer, what, x_in, params)
            if got is None:
                raise WrongAnswer(
                    f"{what} returned None: did you forget a `return`?"
                )
            if not np.array_equal(x_in, x_before, equal_nan=True):
                i = int(np.flatnonzero(x_in != x_before)[0])
                raise WrongAnswer(
                    f"{what} changed its input in place (x = {_fmt_x(x_before[i])} became "
                    f"{_fmt_x(x_in[i])}): leave x alone and compute into a new array "
                    "(np.where, or y = x.copy() first)"
                )
            got = np.asarray(got)
            if got.shape != xs.shape:
                raise WrongAnswer(
                    f"{what} returned shape {got.shape} for an input of shape {xs.shape}: it must "
                    "work elementwise, one output per input"
                )
            if got.dtype != dtype:
                raise WrongAnswer(
                    f"{what} returned dtype {got.dtype} for a {dtype} input: return {dtype}, like "
                    "the input (integer and boolean results lose the derivative's values)"
                )
            self._compare(
                what,
                x_seen,
                expected,
                got.astype(np.float64),
                max(rtol, 64 * float(np.finfo(dtype).eps)),
                max(atol, float(np.finfo(dtype).tiny)),
            )
        where = ", tails included" if tails else ""
        kinds = (
            ""
            if len(dtypes) == 1
            else f" in {', '.join(str(np.dtype(d)) for d in dtypes)}"
        )
        print(
            f"Correct: {what} matches {_describe(reference)} at {xs.size} points{where}{kinds}."
        )

    @staticmethod
    def _compare(what, xs, expected, got, rtol, atol) -> None:
        nan = np.isnan(got) & ~np.isnan(expected)
        bad = nan | ~np.isclose(
            got, expected, rtol=rtol, atol=atol, equal_nan=True
        )
        if not bad.any():
            return
        # Report the failing point nearest 0: where a reader looks first.
        idx = np.flatnonzero(bad)
        i = int(idx[np.argmin(np.abs(xs[idx]))])
        e, g = _fmt_pair(float(expected[i]), float(got[i]))
        if nan[i]:
            message = (
                f"{what} returned NaN at x = {_fmt_x(xs[i])} (expected {e}): look for "
                "inf/inf, inf − inf or 0·inf, an overflow on the way"
            )
        else:
            message = (
                f"{what} is off at x = {_fmt_x(xs[i])}: expected {e}, got {g}"
            )
            if (
                np.isfinite(expected[i])
                and np.isfinite(got[i])
                and expected[i] != 0
            ):
                rel = abs(float(got[i]) - float(expected[i])) / abs(
                    float(expected[i])
                )
                message += f", a relative error of {rel:.2g}"
        if idx.size > 1:
            message += (
                f" (wrong at {idx.size} of {xs.size} points, x from "
                f"{_fmt_x(xs[idx].min())} to {_fmt_x(xs[idx].max())})"
            )
        if nan.any() and not nan[i]:
            message += f"; NaN at x = {_fmt_x(xs[np.flatnonzero(nan)[0]])}"
        raise WrongAnswer(message)

    def check_expression(
        self,
        answer: Any,
        expected: Any,
        *,
        what: str = "your expression",
        subs: Mapping[Any, Any] | None = None,
    ) -> None:
        """Accept any SymPy expression equal to `expected` (acts.symbolic.equal).

        `subs` is applied to the answer first (``{s: sigma}`` to check an answer written in a
        symbol s that stands for σ(x)). Symbols are matched by name, so an answer written with
        ``sp.Symbol("x")`` is compared as if it used the book's real x.
        """
        import sympy

        self._unanswered(answer, self.label, what, "assign it")
        try:
            got = sympy.sympify(answer)
        except (sympy.SympifyError, TypeError, SyntaxError):
            raise WrongAnswer(
                f"{what} should be a SymPy expression, got {type(answer).__name__} {answer!r}"
            ) from None
        if not isinstance(got, sympy.Basic):
            raise WrongAnswer(
                f"{what} should be a SymPy expression, got {type(answer).__name__}"
            )
        if subs:
            got = got.subs(subs)
        expected = sympy.sympify(expected)
        by_name = {s.name: s for s in expected.free_symbols}
        got = got.subs(
            {
                s: by_name[s.name]
                for s in got.free_symbols
                if s.name in by_name and s != by_name[s.name]
            }
        )
        extra = sorted(s.name for s in got.free_symbols - expected.free_symbols)
        try:
            # A symbol that cancels (y2·s + (1 − y1 − y2)·s) is no mistake: compare first.
            same = equal(got, expected)
        except Exception as exc:
            # e.g. an unevaluated function or a complex value
            raise WrongAnswer(
                f"{what}, {answer}, could not be evaluated: "
                f"{type(exc).__name__}: {exc}"
            ) from None
        if not same and extra:
            allowed = sorted({*by_name, *(str(k) for k in (subs or {}))}) or [
                "no symbols"
            ]
            raise WrongAnswer(
                f"{what}, {answer}, contains {', '.join(extra)}: write it in "
                f"{', '.join(allowed)} only"
            )
        if not same:
            raise WrongAnswer(
                f"{what}, {answer}, is not equal to the expected expression"
                + self._where_differs(got, expected)
            )
        print(f"Correct: {what} is equal to the expected expression.")

    @staticmethod
    def _where_differs(got, expected) -> str:
        """': at x = 0.5 it is ..., expected ...' at the first sample point where they differ."""
        import mpmath
        import sympy

        symbols = sorted(expected.free_symbols, key=lambda s: s.name)
        # a number: say which way it is off, not what it should be
        if not symbols:
            try:
                return (
                    ": it is too large"
                    if float(got) > float(expected)
                    else ": it is too small"
                )
            except (TypeError, ValueError):
                return ""
        fg = sympy.lambdify(symbols, got, modules="mpmath")
        fe = sympy.lambdify(symbols, expected, modules="mpmath")
        columns = [sample_values(s, 40, seed=i) for i, s in enumerate(symbols)]
        with mpmath.workdps(30):
            for point in zip(*columns):
                try:
                    g, e = fg(*point), fe(*point)
                    if abs(g - e) > 1e-15 * max(1, abs(e)):
                        at = ", ".join(
                            f"{s} = {v:g}" for s, v in zip(symbols, point)
                        )
                        es, gs = _fmt_pair(float(e), float(g))
                        return f": at {at} it is {gs}, expected {es}"
                except (TypeError, ValueError, ZeroDivisionError):
                    continue
        return ""

    def check_number(
        self,
        answer: Any,
        expected: float,
        *,
        rtol: float = 1e-6,
        atol: float = 0.0,
        what: str = "your number",
    ) -> None:
        """Accept a number within `rtol` (relative) or `atol` (absolute) of `expected`.

        A wrong number is said to be too large or too small, not what it should be.
        """
        self._unanswered(answer, self.label, what, "assign it")
        if np.ndim(answer) != 0:
            raise WrongAnswer(
                f"{what} should be one number, got an array of shape {np.shape(answer)}"
            )
        try:
            value = float(answer)
        except (TypeError, ValueError):
            raise WrongAnswer(
                f"{what} should be a number, got {type(answer).__name__} {answer!r}"
            ) from None
        if math.isnan(value):
            raise WrongAnswer(f"{what} is NaN")
        if not np.isclose(value, float(expected), rtol=rtol, atol=atol):
            size = "too large" if value > float(expected) else "too small"
            raise WrongAnswer(f"{what} is {value:.10g}, which is {size}")
        # not the number: a book's page shows this line
        print(f"Correct: {what} is right.")

    def check_choice(
        self,
        answer: Any,
        expected: Any,
        *,
        choices: Sequence[Any],
        what: str = "your choice",
    ) -> None:
        """Accept the one right option out of `choices`."""
        self._unanswered(answer, self.label, what, "assign it")
        if answer not in choices:
            raise WrongAnswer(
                f"{what} must be one of {list(choices)}, got {answer!r}"
            )
        if answer != expected:
            advice = (
                ": the hints can help (.hint(1) on the exercise)"
                if self.hints
                else ""
            )
            raise WrongAnswer(f"{what}, {answer!r}, is not right{advice}")
        # not the choice: a book's page shows this line
        print(f"Correct: {what} is right.")
