"""Shared fixtures: the repository root and the website, built once per test session."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def site() -> pathlib.Path:
    """Build the website with warnings as errors (executing the notebooks) and return its folder.

    The build runs in a subprocess: it is the README's build command, not an imitation of it.
    """
    jupyter_book = pathlib.Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run(
        [str(jupyter_book), "build", str(ROOT), "-W", "-n", "--keep-going"],
        cwd=ROOT, capture_output=True, text=True, timeout=1800,
    )
    if result.returncode != 0:
        pytest.fail(
            "the website build failed (warnings are errors):\n"
            + result.stdout[-6000:] + result.stderr[-4000:],
            pytrace=False,
        )
    return ROOT / "_build" / "html"
