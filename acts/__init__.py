"""acts: the activation functions of the course book "Activation Functions, Derived".

    >>> import acts
    >>> acts.names()[:5]
    ['linear', 'step', 'sign', 'sigmoid', 'tanh']
    >>> float(acts.sigmoid(0.0)), float(acts.sigmoid.grad(0.0))
    (0.5, 0.25)

Each activation is registered once in its family module; `acts.get(name)` and the attribute
`acts.<name>` return the same object.
"""

from __future__ import annotations

from .core import Activation, Param
from .registry import get, names, register

# Family modules register their activations on import; this order is the book's order (and
# gated_linear needs the gates registered before it), so the import sorter leaves it alone.
# isort: off
from . import classic  # noqa: F401  (linear, step, sign)
from . import logistic  # noqa: F401  (sigmoid, tanh)
from . import rectifiers  # noqa: F401  (relu, leaky_relu, prelu, relu6, hardtanh)
from . import exponential  # noqa: F401  (softplus, elu, celu, selu)
from . import gated  # noqa: F401  (gelu, silu, swish, mish)
from . import variants  # noqa: F401  (hardsigmoid, hardswish, softsign, logsigmoid, ...)
from . import vector  # noqa: F401  (softmax, log_softmax, softmin)
from . import gated_linear  # noqa: F401  (glu, reglu, geglu, swiglu: kind "glu")
# isort: on

__all__ = ["Activation", "Param", "get", "names", "register"]


# Helper modules load on first use (`acts.symbolic.x`), so `import acts` stays light.
_SUBMODULES = {
    "display",
    "exercises",
    "norms",
    "plotting",
    "precision",
    "symbolic",
}


def __getattr__(attr: str):
    # `acts.sigmoid` is the registered activation; anything else is a genuine AttributeError.
    if attr in _SUBMODULES:
        import importlib

        return importlib.import_module(f".{attr}", __name__)
    try:
        return get(attr)
    except KeyError:
        raise AttributeError(
            f"module 'acts' has no attribute {attr!r}"
        ) from None


def __dir__():
    return sorted(set(globals()) | _SUBMODULES | set(names()))
