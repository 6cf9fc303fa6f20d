"""Small, seeded NumPy experiments that more than one chapter measures.

    >>> from acts.experiments import train_mlp
    >>> run = train_mlp("relu", steps=5)
    >>> run.dead.shape, run.loss.shape
    ((6,), (6,))

`train_mlp` trains a one-hidden-layer network by plain gradient descent, back-propagating
through ``acts.<name>.grad``, and records after every step the fraction of hidden units that
are *dead*: negative (pre-activation ≤ 0) on every training input. A dead ReLU unit outputs 0
and receives a zero gradient for every input, so nothing can revive it; a leaky unit in the
same state still receives negative_slope times its gradient and can come back. The ReLU and
leaky ReLU chapters both run it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .registry import get

__all__ = ["Run", "toy_regression", "dead_fraction", "train_mlp"]


@dataclass(frozen=True)
class Run:
    """What `train_mlp` records: one entry per step, the initial state first."""

    dead: np.ndarray  # fraction of hidden units negative on every input
    loss: np.ndarray  # mean squared error on the training set


def toy_regression(n: int = 256, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Inputs in the square [-2, 2]² and a smooth target, y = sin(x₁)·cos(x₂) + x₁/2."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-2, 2, (n, 2))
    y = np.sin(X[:, :1]) * np.cos(X[:, 1:]) + X[:, :1] / 2
    return X, y


def dead_fraction(z: np.ndarray) -> float:
    """The fraction of units (columns of the pre-activations z) that are ≤ 0 for every input (row)."""
    return float(np.mean(np.all(z <= 0, axis=0)))


def train_mlp(name: str, *, width: int = 64, steps: int = 200, lr: float = 0.05,
              bias_init: float = 0.0, max_step: float | None = None, seed: int = 0,
              **params: Any) -> Run:
    """Train x → W₂·f(W₁x + b₁) + b₂ on `toy_regression` by full-batch gradient descent.

    f is the activation `name` with `params`; its derivative comes from ``acts.<name>.grad``.
    He-initialised weights; every hidden bias starts at `bias_init` (a large negative value,
    or a large `lr`, kills ReLU units). `max_step` caps the norm of each update, as gradient
    clipping does, so that a large `lr` kills units without making the loss diverge.
    Deterministic for a given `seed`.
    """
    act = get(name)
    X, y = toy_regression(seed=seed)
    rng = np.random.default_rng(seed + 1)
    W1 = rng.normal(0, np.sqrt(2 / X.shape[1]), (X.shape[1], width))
    b1 = np.full(width, float(bias_init))
    W2 = rng.normal(0, np.sqrt(1 / width), (width, 1))
    b2 = np.zeros(1)
    dead, loss = [], []
    for step in range(steps + 1):
        z = X @ W1 + b1
        h = act(z, **params)
        err = h @ W2 + b2 - y
        dead.append(dead_fraction(z))
        loss.append(float(np.mean(err**2)))
        if step == steps:
            break
        d_out = 2 * err / len(X)
        d_z = (d_out @ W2.T) * act.grad(z, **params)
        grads = [h.T @ d_out, d_out.sum(axis=0), X.T @ d_z, d_z.sum(axis=0)]
        scale = lr
        if max_step is not None:
            norm = lr * np.sqrt(sum(np.sum(g**2) for g in grads))
            scale = lr * min(1.0, max_step / norm) if norm > 0 else lr
        for p, g in zip((W2, b2, W1, b1), grads):
            p -= scale * g
    return Run(dead=np.array(dead), loss=np.array(loss))
