"""The `Activation` type: one elementwise function with its derivative, parameters and SymPy form.

Every activation in the book is an `Activation`. Calling it validates the input and the
parameters once, here, so that the numerical code in the family modules only ever sees a
float64 array and parameters that are known to be valid.

Contract, for an activation ``a``::

    a(x, **params)                 forward value f(x)
    a.grad(x, **params)            elementwise derivative df/dx
    a.param_grad(x, name, **p)     derivative with respect to the parameter `name`
    a.params                       {name: default}
    a.expr                         SymPy expression in Symbol("x", real=True) and the parameters

Dtypes: float32 and float16 input is computed in float64 and rounded once at the end, so the
result is as close to correctly rounded as float64 arithmetic allows; float64 stays float64;
integers, booleans and lists become float64; a non-native byte order (``>f8``) gives the native
dtype. Masked, object, complex and ragged input is refused with an error naming the activation.
Shapes (0-d, empty, n-d) are preserved and the input is never modified.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["Activation", "Param", "positive", "nonnegative", "finite", "one_of"]

_COMPUTED_IN_FLOAT64 = (
    np.dtype(np.float16),
    np.dtype(np.float32),
    np.dtype(np.float64),
)


# --------------------------------------------------------------------------- parameters


def finite(name: str, value: Any) -> str | None:
    """A check that accepts any finite real number (or array of them)."""
    arr = np.asarray(value)
    if arr.dtype.kind not in "biuf" or not np.all(np.isfinite(arr)):
        return f"{name} must be a finite real number, got {value!r}"
    return None


def positive(name: str, value: Any) -> str | None:
    """A check for parameters that must be > 0."""
    return finite(name, value) or (
        None
        if np.all(np.asarray(value) > 0)
        else f"{name} must be > 0, got {value!r}"
    )


def nonnegative(name: str, value: Any) -> str | None:
    """A check for parameters that must be >= 0."""
    return finite(name, value) or (
        None
        if np.all(np.asarray(value) >= 0)
        else f"{name} must be >= 0, got {value!r}"
    )


def one_of(*choices: str) -> Callable[[str, Any], str | None]:
    """A check for string parameters that take one of a few values."""

    def check(name: str, value: Any) -> str | None:
        if isinstance(value, str) and value in choices:
            return None
        return f"{name} must be one of {', '.join(repr(c) for c in choices)}, got {value!r}"

    check.choices = choices
    return check


@dataclass(frozen=True)
class Param:
    """One parameter of an activation.

    ``check(name, value)`` returns an error message or None. ``slider`` is the (min, max, step)
    range that interactive figures offer; ``assumptions`` are the SymPy assumptions of its Symbol.
    ``array_ok`` allows an array broadcastable to x (one value per channel, as in PReLU).
    ``differentiable=False`` marks a number that selects a variant rather than a point of a
    smooth family (softplus's ``threshold``, whose default None means "no cut-off"): like a
    string parameter it has no Symbol, ``expr`` receives its value, it needs no param_grad,
    and its ``check`` alone validates it.
    """

    name: str
    default: Any
    doc: str
    check: Callable[[str, Any], str | None] = finite
    slider: tuple[float, float, float] | None = None
    assumptions: Mapping[str, bool] = field(
        default_factory=lambda: {"real": True}
    )
    array_ok: bool = False
    differentiable: bool = True

    @property
    def numeric(self) -> bool:
        """True for a parameter with a Symbol in `expr` and a param_grad."""
        return not isinstance(self.default, str) and self.differentiable

    def test_values(self) -> list[Any]:
        """Values the tests try besides the default: the slider's ends, or every choice."""
        if not self.numeric:  # a string parameter checked by one_of(...)
            return [
                c
                for c in getattr(self.check, "choices", ())
                if c != self.default
            ]
        return [v for v in (self.slider or ())[:2] if v != self.default]


# --------------------------------------------------------------------------- input handling


def _shown(x: Any, limit: int = 60) -> str:
    """A short repr of the input, for error messages."""
    text = repr(x)
    return text if len(text) <= limit else text[: limit - 5] + " ...)"


def as_float64(x: Any, who: str) -> tuple[np.ndarray, np.dtype]:
    """Return (x as a float64 array, the dtype the result should have).

    Real input of any byte order is accepted: a big-endian ``>f8``, ``>f4`` or ``>f2`` array is
    computed like its native twin and the result has the native dtype. Everything else is one
    error naming `who` and the input: TypeError for complex, object, string, float128 and
    masked arrays (a mask would be silently lost: pass ``x.filled(value)`` or
    ``np.ma.getdata(x)``), ValueError for a ragged list and for Python ints beyond float64's
    range (ints beyond int64 but within float64's range are converted like any other int).
    """
    arr, dtype = _as_real(x, who)
    # Native float64 is used as it is, without a copy: kernels never write into their input
    # (and `_run` copies a result that would share memory with it). Other float dtypes and
    # byte orders are converted on the way.
    return arr.astype(np.float64, copy=False), dtype


def _as_real(x: Any, who: str) -> tuple[np.ndarray, np.dtype]:
    """(x as an array of a real dtype, the dtype the result should have); see `as_float64`."""
    if isinstance(x, np.ma.MaskedArray):
        raise TypeError(
            f"{who}: masked arrays are not supported (the mask would be lost); pass "
            f"x.filled(value) or np.ma.getdata(x) to say what the masked entries are, "
            f"got {_shown(x)}"
        )
    try:
        arr = np.asarray(x)
    except (ValueError, TypeError) as error:
        raise ValueError(
            f"{who}: x must be an array or a (nested, rectangular) list of real numbers, "
            f"got {_shown(x)} ({error})"
        ) from None
    kind = arr.dtype.kind
    if kind in "biu":
        return arr, np.dtype(np.float64)
    if kind == "f" and arr.dtype.newbyteorder("=") in _COMPUTED_IN_FLOAT64:
        return arr, arr.dtype.newbyteorder("=")
    if kind == "O" and arr.size and all(isinstance(v, int) for v in arr.flat):
        # Python ints beyond int64 (2**70) are an object array; most are floats still
        try:
            return arr.astype(np.float64), np.dtype(np.float64)
        except OverflowError:
            raise ValueError(
                f"{who}: x holds integers beyond float64's range (±1.8e308), got {_shown(x)}"
            ) from None
    raise TypeError(
        f"{who}: expected real numbers (a float16, float32 or float64 array, or ints, bools, "
        f"or a list of them), got an array of dtype {arr.dtype}: {_shown(x)}"
    )


def finish(y: np.ndarray, dtype: np.dtype) -> np.ndarray | np.floating:
    """Round the float64 result to the output dtype; 0-d results become NumPy scalars.

    (As ufuncs do.)
    """
    if y.dtype != dtype:
        # A value beyond float32's range rounds to ±inf, which is the correctly rounded result;
        # numpy would warn about the cast.
        with np.errstate(over="ignore"):
            y = y.astype(dtype)
    return y[()] if y.ndim == 0 else y


# elements per block in `_chunked`: 256 KiB in float64, cache-sized
CHUNK = 1 << 15


def _chunked(
    kernel: Kernel, arr: np.ndarray, dtype: np.dtype, bound: Mapping[str, Any]
):
    """kernel over a large array, CHUNK elements at a time, into one output of `dtype`.

    Every temporary a kernel makes is then CHUNK elements, not len(x): the peak extra memory
    is the result plus a few hundred KiB whatever the input's size, float32 input is converted
    to float64 a block at a time (not as a whole copy of twice its size), and the blocks stay
    in the processor's cache. Only for scalar parameters (an array parameter broadcasts
    against the whole of x).
    """
    flat = arr.reshape(-1)  # a view when arr is contiguous
    out = np.empty(flat.size, dtype=dtype)
    # beyond float32's range rounds to ±inf, correctly
    with np.errstate(over="ignore"):
        for start in range(0, flat.size, CHUNK):
            block = flat[start : start + CHUNK].astype(np.float64, copy=False)
            y = kernel(block, **bound)
            np.copyto(out[start : start + CHUNK], y, casting="unsafe")
    return out.reshape(arr.shape)


# --------------------------------------------------------------------------- the type

Kernel = Callable[..., np.ndarray]


class _Intervals(dict):
    """``{"forward" | "grad": intervals}``; a function with none declared has ``()``."""

    def __missing__(self, key):
        return ()


class Activation:
    """An elementwise activation function with its derivatives and its symbolic form.

    Parameters
    ----------
    name : the registry name (``"sigmoid"``), also the attribute name ``acts.sigmoid``.
    title : how the book writes it ("Sigmoid (logistic)").
    forward, grad : kernels ``k(x, **params) -> ndarray`` on a float64 array; they must not
        warn for any finite, infinite or NaN input.
    expr : builds the SymPy expression, ``expr(x, **params)``: numeric parameters arrive as
        SymPy Symbols, string parameters (``approximate="tanh"``) as their values.
    params : the parameters, in signature order.
    param_grads : ``{name: kernel}`` giving ∂f/∂name, for each numeric parameter.
    validate : optional check across parameters; returns an error message or None.
    kinks : x positions where f or f' is not differentiable (for tests and plots), or a
        callable ``kinks(**params)`` returning them when they move with a parameter.
    ill_conditioned : ``{"forward" | "grad": [(lo, hi), ...]}``, x-intervals where that function
        is ill-conditioned (near a zero of f', or where it is tiny and steep); there the tests
        measure error in ULP divided by the condition number |x·g'(x)/g(x)|. Say why in `doc`.
    kind : "elementwise" (this class); vector activations such as softmax say "vector".
    latex : the formula, for tables and figure titles.
    """

    def __init__(
        self,
        name: str,
        *,
        title: str,
        forward: Kernel,
        grad: Kernel,
        expr: Callable[..., Any],
        params: Sequence[Param] = (),
        param_grads: Mapping[str, Kernel] | None = None,
        validate: Callable[[Mapping[str, Any]], str | None] | None = None,
        kinks: Sequence[float] | Callable[..., Sequence[float]] = (),
        ill_conditioned: Mapping[str, Sequence[tuple[float, float]]]
        | None = None,
        latex: str = "",
        doc: str = "",
    ) -> None:
        self.name = name
        self.title = title
        self._forward = forward
        self._grad = grad
        self._expr = expr
        self.param_specs: dict[str, Param] = {p.name: p for p in params}
        self._param_grads = dict(param_grads or {})
        self._validate = validate
        self._kinks = kinks
        self.ill_conditioned = _Intervals(
            {k: tuple(v) for k, v in (ill_conditioned or {}).items()}
        )
        self.latex = latex
        self.__doc__ = doc or forward.__doc__
        missing = {p.name for p in params if p.numeric} - set(self._param_grads)
        if missing:
            raise ValueError(
                f"{name}: no param_grad for numeric parameter(s) {sorted(missing)}"
            )

    kind = "elementwise"

    # -- parameters -----------------------------------------------------------------------

    @property
    def params(self) -> dict[str, Any]:
        """The parameters and their defaults, in signature order."""
        return {n: p.default for n, p in self.param_specs.items()}

    def bind(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """Fill in defaults and validate; a ValueError names the parameter and the value."""
        unknown = set(params) - set(self.param_specs)
        if unknown:
            known = ", ".join(self.param_specs) or "none"
            raise ValueError(
                f"{self.name}: unknown parameter {sorted(unknown)[0]!r} "
                f"(its parameters are: {known})"
            )
        bound = self.params
        for pname, value in params.items():
            spec = self.param_specs[pname]
            if spec.numeric:
                arr = np.asarray(value)
                if arr.ndim and not spec.array_ok:
                    raise ValueError(
                        f"{self.name}: {pname} must be a scalar, got {value!r}"
                    )
                message = spec.check(pname, value)
                if message is None and arr.ndim == 0:
                    value = float(value)
                elif message is None:
                    value = arr.astype(np.float64)
            else:
                message = spec.check(pname, value)
            if message:
                raise ValueError(f"{self.name}: {message}")
            bound[pname] = value
        if self._validate:
            message = self._validate(bound)
            if message:
                raise ValueError(f"{self.name}: {message}")
        return bound

    # -- numbers --------------------------------------------------------------------------

    def _run(self, kernel: Kernel, x: Any, params: Mapping[str, Any], who: str):
        bound = self.bind(params)
        arr, dtype = _as_real(x, who)
        if arr.size > CHUNK and not any(
            isinstance(v, np.ndarray) for v in bound.values()
        ):
            return _chunked(kernel, arr, dtype, bound)
        x64 = arr.astype(np.float64, copy=False)
        for pname, value in bound.items():
            if isinstance(value, np.ndarray):
                try:
                    fits = (
                        np.broadcast_shapes(value.shape, x64.shape) == x64.shape
                    )
                except ValueError:
                    fits = False
                if not fits:
                    raise ValueError(
                        f"{self.name}: {pname} of shape {value.shape} does not broadcast "
                        f"to x of shape {x64.shape}"
                    )
        # Kernels see at least 1-d arrays, so that `out=`/`where=` and masks work on 0-d input.
        y = np.asarray(
            kernel(x64.reshape(x64.shape or (1,)), **bound), dtype=np.float64
        )
        # never hand back (a view of) the caller's array
        if np.may_share_memory(y, x64):
            y = y.copy()
        return finish(y.reshape(x64.shape), dtype)

    def __call__(self, x: Any, **params: Any):
        return self._run(self._forward, x, params, self.name)

    def grad(self, x: Any, **params: Any):
        """The derivative df/dx, elementwise."""
        return self._run(self._grad, x, params, f"{self.name}.grad")

    def param_grad(self, x: Any, name: str, **params: Any):
        """The derivative of f with respect to the parameter `name`, elementwise."""
        spec = self.param_specs.get(name)
        if spec is not None and not spec.differentiable:
            raise ValueError(
                f"{self.name}: {name} is not differentiable: {spec.doc}"
            )
        if spec is None or not spec.numeric:
            numeric = [n for n, p in self.param_specs.items() if p.numeric] or [
                "none"
            ]
            raise ValueError(
                f"{self.name}: no numeric parameter {name!r} to differentiate by "
                f"(numeric parameters: {', '.join(numeric)})"
            )
        return self._run(
            self._param_grads[name], x, params, f"{self.name}.param_grad"
        )

    @property
    def kernels(self) -> dict[str, Kernel]:
        """The NumPy kernels behind the activation: forward, grad and one per parameter."""
        return {
            "forward": self._forward,
            "grad": self._grad,
            **{f"d/d{k}": v for k, v in self._param_grads.items()},
        }

    # -- symbols --------------------------------------------------------------------------

    @functools.cached_property
    def symbols(self) -> dict[str, Any]:
        """The SymPy Symbols of `expr`: ``x`` and one per numeric parameter."""
        import sympy

        syms = {"x": sympy.Symbol("x", real=True)}
        for pname, spec in self.param_specs.items():
            if spec.numeric:
                syms[pname] = sympy.Symbol(pname, **spec.assumptions)
        return syms

    @functools.cached_property
    def expr(self):
        """f as a SymPy expression in Symbol('x', real=True) and its parameters' Symbols."""
        return self._build_expr(self.params)

    def _build_expr(self, bound: Mapping[str, Any]):
        s = self.symbols
        args = {
            k: (s[k] if spec.numeric else bound[k])
            for k, spec in self.param_specs.items()
        }
        return self._expr(s["x"], **args)

    def expr_at(self, **params: Any):
        """`expr` with parameter values put in (defaults for the ones not given).

        String parameters choose the expression (gelu's ``approximate="tanh"``); numeric ones
        are substituted, so the result is an expression in x alone unless a parameter is an array.
        Each value goes in as the exact rational the float is (0.1 is
        3602879701896397/2⁵⁵, 2.5 is 5/2), so SymPy's arithmetic on it (x/α becomes a
        rounded 0.4·x for a Float 2.5) cannot make the reference a different function.
        """
        import sympy

        bound = self.bind(params)
        expr = self._build_expr(bound)
        numbers = {
            self.symbols[k]: sympy.Rational(float(v))
            for k, v in bound.items()
            if self.param_specs[k].numeric and np.ndim(v) == 0
        }
        return expr.subs(numbers)

    def test_cases(self) -> list[dict[str, Any]]:
        """The parameter sets every promise is tested at: the defaults ({}), then each
        parameter's `Param.test_values` (slider ends, string choices) one at a time."""
        cases: list[dict[str, Any]] = [{}]
        for pname, spec in self.param_specs.items():
            cases += [{pname: value} for value in spec.test_values()]
        return cases

    def expr_and_values(self, **params: Any):
        """(expr, {Symbol: value}): `expr` for these parameters with the numeric ones still
        Symbols, and their values as floats, so that a reference can use the exact binary
        values (`acts.precision.reference`) rather than SymPy's decimal rounding of them."""
        bound = self.bind(params)
        values = {
            self.symbols[k]: float(v)
            for k, v in bound.items()
            if self.param_specs[k].numeric
        }
        return self._build_expr(bound), values

    def kinks_at(self, **params: Any) -> tuple[float, ...]:
        """The kinks for these parameter values (defaults for the ones not given)."""
        if callable(self._kinks):
            return tuple(self._kinks(**self.bind(params)))
        return tuple(self._kinks)

    @property
    def kinks(self) -> tuple[float, ...]:
        """The kinks at the default parameters."""
        return self.kinks_at()

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"<activation {self.name}({args})>"
