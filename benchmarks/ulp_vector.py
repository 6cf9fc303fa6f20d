"""Worst ULP errors of the vector activations (forward, Jacobian, vjp/κ), float64 and float32.

Run from the repository root: `PYTHONPATH=. python benchmarks/ulp_vector.py`. It uses the
references and test vectors of tests/test_accuracy.py, so it measures what the tests assert.
"""

import pathlib
import sys

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests"))
import acts  # noqa: E402
from test_accuracy import vector_ulp_errors  # noqa: E402

print("| activation | dtype | forward | jacobian | vjp / κ |")
print("|---|---|---|---|---|")
for name in acts.names("vector"):
    for dtype in (np.float64, np.float32):
        worst = vector_ulp_errors(name, dtype)
        cells = " | ".join(f"{worst[k][0]:.2f}" for k in ("forward", "jacobian", "vjp"))
        print(f"| {name} | {dtype.__name__} | {cells} |")
