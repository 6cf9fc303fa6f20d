"""Toy data sets made with NumPy, seeded, for the chapters that train networks.

Nothing is downloaded: every set is generated from a seed, so a chapter gives the same numbers
on every run.

    >>> X, y = two_moons(200, seed=0)
    >>> X.shape, y.shape, sorted(set(y.tolist()))
    ((200, 2), (200,), [0.0, 1.0])
"""

from __future__ import annotations

import numpy as np

__all__ = ["two_moons", "spiral", "xor", "bump", "checkerboard", "separable"]


def two_moons(
    n: int = 200, noise: float = 0.15, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles in 2-D, labels 0 and 1 (like scikit-learn's make_moons)."""
    rng = np.random.default_rng(seed)
    half = n // 2
    t = rng.uniform(0, np.pi, n)
    upper = np.column_stack([np.cos(t[:half]), np.sin(t[:half])])
    lower = np.column_stack([1 - np.cos(t[half:]), 0.5 - np.sin(t[half:])])
    X = np.vstack([upper, lower]) + rng.normal(0, noise, (n, 2))
    y = np.concatenate([np.zeros(half), np.ones(n - half)])
    return X, y


def spiral(
    n: int = 200, turns: float = 1.5, noise: float = 0.08, seed: int = 0
):
    """Two interleaved spiral arms in 2-D, labels 0 and 1; no straight line separates them."""
    rng = np.random.default_rng(seed)
    half = n // 2
    r = np.linspace(0.15, 1.0, half)
    theta = r * turns * 2 * np.pi
    arm = np.column_stack([r * np.cos(theta), r * np.sin(theta)])
    X = np.vstack([arm, -arm]) + rng.normal(0, noise, (2 * half, 2))
    y = np.concatenate([np.zeros(half), np.ones(half)])
    if n > 2 * half:  # an odd n: one more point on the first arm
        X, y = np.vstack([X, arm[-1:]]), np.append(y, 0.0)
    return X, y


def xor() -> tuple[np.ndarray, np.ndarray]:
    """The four corners of the unit square, labelled by exclusive or."""
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return X, np.array([0.0, 1.0, 1.0, 0.0])


def bump(n: int = 64) -> tuple[np.ndarray, np.ndarray]:
    """A 1-D regression target: a Gaussian bump on [-3, 3], shape (n, 1) inputs."""
    x = np.linspace(-3, 3, n)
    return x[:, None], np.exp(-(x**2))


def checkerboard(
    n: int = 512, cells: int = 3, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Points uniform in the square [-1, 1]², cut into cells × cells squares coloured 0 and 1.

    The label of a point is (i + j) mod 2 for the square (i, j) it falls in, so neighbouring
    squares differ: a network must draw 2·(cells − 1) straight boundaries, which is harder the
    more cells there are. Draw a training and a test set with different seeds.

        >>> X, y = checkerboard(6, cells=2, seed=1)
        >>> X.shape, y.tolist() == [float((x0 > 0) != (x1 > 0)) for x0, x1 in X]
        ((6, 2), True)
    """
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1.0, 1.0, (n, 2))
    square = np.minimum(np.floor((X + 1.0) * cells / 2.0), cells - 1)
    return X, (square.sum(axis=1) % 2).astype(np.float64)


def separable(
    n: int = 200, margin: float = 0.1, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, float]]:
    """Points uniform in [-1, 1]², labelled 0 and 1 by a random line, none within `margin` of it.

    Returns ``X`` (n, 2), ``y`` and the line ``(w, b)``: ``y`` is 1 where w·x + b > 0, and w is
    a unit vector, so |w·x + b| is a point's distance to the line, larger than `margin` for every
    point. The setting of the perceptron convergence theorem, for single threshold units.

        >>> X, y, (w, b) = separable(50, margin=0.2, seed=3)
        >>> X.shape, bool(np.all(np.abs(X @ w + b) > 0.2)), bool(np.all(y == (X @ w + b > 0)))
        ((50, 2), True, True)
    """
    rng = np.random.default_rng(seed)
    angle = rng.uniform(0.0, 2.0 * np.pi)
    w, b = (
        np.array([np.cos(angle), np.sin(angle)]),
        float(rng.uniform(-0.3, 0.3)),
    )
    X = np.empty((0, 2))
    while len(X) < n:
        points = rng.uniform(-1.0, 1.0, (2 * n, 2))
        X = np.vstack([X, points[np.abs(points @ w + b) > margin]])
    X = X[:n]
    return X, (X @ w + b > 0).astype(np.float64), (w, b)
