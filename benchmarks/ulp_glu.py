"""Worst ULP errors of the gated linear units (value, ∂/∂a, ∂/∂b), float64 and float32.

Run from the repository root: `PYTHONPATH=. python benchmarks/ulp_glu.py`. It uses the
references and (a, b) pairs of tests/test_glu.py, so it measures what the tests assert.
"""

import pathlib
import sys

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests"))
from test_glu import CASES, glu_ulp_errors

print("| unit | parameters | dtype | value | ∂/∂a | ∂/∂b (/κ near g' = 0) |")
print("|---|---|---|---|---|---|")
for case in CASES:
    name, params = case.values
    for dtype in (np.float64, np.float32):
        worst = glu_ulp_errors(name, params, dtype)
        cells = " | ".join(
            f"{worst[k][0]:.2f}" for k in ("value", "d/da", "d/db")
        )
        print(f"| {name} | {params or '–'} | {dtype.__name__} | {cells} |")
