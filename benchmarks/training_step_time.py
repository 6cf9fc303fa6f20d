"""Wall-clock time of one training step of the training chapter's network, per activation.

    python benchmarks/training_step_time.py [--repeats 30] \
        [--out benchmarks/results/training_step_time.csv]

The network and the mini-batch are those of `acts.experiments.CHECKERBOARD` (one seed): one
step is a forward pass, a backward pass through ``acts.<name>.grad`` and an Adam update. For
each distinct activation (`acts.experiments.distinct`) it times `repeats` blocks of 10 steps
after 10 warm-up steps, and writes the median and the interquartile range per step, in
milliseconds, with the machine it ran on (the training chapter plots the CSV: wall-clock
numbers inside a notebook would make it non-deterministic). Run it on a quiet machine: the
numbers are only comparable within one run.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import time
from pathlib import Path

import numpy as np

import acts
from acts.datasets import checkerboard
from acts.experiments import CHECKERBOARD, distinct
from acts.mlp import MLP


def step_times(name: str, repeats: int, block: int = 10) -> np.ndarray:
    """Seconds per step, one value per block of `block` steps."""
    cfg = CHECKERBOARD
    X, y = checkerboard(cfg["n_train"], cfg["cells"], seed=100)
    net = MLP(
        [2] + [cfg["width"]] * cfg["depth"] + [1],
        name,
        init=cfg["init"],
        seed=0,
    )
    fit = {"lr": cfg["lr"], "batch_size": cfg["batch_size"]}
    net.fit(X, y, steps=block, **fit)
    times = []
    for r in range(repeats):
        start = time.perf_counter()
        net.fit(X, y, steps=block, batch_seed=r, **fit)
        times.append((time.perf_counter() - start) / block)
    return np.array(times)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(
                line.split(":", 1)[1].strip()
                for line in f
                if line.startswith("model name")
            )
    except (OSError, StopIteration):
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "default")
    return (
        f"{cpu}, {os.cpu_count()} cores, load average {load:.1f} at start, "
        f"Python {platform.python_version()}, NumPy {np.__version__}, "
        f"OPENBLAS_NUM_THREADS={threads}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument(
        "--out",
        default=str(
            Path(__file__).parent / "results" / "training_step_time.csv"
        ),
    )
    args = parser.parse_args()
    where = machine()
    names, _ = distinct(acts.names("elementwise"))
    rows = []
    for name in names:
        t = step_times(name, args.repeats) * 1e3
        q1, med, q3 = np.percentile(t, [25, 50, 75])
        rows.append(
            {
                "activation": name,
                "median_ms": f"{med:.4f}",
                "q1_ms": f"{q1:.4f}",
                "q3_ms": f"{q3:.4f}",
                "repeats": args.repeats,
                "machine": where,
            }
        )
        print(f"{name:12s} {med:8.3f} ms  (IQR {q1:.3f}–{q3:.3f})")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
