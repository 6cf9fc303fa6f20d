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

`distinct` keeps each function once (SiLU and Swish with β = 1 are the same function), and
`checkerboard_study` is the training study's set-up, shared by the training chapter and
``benchmarks/training_step_time.py``.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

from .datasets import checkerboard
from .mlp import MLP
from .registry import get

__all__ = [
    "distinct",
    "CHECKERBOARD",
    "checkerboard_study",
    "DYING",
    "dying_units",
    "cached_checkerboard_study",
]


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
            dead.append(net.unit_fractions()["dead"][..., 0])
            off.append(
                np.mean(np.all(net._cache[0]["z"] <= 0, axis=-2), axis=-1)
            )

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
