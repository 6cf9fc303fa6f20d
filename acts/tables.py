"""The comparison table and the gallery, generated from the registry.

Nothing here names an activation: every row and every thumbnail comes from `acts.names()`, and
each property is measured on the implementation (or taken from its SymPy expression), so a
newly registered activation appears with correct entries and no edit.

    >>> from acts.tables import properties
    >>> p = properties("sigmoid")
    >>> p["range"], p["monotone"], p["zero-centred"], p["saturates"], p["smoothness"]
    ('(0, 1)', 'increasing', 'no', 'both sides', 'C^∞')
"""

from __future__ import annotations

import base64
import html
import io
from typing import Mapping

import numpy as np

from .registry import get, names

__all__ = ["properties", "comparison_rows", "comparison_markdown", "gallery_html"]

# Finite inputs on which extremes count as attained: wide enough to show each shape, narrow
# enough that saturating functions have not yet rounded to their limits.
_FINITE = np.linspace(-15.0, 15.0, 30001)
_EPS = 1e-7


def _fmt(v: float) -> str:
    if np.isinf(v):
        return "∞" if v > 0 else "−∞"
    v = float(np.round(v, 6))
    return f"{v:g}".replace("-", "−")


def _range(a) -> str:
    finite = a(_FINITE)
    limits = a(np.array([-np.inf, np.inf]))
    lo, hi = min(finite.min(), limits.min()), max(finite.max(), limits.max())
    left = "[" if np.isclose(finite.min(), lo, rtol=0, atol=1e-12) and np.isfinite(lo) else "("
    right = "]" if np.isclose(finite.max(), hi, rtol=0, atol=1e-12) and np.isfinite(hi) else ")"
    return f"{left}{_fmt(lo)}, {_fmt(hi)}{right}"


def _smoothness(a) -> str:
    kinks = a.kinks
    if not kinks:
        return "C^∞"
    k = np.asarray(kinks, dtype=np.float64)
    f_jump = np.abs(a(k + _EPS) - a(k - _EPS)) > 1e-5
    if f_jump.any():
        return "discontinuous"
    g_jump = np.abs(a.grad(k + _EPS) - a.grad(k - _EPS)) > 1e-5
    return "C⁰" if g_jump.any() else "C¹"


def _saturates(a) -> str:
    g = np.abs(a.grad(np.array([-1e6, 1e6])))
    left, right = g < 1e-12
    return {(True, True): "both sides", (True, False): "left", (False, True): "right",
            (False, False): "no"}[(bool(left), bool(right))]


def properties(name: str) -> dict[str, str]:
    """Range, monotonicity, zero-centredness, saturation and smoothness, measured on acts."""
    a = get(name)
    grad = a.grad(_FINITE)
    values = a(_FINITE)
    if np.all(grad >= 0) and values[-1] > values[0]:
        monotone = "increasing"
    elif np.all(grad <= 0) and values[-1] < values[0]:
        monotone = "decreasing"
    else:
        monotone = "no"
    centred = a(0.0) == 0 and values.min() < 0 < values.max()
    return {"range": _range(a), "monotone": monotone, "zero-centred": "yes" if centred else "no",
            "saturates": _saturates(a), "smoothness": _smoothness(a)}


def _derivative_latex(a) -> str:
    import sympy

    from .symbolic import x

    # Unsimplified: simplify() turns σ' into 1/(4 cosh²(x/2)), a form nobody quotes.
    return sympy.latex(sympy.diff(a.expr, x))


def comparison_rows(frameworks: Mapping[str, str] | None = None) -> list[dict[str, str]]:
    """One row per elementwise activation in book order; `frameworks` adds a notes column."""
    rows = []
    for name in names("elementwise"):
        a = get(name)
        params = ", ".join(f"{k}={v!r}" for k, v in a.params.items()) or "–"
        row = {"name": name, "f(x)": f"${a.latex.split('=', 1)[-1].strip()}$" if a.latex else "",
               "f'(x)": f"${_derivative_latex(a)}$", "parameters": params, **properties(name)}
        if frameworks is not None:
            row["frameworks"] = frameworks.get(name, "–")
        rows.append(row)
    return rows


def comparison_markdown(frameworks: Mapping[str, str] | None = None) -> str:
    """The comparison table as a Markdown table (rendered by Jupyter and by the book)."""
    rows = comparison_rows(frameworks)
    cols = list(rows[0])
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in rows:
        lines.append("| " + " | ".join(str(row[c]).replace("|", "\\|") for c in cols) + " |")
    return "\n".join(lines)


def _thumbnail(name: str) -> str:
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    a = get(name)
    xs = np.linspace(-4, 4, 321)
    fig, ax = plt.subplots(figsize=(2.4, 1.7), dpi=80)
    ax.plot(xs, a(xs), color="C0", lw=1.6, label="f")
    ax.plot(xs, a.grad(xs), color="C1", lw=1.2, ls="--", label="f'")
    ax.axhline(0, color="0.85", lw=0.6)
    ax.axvline(0, color="0.85", lw=0.6)
    ax.set_title(name, fontsize=9)
    ax.tick_params(labelsize=6)
    fig.tight_layout(pad=0.3)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def gallery_html(chapters: Mapping[str, str]) -> str:
    """A grid of small f (solid) and f' (dashed) plots, each linking to its chapter's page.

    `chapters` maps an activation name to the page that covers it ("relu.html").
    """
    cells = []
    for name in names("elementwise"):
        img = (f'<img alt="{html.escape(name)}: f and its derivative" '
               f'src="data:image/png;base64,{_thumbnail(name)}"/>')
        page = chapters.get(name)
        cells.append(f'<a href="{html.escape(page)}">{img}</a>' if page else img)
    return ('<div class="acts-gallery" style="display:flex;flex-wrap:wrap;gap:6px">'
            + "".join(f"<div>{c}</div>" for c in cells) + "</div>")
