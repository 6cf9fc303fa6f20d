"""Normalization layers: batch norm, layer norm and RMS norm, forward and backward, in NumPy.

Each is a callable with a ``.vjp`` (vector-Jacobian product: the backward pass), with
PyTorch's conventions (``F.batch_norm``, ``F.layer_norm``, ``F.rms_norm``):

    >>> import numpy as np
    >>> from acts.norms import batch_norm, layer_norm, rms_norm
    >>> x = np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 9.0]])
    >>> layer_norm(x).round(4)
    array([[-1.2247,  0.    ,  1.2247],
           [-1.019 , -0.3397,  1.3587]])
    >>> grads = layer_norm.vjp(x, np.ones_like(x), weight=np.ones(3), bias=np.zeros(3))
    >>> bool(np.abs(grads.dx).max() < 1e-12), grads.dbias.tolist()  # a constant g: no gradient
    (True, [2.0, 2.0, 2.0])

Over the m values of one group (a row for layer and RMS norm, a channel across the batch for
batch norm), with x̂ the normalised input and γ, β the learnable weight and bias:

    layer / batch norm   x̂ = (x − μ) / √(σ² + ε),   y = γ·x̂ + β,  σ² the biased variance
    RMS norm             x̂ = x / √(mean(x²) + ε),    y = γ·x̂
    backward (g = γ·∂L/∂y):
    layer / batch norm   ∂L/∂x = (g − mean(g) − x̂·mean(g·x̂)) / √(σ² + ε)
    RMS norm             ∂L/∂x = (g − x̂·mean(g·x̂)) / √(mean(x²) + ε)
    ∂L/∂γ = Σ ∂L/∂y·x̂,   ∂L/∂β = Σ ∂L/∂y   (summed over everything but the normalised features)

Numerical choices: the variance is computed in two passes, mean((x − μ)²), never as
E[x²] − E[x]², which cancels when |μ| ≫ σ; each group is first scaled by a power of two (exact)
so that no square, sum or difference overflows, which makes every finite input give a finite
result without a RuntimeWarning. A group with zero variance gives x̂ = 0, so y = β. A NaN or
±inf in a group makes that group's output NaN, as in PyTorch. float32 and float64 are kept;
other input types are computed in float64.

Differences from PyTorch: ``eps`` defaults to 1e-5 everywhere (``F.rms_norm``'s default
``eps=None`` means ``torch.finfo(dtype).eps``); `batch_norm` defaults to training mode and
takes the running statistics as keywords (``F.batch_norm(input, running_mean, running_var, ...,
training=False)``). Like PyTorch, training mode updates the running statistics in place, the
running variance with the *unbiased* variance: r ← (1 − momentum)·r + momentum·σ²·m/(m − 1).
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

__all__ = [
    "BatchNorm",
    "LayerNorm",
    "Norm",
    "NormGrads",
    "RMSNorm",
    "batch_norm",
    "layer_norm",
    "naive_variance",
    "rms_norm",
    "two_pass_variance",
]


class NormGrads(NamedTuple):
    """What ``.vjp`` returns: ∂L/∂x, and ∂L/∂weight, ∂L/∂bias (None where not used)."""

    dx: np.ndarray
    dweight: np.ndarray | None
    dbias: np.ndarray | None


# --------------------------------------------------------------------------- checks


def _array(x: Any, who: str, what: str = "input") -> np.ndarray:
    x = np.asarray(x)
    if x.dtype not in (np.float32, np.float64):
        if not (np.issubdtype(x.dtype, np.number) or x.dtype == bool):
            raise ValueError(
                f"{who}: {what} must be numeric, got dtype {x.dtype}"
            )
        x = x.astype(np.float64)
    return x


def _check_eps(eps: Any, who: str) -> float:
    try:
        value = float(eps)
    except (TypeError, ValueError):
        raise ValueError(
            f"{who}: eps must be a number > 0, got {eps!r}"
        ) from None
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{who}: eps must be > 0 and finite, got {eps!r}")
    return value


def _param(
    p: Any, shape: tuple[int, ...], dtype, who: str, what: str
) -> np.ndarray | None:
    if p is None:
        return None
    p = np.asarray(p, dtype=dtype)
    if p.shape != shape:
        raise ValueError(
            f"{who}: {what} must have shape {shape}, got {p.shape}"
        )
    return p


def _check_grad(x: np.ndarray, g: Any, who: str) -> np.ndarray:
    g = np.asarray(g, dtype=x.dtype)
    if g.shape != x.shape:
        raise ValueError(
            f"{who}.vjp: g must have the shape of x, {x.shape}, got {g.shape}"
        )
    return g


# --------------------------------------------------------------------------- kernels


# Below this |x| no square, sum or difference of a group can overflow (2^(2·k) · m < max float).
_SAFE = {np.dtype(np.float64): 2.0**400, np.dtype(np.float32): 2.0**50}


def _scale_down(
    x: np.ndarray, axes: tuple[int, ...]
) -> tuple[np.ndarray, np.ndarray | None]:
    """x·2^−e with 2^e ≥ max|x| for the groups beyond _SAFE (exact), and e; e is None if none is."""
    if (
        x.size == 0 or np.max(np.abs(x)) <= _SAFE[x.dtype]
    ):  # the common case: one reduction
        return x, None
    big = np.max(np.abs(x), axis=axes, keepdims=True)
    with np.errstate(invalid="ignore"):
        huge = np.isfinite(big) & (big > _SAFE[x.dtype])
    if not huge.any():
        return x, None
    e = np.where(huge, np.frexp(np.where(huge, big, 1))[1], 0)
    return np.ldexp(x, -e).astype(x.dtype, copy=False), e


def _mean(x: np.ndarray, axes: tuple[int, ...]) -> np.ndarray:
    """np.mean(x, axes, keepdims=True); over one of the last two axes as a product with a vector
    of 1/m, which for small arrays is several times faster than NumPy's reduction."""
    if len(axes) == 1 and axes[0] >= x.ndim - 2 and x.ndim >= 2:
        m = x.shape[axes[0]]
        w = np.full(m, 1 / m, dtype=x.dtype)
        return (
            (x @ w)[..., None]
            if axes[0] == x.ndim - 1
            else (w @ x)[..., None, :]
        )
    return np.mean(x, axis=axes, keepdims=True)


def _moments(x: np.ndarray, axes: tuple[int, ...], eps: float, centre: bool):
    """(x̂, 1/√(σ² + ε), σ², μ, m) over `axes`, σ² in two passes.

    A group whose |x| could overflow a square or a sum is first scaled by an exact power of two
    2^−e, and ε by 2^−2e with it: x̂ is unchanged, and every intermediate stays finite.
    """
    m = int(np.prod([x.shape[a] for a in axes]))
    u, e = _scale_down(x, axes)
    two = (
        (lambda v, k: v)
        if e is None
        else (lambda v, k: np.ldexp(v, k * e).astype(x.dtype, copy=False))
    )
    with np.errstate(
        all="ignore"
    ):  # only NaN / ±inf inputs reach invalid operations
        mean = None
        if centre:
            mean = _mean(u, axes)
            u = u - mean
        var = _mean(u * u, axes)
        rstd_u = 1 / np.sqrt(var + two(np.asarray(eps, x.dtype), -2))
        xhat = u * rstd_u
        rstd = two(rstd_u, -1)
        variance = two(
            var, 2
        )  # may be inf: the true variance is then beyond the float range
        if centre:
            mean = two(mean, 1)
    return xhat, rstd, variance, mean, m


def _affine(xhat: np.ndarray, weight, bias) -> np.ndarray:
    with np.errstate(
        over="ignore"
    ):  # γ·x̂ + β beyond float range is ±inf, as in PyTorch
        y = xhat if weight is None else xhat * weight
        return y if bias is None else y + bias


def _backward(xhat, rstd, g, weight, bias, axes, param_axes, centre):
    with np.errstate(all="ignore"):
        gh = g if weight is None else g * weight
        inner = gh - xhat * _mean(gh * xhat, axes)
        if centre:
            inner = inner - _mean(gh, axes)
        dx = (inner * rstd).astype(g.dtype, copy=False)
        dweight = (
            None
            if weight is None
            else np.sum(g * xhat, axis=param_axes).astype(g.dtype)
        )
        dbias = (
            None if bias is None else np.sum(g, axis=param_axes).astype(g.dtype)
        )
    return NormGrads(dx, dweight, dbias)


# --------------------------------------------------------------------------- the three norms


class Norm:
    """Base of the three normalization functions: a name, a call and a ``vjp``."""

    name = ""
    title = ""

    def __repr__(self) -> str:
        return f"<norm {self.name}>"


def _trailing(x: np.ndarray, normalized_shape, who: str) -> tuple[int, ...]:
    if normalized_shape is None:
        if x.ndim == 0:
            raise ValueError(
                f"{who}: input must have at least one axis, got a scalar"
            )
        return (x.shape[-1],)
    shape = (
        (int(normalized_shape),)
        if np.ndim(normalized_shape) == 0
        else tuple(int(s) for s in normalized_shape)
    )
    if (
        len(shape) == 0
        or x.shape[x.ndim - len(shape) :] != shape
        or len(shape) > x.ndim
    ):
        raise ValueError(
            f"{who}: normalized_shape {shape} must equal the trailing dimensions "
            f"of the input, whose shape is {x.shape}"
        )
    return shape


class _LastAxes(Norm):
    centre = True

    def _setup(self, x, normalized_shape, weight, bias, eps):
        who = self.name
        x = _array(x, who)
        shape = _trailing(x, normalized_shape, who)
        eps = _check_eps(eps, who)
        weight = _param(weight, shape, x.dtype, who, "weight")
        bias = _param(bias, shape, x.dtype, who, "bias")
        axes = tuple(range(x.ndim - len(shape), x.ndim))
        return x, axes, weight, bias, eps

    def _forward(self, x, normalized_shape, weight, bias, eps):
        x, axes, weight, bias, eps = self._setup(
            x, normalized_shape, weight, bias, eps
        )
        xhat, rstd, *_ = _moments(x, axes, eps, self.centre)
        return x, axes, weight, bias, xhat, rstd

    def _vjp(self, x, g, normalized_shape, weight, bias, eps) -> NormGrads:
        x, axes, weight, bias, xhat, rstd = self._forward(
            x, normalized_shape, weight, bias, eps
        )
        g = _check_grad(x, g, self.name)
        param_axes = tuple(range(x.ndim - len(axes)))
        return _backward(
            xhat, rstd, g, weight, bias, axes, param_axes, self.centre
        )


class LayerNormFunction(_LastAxes):
    """layer_norm(x, normalized_shape=None, weight=None, bias=None, eps=1e-5), as F.layer_norm.

    Normalises over the trailing `normalized_shape` dimensions (default: the last axis):
    y = γ·(x − μ)/√(σ² + ε) + β with μ, σ² the mean and biased variance of each group.
    """

    name, title = "layer_norm", "layer norm"

    def __call__(
        self,
        x,
        normalized_shape=None,
        weight=None,
        bias=None,
        eps: float = 1e-5,
    ):
        _, _, weight, bias, xhat, _ = self._forward(
            x, normalized_shape, weight, bias, eps
        )
        return _affine(xhat, weight, bias)

    def vjp(
        self,
        x,
        g,
        normalized_shape=None,
        weight=None,
        bias=None,
        eps: float = 1e-5,
    ) -> NormGrads:
        """NormGrads(dx, dweight, dbias) for the upstream gradient g = ∂L/∂y."""
        return self._vjp(x, g, normalized_shape, weight, bias, eps)


class RMSNormFunction(_LastAxes):
    """rms_norm(x, normalized_shape=None, weight=None, eps=1e-5), as F.rms_norm (no bias).

    y = γ·x/√(mean(x²) + ε) over the trailing `normalized_shape` dimensions (default: the last
    axis). PyTorch's default is eps=None, meaning torch.finfo(x.dtype).eps; here it is 1e-5.
    """

    name, title = "rms_norm", "RMS norm"
    centre = False

    def __call__(
        self, x, normalized_shape=None, weight=None, eps: float = 1e-5
    ):
        _, _, weight, _, xhat, _ = self._forward(
            x, normalized_shape, weight, None, eps
        )
        return _affine(xhat, weight, None)

    def vjp(
        self, x, g, normalized_shape=None, weight=None, eps: float = 1e-5
    ) -> NormGrads:
        """NormGrads(dx, dweight, None) for the upstream gradient g = ∂L/∂y."""
        return self._vjp(x, g, normalized_shape, weight, None, eps)


class BatchNormFunction(Norm):
    """batch_norm(x, weight=None, bias=None, *, training=True, running_mean=None,
    running_var=None, momentum=0.1, eps=1e-5), as F.batch_norm.

    x has shape (N, C) or (N, C, *spatial); each channel c is normalised over the batch (and the
    spatial axes). Training mode uses the batch's mean and biased variance and, when given,
    updates `running_mean` and `running_var` in place (the latter with the unbiased variance);
    evaluation mode (``training=False``) uses the running statistics, which it then requires.
    """

    name, title = "batch_norm", "batch norm"

    def _setup(
        self,
        x,
        weight,
        bias,
        training,
        running_mean,
        running_var,
        momentum,
        eps,
    ):
        who = self.name
        x = _array(x, who)
        if x.ndim < 2:
            raise ValueError(
                f"{who}: input must have shape (N, C) or (N, C, ...), got {x.shape}"
            )
        eps = _check_eps(eps, who)
        c = (x.shape[1],)
        weight = _param(weight, c, x.dtype, who, "weight")
        bias = _param(bias, c, x.dtype, who, "bias")
        axes = (0, *range(2, x.ndim))
        for stat, what in (
            (running_mean, "running_mean"),
            (running_var, "running_var"),
        ):
            if stat is not None and np.shape(stat) != c:
                raise ValueError(
                    f"{who}: {what} must have shape {c}, got {np.shape(stat)}"
                )
        if training:
            m = int(np.prod([x.shape[a] for a in axes]))
            if m < 2:
                raise ValueError(
                    f"{who}: training mode needs more than one value per channel "
                    f"(the variance of one value is 0), got input of shape {x.shape}"
                )
            try:
                momentum = float(momentum)
            except (TypeError, ValueError):
                raise ValueError(
                    f"{who}: momentum must be a number in [0, 1], got {momentum!r}"
                ) from None
            if not 0 <= momentum <= 1:
                raise ValueError(
                    f"{who}: momentum must be in [0, 1], got {momentum!r}"
                )
        elif running_mean is None or running_var is None:
            raise ValueError(
                f"{who}: evaluation mode (training=False) needs running_mean and "
                "running_var"
            )
        return x, axes, weight, bias, eps, momentum

    @staticmethod
    def _expand(v: np.ndarray, ndim: int) -> np.ndarray:
        return np.reshape(v, (1, -1) + (1,) * (ndim - 2))

    def _eval_stats(self, x, running_mean, running_var, eps):
        mean = self._expand(np.asarray(running_mean, dtype=x.dtype), x.ndim)
        var = self._expand(np.asarray(running_var, dtype=x.dtype), x.ndim)
        with np.errstate(all="ignore"):
            rstd = 1 / np.sqrt(var + x.dtype.type(eps))
            return (x - mean) * rstd, rstd

    def __call__(
        self,
        x,
        weight=None,
        bias=None,
        *,
        training: bool = True,
        running_mean=None,
        running_var=None,
        momentum: float = 0.1,
        eps: float = 1e-5,
    ) -> np.ndarray:
        x, axes, weight, bias, eps, momentum = self._setup(
            x, weight, bias, training, running_mean, running_var, momentum, eps
        )
        w = None if weight is None else self._expand(weight, x.ndim)
        b = None if bias is None else self._expand(bias, x.ndim)
        if not training:
            xhat, _ = self._eval_stats(x, running_mean, running_var, eps)
            return _affine(xhat, w, b)
        xhat, _, var, mean, m = _moments(x, axes, eps, centre=True)
        with np.errstate(over="ignore"):
            if running_mean is not None:
                running_mean *= 1 - momentum
                running_mean += momentum * mean.reshape(-1)
            if running_var is not None:
                running_var *= 1 - momentum
                running_var += momentum * var.reshape(-1) * (m / (m - 1))
        return _affine(xhat, w, b)

    def vjp(
        self,
        x,
        g,
        weight=None,
        bias=None,
        *,
        training: bool = True,
        running_mean=None,
        running_var=None,
        momentum: float = 0.1,
        eps: float = 1e-5,
    ) -> NormGrads:
        """NormGrads(dx, dweight, dbias) for g = ∂L/∂y; never touches the running statistics.

        In training mode the batch statistics depend on x, which gives the layer-norm form of
        dx over each channel; in evaluation mode they are constants and dx = γ·g/√(r_var + ε).
        """
        x, axes, weight, bias, eps, momentum = self._setup(
            x, weight, bias, training, running_mean, running_var, momentum, eps
        )
        g = _check_grad(x, g, self.name)
        w = None if weight is None else self._expand(weight, x.ndim)
        b = None if bias is None else self._expand(bias, x.ndim)
        if training:
            xhat, rstd, *_ = _moments(x, axes, eps, centre=True)
            return _backward(xhat, rstd, g, w, b, axes, axes, centre=True)
        xhat, rstd = self._eval_stats(x, running_mean, running_var, eps)
        with np.errstate(all="ignore"):
            gh = g if w is None else g * w
            dweight = (
                None
                if w is None
                else np.sum(g * xhat, axis=axes).astype(x.dtype)
            )
            dbias = None if b is None else np.sum(g, axis=axes).astype(x.dtype)
            return NormGrads(
                (gh * rstd).astype(x.dtype, copy=False), dweight, dbias
            )


layer_norm = LayerNormFunction()
rms_norm = RMSNormFunction()
batch_norm = BatchNormFunction()


# --------------------------------------------------------------------------- layers


class _Layer:
    """A normalization layer for `acts.mlp.MLP`'s per-layer transform hook.

    ``forward(z, training=True)`` for z of shape (..., n, features) — the batch on axis −2, an
    optional leading axis of `seeds` independent networks — then ``backward(g)`` → ∂L/∂z;
    ``params()`` and ``grads()`` list the learnable γ (and β), shape (seeds, 1, features), or
    (features,) for one network. γ starts at 1, β at 0; ``affine=False`` drops them.
    """

    has_bias = True

    def __init__(
        self,
        features: int,
        *,
        seeds: int | None = None,
        eps: float = 1e-5,
        affine: bool = True,
    ) -> None:
        self.eps = _check_eps(eps, type(self).__name__)
        self.seeds = seeds
        shape = (features,) if seeds is None else (seeds, 1, features)
        self.weight = np.ones(shape) if affine else None
        self.bias = np.zeros(shape) if affine and self.has_bias else None
        self._grads: list[np.ndarray] = []

    def params(self) -> list[np.ndarray]:
        return [p for p in (self.weight, self.bias) if p is not None]

    def grads(self) -> list[np.ndarray]:
        return self._grads

    def forward(self, z: np.ndarray, training: bool = True) -> np.ndarray:
        if (
            self.seeds is not None and z.ndim == 2
        ):  # the data, shared by the seeds (pre-norm)
            z = np.broadcast_to(z, (self.seeds, *z.shape))
        # The kernels of the functions above, called directly: the backward pass reuses x̂ and
        # 1/σ from the forward pass instead of recomputing them (as PyTorch's layers do).
        self._xhat, self._rstd, self._centre = self._normalise(
            np.asarray(z, dtype=np.float64), training
        )
        return _affine(self._xhat, self.weight, self.bias)

    def backward(self, g: np.ndarray) -> np.ndarray:
        # Σ over the batch (axis −2), kept as (seeds, 1, features) when there are seeds.
        ones = np.ones(g.shape[-2])
        keep = self.weight is not None and self.weight.ndim > 1
        total = (
            (lambda a: (ones @ a)[..., None, :])
            if keep
            else (lambda a: ones @ a)
        )
        self._grads = [] if self.weight is None else [total(g * self._xhat)]
        if self.bias is not None:
            self._grads.append(total(g))
        gh = g if self.weight is None else g * self.weight
        if (
            self._centre is None
        ):  # batch norm in evaluation mode: the statistics are constants
            return gh * self._rstd
        return _backward(
            self._xhat,
            self._rstd,
            gh,
            None,
            None,
            self._axes(g),
            (),
            self._centre,
        ).dx

    @staticmethod
    def _axes(z):
        return (z.ndim - 1,)


class BatchNorm(_Layer):
    """Batch norm of each feature over the batch (axis −2), with running statistics.

    In training mode it normalises with the batch's statistics and updates the running ones
    (`momentum`, the unbiased variance, as PyTorch); in evaluation mode it uses the running ones.
    """

    def __init__(
        self,
        features: int,
        *,
        seeds: int | None = None,
        eps: float = 1e-5,
        momentum: float = 0.1,
        affine: bool = True,
    ) -> None:
        super().__init__(features, seeds=seeds, eps=eps, affine=affine)
        self.momentum = momentum
        shape = (1, features) if seeds is None else (seeds, 1, features)
        self.running_mean, self.running_var = np.zeros(shape), np.ones(shape)

    @staticmethod
    def _axes(z):
        return (z.ndim - 2,)

    def _normalise(self, z, training):
        if not training:
            rstd = 1 / np.sqrt(self.running_var + self.eps)
            return (z - self.running_mean) * rstd, rstd, None
        if z.shape[-2] < 2:
            raise ValueError(
                f"BatchNorm: training mode needs more than one value per channel "
                f"(the variance of one value is 0), got input of shape {z.shape}"
            )
        xhat, rstd, var, mean, m = _moments(
            z, self._axes(z), self.eps, centre=True
        )
        with np.errstate(over="ignore"):
            self.running_mean *= 1 - self.momentum
            self.running_mean += self.momentum * mean
            self.running_var *= 1 - self.momentum
            self.running_var += self.momentum * var * (m / (m - 1))
        return xhat, rstd, True


class LayerNorm(_Layer):
    """Layer norm of each example over its features (the last axis)."""

    def _normalise(self, z, training):
        xhat, rstd, *_ = _moments(z, self._axes(z), self.eps, centre=True)
        return xhat, rstd, True


class RMSNorm(_Layer):
    """RMS norm of each example over its features (the last axis): a weight γ, no bias."""

    has_bias = False

    def _normalise(self, z, training):
        xhat, rstd, *_ = _moments(z, self._axes(z), self.eps, centre=False)
        return xhat, rstd, False


# --------------------------------------------------------------------------- the variance, two ways


def naive_variance(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """E[x²] − E[x]² in one pass: what not to do (it cancels when |mean| ≫ std)."""
    x = np.asarray(x)
    return np.mean(x * x, axis=axis) - np.mean(x, axis=axis) ** 2


def two_pass_variance(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """mean((x − mean(x))²): subtract the mean first, then square; what the norms use."""
    x = np.asarray(x)
    return np.mean((x - np.mean(x, axis=axis, keepdims=True)) ** 2, axis=axis)
