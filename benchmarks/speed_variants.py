"""How much faster the piecewise-linear gates are than the smooth ones, in plain NumPy.

    python benchmarks/speed_variants.py

Times the textbook one-line formulas (not acts, whose kernels also handle tails and NaN) on a
seeded array of 10⁶ values, best of 7 runs of 5 calls, and prints each time as a fraction of
its smooth counterpart and of the memory-bandwidth floor np.multiply(x, 2.0, out=buf).
"""

from __future__ import annotations

import timeit

import numpy as np

FORMULAS = {
    "sigmoid": lambda v: 1 / (1 + np.exp(-v)),
    "hardsigmoid": lambda v: np.minimum(np.maximum(v + 3, 0), 6) / 6,
    "silu": lambda v: v / (1 + np.exp(-v)),
    "hardswish": lambda v: v * np.minimum(np.maximum(v + 3, 0), 6) / 6,
}
PAIRS = [("hardsigmoid", "sigmoid"), ("hardswish", "silu")]


def main() -> None:
    print(
        "| dtype | hard | smooth | hard / smooth time | hard / floor | smooth / floor |"
    )
    print("|---|---|---|---|---|---|")
    for dtype in (np.float32, np.float64):
        x = np.random.default_rng(0).normal(0.0, 3.0, 10**6).astype(dtype)
        buf = np.empty_like(x)
        best = {
            n: min(timeit.repeat(lambda f=f: f(x), number=5, repeat=7))
            for n, f in FORMULAS.items()
        }
        floor = min(
            timeit.repeat(
                lambda: np.multiply(x, 2.0, out=buf), number=5, repeat=7
            )
        )
        for hard, smooth in PAIRS:
            print(
                f"| {np.dtype(dtype).name} | {hard} | {smooth} | {best[hard] / best[smooth]:.2f} "
                f"| {best[hard] / floor:.1f} | {best[smooth] / floor:.1f} |"
            )


if __name__ == "__main__":
    main()
