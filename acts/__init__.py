"""acts: the activation functions of the course book "Activation Functions, Derived".

    >>> import acts
    >>> acts.names()[:1]
    ['sigmoid']
    >>> float(acts.sigmoid(0.0)), float(acts.sigmoid.grad(0.0))
    (0.5, 0.25)

Each activation is registered once in its family module; `acts.get(name)` and the attribute
`acts.<name>` return the same object.
"""

from __future__ import annotations

from .core import Activation, Param
from .registry import get, names, register

# Family modules register their activations on import; this order is the book's order.
from . import logistic  # noqa: F401  (sigmoid, tanh)

__all__ = ["Activation", "Param", "get", "names", "register"]


# Helper modules load on first use (`acts.symbolic.x`), so `import acts` stays light.
_SUBMODULES = {"display", "exercises", "plotting", "precision", "symbolic"}


def __getattr__(attr: str):
    # `acts.sigmoid` is the registered activation; anything else is a genuine AttributeError.
    if attr in _SUBMODULES:
        import importlib

        return importlib.import_module(f".{attr}", __name__)
    try:
        return get(attr)
    except KeyError:
        raise AttributeError(f"module 'acts' has no attribute {attr!r}") from None


def __dir__():
    return sorted(set(globals()) | _SUBMODULES | set(names()))
