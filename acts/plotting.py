"""Figures for the chapters: one call per figure, interactive in Jupyter and on the website.

    explore("elu")                    f and f' of one activation, a slider per parameter
    explore("softmax")                a vector activation: logits (and a temperature T) as
                                      sliders, the outputs softmax(a / T) and the Jacobian
    compare(["relu", "gelu", "silu"]) several activations and their derivatives overlaid

Each call computes its figure at once (so a broken figure fails nbval and the book build even
when the cell ends with ``;``), shows it when it runs inside IPython, and returns a `Figure`.
A `Figure` offers three views of itself, and each place picks the best one it can show:

- **Jupyter** (a kernel is running): a live ipywidgets UI. Moving a slider recomputes the curves
  with `acts` at the exact slider value and redraws one persistent Matplotlib figure into an
  image widget (no flicker: the old image stays until the new one replaces it), shown at the
  figure's own pixel size. A redraw updates the artists in place: curves are computed once per
  parameter value (moving x min / x max only re-clips them) and the legend, which never changes,
  is drawn once and pasted back (blitted).
- **The website** (no kernel): ``text/html`` holding the curve data for every snapped slider
  value, computed when the cell ran, and a small self-contained script that draws them as SVG.
  Nothing is loaded from anywhere. The website's sliders snap to a grid at most as fine as each
  `Param.slider` step, coarsened until the data fits a size budget.
- **Where scripts cannot run**: the same HTML shows a PNG of the initial figure, which is also
  offered as ``image/png`` (PDF builds, plain viewers).

The x-range is two sliders (x min, x max) over twice the requested range, and a checkbox shows or
hides the derivative, for every activation, with or without parameters.
"""

from __future__ import annotations

import base64
import hashlib
import io
import itertools
import json
import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from .registry import get

__all__ = ["explore", "compare", "Figure"]

POINTS = 801  # samples across the data domain (twice the requested x-range)
# pixels of the Matplotlib figure, shown 1:1 in Jupyter (never scaled up)
SIZE = (800, 300)
DPI = 100
# curve data kept per figure, one entry per combination of parameter values
CACHE = 32
# float32 numbers one figure may embed in its page: about 340 kB as base64, so that a chapter
# with five parametrised figures stays under the 2 MB page budget.
VALUE_BUDGET = 64_000
LOGIT_SLIDER = (-5.0, 5.0, 0.5)
TEMPERATURE_SLIDER = (0.1, 5.0, 0.1)
COLORS = [
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
]


# --------------------------------------------------------------------------- controls


def _grid(lo: float, hi: float, step: float, anchor: float) -> list[float]:
    """The values lo ≤ anchor + k·step ≤ hi, rounded so that 0.1 shows as 0.1."""
    k_lo = math.ceil((lo - anchor) / step - 1e-9)
    k_hi = math.floor((hi - anchor) / step + 1e-9)
    return [round(anchor + k * step, 10) for k in range(k_lo, k_hi + 1)]


class Control:
    """One input of a figure: a slider over `values` (numbers) or a choice among strings.

    ``value`` is the initial value; ``live`` is the (min, max, step) of the Jupyter slider, which
    takes any value on that grid; ``values`` are the values the website can show (its slider
    snaps to them). ``frames`` says whether the curves depend on it (parameters, logits) or only
    the view does (the x-range).
    """

    def __init__(
        self,
        name: str,
        label: str,
        value: Any,
        live: tuple[float, float, float] | None,
        values: Sequence[Any],
        frames: bool = True,
    ) -> None:
        self.name, self.label, self.value, self.live, self.frames = (
            name,
            label,
            value,
            live,
            frames,
        )
        self.values = list(values)
        # an initial value off the grid is shown exactly too
        if value not in self.values:
            self.values = (
                sorted({*self.values, value}) if live else [*self.values, value]
            )

    @property
    def choice(self) -> bool:
        return self.live is None

    def coarsen(self) -> bool:
        """Keep every other value (always the initial one); False when nothing is left to drop."""
        if len(self.values) <= 2:
            return False
        i0 = self.values.index(self.value)
        self.values = [
            v for i, v in enumerate(self.values) if (i - i0) % 2 == 0
        ]
        return True

    def spec(self) -> dict:
        return {
            "name": self.name,
            "label": self.label,
            "values": self.values,
            "index": self.values.index(self.value),
            "frames": self.frames,
        }


def _slider(
    name: str, label: str, value: float, slider: tuple[float, float, float]
) -> Control:
    lo, hi, step = (float(v) for v in slider)
    return Control(
        name, label, float(value), (lo, hi, step), _grid(lo, hi, step, lo)
    )


def _param_controls(a, params: dict[str, Any]) -> list[Control]:
    """A slider per numeric parameter that declares `Param.slider`, a choice per string one."""
    controls = []
    for pname, spec in a.param_specs.items():
        if (
            spec.numeric
            and spec.slider is not None
            and np.ndim(params[pname]) == 0
        ):
            controls.append(_slider(pname, pname, params[pname], spec.slider))
        elif not spec.numeric and getattr(spec.check, "choices", None):
            controls.append(
                Control(pname, pname, params[pname], None, spec.check.choices)
            )
    return controls


def _x_controls(
    x_range: Sequence[float], who: str
) -> tuple[list[Control], np.ndarray]:
    """x min and x max sliders over twice the requested range, and the grid the data is on."""
    try:
        lo, hi = (float(v) for v in x_range)
    except (TypeError, ValueError):
        raise ValueError(
            f"{who}: x_range must be a pair (lo, hi), got {x_range!r}"
        ) from None
    if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
        raise ValueError(
            f"{who}: x_range must be finite with lo < hi, got {x_range!r}"
        )
    c, h = (lo + hi) / 2, (hi - lo) / 2
    step = h / 8
    controls = [
        Control(
            "x_min",
            "x min",
            lo,
            (c - 2 * h, c - step, step),
            _grid(c - 2 * h, c - step, step, c),
            frames=False,
        ),
        Control(
            "x_max",
            "x max",
            hi,
            (c + step, c + 2 * h, step),
            _grid(c + step, c + 2 * h, step, c),
            frames=False,
        ),
    ]
    return controls, np.linspace(c - 2 * h, c + 2 * h, POINTS)


def _fit_budget(controls: list[Control], values_per_frame: int) -> None:
    """Coarsen the website's grids, the longest first, until the frames fit VALUE_BUDGET."""
    framed = [c for c in controls if c.frames and not c.choice]
    while (
        math.prod(len(c.values) for c in controls if c.frames)
        * values_per_frame
        > VALUE_BUDGET
    ):
        if not any(
            c.coarsen()
            for c in sorted(framed, key=lambda c: -len(c.values))[:1]
        ):
            break


# --------------------------------------------------------------------------- the figure


class Figure:
    """An interactive figure: see the module docstring for the views it offers.

    ``controls`` are the inputs; ``compute(values)`` returns the data for a dict of control
    values: {"lines": [array per series]} or {"bars": outputs, "matrix": jacobian}; ``panels``
    describe what is drawn. `frames()` is the data the website embeds.
    """

    _count = 0

    def __init__(
        self,
        title: str,
        kind: str,
        controls: list[Control],
        panels: list[dict],
        compute,
        xs: np.ndarray | None = None,
        x_label: str = "x",
    ) -> None:
        self.title, self.kind, self.controls, self.panels = (
            title,
            kind,
            controls,
            panels,
        )
        self.compute, self.xs, self.x_label = compute, xs, x_label
        self.state = {c.name: c.value for c in controls}
        self.state["derivative"] = True
        self._framed = [c.name for c in controls if c.frames]
        self._cache: dict[tuple, dict] = {}
        self._view = _MatplotlibView(self)
        # The initial figure, drawn now so that a broken figure raises now; small, as pages
        # embed it.
        self.png = self._view.png(compress_level=9)
        self.html = self._html()
        self._shown_in = None

    # -- data ------------------------------------------------------------------------------

    def frames(self) -> np.ndarray:
        """float32 data for every combination of the framed controls' website values, row-major."""
        framed = [c for c in self.controls if c.frames]
        rows = []
        for combo in itertools.product(*(c.values for c in framed)):
            data = self.compute(
                {**self.state, **dict(zip((c.name for c in framed), combo))}
            )
            rows.append(np.concatenate([np.ravel(v) for v in data.values()]))
        # beyond float32's range is ±inf, which the script skips
        with np.errstate(over="ignore"):
            return np.asarray(rows, dtype=np.float32)

    def data(self, state: dict) -> dict:
        """`compute(state)`, kept for the last CACHE combinations of the framed controls.

        Only the framed controls (parameters, logits) change the curves; the x-range does not.
        """
        key = tuple(state[name] for name in self._framed)
        if key not in self._cache:
            if len(self._cache) >= CACHE:
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = self.compute(state)
        return self._cache[key]

    def set(self, **values: Any) -> None:
        """Change control values (and ``derivative``) and redraw the Matplotlib view."""
        unknown = set(values) - set(self.state)
        if unknown:
            raise ValueError(
                f"{self.title}: no control {sorted(unknown)[0]!r} "
                f"(controls: {', '.join(self.state)})"
            )
        self.state.update(values)
        self._view.update()

    # -- the website's view -------------------------------------------------------------------

    def _html(self) -> str:
        frames = self.frames()
        spec = {
            "title": self.title,
            "kind": self.kind,
            "panels": self.panels,
            "controls": [c.spec() for c in self.controls],
            "xLabel": self.x_label,
            "x": None
            if self.xs is None
            else [float(self.xs[0]), float(self.xs[-1]), len(self.xs)],
            "frameSize": int(frames.shape[1]),
            "frames": base64.b64encode(frames.astype("<f4").tobytes()).decode(
                "ascii"
            ),
        }
        text = json.dumps(spec, separators=(",", ":"))
        Figure._count += 1
        uid = f"acts-fig-{hashlib.sha1(text.encode()).hexdigest()[:10]}-{Figure._count}"
        png = base64.b64encode(self.png).decode("ascii")
        # a JSON string may not close its <script>
        data = text.replace("</", "<\\/")
        return (
            f'<div class="acts-figure" id="{uid}">'
            f'<img class="acts-figure-png" alt="{_escape(self.title)}: static figure" '
            f'src="data:image/png;base64,{png}" style="max-width:100%">'
            f'<script type="application/json" class="acts-figure-data">'
            f"{data}</script>"
            f"<script>{_SCRIPT}\nactsFigure(document.getElementById({json.dumps(uid)}));</script>"
            f"</div>"
        )

    # -- Jupyter's view ------------------------------------------------------------------------

    def widget(self):
        """The live ipywidgets UI: a slider per control, the derivative checkbox and the image."""
        import ipywidgets as w

        inputs = {}
        for c in self.controls:
            style = {"description_width": "initial"}
            if c.choice:
                inputs[c.name] = w.Dropdown(
                    options=c.values,
                    value=c.value,
                    description=c.label,
                    style=style,
                )
            else:
                lo, hi, step = c.live
                inputs[c.name] = w.FloatSlider(
                    value=c.value,
                    min=lo,
                    max=hi,
                    step=step,
                    description=c.label,
                    continuous_update=True,
                    readout_format=".3g",
                    style=style,
                )
        if self.kind == "lines":
            inputs["derivative"] = w.Checkbox(
                value=self.state["derivative"],
                description="show f′",
                indent=False,
            )
        # The figure's own size, never stretched to the cell's width (a VBox stretches its
        # children), and scaled down only where the cell is narrower.
        width, height = SIZE
        image = w.Image(
            value=self._view.png(),
            format="png",
            width=width,
            height=height,
            layout=w.Layout(
                width=f"{width}px",
                height="auto",
                max_width="100%",
                align_self="flex-start",
            ),
        )

        def redraw(_change=None):
            self.set(**{k: v.value for k, v in inputs.items()})
            image.value = self._view.png()

        for widget in inputs.values():
            widget.observe(redraw, names="value")
        box = w.VBox(
            [
                w.HBox(
                    list(inputs.values()), layout=w.Layout(flex_flow="row wrap")
                ),
                image,
            ]
        )
        box.inputs, box.image = inputs, image  # for tests and the benchmark
        return box

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        bundle = {
            "text/plain": f"<{self.title}: interactive figure>",
            "text/html": self.html,
            "image/png": base64.b64encode(self.png).decode("ascii"),
        }
        if _in_kernel():
            bundle.update(self.widget()._repr_mimebundle_())
        return bundle

    def _ipython_display_(self) -> None:
        # explore() shows the figure itself (as plt.show() used to), so a cell that also returns
        # it, without the `;`, must not show it twice; displaying it from a later cell does.
        from IPython import get_ipython
        from IPython.display import publish_display_data

        shell = get_ipython()
        cell = getattr(shell, "execution_count", None)
        if self._shown_in is not None and self._shown_in == cell:
            return
        self._shown_in = cell
        bundle = self._repr_mimebundle_()
        publish_display_data(bundle)


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    )


def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    return getattr(get_ipython(), "kernel", None) is not None


def _show(fig: Figure) -> Figure:
    try:
        from IPython import get_ipython
    except ImportError:
        return fig
    if get_ipython() is not None:
        fig._ipython_display_()
    return fig


# --------------------------------------------------------------------------- Matplotlib


class _MatplotlibView:
    """One persistent Matplotlib figure, updated in place: the PNG fallback and Jupyter's image."""

    def __init__(self, fig: Figure) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure as MplFigure
        from matplotlib.ticker import FuncFormatter

        self.fig = fig
        # A fixed layout: a layout engine would re-measure every text on every redraw.
        self.mpl = MplFigure(figsize=(SIZE[0] / DPI, SIZE[1] / DPI), dpi=DPI)
        self.canvas = FigureCanvasAgg(self.mpl)
        self.axes = self.mpl.subplots(1, len(fig.panels))
        self.legend, self._legend_pixels = None, None
        if fig.kind == "lines":
            self.mpl.subplots_adjust(
                left=0.08, right=0.98, bottom=0.16, top=0.9, wspace=0.25
            )
            self.lines = []
            for ax, panel in zip(self.axes, fig.panels):
                for s in panel["series"]:
                    (line,) = ax.plot(
                        [],
                        [],
                        color=s["color"],
                        ls=s.get("dash", "-"),
                        label=s["label"],
                        lw=1.8,
                    )
                    self.lines.append(line)
                # Text is most of a redraw's cost: few ticks with a plain formatter, no grid,
                # titles and labels at fixed places (else each draw re-measures every tick label
                # to place them), and ASCII titles (a glyph missing from the default font, such
                # as ′, sends Matplotlib to font fallback).
                ax.set_title(panel["title"].replace("′", "'"), y=1.0)
                ax.set_xlabel(fig.x_label)
                ax.xaxis.set_label_coords(0.5, -0.11)
                ax.locator_params(nbins=5)
                for axis in (ax.xaxis, ax.yaxis):
                    axis.set_major_formatter(FuncFormatter(_tick))
                ax.axhline(0, color="0.8", lw=0.8, zorder=0)
                ax.axvline(0, color="0.8", lw=0.8, zorder=0)
            n = len(fig.panels[0]["series"])
            if n > 1:
                # One legend, on f's panel (the derivative's curves have the same colours), at a
                # fixed place and opaque, so that its pixels can be pasted back after a redraw.
                self.legend = self.axes[0].legend(
                    loc="upper left",
                    fontsize="small" if n <= 8 else "x-small",
                    ncol=1 if n <= 8 else math.ceil(n / 9),
                    framealpha=1.0,
                    borderaxespad=0.3,
                    handlelength=1.5,
                    columnspacing=0.8,
                    labelspacing=0.25,
                )
        else:
            self.mpl.subplots_adjust(
                left=0.08, right=0.98, bottom=0.12, top=0.9, wspace=0.25
            )
            self._init_vector()
        self.update()

    def _init_vector(self) -> None:
        """Bars, the Jacobian's image and its numbers, created once and updated in place."""
        from matplotlib.ticker import FuncFormatter

        fig, (left, right) = self.fig, self.axes
        n = len(fig.data(fig.state)["bars"])
        self.bars = left.bar(range(n), np.zeros(n), color=COLORS[0])
        left.set_xticks(range(n), [f"$y_{i + 1}$" for i in range(n)])
        left.axhline(0, color="0.5", lw=0.8)
        left.set_title(fig.panels[0]["title"], y=1.0)
        left.locator_params(axis="y", nbins=5)
        left.yaxis.set_major_formatter(FuncFormatter(_tick))
        self.bar_labels = [
            left.text(i, 0, "", ha="center", va="bottom", fontsize="small")
            for i in range(n)
        ]
        self.image = right.imshow(
            np.zeros((n, n)), cmap="RdBu_r", vmin=-1, vmax=1
        )
        self.cells = {
            (i, j): right.text(
                j, i, "", ha="center", va="center", fontsize="small"
            )
            for i in range(n)
            for j in range(n)
        }
        right.set_xticks(range(n), [f"$a_{j + 1}$" for j in range(n)])
        right.set_yticks(range(n), [f"$y_{i + 1}$" for i in range(n)])
        right.set_title(fig.panels[1]["title"], y=1.0)

    def update(self) -> None:
        fig, state = self.fig, self.fig.state
        data = fig.data(state)
        if fig.kind == "lines":
            lo, hi = state["x_min"], state["x_max"]
            keep = (fig.xs >= lo) & (fig.xs <= hi)
            for line, ys in zip(self.lines, data["lines"]):
                line.set_data(fig.xs[keep], ys[keep])
            for ax, panel in zip(self.axes, fig.panels):
                ax.set_xlim(lo, hi)
                ys = np.concatenate(
                    [data["lines"][s["key"]][keep] for s in panel["series"]]
                )
                ax.set_ylim(*_y_limits(ys))
                # Hidden with everything it holds: title, labels, ticks.
                ax.set_visible(state["derivative"] or panel["role"] != "grad")
        else:
            bars, m = data["bars"], data["matrix"]
            for rect, label, v in zip(self.bars, self.bar_labels, bars):
                rect.set_height(v)
                label.set_position(
                    (rect.get_x() + rect.get_width() / 2, max(v, 0.0))
                )
                label.set_text(f"{v:.3g}")
            self.axes[0].set_ylim(*_y_limits(np.append(bars, 0.0)))
            vmax = float(np.abs(m).max()) or 1.0
            self.image.set_data(m)
            self.image.set_clim(-vmax, vmax)
            for (i, j), text in self.cells.items():
                text.set_text(f"{m[i, j]:.2f}")
                # legible
                text.set_color(
                    "white" if abs(m[i, j]) > 0.6 * vmax else "black"
                )

    def png(self, compress_level: int = 1) -> bytes:
        """Draw once and encode the pixels (savefig would draw twice); level 1 is the fast one."""
        from PIL import Image

        if self.legend is not None and self._legend_pixels is None:
            # The first draw, with the legend: keep its pixels (it is opaque, at a fixed place).
            self.canvas.draw()
            box = self.legend.get_window_extent().padded(1)
            self._legend_pixels = self.canvas.copy_from_bbox(box)
            self.legend.set_visible(False)
        else:
            self.canvas.draw()
            if self._legend_pixels is not None:
                self.canvas.restore_region(self._legend_pixels)
        rgba = np.asarray(self.canvas.buffer_rgba())
        buf = io.BytesIO()
        Image.fromarray(rgba[..., :3]).save(
            buf, format="png", compress_level=compress_level
        )
        return buf.getvalue()


def _tick(value: float, _pos=None) -> str:
    """A tick label: four significant digits and a true minus sign, cheaper than Matplotlib's."""
    text = f"{value:.4g}"
    return "0" if text in ("0", "-0") else text.replace("-", "\u2212")


def _y_limits(ys: np.ndarray) -> tuple[float, float]:
    """The finite range of ys with a 6% margin (±1 around a constant)."""
    ys = ys[np.isfinite(ys)]
    if ys.size == 0:
        return -1.0, 1.0
    lo, hi = float(ys.min()), float(ys.max())
    if hi - lo < 1e-12 * max(1.0, abs(lo)):
        return lo - 1.0, hi + 1.0
    pad = 0.06 * (hi - lo)
    return lo - pad, hi + pad


# --------------------------------------------------------------------------- the calls


def _line_data(
    names: Sequence[str], xs: np.ndarray, params: list[dict]
) -> dict:
    values, grads = [], []
    # the curves may overflow at the domain's ends; inf is drawn as a gap
    with np.errstate(all="ignore"):
        for name, p in zip(names, params):
            a = get(name)
            values.append(a(xs, **p))
            grads.append(a.grad(xs, **p))
    return {"lines": values + grads}


def _line_panels(
    labels: Sequence[str], f_title: str, g_title: str
) -> list[dict]:
    n = len(labels)
    f = [
        {"label": lab, "color": COLORS[i % 10], "key": i}
        for i, lab in enumerate(labels)
    ]
    g = [
        {"label": lab, "color": COLORS[i % 10], "key": n + i}
        for i, lab in enumerate(labels)
    ]
    return [
        {"title": f_title, "role": "f", "series": f},
        {"title": g_title, "role": "grad", "series": g},
    ]


def _explore_vector(a, logits: Sequence[float], temperature: float) -> Figure:
    z = np.asarray(logits, dtype=np.float64)
    if z.ndim != 1 or z.size < 2 or not np.all(np.isfinite(z)):
        raise ValueError(
            f"explore: logits must be at least two finite numbers, got {logits!r}"
        )
    if not (np.isfinite(temperature) and temperature > 0):
        raise ValueError(
            f"explore: temperature must be > 0, got {temperature!r}"
        )
    controls = [
        _slider(f"a{i + 1}", f"a{i + 1}", v, LOGIT_SLIDER)
        for i, v in enumerate(z)
    ]
    controls.append(_slider("T", "T", temperature, TEMPERATURE_SLIDER))
    n = z.size
    _fit_budget(controls, n + n * n)

    def compute(state):
        scaled = (
            np.array([state[f"a{i + 1}"] for i in range(n)], dtype=np.float64)
            / state["T"]
        )
        return {
            "bars": a(scaled, axis=-1),
            "matrix": a.jacobian(scaled, axis=-1),
        }

    panels = [{"title": f"{a.title}(a / T)"}, {"title": "Jacobian ∂yᵢ/∂aⱼ"}]
    return Figure(a.title, "vector", controls, panels, compute, x_label="")


def explore(
    name: str,
    x_range: tuple[float, float] = (-6.0, 6.0),
    *,
    logits: Sequence[float] = (1.0, 2.0, 3.0),
    temperature: float = 1.0,
    **params: Any,
):
    """Show f and f' of the activation `name` side by side, with a slider per parameter.

    `params` set the parameters' initial values (defaults otherwise); each numeric parameter
    with a `Param.slider` range gets a slider, each string parameter with choices a menu. The
    x-range has two sliders and the derivative a checkbox. Returns the `Figure` (already shown
    when running in IPython).

    For a vector activation (``a.kind == "vector"``, such as softmax) it shows the outputs for
    the `logits` divided by `temperature`, and the Jacobian, with a slider for each.

    >>> fig = explore("sigmoid", x_range=(-8, 8))
    >>> [c.name for c in fig.controls], fig.state["derivative"]
    (['x_min', 'x_max'], True)
    """
    a = get(name)
    if a.kind == "vector":
        return _show(_explore_vector(a, logits, temperature))
    bound = a.bind(params)
    x_controls, xs = _x_controls(x_range, "explore")
    controls = _param_controls(a, bound) + x_controls
    _fit_budget(controls, 2 * xs.size)
    param_names = [c.name for c in controls if c.frames]

    def compute(state):
        p = {**bound, **{k: state[k] for k in param_names}}
        return _line_data([name], xs, [p])

    panels = _line_panels([a.title], f"{a.title}: f(x)", "f′(x)")
    # one activation: f and f' in two colours
    panels[1]["series"][0]["color"] = COLORS[1]
    return _show(Figure(a.title, "lines", controls, panels, compute, xs))


def compare(names: Sequence[str], x_range: tuple[float, float] = (-6.0, 6.0)):
    """Overlay several activations (left) and their derivatives (right), at default parameters.

    >>> compare(["sigmoid"]).panels[1]["title"]
    'f′(x)'
    """
    if isinstance(names, str) or not names:
        raise ValueError(
            f"compare: names must be a non-empty list of activation names, got {names!r}"
        )
    names = list(names)
    for name in names:
        if get(name).kind != "elementwise":
            raise ValueError(
                f"compare: {name} is a vector activation; use explore({name!r})"
            )
    x_controls, xs = _x_controls(x_range, "compare")
    defaults = [get(n).params for n in names]
    panels = _line_panels(names, "f(x)", "f′(x)")
    fig = Figure(
        ", ".join(names),
        "lines",
        x_controls,
        panels,
        lambda state: _line_data(names, xs, defaults),
        xs,
    )
    return _show(fig)


# --------------------------------------------------------------------------- the website's script

# Vanilla JavaScript, no library: it decodes the frames (base64 float32), builds the controls and
# redraws the SVG on every input event. Defined once per page, run once per figure.
_SCRIPT = r"""
window.actsFigure = window.actsFigure || (function () {
  var NS = "http://www.w3.org/2000/svg", W = 400, H = 260, L = 48, R = 10, T = 26, B = 36;
  function el(tag, attrs, parent, text) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function decode(b64) {
    var s = atob(b64), u = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) u[i] = s.charCodeAt(i);
    return new Float32Array(u.buffer);
  }
  function ticks(lo, hi) {
    var raw = (hi - lo) / 5, p = Math.pow(10, Math.floor(Math.log10(raw))), m = raw / p;
    var step = p * (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10), out = [];
    for (var t = Math.ceil(lo / step) * step; t <= hi + 1e-9 * step; t += step)
      out.push(Math.abs(t) < 1e-12 * step ? 0 : t);
    return out;
  }
  function fmt(v) { return String(+v.toPrecision(4)); }
  function limits(vals) {
    var lo = Infinity, hi = -Infinity;
    for (var i = 0; i < vals.length; i++) if (isFinite(vals[i])) {
      if (vals[i] < lo) lo = vals[i]; if (vals[i] > hi) hi = vals[i];
    }
    if (lo === Infinity) return [-1, 1];
    if (hi - lo < 1e-12 * Math.max(1, Math.abs(lo))) return [lo - 1, hi + 1];
    var pad = 0.06 * (hi - lo);
    return [lo - pad, hi + pad];
  }
  function axes(svg, title, x0, x1, y0, y1, xlabel, xticks) {
    var sx = function (x) { return L + (x - x0) / (x1 - x0) * (W - L - R); };
    var sy = function (y) { return H - B - (y - y0) / (y1 - y0) * (H - T - B); };
    el("text", {x: (L + W - R) / 2, y: 16, "text-anchor": "middle", "font-size": 15}, svg, title);
    (xticks || ticks(x0, x1).map(function (t) { return [t, fmt(t)]; })).forEach(function (t) {
      if (!xticks) el("line", {x1: sx(t[0]), x2: sx(t[0]), y1: T, y2: H - B,
          stroke: t[0] === 0 ? "#bbb" : "#eee"}, svg);
      el("text", {x: sx(t[0]), y: H - B + 15, "text-anchor": "middle", "font-size": 12}, svg, t[1]);
    });
    ticks(y0, y1).forEach(function (t) {
      el("line", {x1: L, x2: W - R, y1: sy(t), y2: sy(t), stroke: t === 0 ? "#bbb" : "#eee"}, svg);
      el("text", {x: L - 5, y: sy(t) + 4, "text-anchor": "end", "font-size": 12}, svg, fmt(t));
    });
    el("rect", {x: L, y: T, width: W - L - R, height: H - T - B, fill: "none", stroke: "#444"},
        svg);
    if (xlabel) el("text", {x: (L + W - R) / 2, y: H - 4, "text-anchor": "middle",
        "font-size": 12}, svg, xlabel);
    return [sx, sy];
  }
  function lines(fig, panel, data, svg) {
    var n = fig.spec.x[2], xa = fig.spec.x[0], xb = fig.spec.x[1], v = fig.view();
    var i0 = Math.max(0, Math.floor((v[0] - xa) / (xb - xa) * (n - 1) - 1e-6));
    var i1 = Math.min(n - 1, Math.ceil((v[1] - xa) / (xb - xa) * (n - 1) + 1e-6));
    var x = function (i) { return xa + (xb - xa) * i / (n - 1); };
    var seen = [];
    panel.series.forEach(function (s) { seen.push(data.subarray(s.key * n + i0,
        s.key * n + i1 + 1)); });
    var all = [].concat.apply([], seen.map(function (a) { return Array.prototype.slice.call(a); }));
    var y = limits(all), s = axes(svg, panel.title, v[0], v[1], y[0], y[1], fig.spec.xLabel);
    var clip = "clip-" + fig.root.id + "-" + panel.role;
    el("rect", {x: L, y: T, width: W - L - R, height: H - T - B}, el("clipPath", {id: clip}, svg));
    panel.series.forEach(function (ser, k) {
      var d = "", pen = "M", ys = seen[k];
      for (var i = 0; i < ys.length; i++) {
        if (!isFinite(ys[i])) { pen = "M"; continue; }
        d += pen + s[0](x(i0 + i)).toFixed(2) + "," + s[1](ys[i]).toFixed(2);
        pen = "L";
      }
      el("path", {d: d, fill: "none", stroke: ser.color, "stroke-width": 2,
          "clip-path": "url(#" + clip + ")"}, svg);
      if (panel.series.length > 1) {
        el("text", {x: L + 8, y: T + 16 + 15 * k, "font-size": 12, fill: ser.color}, svg,
            ser.label);
      }
    });
  }
  function vector(fig, data, svgs) {
    var n = Math.round((Math.sqrt(1 + 4 * data.length) - 1) / 2), bars = data.subarray(0, n);
    var y = limits(Array.prototype.slice.call(bars).concat([0]));
    var names = [];
    for (var i = 0; i < n; i++) names.push([i + 0.5, "y" + (i + 1)]);
    var s = axes(svgs[0], fig.spec.panels[0].title, 0, n, y[0], y[1], "", names);
    for (var i = 0; i < n; i++) {
      var top = Math.min(s[1](bars[i]), s[1](0)), h = Math.abs(s[1](bars[i]) - s[1](0));
      el("rect", {x: s[0](i + 0.15), y: top, width: s[0](0.85) - s[0](0.15), height: h,
          fill: "#1f77b4"}, svgs[0]);
      el("text", {x: s[0](i + 0.5), y: top - 4, "text-anchor": "middle", "font-size": 12}, svgs[0],
          fmt(bars[i]));
    }
    var m = data.subarray(n), big = 0, c = (W - L - R) / n, r = (H - T - B) / n;
    for (var k = 0; k < m.length; k++) big = Math.max(big, Math.abs(m[k]));
    el("text", {x: (L + W - R) / 2, y: 16, "text-anchor": "middle", "font-size": 15}, svgs[1],
        fig.spec.panels[1].title);
    for (var i = 0; i < n; i++) for (var j = 0; j < n; j++) {
      var v = m[i * n + j] / (big || 1), a = Math.round(255 * (1 - Math.abs(v)));
      var col = v >= 0 ? "rgb(255," + a + "," + a + ")" : "rgb(" + a + "," + a + ",255)";
      el("rect", {x: L + j * c, y: T + i * r, width: c, height: r, fill: col, stroke: "#fff"},
          svgs[1]);
      el("text", {x: L + (j + 0.5) * c, y: T + (i + 0.5) * r + 4, "text-anchor": "middle",
          "font-size": 12}, svgs[1], fmt(m[i * n + j]));
    }
  }
  return function (root) {
    var spec = JSON.parse(root.querySelector(".acts-figure-data").textContent);
    var frames = decode(spec.frames), fig = {root: root, spec: spec, state: {}, derivative: true};
    var ui = document.createElement("div"), plot = document.createElement("div");
    ui.className = "acts-figure-controls";
    ui.style.cssText = "display:flex;flex-wrap:wrap;gap:4px 18px;font-size:0.85em;" +
      "margin-bottom:4px";
    plot.style.cssText = "display:flex;flex-wrap:wrap";
    function redraw() {
      var idx = 0;
      spec.controls.forEach(function (c) {
        if (c.frames) idx = idx * c.values.length + fig.state[c.name];
      });
      var data = frames.subarray(idx * spec.frameSize, (idx + 1) * spec.frameSize);
      root.setAttribute("data-frame", idx);
      plot.innerHTML = "";
      var svgs = spec.panels.map(function (p) {
        var svg = el("svg", {viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": p.title},
            null);
        svg.style.cssText = "flex:1 1 320px;max-width:" + W * 1.2 + "px;font-family:sans-serif";
        if (spec.kind === "lines" && p.role === "grad" && !fig.derivative)
          svg.style.display = "none";
        plot.appendChild(svg);
        return svg;
      });
      if (spec.kind === "lines") spec.panels.forEach(function (p, k) { lines(fig, p, data,
          svgs[k]); });
      else vector(fig, data, svgs);
    }
    fig.view = function () {
      var v = {};
      spec.controls.forEach(function (c) { v[c.name] = c.values[fig.state[c.name]]; });
      return [v.x_min, v.x_max];
    };
    spec.controls.forEach(function (c) {
      fig.state[c.name] = c.index;
      var label = document.createElement("label"), out = document.createElement("output"), input;
      label.textContent = c.label + " ";
      if (typeof c.values[0] === "string") {
        input = document.createElement("select");
        c.values.forEach(function (v) {
          var o = document.createElement("option");
          o.textContent = v; input.appendChild(o);
        });
        input.selectedIndex = c.index;
      } else {
        input = document.createElement("input");
        input.type = "range"; input.min = 0; input.max = c.values.length - 1; input.step = 1;
        input.value = c.index;
        out.textContent = " " + fmt(c.values[c.index]);
      }
      input.name = c.name;
      input.setAttribute("aria-label", c.label);
      input.addEventListener("input", function () {
        fig.state[c.name] = input.type === "range" ? +input.value : input.selectedIndex;
        out.textContent = input.type === "range" ? " " + fmt(c.values[+input.value]) : "";
        redraw();
      });
      label.appendChild(input); label.appendChild(out); ui.appendChild(label);
    });
    if (spec.kind === "lines") {
      var box = document.createElement("input"), lab = document.createElement("label");
      box.type = "checkbox"; box.checked = true; box.name = "derivative";
      box.addEventListener("change", function () { fig.derivative = box.checked; redraw(); });
      lab.appendChild(box); lab.appendChild(document.createTextNode(" show f′"));
      ui.appendChild(lab);
    }
    root.querySelector(".acts-figure-png").style.display = "none";
    root.appendChild(ui); root.appendChild(plot);
    redraw();
  };
})();
"""


# --------------------------------------------------------------------------- normalization


NORM_SHIFT_SLIDER = (-4.0, 4.0, 0.5)
NORM_SCALE_SLIDER = (0.25, 4.0, 0.25)


def explore_norm(
    shift: float = 2.0,
    scale: float = 1.5,
    *,
    features: int = 4096,
    x_range: tuple[float, float] = (-6.0, 6.0),
) -> Figure:
    """One example's features before (left) and after layer norm and RMS norm (right).

    The features are ``shift + scale·t`` for the quantiles t of a skewed distribution (a unit
    exponential minus its mean, density e^{−(t+1)} for t ≥ −1), one slider for each of shift and
    scale. Both norms map the features affinely, y = a·t + c, with a and c measured from
    `acts.norms` applied to the features, so each curve is the exact density of what the norm
    returns: layer norm forgets shift and scale, RMS norm only the scale. The controls are
    shift, scale, x min and x max (tested in tests/test_norms.py).
    """
    from .norms import layer_norm, rms_norm

    if not (np.isfinite(shift) and np.isfinite(scale) and scale > 0):
        raise ValueError(
            f"explore_norm: shift must be finite and scale > 0, got {shift!r}, {scale!r}"
        )
    t = -np.log1p(-(np.arange(features) + 0.5) / features) - 1.0
    controls = [
        _slider("shift", "shift", shift, NORM_SHIFT_SLIDER),
        _slider("scale", "scale", scale, NORM_SCALE_SLIDER),
    ]
    x_controls, xs = _x_controls(x_range, "explore_norm")
    # densities are smooth: fewer points, finer sliders
    xs = np.linspace(xs[0], xs[-1], 201)
    controls += x_controls
    _fit_budget(controls, 3 * xs.size)

    def density(y: np.ndarray) -> np.ndarray:
        a = (y[-1] - y[0]) / (t[-1] - t[0])  # y = a·t + c exactly, a > 0
        c = y[0] - a * t[0]
        u = (xs - c) / a
        return np.where(u >= -1, np.exp(-(np.maximum(u, -1) + 1)), 0.0) / a

    def compute(state):
        v = state["shift"] + state["scale"] * t
        return {
            "lines": [density(v), density(layer_norm(v)), density(rms_norm(v))]
        }

    panels = [
        {
            "title": "features x of one example",
            "role": "f",
            "series": [{"label": "x", "color": COLORS[0], "key": 0}],
        },
        {
            "title": "after the norm",
            "role": "f",
            "series": [
                {"label": "layer_norm(x)", "color": COLORS[1], "key": 1},
                {"label": "rms_norm(x)", "color": COLORS[2], "key": 2},
            ],
        },
    ]
    return _show(
        Figure(
            "layer norm and RMS norm",
            "lines",
            controls,
            panels,
            compute,
            xs,
            x_label="value",
        )
    )


# --------------------------------------------------------------------------- gated linear units


def explore_glu(
    x_range: tuple[float, float] = (-4.0, 4.0), a: float = 1.0
) -> Figure:
    """The gated linear units along their gate input b, for a value a set by a slider:
    y = a·g(b) (left) and ∂y/∂b = a·g'(b) (right), for every unit of kind "glu" at its defaults.

    >>> [c.name for c in explore_glu().controls]
    ['a', 'x_min', 'x_max']
    """
    from .registry import names

    units = [get(n) for n in names("glu")]
    x_controls, xs = _x_controls(x_range, "explore_glu")
    controls = [_slider("a", "a", a, (-3.0, 3.0, 0.25))] + x_controls
    _fit_budget(controls, 2 * len(units) * xs.size)

    def compute(state):
        x = np.stack(np.broadcast_arrays(float(state["a"]), xs), axis=-1)
        values = [u(x)[:, 0] for u in units]
        slopes = [u.partials(x)[1][:, 0] for u in units]
        return {"lines": values + slopes}

    panels = _line_panels(
        [u.title for u in units], "y = a·g(b)", "∂y/∂b = a·g′(b)"
    )
    return _show(
        Figure(
            "Gated linear units",
            "lines",
            controls,
            panels,
            compute,
            xs,
            x_label="b",
        )
    )
