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


class Folded:
    """Code in a collapsed block (HTML ``<details>``): closed on the page and in Jupyter alike.

    For the long numerical kernels (series, two-float tricks) that a practitioner can skip and
    the curious can open: the summary line says what is inside.
    """

    def __init__(self, code: str, summary: str) -> None:
        self.code = code
        self.summary = summary

    @classmethod
    def of(cls, *functions, summary: str) -> Folded:
        """The source of these functions (helpers of a kernel, a series), collapsed."""
        code = "\n\n".join(
            textwrap.dedent(inspect.getsource(f)) for f in functions
        )
        return cls(code, summary)

    def _repr_html_(self) -> str:
        import html

        from pygments import highlight
        from pygments.formatters import HtmlFormatter
        from pygments.lexers import PythonLexer

        body = highlight(
            self.code, PythonLexer(), HtmlFormatter(noclasses=True)
        )
        return (
            f'<details class="acts-folded"><summary>{html.escape(self.summary)}</summary>'
            f"{body}</details>"
        )

    def __repr__(self) -> str:
        return f"{self.summary}\n\n{self.code}"


def folded_source(
    activation, which=("forward", "grad"), summary=None
) -> Folded:
    """`source`, collapsed: the kernels' code behind a one-line summary the reader can open."""
    code = source_text(activation, which)
    lines = code.count("\n") + 1
    if summary is None:
        summary = f"The code acts runs for {activation.name} ({lines} lines): click to open"
    return Folded(code, summary)


def table(rows, header=("property", "value")):
    """A Markdown table from a dict, (key, value) pairs or rows of any width matching `header`;
    SymPy values are shown as LaTeX, everything else as its text.

    Chapters use it for their Properties tables and for the tables of their measurements
    (a row per seed or per setting), so that no notebook carries its own formatter.
    """
    import sympy
    from IPython.display import Markdown

    def cell(value):
        # A | would end the table cell: LaTeX has \vert for it (|x| is \left|x\right|).
        if isinstance(value, sympy.Basic):
            return "$" + sympy.latex(value).replace("|", r"\vert ") + "$"
        return str(value).replace("|", r"\|")

    items = rows.items() if isinstance(rows, dict) else rows
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in items:
        row = tuple(row)
        if len(row) != len(header):
            raise ValueError(
                f"table: a row of {len(row)} cells under {len(header)} headers"
            )
        lines.append("| " + " | ".join(cell(v) for v in row) + " |")
    return Markdown("\n".join(lines))


#: MyST-NB's mime-type prefix for a glued value that is not displayed (myst_nb.ext.glue).
GLUE_PREFIX = "application/papermill.record/"


def glue(name: str, value, display: bool = False) -> None:
    """MyST-NB's `glue` for a computed number, so that prose can show it.

    A NumPy scalar becomes the Python number it holds: NumPy 2 writes ``np.float64(0.5)`` as
    its text, which a ``{glue:text}`key:.3g``` format spec cannot read (the build warns).

    It writes the same display output as ``myst_nb.glue`` (tests/test_plotting.py compares
    them), without importing myst_nb's glue module: that imports nbformat, about 2 s of CPU in
    every chapter's kernel, which is a quarter of a short chapter's run time.
    """
    import numpy as np
    from IPython.core.formatters import format_display_data
    from IPython.display import display as ipy_display

    if isinstance(value, np.generic):
        value = value.item()
    bundle, metadata = format_display_data(value)
    prefix = "" if display else GLUE_PREFIX
    metadata["scrapbook"] = {"name": name, "mime_prefix": prefix}
    ipy_display(
        {prefix + k: v for k, v in bundle.items()}, raw=True, metadata=metadata
    )


def float_limits() -> dict[str, float]:
    """Where `exp` leaves each float format, the numbers chapters quote about overflow.

    ``exp_overflow_<fmt>`` = log(largest finite number): exp(x) is inf above it;
    ``exp_tiny_<fmt>`` = log(smallest normal number) and ``exp_subnormal_<fmt>`` = log(smallest
    subnormal): below them exp(x) is subnormal, then 0; ``one_plus_<fmt>`` = log(eps/2): below
    it 1 + exp(x) rounds to 1 (log(1 + exp(x)) = 0 in the textbook softplus).
    """
    import numpy as np

    limits = {}
    for fmt in ("float16", "float32", "float64"):
        info = np.finfo(fmt)
        short = {"float16": "f16", "float32": "f32", "float64": "f64"}[fmt]
        limits[f"exp_overflow_{short}"] = float(np.log(float(info.max)))
        limits[f"exp_tiny_{short}"] = float(np.log(float(info.tiny)))
        limits[f"exp_subnormal_{short}"] = float(
            np.log(float(info.smallest_subnormal))
        )
        limits[f"one_plus_{short}"] = float(np.log(float(info.eps) / 2))
    return limits


def glue_float_limits() -> dict[str, float]:
    """Glue every `float_limits` value under its name (in a ``remove-cell``), and return them.

    Prose then writes ``{glue:text}`exp_overflow_f64:.1f``` (709.8) instead of typing it.
    """
    limits = float_limits()
    for name, value in limits.items():
        glue(name, value)
    return limits


def glue_power_of_ten(name: str, value, digits: int = 2) -> None:
    """Glue `value` (a float or an mpmath number, even beyond float64) as $m \\times 10^{e}$.

    For the {glue:md} role: ``{glue:md}`name:myst``` shows ``3.7 × 10⁻³⁴⁸`` as maths, where a
    ``{glue:text}`` of a float would print ``3.7e-348`` (or cannot hold the number at all).
    """
    import mpmath
    from IPython.display import Markdown

    number = mpmath.mpf(value)
    if not mpmath.isfinite(number):
        raise ValueError(
            f"glue_power_of_ten: {name} is {value}, not a finite number"
        )
    text = mpmath.nstr(number, digits, min_fixed=1, max_fixed=0)
    mantissa, _, exponent = text.partition("e")
    maths = (
        f"{mantissa}\\times 10^{{{int(exponent)}}}" if exponent else mantissa
    )
    glue(name, Markdown(f"${maths}$"))
