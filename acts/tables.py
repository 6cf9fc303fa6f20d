"""The comparison chapter's tables and gallery, generated from the registry.

Nothing here names an activation: every row comes from `acts.names()`, the formulas from each
activation's SymPy expression, the properties from `acts.properties` (the helper every chapter's
Properties section uses), the history from `acts.lineage`, and the frameworks column from
`acts.frameworks` when that module exists (else `acts.lineage.FRAMEWORKS`). A kind this module
does not know still gets a row, with "–" where nothing can be computed.

The big table is split into narrow ones so that each stays readable on a phone: what each
activation is (formula, derivative), its properties, where it came from, and its weakness.

    >>> from acts.tables import properties_rows
    >>> row = next(r for r in properties_rows() if r["name"] == "sigmoid")
    >>> row["range"], row["saturates (f' → 0)"]
    ('(0, 1)', 'both sides')
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import numpy as np

from .lineage import FRAMEWORKS, LINEAGE
from .properties import Properties, fmt, properties
from .registry import get, names

__all__ = [
    "cached_properties",
    "frameworks_text",
    "gallery_html",
    "history_rows",
    "markdown",
    "properties_rows",
    "weakness_rows",
    "what_it_is_rows",
]

PROPERTY_COLUMNS = [
    "range",
    "f(0)",
    "f'(0)",
    "max |f'|",
    "monotone",
    "smoothness",
    "saturates (f' → 0)",
    "mean E[f(z)], z ~ N(0, 1)",
]

_CACHE: dict = {}


def cached_properties(name: str) -> Properties:
    """`acts.properties.properties(name)` at the defaults, computed once per registered object."""
    a = get(name)
    key = (
        name,
        a,
    )  # the object itself: a re-registered name is computed afresh
    if key not in _CACHE:
        _CACHE[key] = properties(a)
    return _CACHE[key]


def frameworks_text(name: str) -> str:
    """The frameworks column: `acts.frameworks.frameworks_column(name)` if that module exists."""
    try:
        from . import frameworks
    except ImportError:
        return FRAMEWORKS.get(name, "–")
    return frameworks.frameworks_column(name)


# --------------------------------------------------------------------------- formulas


def _math(latex: str) -> str:
    return f"${latex}$" if latex else "–"


def _formula(a) -> str:
    latex = getattr(a, "latex", "") or ""
    return _math(latex.split("=", 1)[-1].strip())


def _derivative(a) -> str:
    """f' for an elementwise activation, ∂y₁/∂x₁ for a vector one, ∂f/∂a and ∂f/∂b for a GLU."""
    import sympy

    try:
        if a.kind == "elementwise":
            from .symbolic import x

            # Unsimplified: simplify() turns σ' into 1/(4 cosh²(x/2)), a form nobody quotes.
            return _math(sympy.latex(sympy.diff(a.expr, x)))
        if a.kind == "vector":
            J = (
                a.jacobian_expr(3)
                if callable(a.jacobian_expr)
                else a.jacobian_expr
            )
            return _math(
                r"\partial y_1/\partial x_1 = "
                + sympy.latex(sympy.factor(J[0, 0]))
            )
        expr = a.expr
        syms = sorted(expr.free_symbols, key=lambda s: s.name)
        return _math(
            ", \\quad ".join(
                rf"\partial f/\partial {sympy.latex(s)} = "
                + sympy.latex(sympy.diff(expr, s))
                for s in syms
            )
        )
    except Exception:  # noqa: BLE001  (an unfamiliar kind: the row says "–", never crashes)
        return "–"


def _params(a) -> str:
    return (
        ", ".join(f"{k}={v!r}" for k, v in getattr(a, "params", {}).items())
        or "–"
    )


def what_it_is_rows() -> list[dict[str, str]]:
    """Name, kind, formula, derivative and parameters, one row per registered activation."""
    rows = []
    for name in names():
        a = get(name)
        rows.append(
            {
                "name": name,
                "kind": getattr(a, "kind", "?"),
                "f(x)": _formula(a),
                "derivative": _derivative(a),
                "parameters": _params(a),
            }
        )
    return rows


# --------------------------------------------------------------------------- properties


def properties_rows() -> list[dict[str, str]]:
    """The helper's properties at the defaults; a vector or gated kind adds its notes."""
    rows = []
    for name in names():
        p = cached_properties(name)
        shown = dict(p.rows())
        row = {"name": name, **{c: shown.get(c, "–") for c in PROPERTY_COLUMNS}}
        notes = [
            f"{k}: {v}" for k, v in shown.items() if k not in PROPERTY_COLUMNS
        ]
        row["notes"] = "; ".join(notes) or "–"
        rows.append(row)
    return rows


# --------------------------------------------------------------------------- history


def _fill(text: str, p: Properties) -> str:
    """Put the helper's numbers into a lineage text ({lo}, {hi}, {mean}, {max_grad}, …)."""
    values = {
        "{lo}": p.range.lo if p.range else None,
        "{hi}": p.range.hi if p.range else None,
        "{mean}": p.mean,
        "{max_grad}": p.max_grad,
        "{f0}": p.f0,
        "{df0}": p.df0,
    }
    for key, v in values.items():
        if key in text:
            if v is None:
                raise ValueError(
                    f"{p.name}: the lineage text uses {key}, which it does not have"
                )
            text = text.replace(key, fmt(v, 3 if key == "{mean}" else 6))
    return text


def history_rows() -> list[dict[str, str]]:
    """Year, paper, ancestor and the problem each activation was introduced to solve."""
    rows = []
    for name in names():
        o = LINEAGE.get(name)
        if o is None:
            rows.append(
                {
                    "name": name,
                    "year": "–",
                    "paper": "–",
                    "descends from": "–",
                    "introduced to solve": "–",
                }
            )
            continue
        rows.append(
            {
                "name": name,
                "year": str(o.year),
                "paper": f"{{cite}}`{o.paper}`",
                "descends from": o.parent or "–",
                "introduced to solve": o.problem,
            }
        )
    return sorted(rows, key=lambda r: (r["year"], r["name"]))


def weakness_rows() -> list[dict[str, str]]:
    """Each activation's own weakness and the mathematics behind it (numbers from the helper)."""
    rows = []
    for name in names():
        o = LINEAGE.get(name)
        if o is None:
            rows.append(
                {"name": name, "weakness": "–", "why (the mathematics)": "–"}
            )
            continue
        rows.append(
            {
                "name": name,
                "weakness": o.weakness,
                "why (the mathematics)": _fill(
                    o.reason, cached_properties(name)
                ),
            }
        )
    return rows


def frameworks_rows() -> list[dict[str, str]]:
    return [
        {
            "name": n,
            "parameters": _params(get(n)),
            "frameworks": frameworks_text(n),
        }
        for n in names()
    ]


def markdown(rows: list[Mapping[str, str]]) -> str:
    """Rows (dicts with the same keys) as a Markdown table; `|` in a cell is escaped."""
    cols = list(rows[0])
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in rows:
        lines.append(
            "| "
            + " | ".join(str(row[c]).replace("|", "\\|") for c in cols)
            + " |"
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------- gallery


def _thumbnail(name: str, w: int = 190, h: int = 130) -> str:
    """An inline SVG of f (solid) and f' (dashed) on [-4, 4], scaled to fit: no image files,
    and sharp at any zoom."""
    a = get(name)
    xs = np.linspace(-4, 4, 161)
    f, g = np.asarray(a(xs), float), np.asarray(a.grad(xs), float)
    lo, hi = min(f.min(), g.min(), 0.0), max(f.max(), g.max(), 0.0)
    pad = 0.06 * (hi - lo or 1.0)
    lo, hi = lo - pad, hi + pad
    top, left = 18, 4

    def px(u, v):
        return left + (u + 4) / 8 * (w - 2 * left), top + (hi - v) / (
            hi - lo
        ) * (h - top - 4)

    def line(ys, style):
        pts = " ".join(
            "{:.1f},{:.1f}".format(*px(u, v)) for u, v in zip(xs, ys)
        )
        return f'<polyline fill="none" points="{pts}" {style}/>'

    (x0, y0), (x1, _) = px(-4, 0), px(4, 0)
    (xa, ya), (_, yb) = px(0, hi), px(0, lo)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" role="img" '
        f'aria-label="{html.escape(name)}: f and its derivative">'
        f"<title>{html.escape(name)}: f (solid) and f' (dashed)</title>"
        f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y0:.1f}" stroke="#ccc"/>'
        f'<line x1="{xa:.1f}" y1="{ya:.1f}" x2="{xa:.1f}" y2="{yb:.1f}" stroke="#ccc"/>'
        + line(f, 'stroke="#1f77b4" stroke-width="1.8"')
        + line(g, 'stroke="#ff7f0e" stroke-width="1.3" stroke-dasharray="4 3"')
        + f'<text x="{w / 2:.0f}" y="13" font-size="12" text-anchor="middle">'
        f"{html.escape(name)}</text></svg>"
    )


def gallery_html(chapters: Mapping[str, str]) -> str:
    """A grid of small f (solid) and f' (dashed) plots of the elementwise activations, each
    linking to its chapter's page. `chapters` maps an activation name to its page ("relu.html").
    """
    cells = []
    for name in names("elementwise"):
        img = _thumbnail(name)
        page = chapters.get(name)
        cells.append(
            f'<a href="{html.escape(page)}">{img}</a>' if page else img
        )
    return (
        '<div class="acts-gallery" style="display:flex;flex-wrap:wrap;gap:6px">'
        + "".join(f"<div>{c}</div>" for c in cells)
        + "</div>"
    )
