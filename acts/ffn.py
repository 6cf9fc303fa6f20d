"""Transformer feed-forward blocks in NumPy; the GLU chapter's parameter-matched comparison.

A transformer's feed-forward block maps each d-vector x to FFN(x) = act(x W₁) W₂ with a hidden
layer of 4d units, or, with a gated linear unit, FFN(x) = (a ⊗ g(b)) W₂ with (a, b) = x W₁ split
in halves (Shazeer 2020). Without biases the first has 2·4d·d = 8d² weights and the second
3·h·d, so h = 8d/3 matches them:

    >>> from acts.ffn import FeedForward
    >>> FeedForward(12, 48, "gelu").n_params, FeedForward(12, 32, "swiglu").n_params
    (1152, 1152)

The backward pass uses the acts derivatives: ``act.grad`` for an elementwise activation and
``unit.vjp`` for a gated linear unit. Training is `acts.mlp.MLP.fit`'s full-batch Adam.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .mlp import MLP
from .registry import get

__all__ = ["FeedForward", "compare", "hidden_for", "teacher_task"]


def hidden_for(name: str, d: int) -> int:
    """The hidden width that gives `name` the 8d² weights of a 4d-wide elementwise block."""
    if get(name).kind != "glu":
        return 4 * d
    if d % 3:
        raise ValueError(
            f"hidden_for: d must be a multiple of 3 for a GLU block (8d/3 units), got {d}"
        )
    return 8 * d // 3


class FeedForward:
    """FFN(x) = act(x W₁) W₂ (elementwise act), or (a ⊗ g(b)) W₂ with (a, b) = x W₁ (a GLU).

    No biases.

    W₁ is d × hidden (d × 2·hidden for a GLU) with entries N(0, 1/d), W₂ is hidden × d with
    entries N(0, 1/hidden): each pre-activation starts with unit variance.
    """

    def __init__(
        self,
        d: int,
        hidden: int,
        activation: str,
        *,
        seed: int = 0,
        params: dict[str, Any] | None = None,
    ) -> None:
        self.activation = get(activation)
        self.act_params = dict(params or {})
        self.gated = self.activation.kind == "glu"
        rng = np.random.default_rng(seed)
        width = 2 * hidden if self.gated else hidden
        self.weights = [
            rng.normal(0.0, np.sqrt(1.0 / d), (d, width)),
            rng.normal(0.0, np.sqrt(1.0 / hidden), (hidden, d)),
        ]
        self.biases: list[np.ndarray] = []  # MLP.fit trains weights + biases

    @property
    def n_params(self) -> int:
        return sum(w.size for w in self.weights)

    def forward(self, X: np.ndarray) -> np.ndarray:
        W1, W2 = self.weights
        self._x, self._h = X, X @ W1
        self._z = self.activation(self._h, **self.act_params)
        return self._z @ W2

    def loss(self, X: np.ndarray, Y: np.ndarray) -> float:
        """Mean squared error over every output."""
        return float(np.mean((self.forward(X) - Y) ** 2))

    def gradients(
        self, X: np.ndarray, Y: np.ndarray
    ) -> tuple[float, list, list]:
        """(loss, [dL/dW₁, dL/dW₂], []) by backpropagation with the acts derivatives."""
        out = self.forward(X)
        g = 2.0 * (out - Y) / out.size
        d_z = g @ self.weights[1].T
        if self.gated:
            d_h = self.activation.vjp(self._h, d_z, **self.act_params)
        else:
            d_h = d_z * self.activation.grad(self._h, **self.act_params)
        return float(np.mean((out - Y) ** 2)), [X.T @ d_h, self._z.T @ g], []

    # What MLP.fit calls: the backward pass, the trainable arrays, the (absent) transforms'.
    backward = gradients

    def parameters(self) -> list[np.ndarray]:
        return self.weights + self.biases

    def _transform_grads(self) -> list[np.ndarray]:
        return []

    fit = MLP.fit


def teacher_task(
    n_train: int = 128, n_test: int = 1024, d: int = 6, seed: int = 0
):
    """(X, Y, X_test, Y_test): Y = tanh(X U) V for a random teacher U (d × 4d), V (4d × d).

    The teacher is neither architecture under comparison. Inputs are N(0, I); U has entries
    N(0, 2/d) so that the tanh units saturate in part; Y is scaled to unit variance.
    """
    rng = np.random.default_rng(10_000 + seed)
    U = rng.normal(0.0, np.sqrt(2.0 / d), (d, 4 * d))
    V = rng.normal(0.0, np.sqrt(1.0 / (4 * d)), (4 * d, d))
    X = rng.normal(size=(n_train + n_test, d))
    Y = np.tanh(X @ U) @ V
    Y /= Y[:n_train].std()
    return X[:n_train], Y[:n_train], X[n_train:], Y[n_train:]


def compare(
    names: Sequence[str] = ("gelu", "geglu", "swiglu"),
    *,
    d: int = 6,
    seeds: Sequence[int] = range(5),
    steps: int = 80,
    lr: float = 0.03,
    task: dict[str, Any] | None = None,
) -> dict[str, dict[str, np.ndarray]]:
    """Train each block on `teacher_task` for every seed (task and initialisation both seeded);
    returns {name: {"test": final test MSE per seed, "curves": training loss per seed and step,
    "n_params": weights}}. Same d, steps, learning rate and data for every block of a seed."""
    out: dict[str, dict[str, Any]] = {}
    for name in names:
        tests, curves, n_params = [], [], None
        for seed in seeds:
            X, Y, Xt, Yt = teacher_task(d=d, seed=seed, **(task or {}))
            net = FeedForward(d, hidden_for(name, d), name, seed=seed)
            n_params = net.n_params
            curves.append(net.fit(X, Y, steps=steps, lr=lr))
            tests.append(net.loss(Xt, Yt))
        out[name] = {
            "test": np.array(tests),
            "curves": np.array(curves),
            "n_params": n_params,
        }
    return out
