"""acts.display.glue writes what myst_nb.glue writes, so the book can skip importing nbformat."""

import IPython.display
import numpy as np
import pytest
from IPython.display import Markdown

import acts.display


@pytest.fixture(autouse=True)
def no_shell_left_behind():
    """format_display_data (both glues call it) creates IPython's global InteractiveShell; left
    behind, get_ipython() is no longer None and later tests (acts.plotting's doctests) behave
    as if they ran in IPython."""
    from IPython.core.interactiveshell import InteractiveShell

    existed = InteractiveShell.initialized()
    yield
    if not existed and InteractiveShell.initialized():
        InteractiveShell.clear_instance()


def captured(monkeypatch, glue, module, attr, name, value, display):
    calls = []
    monkeypatch.setattr(module, attr, lambda *a, **k: calls.append((a, k)))
    glue(name, value, display=display)
    return calls


@pytest.mark.parametrize(
    "value",
    [
        0.25,
        -708.3964185322641,
        7,
        "a string",
        Markdown("$4.2\\times 10^{-18}$"),
    ],
    ids=["float", "negative", "int", "str", "markdown"],
)
@pytest.mark.parametrize("display", [False, True])
def test_glue_writes_myst_nbs_display_output(monkeypatch, value, display):
    from myst_nb.ext import glue as myst_glue

    theirs = captured(
        monkeypatch,
        myst_glue.glue,
        myst_glue,
        "ipy_display",
        "k",
        value,
        display,
    )
    # myst_nb's module holds its own reference to display; ours imports it at call time
    monkeypatch.setattr(myst_glue, "ipy_display", lambda *a, **k: None)
    ours = captured(
        monkeypatch,
        acts.display.glue,
        IPython.display,
        "display",
        "k",
        value,
        display,
    )
    assert ours == theirs and len(ours) == 1
    assert acts.display.GLUE_PREFIX == myst_glue.GLUE_PREFIX


def test_glue_writes_numpy_scalars_as_python_numbers(monkeypatch):
    calls = []
    monkeypatch.setattr(
        IPython.display, "display", lambda *a, **k: calls.append(a)
    )
    acts.display.glue("k", np.float64(0.5))
    ((bundle,),) = calls
    assert bundle == {acts.display.GLUE_PREFIX + "text/plain": "0.5"}


def test_table_writes_rows_of_any_width_and_escapes_bars():
    import sympy as sp

    two = acts.display.table({"range": sp.Interval(0, 1), "f(0)": "a|b"}).data
    assert two.splitlines() == [
        "| property | value |",
        "|---|---|",
        "| range | $\\left[0, 1\\right]$ |",
        "| f(0) | a\\|b |",
    ]
    three = acts.display.table([(1, 0.5, "x")], header=("seed", "loss", "note"))
    assert three.data.splitlines()[2] == "| 1 | 0.5 | x |"
    with pytest.raises(ValueError, match="2 cells under 3 headers"):
        acts.display.table([(1, 2)], header=("a", "b", "c"))
