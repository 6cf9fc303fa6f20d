"""The one list of what activations exist, in the order the book teaches them.

Family modules call `register` at import time; `acts/__init__.py` imports the families in book
order, so registration order is book order.
"""

from __future__ import annotations

from typing import Any

_REGISTRY: dict[str, Any] = {}


def register(activation):
    """Add `activation` to the registry (its name must be new) and return it."""
    if activation.name in _REGISTRY:
        raise ValueError(
            f"an activation named {activation.name!r} is already registered"
        )
    _REGISTRY[activation.name] = activation
    return activation


def unregister(name: str) -> None:
    """Remove an activation (tests use it to undo a dummy registration)."""
    del _REGISTRY[name]


def get(name: str):
    """The activation called `name`; a KeyError lists the known names otherwise."""
    try:
        return _REGISTRY[name]
    except (KeyError, TypeError):
        raise KeyError(
            f"no activation named {name!r}; known activations: {', '.join(_REGISTRY)}"
        ) from None


def names(kind: str | None = None) -> list[str]:
    """The registered activation names, in book order.

    `kind` keeps only the activations of that kind: "elementwise", "vector" or "glu".
    """
    return [n for n, a in _REGISTRY.items() if kind is None or a.kind == kind]
