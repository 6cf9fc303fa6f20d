"""Redraw time of the live Jupyter figures: what one slider move costs in the kernel.

A move runs the slider's observer exactly as in Jupyter: acts recomputes the curves at the new
value, the persistent Matplotlib figure is redrawn and encoded as PNG, and the image widget gets
the bytes. The goal is ≤ 100 ms per move. Wall time depends on what else the machine runs, so
the CPU time of this process is printed too, with the load average.

    python benchmarks/plotting.py [moves per slider, default 20]
"""

from __future__ import annotations

import os
import statistics
import sys
import time

import acts
from acts import plotting


def moves(control, n):
    """n slider values that differ from one to the next, from the live slider's grid."""
    lo, hi, step = control.live
    count = int(round((hi - lo) / step)) + 1
    return [lo + step * ((i * 7) % count) for i in range(1, n + 1)]


def bench(label, fig, n):
    box = fig.widget()
    sliders = [c for c in fig.controls if not c.choice]
    # a parameter, else x max
    control = next((c for c in sliders if c.frames), sliders[-1])
    wall, cpu = [], []
    for value in moves(control, n):
        w0, c0 = time.perf_counter(), time.process_time()
        box.inputs[control.name].value = value
        wall.append(1e3 * (time.perf_counter() - w0))
        cpu.append(1e3 * (time.process_time() - c0))
    print(
        f"{label:<34} {control.name:>8} {statistics.median(wall):8.1f} {max(wall):8.1f} "
        f"{statistics.median(cpu):8.1f} {len(fig.html) / 1024:9.0f}"
    )
    return statistics.median(wall)


def main(n=20):
    print(
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs; {n} moves per figure"
    )
    print(
        f"{'figure':<34} {'slider':>8} {'wall ms':>8} {'max ms':>8} {'cpu ms':>8} {'html kB':>9}"
    )
    print(f"{'':<34} {'':>8} {'median':>8} {'':>8} {'median':>8}")
    medians = {}
    for name in acts.names("elementwise") + acts.names("vector"):
        label = f"explore({name!r})"
        medians[label] = bench(label, plotting.explore(name), n)
    everything = acts.names("elementwise")
    label = f"compare({len(everything)} activations)"
    medians[label] = bench(label, plotting.compare(everything), n)
    print(
        f"worst median: {max(medians.values()):.1f} ms per slider move (goal ≤ 100 ms)"
    )
    missed = [k for k, v in medians.items() if v > 100]
    print("over the goal: " + (", ".join(missed) if missed else "none"))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
