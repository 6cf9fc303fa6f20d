"""Exercises defined once, in Python: references, tolerances, parts with points, hints, feedback.

One module per chapter (``acts/problems/sigmoid.py``) defines that chapter's problems::

    SETUP = '''
    import numpy as np, sympy as sp, acts
    from acts.symbolic import x
    sigma = acts.sigmoid.expr
    '''
    stable_grad = Problem("sigmoid-ex-stable-grad", SETUP, hints=[...], parts=[
        Function("sigmoid_grad", "acts.sigmoid.grad", forbid_acts=True, points=2)])

A notebook carries only the statement, the answer cell and a one-line check::

    from acts.problems import sigmoid as problems     # the import cell
    ex_stable_grad = problems.stable_grad              # remove-input: shows the hints
    ex_stable_grad.check()                             # the check cell

`Problem.check` reads the answers (``sigmoid_grad``) from the notebook's globals, checks every
part, prints what is right, lists every part that is wrong with its partial credit (raising
`WrongAnswer` so that a broken solution fails the book's tests), and only prints "not attempted
yet" for an untouched stub, so that "Run All" on a student release reaches the end.

References are strings evaluated in the chapter's ``SETUP`` namespace, never in the student's:
no expected answer appears in a notebook. For marks, `acts.problems.grader` runs the student's
answer cells in a separate, resource-limited process and sends back only data (the answer's
values on the grid, an expression's ``srepr``, a number, a choice); this module's ``judge``
methods compare that data with the references in the grading process, which never runs student
code. Monkeypatching the checker, editing setup cells or redefining ``check`` changes nothing.

Converting a chapter from `acts.exercises` (its check cells call ``ex.check_function(...)``):

1. Create ``acts/problems/<chapter>.py`` (the notebook's file name): ``SETUP``, the code of the
   chapter's cells that its answer cells and references need (imports, ``x``, the symbols);
   then one `Problem` per exercise, with the label and hints of its ``Exercise(...)`` and one
   part per ``check_*`` call: ``check_function(ans, ref, **kw)`` → ``Function("ans", "ref",
   **kw)`` (``points=`` becomes ``points_at=``; add ``forbid_acts=True`` where the statement
   says "do not call acts"), ``check_expression`` → `Expression` (``subs={s: sigma}`` →
   ``subs={"s": "sigma"}``), ``check_number`` → `Number`, ``check_choice`` → `Choice` with
   ``right=`` and a ``feedback`` sentence for each wrong option. References are strings
   evaluated in ``SETUP``; answers are strings evaluated in the student's namespace (a name,
   or ``"lambda v: f(v, 0.2)"``). Set ``points=`` per part.
2. In the notebook: ``from acts.exercises import Exercise`` → ``from acts.problems import
   <chapter> as problems``; each ``ex = Exercise(...)`` cell → ``ex = problems.<name>`` and
   ``ex``; each check cell → ``ex.check()``. Move any line after ``### END SOLUTION`` that uses
   the answer's names (other than displaying one) inside the solution, so that the student's
   copy runs top to bottom.
3. Run the chapter's nbval and ``tests/test_release.py``.
"""

from __future__ import annotations

import ast
import base64
import contextlib
import importlib
import inspect
import io
import re
import sys
import types
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..exercises import (
    Exercise,
    NotAttempted,
    WrongAnswer,
    _grid,
    _kinks,
    _not_attempted,
    _TimeLimit,
)

__all__ = [
    "Problem",
    "Function",
    "Expression",
    "Number",
    "Choice",
    "Result",
    "problem",
    "chapter_problems",
    "setup_namespace",
]


# --------------------------------------------------------------------------- namespaces

_SETUPS: dict[str, dict] = {}


def setup_namespace(setup: str, fresh: bool = False) -> dict:
    """The namespace `setup` code defines (cached: references are evaluated here, read-only)."""
    if fresh or setup not in _SETUPS:
        ns: dict = {"__name__": "__exercise__"}
        exec(compile(setup, "<exercise setup>", "exec"), ns)
        if fresh:
            return ns
        _SETUPS[setup] = ns
    return _SETUPS[setup]


def _evaluate(source: str, ns: Mapping[str, Any]) -> Any:
    return eval(compile(source, "<reference>", "eval"), dict(ns))


def answer_names(source: str) -> list[str]:
    """The names an answer expression reads (`lambda v: f(v, 0.2)` reads f)."""
    tree = ast.parse(source, mode="eval")
    bound = {
        a.arg
        for n in ast.walk(tree)
        if isinstance(n, ast.Lambda)
        for a in n.args.args
    }
    names = []
    for n in ast.walk(tree):
        if isinstance(n, ast.Name) and n.id not in bound and n.id not in names:
            names.append(n.id)
    return names


class _Missing(Exception):
    """An answer name is not defined in the student's namespace."""


def _answer(source: str, ns: Mapping[str, Any]) -> Any:
    import builtins

    for name in answer_names(source):
        if name not in ns and not hasattr(builtins, name):
            raise _Missing(name)
        if ns.get(name, None) is NotImplemented:
            return NotImplemented
    return eval(compile(source, "<answer>", "eval"), dict(ns))


# --------------------------------------------------------------------------- parts


@dataclass
class Part:
    """One graded part of a problem: the student's answer (an expression over their names)."""

    answer: str
    points: float = field(default=1, kw_only=True)
    what: str | None = field(default=None, kw_only=True)

    kind = "part"

    @property
    def label(self) -> str:
        return self.what or f"your {self.answer}"

    def extract(
        self, ns: Mapping[str, Any], env: Mapping[str, Any], limit: float
    ) -> dict:
        """Data about the student's answer (runs where student code runs)."""
        raise NotImplementedError

    def _read(
        self, ns: Mapping[str, Any], verb: str = "assign it"
    ) -> tuple[Any, dict | None]:
        """The answer's value, or the payload saying it is not there (not attempted, or None)."""
        value = _answer(self.answer, ns)
        if value is NotImplemented:
            return None, {"not_attempted": True}
        if value is None:
            return None, {
                "error": f"{self.label} is None: did you forget to {verb}?"
            }
        return value, None

    def judge(
        self, payload: dict, env: Mapping[str, Any], sources: Sequence[str] = ()
    ) -> str:
        """The message for a right answer; WrongAnswer for a wrong one (runs in the grader)."""
        raise NotImplementedError

    def secrets(self) -> list[str]:
        """Reference texts that must not appear in a student's notebook."""
        return []


def _check_quietly(fn, *args, **kwargs) -> str:
    """Run a legacy Exercise check; its 'Correct: ...' line, or WrongAnswer."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        fn(*args, **kwargs)
    return out.getvalue().strip()


@dataclass
class Function(Part):
    """A NumPy function, compared with `reference` on the grid of `acts.exercises` (tails, kinks).

    `forbid_acts`: the exercise says "do not call acts": the answer's source must not mention
    acts, and it runs with every acts object in its globals replaced by one that refuses.
    """

    reference: str = ""
    rtol: float = 1e-9
    atol: float = 0.0
    tails: bool = True
    params: Mapping[str, Any] | None = None
    dtypes: Sequence[str] = ("float64",)
    points_at: Sequence[float] = ()
    forbid_acts: bool = False
    # inputs where the answer must not warn (overflow, …)
    quiet_at: Sequence[float] = ()

    kind = "function"

    def _grid(self, env) -> np.ndarray:
        ref = _evaluate(self.reference, env)
        return _grid(
            _kinks(ref, dict(self.params or {})), self.tails, self.points_at
        )

    def extract(self, ns, env, limit):
        fn, missing = self._read(ns, "define it, or to run its cell")
        if missing:
            return missing
        if not callable(fn):
            return {
                "error": f"{self.label} should be a function, got {type(fn).__name__}"
            }
        if self.forbid_acts:
            fn = _without_acts(fn)
        xs = self._grid(env)
        checker = Exercise("", time_limit=limit)
        values = []
        for dtype in map(np.dtype, self.dtypes):
            x_in = xs.astype(dtype)
            before = x_in.copy()
            try:
                got = checker._call(
                    fn, self.label, x_in, dict(self.params or {})
                )
            except NotAttempted:
                return {"not_attempted": True}
            except WrongAnswer as exc:
                return {"error": str(exc)}
            if got is None:
                return {
                    "error": f"{self.label} returned None: did you forget a `return`?"
                }
            if not np.array_equal(x_in, before, equal_nan=True):
                return {
                    "error": f"{self.label} changed its input in place: leave x alone and "
                    "compute into a new array (np.where, or y = x.copy() first)"
                }
            got = np.asarray(got)
            if got.shape != xs.shape:
                return {
                    "error": f"{self.label} returned shape {got.shape} for an input of shape "
                    f"{xs.shape}: it must work elementwise, one output per input"
                }
            if got.dtype != dtype:
                return {
                    "error": f"{self.label} returned dtype {got.dtype} for a {dtype} input: "
                    f"return {dtype}, like the input"
                }
            values.append(
                base64.b64encode(got.astype(np.float64).tobytes()).decode()
            )
        for v in self.quiet_at:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                try:
                    fn(np.array([float(v)]), **dict(self.params or {}))
                except Warning as warning:
                    return {
                        "error": f"{self.label} warns at x = {v:g}: {warning}"
                    }
                except Exception:  # noqa: BLE001  errors are reported by the value check
                    pass
        return {"values": values}

    def judge(self, payload, env, sources=()):
        if self.forbid_acts and any(_mentions_acts(s) for s in sources):
            raise WrongAnswer(
                f"{self.label} uses acts: this exercise asks you to write it "
                "without calling acts"
            )
        ref = _evaluate(self.reference, env)
        params = dict(self.params or {})
        xs = self._grid(env)
        if len(payload.get("values", ())) != len(self.dtypes):
            raise WrongAnswer(f"{self.label} could not be evaluated")
        for dtype, data in zip(map(np.dtype, self.dtypes), payload["values"]):
            got = np.frombuffer(base64.b64decode(data), dtype=np.float64)
            x_seen = xs.astype(dtype).astype(np.float64)
            if got.shape != xs.shape:
                raise WrongAnswer(
                    f"{self.label} returned the wrong number of values"
                )
            expected = np.asarray(ref(x_seen, **params), dtype=np.float64)
            Exercise._compare(
                self.label,
                x_seen,
                expected,
                got,
                max(self.rtol, 64 * float(np.finfo(dtype).eps)),
                max(self.atol, float(np.finfo(dtype).tiny)),
            )
        return f"{self.label} is right at {xs.size} points" + (
            ", tails included" if self.tails else ""
        )


@dataclass
class Expression(Part):
    """A SymPy expression equal to `reference` (any equivalent form; acts.symbolic.equal).

    `subs` maps a symbol name in the answer to a reference expression ({"s": "sigma"}: the
    answer is written in a symbol s that stands for σ(x)).
    """

    reference: str = ""
    subs: Mapping[str, str] | None = None

    kind = "expression"

    def extract(self, ns, env, limit):
        import sympy

        value, missing = self._read(ns)
        if missing:
            return missing
        try:
            got = sympy.sympify(value)
        except Exception:
            return {
                "error": f"{self.label} should be a SymPy expression, got "
                f"{type(value).__name__}"
            }
        if not isinstance(got, sympy.Basic):
            return {
                "error": f"{self.label} should be a SymPy expression, got {type(value).__name__}"
            }
        return {"srepr": sympy.srepr(got)}

    def judge(self, payload, env, sources=()):
        got = parse_srepr(payload["srepr"])
        subs = None
        if self.subs:
            by_name = {s.name: s for s in got.free_symbols}
            subs = {
                by_name[k]: _evaluate(v, env)
                for k, v in self.subs.items()
                if k in by_name
            }
        expected = _evaluate(self.reference, env)
        message = _check_quietly(
            Exercise("").check_expression,
            got,
            expected,
            what=self.label,
            subs=subs,
        )
        return message.removeprefix("Correct: ").rstrip(".")

    def secrets(self):
        return [self.reference]


@dataclass
class Number(Part):
    """A number within `rtol` / `atol` of `reference`.

    A wrong one is said to be too large or too small.
    """

    reference: str = ""
    rtol: float = 1e-6
    atol: float = 0.0

    kind = "number"

    def extract(self, ns, env, limit):
        value, missing = self._read(ns)
        if missing:
            return missing
        if np.ndim(value) != 0:
            return {
                "error": f"{self.label} should be one number, got an array of shape "
                f"{np.shape(value)}"
            }
        try:
            return {"value": float(value)}
        except Exception:
            return {
                "error": f"{self.label} should be a number, got {type(value).__name__}"
            }

    def judge(self, payload, env, sources=()):
        expected = float(_evaluate(self.reference, env))
        _check_quietly(
            Exercise("").check_number,
            float(payload["value"]),
            expected,
            rtol=self.rtol,
            atol=self.atol,
            what=self.label,
        )
        # not the number: the book's page shows this line
        return f"{self.label} is right"

    def secrets(self):
        return [self.reference]


@dataclass
class Choice(Part):
    """One right option out of `choices`.

    Each wrong option has its own explanation in `feedback`.
    """

    choices: Sequence[Any] = ()
    right: Any = None
    feedback: Mapping[Any, str] = field(default_factory=dict)

    kind = "choice"

    def extract(self, ns, env, limit):
        value, missing = self._read(ns)
        if missing:
            return missing
        if (
            hasattr(value, "is_Integer")
            and value.is_Integer
            or isinstance(value, np.integer)
        ):
            # a SymPy or NumPy integer is the integer it stands for
            value = int(value)
        if isinstance(value, (str, int, float, bool)):
            return {"value": value}
        return {
            "error": f"{self.label} must be one of {list(self.choices)}, got a "
            f"{type(value).__name__}"
        }

    def judge(self, payload, env, sources=()):
        value = payload["value"]
        if value not in list(self.choices):
            raise WrongAnswer(
                f"{self.label} must be one of {list(self.choices)}, got {value!r}"
            )
        if value != self.right:
            why = self.feedback.get(value, "")
            raise WrongAnswer(
                f"{self.label}, {value!r}, is not right"
                + (f": {why}" if why else "")
            )
        # not the choice: the book's page shows this line
        return f"{self.label} is right"

    def secrets(self):
        return [repr(self.right)] if isinstance(self.right, str) else []


# --------------------------------------------------------------------------- safety helpers


def _mentions_acts(source: str) -> bool:
    """Does this code use acts (a name, an import, or __import__('acts'))?"""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return "acts" in source
    for n in ast.walk(tree):
        if isinstance(n, ast.Name) and n.id == "acts":
            return True
        if isinstance(n, ast.Import) and any(
            a.name.split(".")[0] == "acts" for a in n.names
        ):
            return True
        if (
            isinstance(n, ast.ImportFrom)
            and (n.module or "").split(".")[0] == "acts"
        ):
            return True
        if (
            isinstance(n, ast.Constant)
            and isinstance(n.value, str)
            and re.match(r"acts\b", n.value)
        ):
            return True
    return False


def _from_acts(value: Any) -> bool:
    if isinstance(value, types.ModuleType):
        return value.__name__.split(".")[0] == "acts"
    owner = getattr(value, "__self__", None)
    if (
        owner is not None
        and not isinstance(owner, types.ModuleType)
        and owner is not value
    ):
        return _from_acts(owner)
    module = (
        getattr(type(value), "__module__", "")
        if not callable(value)
        else getattr(value, "__module__", "") or ""
    )
    return isinstance(module, str) and module.split(".")[0] == "acts"


class _Forbidden:
    def __init__(self, name: str) -> None:
        self._name = name

    def _refuse(self, *args, **kwargs):
        raise WrongAnswer(
            f"your answer uses acts ({self._name}): this exercise asks you to write "
            "it without calling acts"
        )

    __call__ = _refuse

    def __getattr__(self, item):
        self._refuse()


def _without_acts(fn):
    """`fn` with every acts object in its globals refusing to be used, and `import acts` failing."""
    code = getattr(fn, "__code__", None)
    if code is None:
        return fn
    g = {
        k: (_Forbidden(k) if _from_acts(v) else v)
        for k, v in fn.__globals__.items()
    }
    clean = types.FunctionType(
        code, g, fn.__name__, fn.__defaults__, fn.__closure__
    )
    clean.__kwdefaults__ = fn.__kwdefaults__

    def guarded(*args, **kwargs):
        saved = {
            k: v for k, v in sys.modules.items() if k.split(".")[0] == "acts"
        }
        for k in saved:
            sys.modules[k] = None  # `import acts` raises ImportError
        try:
            return clean(*args, **kwargs)
        except ImportError as exc:
            raise WrongAnswer(
                f"your answer imports acts ({exc}): this exercise asks you to write "
                "it without calling acts"
            ) from None
        finally:
            sys.modules.update(saved)

    guarded.__name__ = fn.__name__
    return guarded


def _sympy_classes() -> dict[str, type]:
    """Every SymPy class by name (srepr names some, such as ExprCondPair, not in `sympy`)."""
    import sympy

    found, todo = {}, [sympy.Basic]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if (
                sub.__module__.startswith("sympy.")
                and sub.__name__ not in found
            ):
                found[sub.__name__] = sub
                todo.append(sub)
    return found


def parse_srepr(text: str):
    """A SymPy expression from its srepr, evaluating nothing but SymPy constructors."""
    import sympy

    tree = ast.parse(text, mode="eval")
    allowed = {}
    classes = _sympy_classes()
    for n in ast.walk(tree):
        if isinstance(n, ast.Name):
            value = getattr(sympy, n.id, None) or classes.get(n.id)
            ok = (
                (isinstance(value, type) and issubclass(value, sympy.Basic))
                or isinstance(value, sympy.Basic)
                or n.id
                in (
                    "Symbol",
                    "Dummy",
                    "Function",
                    "Float",
                    "Integer",
                    "Rational",
                    "Tuple",
                )
            )
            if not ok or n.id.startswith("_"):
                raise WrongAnswer(
                    f"the answer is not a plain SymPy expression ({n.id})"
                )
            allowed[n.id] = value
        elif not isinstance(
            n,
            (
                ast.Expression,
                ast.Call,
                ast.Constant,
                ast.Tuple,
                ast.List,
                ast.keyword,
                ast.UnaryOp,
                ast.USub,
                ast.Load,
            ),
        ):
            raise WrongAnswer("the answer is not a plain SymPy expression")
    return eval(compile(tree, "<srepr>", "eval"), {"__builtins__": {}}, allowed)


# --------------------------------------------------------------------------- problems


@dataclass
class Result:
    """The outcome of one part: points earned, and the message a student reads."""

    part: Part
    score: float
    message: str
    status: str  # "right", "wrong", "not attempted"


class Problem:
    """One exercise: its label, the setup its references need, its parts and its hints."""

    def __init__(
        self,
        label: str,
        setup: str,
        parts: Sequence[Part],
        hints: Sequence[str] = (),
        time_limit: float = 10.0,
    ) -> None:
        self.label = label
        self.setup = setup
        self.parts = list(parts)
        self.hints = list(hints)
        self.time_limit = time_limit

    @property
    def points(self) -> float:
        return sum(p.points for p in self.parts)

    # -- hints, as acts.exercises.Exercise shows them ---------------------------------------

    def hint(self, n: int = 1) -> None:
        Exercise(self.label, self.hints).hint(n)

    def _repr_html_(self) -> str:
        return Exercise(self.label, self.hints)._repr_html_()

    def __repr__(self) -> str:
        return f"Problem({self.label!r}, {len(self.parts)} parts, {self.points:g} points)"

    # -- checking ---------------------------------------------------------------------------

    def judge(
        self, payloads: Sequence[dict], sources: Sequence[str] = ()
    ) -> list[Result]:
        """Score each part from its extracted data (the trusted side)."""
        env = setup_namespace(self.setup)
        results = []
        for part, payload in zip(self.parts, payloads):
            if payload.get("not_attempted"):
                results.append(
                    Result(
                        part,
                        0,
                        str(_not_attempted(self.label)).replace(
                            f"{self.label} is", f"{part.label} is", 1
                        ),
                        "not attempted",
                    )
                )
                continue
            try:
                # what extract found: None, a crash, a wrong type
                if "error" in payload:
                    raise WrongAnswer(payload["error"])
                message = part.judge(payload, env, sources)
                results.append(Result(part, part.points, message, "right"))
            except WrongAnswer as exc:
                results.append(Result(part, 0, str(exc), "wrong"))
            except Exception as exc:
                # a payload the reference cannot be compared with
                results.append(
                    Result(
                        part,
                        0,
                        f"{part.label} could not be checked: "
                        f"{type(exc).__name__}: {exc}",
                        "wrong",
                    )
                )
        return results

    def report(self, results: Sequence[Result]) -> str:
        score = sum(r.score for r in results)
        lines = [f"{self.label}: {score:g} of {self.points:g} points"]
        mark = {"right": "✓", "wrong": "✗", "not attempted": "·"}
        for r in results:
            lines.append(
                f"  {mark[r.status]} [{r.score:g}/{r.part.points:g}] {r.message}"
            )
        return "\n".join(lines)

    def check(self, namespace: Mapping[str, Any] | None = None) -> None:
        """Check the answers in the caller's globals (the notebook); print or raise the report.

        Only an untouched exercise (every part not attempted) prints without raising. Nothing
        is returned: a check cell's value would be displayed, references included.
        """
        if namespace is None:
            namespace = sys._getframe(1).f_globals
        env = setup_namespace(self.setup)
        # The answers see the chapter's setup under the notebook's own names, as when graded.
        answers = {**env, **namespace}
        payloads = []
        for part in self.parts:
            try:
                payloads.append(part.extract(answers, env, self.time_limit))
            except _Missing as missing:
                payloads.append(
                    {"error": _missing_message(str(missing), namespace)}
                )
            except _TimeLimit:
                payloads.append(
                    {
                        "error": f"{part.label} did not finish within "
                        f"{self.time_limit:g} s"
                    }
                )
            except Exception as exc:
                payloads.append(
                    {
                        "error": f"{part.label} could not be evaluated: "
                        f"{type(exc).__name__}: {exc}"
                    }
                )
        sources = []
        for part in self.parts:
            if getattr(part, "forbid_acts", False):
                fn = namespace.get(part.answer)
                with contextlib.suppress(Exception):
                    sources.append(inspect.getsource(fn))
        results = self.judge(payloads, sources)
        text = self.report(results)
        if any(r.status == "wrong" for r in results):
            raise WrongAnswer(text)
        print(text)


def _missing_message(name: str, namespace: Mapping[str, Any]) -> str:
    """Why `name` is undefined: a syntax error in the cell that defines it, or a cell not run."""
    history = namespace.get("In") or []
    pattern = re.compile(
        rf"^\s*(def\s+{re.escape(name)}\b|{re.escape(name)}\s*=)", re.M
    )
    for source in reversed(list(history)):
        if isinstance(source, str) and pattern.search(source):
            try:
                compile(source, "<answer cell>", "exec")
            except SyntaxError as exc:
                return (
                    f"{name} is not defined: your answer cell has a syntax error (line "
                    f"{exc.lineno}: {exc.msg}); fix it and run the cell again"
                )
            break
    return f"{name} is not defined: run the answer cell above first"


# --------------------------------------------------------------------------- lookup


def chapter_problems(chapter: str) -> list[Problem] | None:
    """The problems of `chapter` (acts/problems/<chapter>.py), or None for a chapter without one."""
    try:
        module = importlib.import_module(f"{__name__}.{chapter}")
    except ModuleNotFoundError as exc:
        if exc.name == f"{__name__}.{chapter}":
            return None
        raise
    return [v for v in vars(module).values() if isinstance(v, Problem)]


def problem(label: str) -> Problem | None:
    """The problem with this label (its chapter is the part before '-ex-'), or None."""
    chapter = label.split("-ex-")[0].replace("-", "_")
    for p in chapter_problems(chapter) or []:
        if p.label == label:
            return p
    return None
