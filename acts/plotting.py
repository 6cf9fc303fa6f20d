"""Figures for the chapters: one call per figure.

    explore("elu")                    f and f' of one activation, a slider per parameter
    explore("softmax")                a vector activation: logits (and a temperature T) as
                                      sliders, the outputs softmax(a / T) and the Jacobian
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


def _explore_vector(a, logits: Sequence[float], temperature: float):
    import matplotlib.pyplot as plt

    z = np.asarray(logits, dtype=np.float64) / temperature
    y, jac = a(z), a.jacobian(z)
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4))
    left.bar([f"$a_{i + 1}$" for i in range(z.size)], y, color="C0")
    left.set_title(f"{a.title}(a / T), T = {temperature:g}")
    image = right.imshow(jac, cmap="RdBu_r", vmin=-np.abs(jac).max(), vmax=np.abs(jac).max())
    right.set_title("Jacobian $\\partial y_i / \\partial a_j$")
    fig.colorbar(image, ax=right)
    fig.tight_layout()
    plt.show()
    return fig


def explore(name: str, x_range: tuple[float, float] = (-6.0, 6.0), *,
            logits: Sequence[float] = (1.0, 2.0, 3.0), temperature: float = 1.0, **params: Any):
    """Plot f and f' of the activation `name` side by side; returns the Matplotlib figure.

    For a vector activation (``a.kind == "vector"``, such as softmax) it shows the outputs for
    the given `logits` divided by `temperature`, and the Jacobian, instead.
    """
    import matplotlib.pyplot as plt

    a = get(name)
    if a.kind == "vector":
        return _explore_vector(a, logits, temperature)
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
