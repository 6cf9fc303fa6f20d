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

Hidden layers use the named activation; the output layer has none. For ``task="binary"`` the
output is one logit per example and the loss is binary cross-entropy on σ(logit), whose gradient
at the logit is p − y; for ``task="multiclass"`` the output is one logit per class (labels are
integers 0 … K − 1) and the loss is softmax cross-entropy, gradient softmax − one-hot; for
``task="regression"`` it is the mean squared error of the single output.

**Deep networks.** ``sizes`` can be as long as you like (``[64] * 51 + [1]`` is 50 hidden
layers). ``init`` is ``"xavier"`` (Var w = 2/(fan_in + fan_out)), ``"he"`` (2/fan_in) or
``"lecun"`` (1/fan_in), and ``gain`` multiplies every standard deviation (``gain=2`` gives
He-scaled weights ×2, the exploding case).

**Residual blocks.** With ``residual=True`` every hidden layer after the first whose input and
output widths are equal is a residual block, h ← h + f(W h + b); the first hidden layer (which
maps the data to the network's width) and any layer that changes the width are plain,
h ← f(W h + b).

**Per-layer transforms (normalisation layers).** ``transforms`` is a list with one object per
hidden layer, or a factory ``transforms(layer_index, width) -> object``. An object has

- ``forward(z, training=True) -> y`` (y has z's shape; z is ``(..., n, width)``: the batch is
  axis −2; a leading axis holds the seeds when several are trained at once),
- ``backward(g) -> g_in``: given ∂L/∂y for the last `forward`, return ∂L/∂z,
- optionally ``params()`` and ``grads()``: lists of arrays (same order, same shapes) that the
  optimiser updates in place, like the weights (``grads()`` is read after ``backward``).

``placement`` says where it goes in each hidden layer (input h, output h'):

- ``"pre"``: on the pre-activation, h' = f(T(W h + b)) [+ h] — batch norm as in Ioffe & Szegedy;
- ``"post"``: after the activation, h' = T(f(W h + b)) [+ h];
- ``"pre-norm"``: on the block's input, h' = f(W T(h) + b) [+ h] — a residual block's
  pre-norm, h + f(W·norm(h) + b);
- ``"post-norm"``: on the block's output after the residual sum, h' = T(h + f(W h + b)) —
  post-norm; in a plain layer this is the same as ``"post"``.

The factory receives the width T sees: the layer's input width for ``"pre-norm"``, its output
width otherwise.

**Several seeds at once.** ``seed=[0, 1, 2, 3, 4]`` builds five independent networks stacked
along a leading axis (each initialised exactly as ``MLP(..., seed=s)`` would be) and trains them
in one batched computation: `loss` and `accuracy` then return one value per seed.

**Statistics.** `layer_statistics` runs one forward and backward pass on a batch and returns,
for each hidden layer, quantiles and standard deviation of the activations, of the gradient with
respect to the pre-activations and of the gradient with respect to the weights; `unit_fractions`
returns the dead and the exactly-zero fractions of each layer's units.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np

from .registry import get

__all__ = [
    "INIT_VARIANCE",
    "MLP",
    "QUANTILES",
    "Summary",
    "gradient_check",
    "init_scale",
]

#: Var w · fan for each scheme: Xavier's is over the mean fan (fan_in + fan_out) / 2.
INIT_VARIANCE = {"xavier": 1.0, "he": 2.0, "lecun": 1.0}
#: The quantiles (in %) `layer_statistics` reports.
QUANTILES = (5, 25, 50, 75, 95)
PLACEMENTS = ("pre", "post", "pre-norm", "post-norm")


def init_scale(
    scheme: str, fan_in: int, fan_out: int, gain: float = 1.0
) -> float:
    """Standard deviation of the normal initialisation: Xavier/Glorot, He or LeCun, times `gain`.

    Xavier: √(2 / (fan_in + fan_out)); He: √(2 / fan_in); LeCun: √(1 / fan_in).
    """
    if scheme not in INIT_VARIANCE:
        raise ValueError(
            f"init must be 'xavier', 'he' or 'lecun', got {scheme!r}"
        )
    fan = (fan_in + fan_out) / 2 if scheme == "xavier" else fan_in
    return float(gain * np.sqrt(INIT_VARIANCE[scheme] / fan))


@dataclass(frozen=True)
class Summary:
    """Per-layer distribution of one quantity: rows are layers (input side first).

    With several seeds each array has a leading seed axis.
    """

    quantiles: np.ndarray  # (..., layers, len(QUANTILES)), the QUANTILES in %
    std: np.ndarray  # (..., layers)
    mean: np.ndarray  # (..., layers)

    @property
    def rms(self) -> np.ndarray:
        """Root mean square, √(mean² + std²): the scale of the quantity."""
        return np.sqrt(self.mean**2 + self.std**2)


def _summary(
    arrays: Sequence[np.ndarray], batched: bool, absolute: bool = False
) -> Summary:
    flat = [
        a.reshape(a.shape[0], -1) if batched else a.reshape(1, -1)
        for a in arrays
    ]
    quant = np.stack(
        [
            np.percentile(np.abs(f) if absolute else f, QUANTILES, axis=-1).T
            for f in flat
        ],
        axis=-2,
    )
    std = np.stack([f.std(axis=-1) for f in flat], axis=-1)
    mean = np.stack([f.mean(axis=-1) for f in flat], axis=-1)
    if not batched:
        quant, std, mean = quant[0], std[0], mean[0]
    return Summary(quant, std, mean)


class MLP:
    """Dense layers ``sizes[0] → … → sizes[-1]``, activation between them, none at the output.

    See the module docstring for residual blocks, transforms, several seeds and statistics.
    """

    def __init__(
        self,
        sizes: Sequence[int],
        activation: str,
        *,
        init: str = "he",
        seed: int | Sequence[int] = 0,
        task: str = "binary",
        bias: float = 0.0,
        params: dict[str, Any] | None = None,
        gain: float = 1.0,
        residual: bool = False,
        transforms: Sequence[Any] | Callable[[int, int], Any] | None = None,
        placement: str = "pre",
    ) -> None:
        if task not in ("binary", "multiclass", "regression"):
            raise ValueError(
                f"task must be 'binary', 'multiclass' or 'regression', got {task!r}"
            )
        if placement not in PLACEMENTS:
            raise ValueError(
                f"placement must be one of {PLACEMENTS}, got {placement!r}"
            )
        if task != "multiclass" and sizes[-1] != 1:
            raise ValueError(
                f"task {task!r} needs one output, got sizes[-1] = {sizes[-1]}"
            )
        self.sizes = list(sizes)
        self.activation = get(activation)
        self.act_params = dict(params or {})
        self.task = task
        self.residual = residual
        self.placement = placement
        self.batched = not np.isscalar(seed)
        seeds = list(seed) if self.batched else [seed]
        weights = []
        for s in seeds:
            rng = np.random.default_rng(s)
            weights.append(
                [
                    rng.normal(0.0, init_scale(init, m, n, gain), (m, n))
                    for m, n in pairwise(sizes)
                ]
            )
        if self.batched:
            self.weights = [np.stack(ws) for ws in zip(*weights)]
            self.biases = [
                np.full((len(seeds), 1, n), bias, dtype=np.float64)
                for n in sizes[1:]
            ]
        else:
            self.weights = weights[0]
            self.biases = [
                np.full(n, bias, dtype=np.float64) for n in sizes[1:]
            ]
        hidden = len(sizes) - 2
        if transforms is None:
            self.transforms = [None] * hidden
        elif callable(transforms):
            widths = sizes[:-2] if placement == "pre-norm" else sizes[1:-1]
            self.transforms = [transforms(i, w) for i, w in enumerate(widths)]
        else:
            self.transforms = list(transforms)
            if len(self.transforms) != hidden:
                raise ValueError(
                    f"transforms needs one entry per hidden layer ({hidden}), "
                    f"got {len(self.transforms)}"
                )

    def is_residual(self, i: int) -> bool:
        """Whether hidden layer i is a residual block (residual=True, i ≥ 1 and equal widths)."""
        return self.residual and i >= 1 and self.sizes[i] == self.sizes[i + 1]

    # -- passes -----------------------------------------------------------------------------

    def forward(self, X: np.ndarray, training: bool = True) -> np.ndarray:
        """The output: logits (n,) or (n, K), with a leading seed axis when batched.

        Keeps what `backward` needs: per hidden layer the input u of the matrix product, the
        argument of f and its value, and the layer's output (`self._cache`).
        """
        h = np.asarray(X, dtype=np.float64)
        self._cache = []
        last = len(self.weights) - 1
        for i, (W, b) in enumerate(zip(self.weights, self.biases)):
            if i == last:
                self._out_input = h
                z = h @ W + b
                break
            T = self.transforms[i]
            u = (
                T.forward(h, training)
                if T is not None and self.placement == "pre-norm"
                else h
            )
            z = u @ W + b
            arg = (
                T.forward(z, training)
                if T is not None and self.placement == "pre"
                else z
            )
            a = self.activation(arg, **self.act_params)
            out = (
                T.forward(a, training)
                if T is not None and self.placement == "post"
                else a
            )
            if self.is_residual(i):
                out = h + out
            if T is not None and self.placement == "post-norm":
                out = T.forward(out, training)
            self._cache.append({"u": u, "z": z, "arg": arg, "a": a, "out": out})
            h = out
        return z if self.task == "multiclass" else z[..., 0]

    def _losses(self, z: np.ndarray, y: np.ndarray) -> np.ndarray:
        """The mean loss per seed (an array with the seed axis, or a 0-d array)."""
        if self.task == "regression":
            return np.mean((z - y) ** 2, axis=-1)
        if self.task == "multiclass":
            idx = np.asarray(y, dtype=np.intp)
            picked = np.take_along_axis(
                z, np.broadcast_to(idx[:, None], z.shape[:-1] + (1,)), -1
            )
            return np.mean(
                np.logaddexp.reduce(z, axis=-1) - picked[..., 0], axis=-1
            )
        # −[y log σ(z) + (1 − y) log σ(−z)] = log(1 + e^{−z}) + (1 − y)·z, evaluated stably.
        return np.mean(np.logaddexp(0.0, -z) + (1 - y) * z, axis=-1)

    def loss(self, X: np.ndarray, y: np.ndarray):
        """Cross-entropy (stable, from the logits) or mean squared error; per seed if batched."""
        out = self._losses(self.forward(X, training=False), y)
        return out if self.batched else float(out)

    def backward(self, X: np.ndarray, y: np.ndarray) -> tuple[Any, list, list]:
        """(loss, dL/dW per layer, dL/db per layer) by backpropagation with the acts derivatives.

        With several seeds the loss is one per seed and each seed's gradient is that of its own
        loss. Also keeps ∂L/∂(argument of f) per hidden layer in ``self._cache[i]["g_arg"]``.
        """
        z = self.forward(X, training=True)
        loss = self._losses(z, y)
        n = len(y)
        if self.task == "regression":
            g = ((2.0 / n) * (z - y))[..., None]
        elif self.task == "multiclass":
            g = np.exp(z - np.logaddexp.reduce(z, axis=-1, keepdims=True))
            g[..., np.arange(n), np.asarray(y, dtype=np.intp)] -= 1.0
            g /= n
        else:
            g = ((get("sigmoid")(z) - y) / n)[
                ..., None
            ]  # p − y: the gradient at the logit
        dW, db = [None] * len(self.weights), [None] * len(self.weights)
        dW[-1], db[-1] = self._grads(self._out_input, g)
        g = g @ np.swapaxes(self.weights[-1], -1, -2)
        for i in reversed(range(len(self._cache))):
            c, T = self._cache[i], self.transforms[i]
            if T is not None and self.placement == "post-norm":
                g = T.backward(g)
            g_res = g if self.is_residual(i) else None
            if T is not None and self.placement == "post":
                g = T.backward(g)
            g = g * self.activation.grad(c["arg"], **self.act_params)
            c["g_arg"] = g
            if T is not None and self.placement == "pre":
                g = T.backward(g)
            c["g_z"] = g
            dW[i], db[i] = self._grads(c["u"], g)
            g = g @ np.swapaxes(self.weights[i], -1, -2)
            if T is not None and self.placement == "pre-norm":
                g = T.backward(g)
            if g_res is not None:
                g = g + g_res
        return (loss if self.batched else float(loss)), dW, db

    def _grads(
        self, u: np.ndarray, g: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        dW = np.swapaxes(u, -1, -2) @ g
        db = g.sum(axis=-2, keepdims=self.batched)
        return dW, db

    # The name the chapters used before `backward` existed.
    gradients = backward

    def layer_gradient_norms(self, X: np.ndarray, y: np.ndarray) -> np.ndarray:
        """‖dL/dW‖ for each layer, input layer first: how much of the gradient reaches it."""
        _, dW, _ = self.backward(X, y)
        return np.stack(
            [np.sqrt(np.sum(w**2, axis=(-2, -1))) for w in dW], axis=-1
        )

    def layer_statistics(
        self, X: np.ndarray, y: np.ndarray, *, absolute: bool = False
    ) -> dict[str, Summary]:
        """Per hidden layer, for one forward and backward pass on the batch (X, y):

        - ``"activation"``: the layer's output h (what the next layer receives),
        - ``"pre_activation"``: W h + b,
        - ``"pre_grad"``: ∂L/∂(W h + b), the gradient with respect to the pre-activations,
        - ``"weight_grad"``: ∂L/∂W of that layer.

        Each is a `Summary` (quantiles at QUANTILES %, std, mean) over the batch and the units;
        with ``absolute=True`` the quantiles are those of the absolute values (for log axes).
        The loss is the mean over the batch, so gradients carry its 1/n.
        """
        _, dW, _ = self.backward(X, y)
        c = self._cache
        return {
            key: _summary(arrays, self.batched, absolute)
            for key, arrays in (
                ("activation", [k["out"] for k in c]),
                ("pre_activation", [k["z"] for k in c]),
                ("pre_grad", [k["g_z"] for k in c]),
                ("weight_grad", dW[: len(c)]),
            )
        }

    def unit_fractions(self) -> dict[str, np.ndarray]:
        """From the last `backward`, per hidden layer (and per seed when batched):

        - ``"dead"``: the fraction of units whose local derivative f'(z) is exactly 0 for every
          example of the batch: no gradient reaches their incoming weights and bias, whatever
          the loss, so gradient descent cannot change them;
        - ``"off"``: the fraction of units whose argument of f is ≤ 0 for every example of the
          batch: the same units as ``"dead"`` for ReLU, while a leaky unit can be off and
          still receive a gradient;
        - ``"zero"``: the fraction of the activations f(z) (units × examples) exactly 0 — the
          sparsity of the representation.
        """
        dead, off, zero = [], [], []
        for c in self._cache:
            d = self.activation.grad(c["arg"], **self.act_params)
            dead.append(np.mean(np.all(d == 0, axis=-2), axis=-1))
            off.append(np.mean(np.all(c["arg"] <= 0, axis=-2), axis=-1))
            zero.append(np.mean(c["a"] == 0, axis=(-2, -1)))
        return {
            "dead": np.stack(dead, axis=-1),
            "off": np.stack(off, axis=-1),
            "zero": np.stack(zero, axis=-1),
        }

    # -- training ---------------------------------------------------------------------------

    def parameters(self) -> list[np.ndarray]:
        """All trainable arrays (weights, biases, then the transforms' params())."""
        extra = [
            p
            for T in self.transforms
            if T is not None and hasattr(T, "params")
            for p in T.params()
        ]
        return self.weights + self.biases + extra

    def _transform_grads(self) -> list[np.ndarray]:
        return [
            g
            for T in self.transforms
            if T is not None and hasattr(T, "params")
            for g in T.grads()
        ]

    def fit(
        self,
        X: np.ndarray,
        y: np.ndarray,
        *,
        steps: int = 300,
        lr: float = 0.01,
        betas: tuple[float, float] = (0.9, 0.999),
        optimizer: str = "adam",
        batch_size: int | None = None,
        batch_seed: int = 0,
        callback: Callable[[int, MLP], None] | None = None,
    ) -> np.ndarray:
        """Adam (or plain gradient descent, ``optimizer="sgd"``) for `steps` steps.

        Full-batch by default; with `batch_size` each step uses that many examples drawn
        without replacement (the same draw for every seed, from a generator seeded by
        `batch_seed`). Returns the loss of the batch before each step, shape (steps,) or
        (steps, seeds). `callback(t, net)`, if given, is called after each backward pass
        (t = 0, 1, …), before the update: it can read `unit_fractions()` or the cache of that pass.
        The lists `weights` and `biases` are replaced by views into one flat parameter vector.
        """
        if optimizer not in ("adam", "sgd"):
            raise ValueError(
                f"optimizer must be 'adam' or 'sgd', got {optimizer!r}"
            )
        X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
        draw = (
            np.random.default_rng(batch_seed)
            if batch_size is not None
            else None
        )
        # One flat vector holds every weight and bias (the layers' arrays become views into
        # it), so that an Adam step is a handful of NumPy calls, not a handful per array.
        own = self.weights + self.biases
        flat = np.concatenate([p.ravel() for p in own])
        views, k = [], 0
        for p in own:
            views.append(flat[k : k + p.size].reshape(p.shape))
            k += p.size
        self.weights, self.biases = (
            views[: len(self.weights)],
            views[len(self.weights) :],
        )
        params = [flat] + self.parameters()[len(own) :]
        m = [np.zeros_like(p) for p in params]
        v = [np.zeros_like(p) for p in params]
        losses = []
        for t in range(1, steps + 1):
            if draw is None:
                loss, dW, db = self.backward(X, y)
            else:
                idx = draw.choice(len(y), batch_size, replace=False)
                loss, dW, db = self.backward(X[idx], y[idx])
            losses.append(loss)
            if callback is not None:
                callback(t - 1, self)
            grads = [
                np.concatenate([g.ravel() for g in dW + db])
            ] + self._transform_grads()
            for p, g, mi, vi in zip(params, grads, m, v):
                if optimizer == "sgd":
                    p -= lr * g
                    continue
                mi *= betas[0]
                mi += (1 - betas[0]) * g
                vi *= betas[1]
                vi += (1 - betas[1]) * g * g
                p -= (
                    lr
                    * (mi / (1 - betas[0] ** t))
                    / (np.sqrt(vi / (1 - betas[1] ** t)) + 1e-8)
                )
        return np.array(losses)

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Class labels (binary, multiclass) or values (regression)."""
        z = self.forward(X, training=False)
        if self.task == "multiclass":
            return np.argmax(z, axis=-1).astype(np.float64)
        return (z > 0).astype(np.float64) if self.task == "binary" else z

    def accuracy(self, X: np.ndarray, y: np.ndarray):
        """The fraction classified right; one per seed if batched."""
        acc = np.mean(self.predict(X) == y, axis=-1)
        return acc if self.batched else float(acc)


def gradient_check(
    net: MLP, X: np.ndarray, y: np.ndarray, h: float = 1e-5
) -> float:
    """Relative error ‖g − g_fd‖ / (‖g‖ + ‖g_fd‖) of backprop against central differences.

    g is the gradient with respect to every weight and bias (and every transform parameter),
    g_fd its central finite-difference estimate with step h (of the sum of the seeds' losses
    when batched). The norm-based ratio is the usual one: a per-component ratio would be
    dominated by the rounding error of near-zero components. Transforms are evaluated in
    training mode, as in `backward`.
    """

    def total() -> float:
        return float(np.sum(net._losses(net.forward(X, training=True), y)))

    _, dW, db = net.backward(X, y)
    grads = dW + db + net._transform_grads()
    grads = [g.copy() for g in grads]
    analytic, numeric = [], []
    for p, g in zip(net.parameters(), grads):
        for idx in np.ndindex(p.shape):
            old = p[idx]
            p[idx] = old + h
            up = total()
            p[idx] = old - h
            down = total()
            p[idx] = old
            numeric.append((up - down) / (2 * h))
            analytic.append(g[idx])
    a, b = np.array(analytic), np.array(numeric)
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    return float(np.linalg.norm(a - b) / scale) if scale > 0 else 0.0
