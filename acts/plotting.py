"""Figures for the chapters: one call per figure.

    explore("elu")                    f and f' of one activation, a slider per parameter
    compare(["relu", "gelu", "silu"]) several activations and their derivatives overlaid

This first version draws a static Matplotlib figure at the default parameters; the interactive
version (sliders in Jupyter and on the static website) keeps these signatures.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from .registry import get

__all__ = ["explore", "compare"]


def _curves(name: str, xs: np.ndarray, params: dict[str, Any]):
    a = get(name)
    return a(xs, **params), a.grad(xs, **params)


def explore(name: str, x_range: tuple[float, float] = (-6.0, 6.0), **params: Any):
    """Plot f and f' of the activation `name` side by side; returns the Matplotlib figure."""
    import matplotlib.pyplot as plt

    a = get(name)
    xs = np.linspace(*x_range, 601)
    y, dy = _curves(name, xs, params)
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4), sharex=True)
    left.plot(xs, y, color="C0")
    left.set_title(f"{a.title}: f(x)")
    right.plot(xs, dy, color="C1")
    right.set_title("f'(x)")
    for ax in (left, right):
        ax.axhline(0, color="0.85", lw=0.8)
        ax.axvline(0, color="0.85", lw=0.8)
        ax.set_xlabel("x")
    fig.tight_layout()
    plt.show()
    return fig


def compare(names: Sequence[str], x_range: tuple[float, float] = (-6.0, 6.0)):
    """Overlay several activations (left) and their derivatives (right)."""
    import matplotlib.pyplot as plt

    xs = np.linspace(*x_range, 601)
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4), sharex=True)
    for i, name in enumerate(names):
        y, dy = _curves(name, xs, {})
        left.plot(xs, y, color=f"C{i}", label=name)
        right.plot(xs, dy, color=f"C{i}", label=name)
    left.set_title("f(x)")
    right.set_title("f'(x)")
    left.legend()
    fig.tight_layout()
    plt.show()
    return fig
