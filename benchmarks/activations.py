"""Speed of every acts activation against its textbook one-liner and the memory-bandwidth floor.

Run by hand (not a test):  python benchmarks/activations.py [--n 1000000] [--repeat 7]

For each activation and dtype it prints the median time of the forward pass and the derivative
on n elements drawn from N(0, 3²), the same for the textbook one-line NumPy formula (which is
often inexact: see the numerical-stability chapter), and the floor `np.multiply(x, 2.0, out=buf)`,
one read and one write of the array. Ratios are to the floor.
"""

from __future__ import annotations

import argparse
import timeit

import numpy as np
from scipy import special

import acts


def _softmax(a):
    e = np.exp(a)
    return e / e.sum(axis=-1, keepdims=True)


def _sig(x):
    return 1 / (1 + np.exp(-x))


_SELU_A, _SELU_L = 1.6732632423543772848170429916717, 1.0507009873554804934193349852946

# name: (forward, derivative) as most tutorials write them, at the default parameters.
TEXTBOOK = {
    "linear": (lambda x: 1.0 * x, lambda x: np.ones_like(x)),
    "step": (lambda x: np.heaviside(x, 0.5), lambda x: np.zeros_like(x)),
    "sign": (np.sign, lambda x: np.zeros_like(x)),
    "sigmoid": (_sig, lambda x: _sig(x) * (1 - _sig(x))),
    "tanh": (np.tanh, lambda x: 1 - np.tanh(x) ** 2),
    "relu": (lambda x: np.maximum(x, 0), lambda x: (x > 0).astype(x.dtype)),
    "leaky_relu": (lambda x: np.where(x > 0, x, 0.01 * x), lambda x: np.where(x > 0, 1.0, 0.01)),
    "prelu": (lambda x: np.where(x > 0, x, 0.25 * x), lambda x: np.where(x > 0, 1.0, 0.25)),
    "relu6": (lambda x: np.clip(x, 0, 6), lambda x: ((x > 0) & (x < 6)).astype(x.dtype)),
    "hardtanh": (lambda x: np.clip(x, -1, 1), lambda x: ((x > -1) & (x < 1)).astype(x.dtype)),
    "softplus": (lambda x: np.log(1 + np.exp(x)), _sig),
    "elu": (lambda x: np.where(x > 0, x, np.exp(x) - 1), lambda x: np.where(x > 0, 1.0, np.exp(x))),
    "celu": (lambda x: np.maximum(x, 0) + np.minimum(0, np.exp(x) - 1),
             lambda x: np.where(x > 0, 1.0, np.exp(x))),
    "selu": (lambda x: _SELU_L * np.where(x > 0, x, _SELU_A * (np.exp(x) - 1)),
             lambda x: _SELU_L * np.where(x > 0, 1.0, _SELU_A * np.exp(x))),
    "gelu": (lambda x: 0.5 * x * (1 + special.erf(x / np.sqrt(2))),
             lambda x: 0.5 * (1 + special.erf(x / np.sqrt(2))) + x * np.exp(-x * x / 2) / np.sqrt(2 * np.pi)),
    "silu": (lambda x: x * _sig(x), lambda x: _sig(x) * (1 + x * (1 - _sig(x)))),
    "swish": (lambda x: x * _sig(x), lambda x: _sig(x) * (1 + x * (1 - _sig(x)))),
    "mish": (lambda x: x * np.tanh(np.log(1 + np.exp(x))),
             lambda x: np.tanh(np.log(1 + np.exp(x)))
             + x * _sig(x) * (1 - np.tanh(np.log(1 + np.exp(x))) ** 2)),
    "hardsigmoid": (lambda x: np.clip(x / 6 + 0.5, 0, 1),
                    lambda x: np.where((x > -3) & (x < 3), 1 / 6, 0.0)),
    "hardswish": (lambda x: x * np.clip(x + 3, 0, 6) / 6,
                  lambda x: np.where(x < -3, 0.0, np.where(x > 3, 1.0, x / 3 + 0.5))),
    "softsign": (lambda x: x / (1 + np.abs(x)), lambda x: 1 / (1 + np.abs(x)) ** 2),
    "logsigmoid": (lambda x: np.log(_sig(x)), lambda x: 1 - _sig(x)),
    "tanhshrink": (lambda x: x - np.tanh(x), lambda x: np.tanh(x) ** 2),
    "softshrink": (lambda x: np.where(x > 0.5, x - 0.5, np.where(x < -0.5, x + 0.5, 0.0)),
                   lambda x: (np.abs(x) > 0.5).astype(x.dtype)),
    "hardshrink": (lambda x: np.where(np.abs(x) > 0.5, x, 0.0),
                   lambda x: (np.abs(x) > 0.5).astype(x.dtype)),
    "softmax": (_softmax, None),
    "log_softmax": (lambda a: a - np.log(np.exp(a).sum(axis=-1, keepdims=True)), None),
    "softmin": (lambda a: _softmax(-a), None),
}


def median_time(fn, repeat: int) -> float:
    return float(np.median(timeit.repeat(fn, number=1, repeat=repeat)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    print(f"n = {args.n:,} elements, median of {args.repeat} runs; times in ms, "
          f"(×) = multiple of the floor np.multiply(x, 2.0, out=buf)\n")
    header = (f"{'activation':<12} {'dtype':<8} {'acts f':>14} {'textbook f':>14} "
              f"{'acts df/dx':>14} {'textbook df/dx':>15}")
    print(header)
    print("-" * len(header))
    for dtype in (np.float32, np.float64):
        x = (3 * rng.standard_normal(args.n)).astype(dtype)
        buf = np.empty_like(x)
        floor = median_time(lambda: np.multiply(x, 2.0, out=buf), args.repeat)
        print(f"{'floor':<12} {np.dtype(dtype).name:<8} {floor * 1e3:>9.2f} (1×)")
        for name in acts.names():
            a = acts.get(name)
            xv = x.reshape(-1, 10) if a.kind == "vector" else x  # vectors of length 10
            naive_f, naive_d = TEXTBOOK.get(name, (None, None))
            deriv = (lambda: a.grad(xv)) if a.kind == "elementwise" else (lambda: a.vjp(xv, xv))
            cells = []
            with np.errstate(all="ignore"):  # the textbook formulas overflow; that is their problem
                for fn in (lambda: a(xv), (lambda: naive_f(xv)) if naive_f else None,
                           deriv, (lambda: naive_d(xv)) if naive_d else None):
                    if fn is None:
                        cells.append(f"{'–':>14}")
                        continue
                    t = median_time(fn, args.repeat)
                    cells.append(f"{t * 1e3:>7.2f} ({t / floor:>3.0f}×)")
            label = name if a.kind == "elementwise" else f"{name} (vjp)"
            print(f"{label:<12} {np.dtype(dtype).name:<8} {cells[0]} {cells[1]} {cells[2]} {cells[3]:>15}")
        print()


if __name__ == "__main__":
    main()
