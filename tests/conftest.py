"""Shared fixtures: the repository root and the website, built once per test session."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import numpy as np
import pytest

from acts.core import Activation, Param, one_of
from acts.registry import register, unregister

ROOT = pathlib.Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def site() -> pathlib.Path:
    """Build the website with warnings as errors (executing the notebooks) and return its folder.

    The build runs in a subprocess: it is the README's build command, not an imitation of it.
    """
    # Every page is re-read (--all: Sphinx would otherwise reuse the pages of an unchanged
    # notebook). The notebooks nbval ran in this session are not executed again: the root
    # conftest.py put their outputs in the build's execution cache, which it empties when
    # acts/ changes.
    jupyter_book = pathlib.Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run(
        [
            str(jupyter_book),
            "build",
            str(ROOT),
            "-W",
            "-n",
            "--keep-going",
            "--all",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if result.returncode != 0:
        pytest.fail(
            "the website build failed (warnings are errors):\n"
            + result.stdout[-6000:]
            + result.stderr[-4000:],
            pytrace=False,
        )
    return ROOT / "_build" / "html"


def _toy_forward(x, a, mode):
    return a * (np.tanh(x) if mode == "tanh" else x)


def _toy_grad(x, a, mode):
    return a * (1 - np.tanh(x) ** 2) if mode == "tanh" else np.full_like(x, a)


@pytest.fixture
def toy():
    """A parametrised activation, a·tanh(x) or a·x, registered for one test and then removed."""
    import sympy

    act = register(
        Activation(
            "toy_scaled",
            title="Toy",
            forward=_toy_forward,
            grad=_toy_grad,
            expr=lambda x, a, mode: (
                a * (sympy.tanh(x) if mode == "tanh" else x)
            ),
            params=[
                Param("a", 1.0, "scale", slider=(0.5, 2.0, 0.25)),
                Param("mode", "tanh", "shape", check=one_of("tanh", "linear")),
            ],
            param_grads={
                "a": lambda x, a, mode: np.tanh(x) if mode == "tanh" else x
            },
        )
    )
    yield act
    unregister("toy_scaled")


class _ToySoftmax:
    """The vector-activation API that explore() relies on: kind, a(x, axis), a.jacobian(x, axis)."""

    name, title, kind = "toy_softmax", "Toy softmax", "vector"

    def __call__(self, z, axis=-1):
        e = np.exp(z - np.max(z, axis=axis, keepdims=True))
        return e / e.sum(axis=axis, keepdims=True)

    def jacobian(self, z, axis=-1):
        y = self(z, axis)
        return np.diag(y) - np.outer(y, y)


@pytest.fixture
def toy_softmax():
    act = register(_ToySoftmax())
    yield act
    unregister("toy_softmax")
