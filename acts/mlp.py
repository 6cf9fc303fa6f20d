"""A small multilayer perceptron in NumPy whose backward pass uses the acts derivatives.

The chapters that train networks or measure gradients use this one implementation:

    >>> import numpy as np
    >>> from acts.mlp import MLP
    >>> from acts.datasets import xor
    >>> X, y = xor()
    >>> net = MLP([2, 8, 1], "sigmoid", init="xavier", seed=0)
    >>> losses = net.fit(X, y, steps=500, lr=0.1)
    >>> bool(losses[-1] < 0.05), net.accuracy(X, y)
    (True, 1.0)

Hidden layers use the named activation; the output is one logit per example. For
classification (``task="binary"``) the loss is binary cross-entropy on σ(logit), whose gradient
with respect to the logit is p − y; for regression (``task="regression"``) it is the mean
squared error of the logit.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from .registry import get

__all__ = ["MLP", "init_scale", "gradient_check"]


def init_scale(scheme: str, fan_in: int, fan_out: int) -> float:
    """Standard deviation of the normal initialisation: Xavier/Glorot, He or LeCun."""
    if scheme == "xavier":
        return float(np.sqrt(2.0 / (fan_in + fan_out)))
    if scheme == "he":
        return float(np.sqrt(2.0 / fan_in))
    if scheme == "lecun":
        return float(np.sqrt(1.0 / fan_in))
    raise ValueError(f"init must be 'xavier', 'he' or 'lecun', got {scheme!r}")


class MLP:
    """Dense layers ``sizes[0] → … → sizes[-1]``, activation between them, none at the output."""

    def __init__(self, sizes: Sequence[int], activation: str, *, init: str = "he",
                 seed: int = 0, task: str = "binary", bias: float = 0.0,
                 params: dict[str, Any] | None = None) -> None:
        if task not in ("binary", "regression"):
            raise ValueError(f"task must be 'binary' or 'regression', got {task!r}")
        self.activation = get(activation)
        self.act_params = dict(params or {})
        self.task = task
        rng = np.random.default_rng(seed)
        self.weights = [rng.normal(0.0, init_scale(init, m, n), (m, n))
                        for m, n in zip(sizes[:-1], sizes[1:])]
        self.biases = [np.full(n, bias, dtype=np.float64) for n in sizes[1:]]

    # -- passes -----------------------------------------------------------------------------

    def forward(self, X: np.ndarray) -> np.ndarray:
        """The output logits, shape (n,); keeps the pre-activations for `backward`."""
        h = np.asarray(X, dtype=np.float64)
        self._inputs, self._pre = [], []
        for i, (W, b) in enumerate(zip(self.weights, self.biases)):
            self._inputs.append(h)
            z = h @ W + b
            if i < len(self.weights) - 1:
                self._pre.append(z)
                h = self.activation(z, **self.act_params)
            else:
                h = z
        return h[:, 0]

    def loss(self, X: np.ndarray, y: np.ndarray) -> float:
        """Binary cross-entropy (stable, from the logits) or mean squared error."""
        z = self.forward(X)
        if self.task == "regression":
            return float(np.mean((z - y) ** 2))
        # −[y log σ(z) + (1 − y) log σ(−z)] = log(1 + e^{−z}) + (1 − y)·z, evaluated stably.
        return float(np.mean(np.logaddexp(0.0, -z) + (1 - y) * z))

    def gradients(self, X: np.ndarray, y: np.ndarray) -> tuple[float, list, list]:
        """(loss, dL/dW per layer, dL/db per layer) by backpropagation with the acts derivatives."""
        loss = self.loss(X, y)
        z = self.forward(X)
        n = len(y)
        if self.task == "regression":
            g = (2.0 / n) * (z - y)
        else:
            g = (get("sigmoid")(z) - y) / n  # p − y: the cross-entropy gradient at the logit
        g = g[:, None]
        dW, db = [None] * len(self.weights), [None] * len(self.weights)
        for i in reversed(range(len(self.weights))):
            dW[i] = self._inputs[i].T @ g
            db[i] = g.sum(axis=0)
            if i > 0:
                g = (g @ self.weights[i].T) * self.activation.grad(self._pre[i - 1], **self.act_params)
        return loss, dW, db

    def layer_gradient_norms(self, X: np.ndarray, y: np.ndarray) -> np.ndarray:
        """‖dL/dW‖ for each layer, input layer first: how much of the gradient reaches it."""
        _, dW, _ = self.gradients(X, y)
        return np.array([np.linalg.norm(w) for w in dW])

    # -- training ---------------------------------------------------------------------------

    def fit(self, X: np.ndarray, y: np.ndarray, *, steps: int = 300, lr: float = 0.01,
            betas: tuple[float, float] = (0.9, 0.999)) -> np.ndarray:
        """Full-batch Adam for `steps` steps; returns the loss before each step."""
        params = self.weights + self.biases
        m = [np.zeros_like(p) for p in params]
        v = [np.zeros_like(p) for p in params]
        losses = np.empty(steps)
        for t in range(1, steps + 1):
            losses[t - 1], dW, db = self.gradients(X, y)
            for p, g, mi, vi in zip(params, dW + db, m, v):
                mi *= betas[0]
                mi += (1 - betas[0]) * g
                vi *= betas[1]
                vi += (1 - betas[1]) * g * g
                p -= lr * (mi / (1 - betas[0] ** t)) / (np.sqrt(vi / (1 - betas[1] ** t)) + 1e-8)
        return losses

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Class labels (binary task) or values (regression)."""
        z = self.forward(X)
        return (z > 0).astype(np.float64) if self.task == "binary" else z

    def accuracy(self, X: np.ndarray, y: np.ndarray) -> float:
        return float(np.mean(self.predict(X) == y))


def gradient_check(net: MLP, X: np.ndarray, y: np.ndarray, h: float = 1e-5) -> float:
    """Relative error ‖g − g_fd‖ / (‖g‖ + ‖g_fd‖) of backprop against central differences.

    g is the gradient with respect to every weight and bias, g_fd its central finite-difference
    estimate with step h. The norm-based ratio is the usual one: a per-component ratio would be
    dominated by the rounding error of near-zero components.
    """
    _, dW, db = net.gradients(X, y)
    analytic, numeric = [], []
    for params, grads in ((net.weights, dW), (net.biases, db)):
        for p, g in zip(params, grads):
            for idx in np.ndindex(p.shape):
                old = p[idx]
                p[idx] = old + h
                up = net.loss(X, y)
                p[idx] = old - h
                down = net.loss(X, y)
                p[idx] = old
                numeric.append((up - down) / (2 * h))
                analytic.append(g[idx])
    a, b = np.array(analytic), np.array(numeric)
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    return float(np.linalg.norm(a - b) / scale) if scale > 0 else 0.0
