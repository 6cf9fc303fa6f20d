"""What chapters show of the package itself: the real source of an activation's kernels.

A chapter never retypes an implementation; it calls `source(acts.sigmoid)`, which reads the
kernels with `inspect`, so the page always shows the code that the tests check.
"""

from __future__ import annotations

import inspect
import textwrap


def source_text(activation, which=("forward", "grad")) -> str:
    """The source of the named kernels of `activation`, separated by blank lines."""
    kernels = activation.kernels
    return "\n\n".join(
        textwrap.dedent(inspect.getsource(kernels[k])) for k in which
    )


def source(activation, which=("forward", "grad")):
    """The kernels' source as a syntax-highlighted IPython display object."""
    from IPython.display import Code

    return Code(source_text(activation, which), language="python")


def table(rows, header=("property", "value")):
    """A Markdown table from a dict or (key, value) pairs; SymPy values are shown as LaTeX.

    Chapters use it for their Properties tables, so that no notebook carries its own formatter.
    """
    import sympy
    from IPython.display import Markdown

    items = rows.items() if isinstance(rows, dict) else rows
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for key, value in items:
        # A | would end the table cell: LaTeX has \vert for it (|x| is \left|x\right|).
        if isinstance(value, sympy.Basic):
            shown = "$" + sympy.latex(value).replace("|", r"\vert ") + "$"
        else:
            shown = str(value).replace("|", r"\|")
        lines.append(f"| {key} | {shown} |")
    return Markdown("\n".join(lines))


def glue(name: str, value, display: bool = False) -> None:
    """MyST-NB's `glue` for a computed number, so that prose can show it.

    A NumPy scalar becomes the Python number it holds: NumPy 2 writes ``np.float64(0.5)`` as
    its text, which a ``{glue:text}`key:.3g``` format spec cannot read (the build warns).
    """
    import numpy as np
    from myst_nb import glue as myst_glue

    if isinstance(value, np.generic):
        value = value.item()
    myst_glue(name, value, display=display)
