"""Small, seeded NumPy experiments that more than one chapter measures.

    >>> from acts.experiments import dying_units
    >>> run = dying_units("relu", lr=1.0, seeds=[0, 1], record_every=50)
    >>> run["dead"].shape, run["accuracy"].shape
    ((4, 2), (2,))

`dying_units` trains `DYING`'s one-hidden-layer network on a checkerboard by plain full-batch
gradient descent, several seeds at once, and records the fraction of hidden units that are
*dead* (zero derivative on every training input) and *off* (pre-activation ≤ 0 on every
training input). A dead ReLU unit receives a zero gradient for every input, so nothing can
revive it; a leaky unit in the same state is off but not dead, and can come back. The ReLU
and leaky ReLU chapters both run it, with the learning rate and the bias varied separately.

`train_mlp` fits a one-hidden-layer network to a smooth toy regression by plain gradient
descent through ``acts.<name>.grad`` (the hard-and-shrink chapter compares hardswish with
SiLU on it).

`distinct` keeps each function once (SiLU and Swish with β = 1 are the same function), and
`checkerboard_study` is the training study's set-up, shared by the training chapter and
``benchmarks/training_step_time.py``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np

from .datasets import checkerboard
from .mlp import MLP
from .registry import get

__all__ = [
    "Run",
    "toy_regression",
    "dead_fraction",
    "train_mlp",
    "distinct",
    "CHECKERBOARD",
    "checkerboard_study",
    "DYING",
    "dying_units",
    "cached_checkerboard_study",
]


@dataclass(frozen=True)
class Run:
    """What `train_mlp` records: one entry per step, the initial state first."""

    dead: np.ndarray  # fraction of hidden units negative on every input
    loss: np.ndarray  # mean squared error on the training set


def toy_regression(
    n: int = 256, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Inputs in the square [-2, 2]² and a smooth target, y = sin(x₁)·cos(x₂) + x₁/2."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-2, 2, (n, 2))
    y = np.sin(X[:, :1]) * np.cos(X[:, 1:]) + X[:, :1] / 2
    return X, y


def dead_fraction(z: np.ndarray) -> float:
    """The fraction of units (columns of the pre-activations z) ≤ 0 for every input (row)."""
    return float(np.mean(np.all(z <= 0, axis=0)))


def train_mlp(
    name: str,
    *,
    width: int = 64,
    steps: int = 200,
    lr: float = 0.05,
    bias_init: float = 0.0,
    max_step: float | None = None,
    seed: int = 0,
    **params: Any,
) -> Run:
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


def distinct(
    names: list[str], grid: np.ndarray | None = None
) -> tuple[list[str], dict[str, str]]:
    """The names whose functions differ, in order, and {duplicate: the earlier name it equals}.

    Two activations (with their default parameters) are the same function when their values
    and derivatives agree to 1e-12 on `grid` (default: 2001 points on [-8, 8] and ±30).
    """
    if grid is None:
        grid = np.concatenate([np.linspace(-8.0, 8.0, 2001), [-30.0, 30.0]])
    kept, same = [], {}
    for name in names:
        f = get(name)
        for other in kept:
            g = get(other)
            if all(
                np.allclose(a, b, rtol=1e-12, atol=1e-300)
                for a, b in ((f(grid), g(grid)), (f.grad(grid), g.grad(grid)))
            ):
                same[name] = other
                break
        else:
            kept.append(name)
    return kept, same


#: The training study: an 8-layer MLP of width 16 on a 3 × 3 checkerboard.
CHECKERBOARD = {
    "cells": 3,
    "n_train": 512,
    "n_test": 1000,
    "depth": 8,
    "width": 16,
    "init": "xavier",
    "steps": 120,
    "lr": 0.025,
    "batch_size": 96,
}


def checkerboard_study(
    name: str, seeds=range(5), **changes: Any
) -> dict[str, np.ndarray]:
    """Train `CHECKERBOARD`'s network with activation `name`, one network per seed at once.

    Returns per seed (arrays of len(seeds)) the held-out accuracy ``"test_accuracy"``, the
    final training loss on the whole training set ``"train_loss"``, the held-out loss
    ``"test_loss"``, and the mini-batch loss of every step ``"curve"`` (steps × seeds); plus
    ``"net"``, the trained (batched) MLP. `changes` override entries of CHECKERBOARD.
    """
    cfg = {**CHECKERBOARD, **changes}
    X, y = checkerboard(cfg["n_train"], cfg["cells"], seed=100)
    Xt, yt = checkerboard(cfg["n_test"], cfg["cells"], seed=200)
    net = MLP(
        [2] + [cfg["width"]] * cfg["depth"] + [1],
        name,
        init=cfg["init"],
        seed=list(seeds),
    )
    curve = net.fit(
        X, y, steps=cfg["steps"], lr=cfg["lr"], batch_size=cfg["batch_size"]
    )
    logits = net.forward(Xt, training=False)
    return {
        "test_accuracy": np.mean((logits > 0) == yt, axis=-1),
        "train_loss": net.loss(X, y),
        "test_loss": net._losses(logits, yt),
        "curve": curve,
        "net": net,
    }


#: The dying-units experiment of the ReLU and leaky ReLU chapters: one hidden layer of 32
#: units on a 2 × 2 checkerboard, full-batch gradient descent (so that a unit dead on the
#: training set gets exactly zero gradient and stays dead), five seeds at once.
DYING = {"cells": 2, "n_train": 256, "n_test": 1000, "width": 32, "steps": 150}


def dying_units(
    name: str,
    *,
    lr: float = 1.0,
    bias: float = 0.0,
    seeds=range(5),
    record_every: int = 10,
    **params: Any,
) -> dict[str, np.ndarray]:
    """Train `DYING`'s network with activation `name` (and `params`), every hidden bias
    starting at `bias`, by plain full-batch gradient descent with step `lr`.

    Returns, per seed (last axis): ``"dead"``, the fraction of hidden units whose derivative is
    0 on every training input, and ``"off"``, the fraction whose pre-activation is ≤ 0 on every
    training input (the same units for ReLU; a leaky unit can be off without being dead), both
    recorded every `record_every` steps and at the end (rows); ``"accuracy"`` on the held-out
    set and ``"loss"``, the final training cross-entropy.
    """
    cfg = DYING
    X, y = checkerboard(cfg["n_train"], cfg["cells"], seed=100)
    Xt, yt = checkerboard(cfg["n_test"], cfg["cells"], seed=200)
    net = MLP(
        [2, cfg["width"], 1],
        name,
        init="he",
        seed=list(seeds),
        bias=bias,
        params=params or None,
    )
    dead, off = [], []

    def record(t, net):
        if t is None or t % record_every == 0:
            fractions = net.unit_fractions()
            dead.append(fractions["dead"][..., 0])
            off.append(fractions["off"][..., 0])

    with np.errstate(over="ignore"):
        net.fit(
            X, y, steps=cfg["steps"], lr=lr, optimizer="sgd", callback=record
        )
        net.backward(X, y)
        record(None, net)
        return {
            "dead": np.array(dead),
            "off": np.array(off),
            "accuracy": net.accuracy(Xt, yt),
            "loss": net.loss(X, y),
        }


@functools.cache
def _remembered_study(
    name: str, seeds: tuple[int, ...]
) -> dict[str, np.ndarray]:
    return checkerboard_study(name, seeds=seeds)


def cached_checkerboard_study(
    name: str, seeds=range(5)
) -> dict[str, np.ndarray]:
    """`checkerboard_study` at the default settings, run once per process and then remembered.

    The training chapter and its exercises' set-up (``acts.problems.training.SETUP``) read the
    same runs; without the cache the chapter would train those networks twice. The result is
    shared: read it, do not modify it.
    """
    return _remembered_study(name, tuple(seeds))
