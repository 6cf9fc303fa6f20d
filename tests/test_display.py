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


def glued(monkeypatch, fn, *args, **kwargs):
    calls = []
    monkeypatch.setattr(
        IPython.display, "display", lambda *a, **k: calls.append(a)
    )
    fn(*args, **kwargs)
    ((bundle,),) = calls
    return bundle[acts.display.GLUE_PREFIX + "text/markdown"]


@pytest.mark.parametrize(
    "value, maths",
    [
        ("3.7e-348", "$3.7\\times 10^{-348}$"),  # below float64's range
        (-1.23e5, "$-1.2\\times 10^{5}$"),
        (0.5, "$5.0\\times 10^{-1}$"),
    ],
)
def test_glue_power_of_ten_writes_maths_beyond_float64(
    monkeypatch, value, maths
):
    import mpmath

    number = mpmath.mpf(value) if isinstance(value, str) else value
    assert (
        glued(monkeypatch, acts.display.glue_power_of_ten, "k", number) == maths
    )


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")])
def test_glue_power_of_ten_refuses_what_is_not_a_number(value):
    with pytest.raises(ValueError, match="glue_power_of_ten: k is"):
        acts.display.glue_power_of_ten("k", value)


def test_folded_source_is_closed_behind_its_summary_and_escapes_it():
    folded = acts.display.folded_source(acts.gelu)
    html = folded._repr_html_()
    assert html.startswith(
        '<details class="acts-folded"><summary>The code acts runs for gelu'
    )
    assert "_gelu_forward" in html and html.endswith("</details>")
    assert folded.code == acts.display.source_text(acts.gelu)
    odd = acts.display.Folded.of(acts.display.glue, summary="a < b & c")
    assert "<summary>a &lt; b &amp; c</summary>" in odd._repr_html_()
    assert "def glue(" in odd.code and repr(odd).startswith("a < b & c\n\n")
