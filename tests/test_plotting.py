"""The figures: a slider per declared parameter, the same curves in Jupyter and on the website."""

import base64
import io
import json
import re

import numpy as np
import pytest

import acts
from acts import plotting


def _spec(fig):
    text = re.search(
        r'<script type="application/json" class="acts-figure-data">(.*?)</script>',
        fig.html,
        re.S,
    ).group(1)
    spec = json.loads(text.replace("<\\/", "</"))
    frames = np.frombuffer(base64.b64decode(spec["frames"]), dtype="<f4")
    return spec, frames.reshape(-1, spec["frameSize"])


def _pixels(png):
    from PIL import Image

    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return np.asarray(Image.open(io.BytesIO(png)))


def _controls(fig):
    return {c.name: c for c in fig.controls}


def test_explore_offers_a_slider_per_parameter_with_its_declared_range(toy):
    fig = plotting.explore("toy_scaled")
    controls = _controls(fig)
    assert list(controls) == ["a", "mode", "x_min", "x_max"]
    assert controls["a"].live == (0.5, 2.0, 0.25) and controls["a"].value == 1.0
    assert controls["a"].values == [0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0]
    assert (
        controls["mode"].values == ["tanh", "linear"]
        and controls["mode"].choice
    )
    box = fig.widget()
    assert (box.inputs["a"].min, box.inputs["a"].max, box.inputs["a"].step) == (
        0.5,
        2.0,
        0.25,
    )
    assert list(box.inputs["mode"].options) == ["tanh", "linear"]


def test_parameter_values_given_to_explore_are_the_initial_slider_values(toy):
    controls = _controls(plotting.explore("toy_scaled", a=1.1, mode="linear"))
    # off the grid: kept exactly
    assert controls["a"].value == 1.1 and 1.1 in controls["a"].values
    assert controls["mode"].value == "linear"


def test_the_website_data_are_the_activation_at_every_snapped_value(toy):
    fig = plotting.explore("toy_scaled", x_range=(-3, 3))
    spec, frames = _spec(fig)
    xs = np.linspace(*spec["x"][:2], spec["x"][2])
    # twice the range, so x min / x max can zoom out
    assert (xs[0], xs[-1]) == (-6.0, 6.0)
    a_values, modes = (
        spec["controls"][0]["values"],
        spec["controls"][1]["values"],
    )
    assert len(frames) == len(a_values) * len(modes)
    for i, a in enumerate(a_values):
        for j, mode in enumerate(modes):
            n = xs.size
            frame = frames[i * len(modes) + j]
            np.testing.assert_allclose(
                frame[:n], toy(xs, a=a, mode=mode), rtol=1e-6, atol=1e-7
            )
            np.testing.assert_allclose(
                frame[n:], toy.grad(xs, a=a, mode=mode), rtol=1e-6, atol=1e-7
            )


def test_moving_a_jupyter_slider_redraws_with_the_exact_value(toy):
    fig = plotting.explore("toy_scaled", x_range=(-3, 3))
    box = fig.widget()
    before = box.image.value
    box.inputs["a"].value = 1.75
    assert not np.array_equal(_pixels(box.image.value), _pixels(before))
    f_line, g_line = fig._view.lines
    xs, ys = f_line.get_data()
    np.testing.assert_array_equal(ys, toy(xs, a=1.75))
    np.testing.assert_array_equal(g_line.get_data()[1], toy.grad(xs, a=1.75))
    box.inputs["mode"].value = "linear"
    np.testing.assert_array_equal(f_line.get_data()[1], 1.75 * xs)


def test_parameter_free_activations_get_the_x_range_and_the_derivative_toggle():
    fig = plotting.explore("sigmoid", x_range=(-8, 8))
    box = fig.widget()
    assert set(box.inputs) == {"x_min", "x_max", "derivative"}
    left, right = fig._view.axes
    box.inputs["x_max"].value = 4.0
    assert (
        left.get_xlim() == (-8.0, 4.0)
        and fig._view.lines[0].get_data()[0].max() <= 4.0
    )
    shown = box.image.value
    box.inputs["derivative"].value = False
    assert not right.get_visible() and left.get_visible()
    assert not np.array_equal(_pixels(box.image.value), _pixels(shown))


def test_x_range_sliders_reach_twice_the_range_and_snap_to_eighths():
    controls = _controls(plotting.explore("sigmoid", x_range=(-8, 8)))
    assert (
        controls["x_min"].values[0] == -16.0
        and controls["x_min"].values[-1] == -1.0
    )
    assert (
        controls["x_max"].values[0] == 1.0
        and controls["x_max"].values[-1] == 16.0
    )
    assert -8.0 in controls["x_min"].values and 8.0 in controls["x_max"].values


def test_compare_overlays_every_activation_and_its_derivative(toy):
    fig = plotting.compare(["sigmoid", "toy_scaled"], x_range=(-2, 2))
    spec, frames = _spec(fig)
    assert [s["label"] for s in spec["panels"][0]["series"]] == [
        "sigmoid",
        "toy_scaled",
    ]
    assert [c["name"] for c in spec["controls"]] == ["x_min", "x_max"] and len(
        frames
    ) == 1
    xs, n = np.linspace(-4, 4, spec["x"][2]), spec["x"][2]
    expected = [acts.sigmoid(xs), toy(xs), acts.sigmoid.grad(xs), toy.grad(xs)]
    for k, ys in enumerate(expected):
        np.testing.assert_allclose(
            frames[0][k * n : (k + 1) * n], ys, rtol=1e-6, atol=1e-7
        )


def test_explore_a_vector_activation_has_logit_and_temperature_sliders(
    toy_softmax,
):
    fig = plotting.explore("toy_softmax", logits=(1, 2, 3), temperature=2.0)
    spec, frames = _spec(fig)
    names = [c["name"] for c in spec["controls"]]
    assert names == ["a1", "a2", "a3", "T"] and spec["frameSize"] == 3 + 9
    values = [c["values"] for c in spec["controls"]]
    index = [c["index"] for c in spec["controls"]]
    assert [v[i] for v, i in zip(values, index)] == [1.0, 2.0, 3.0, 2.0]
    flat = np.ravel_multi_index(index, [len(v) for v in values])
    z = np.array([1.0, 2.0, 3.0]) / 2.0
    np.testing.assert_allclose(frames[flat][:3], toy_softmax(z), rtol=1e-6)
    np.testing.assert_allclose(
        frames[flat][3:], toy_softmax.jacobian(z).ravel(), atol=1e-7
    )
    box = fig.widget()
    box.inputs["T"].value = 0.5
    assert fig.state["T"] == 0.5
    assert not np.array_equal(_pixels(box.image.value), _pixels(fig.png))


def test_the_website_data_fit_the_budget_by_snapping_to_a_coarser_grid(
    toy_softmax,
):
    spec, frames = _spec(plotting.explore("toy_softmax"))
    assert frames.size <= plotting.VALUE_BUDGET
    steps = [np.diff(c["values"]).min() for c in spec["controls"]]
    # coarser than (or as fine as) the live sliders
    assert min(steps) >= plotting.LOGIT_SLIDER[2]


def test_the_html_figure_is_self_contained():
    fig = plotting.compare(["sigmoid"])
    bundle = fig._repr_mimebundle_()
    assert {"text/html", "image/png", "text/plain"} <= set(bundle)
    html = bundle["text/html"]
    # the fallback where scripts cannot run
    assert 'src="data:image/png;base64,' in html
    urls = set(re.findall(r"[a-z]+://[^\s\"')]+", html))
    # an XML namespace, never fetched
    assert urls == {"http://www.w3.org/2000/svg"}, urls
    assert "actsFigure(document.getElementById(" in html


@pytest.mark.parametrize(
    "call, message",
    [
        (
            lambda: plotting.explore("sigmoid", x_range=(2, -2)),
            "explore: x_range must be finite with lo < hi",
        ),
        (
            lambda: plotting.explore("sigmoid", x_range=5),
            "explore: x_range must be a pair",
        ),
        (
            lambda: plotting.explore("sigmoid", beta=2.0),
            "sigmoid: unknown parameter 'beta'",
        ),
        (
            lambda: plotting.compare("sigmoid"),
            "compare: names must be a non-empty list",
        ),
    ],
)
def test_bad_arguments_get_one_clear_error(call, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        call()


def test_a_broken_figure_raises_when_explore_is_called(monkeypatch):
    # The notebooks (nbval, the book build) fail when drawing fails, even for `explore(...);`.
    def broken(self, compress_level=1):
        raise RuntimeError("drawing failed")

    monkeypatch.setattr(plotting._MatplotlibView, "png", broken)
    with pytest.raises(RuntimeError, match="drawing failed"):
        plotting.explore("sigmoid")
    with pytest.raises(RuntimeError, match="drawing failed"):
        plotting.compare(["sigmoid"])


def test_explore_shows_the_figure_once_per_cell(monkeypatch):
    shown = []
    monkeypatch.setattr(
        "IPython.display.publish_display_data", lambda data: shown.append(data)
    )

    class Shell:
        execution_count = 7

    monkeypatch.setattr("IPython.get_ipython", lambda: Shell)
    # shown by explore itself, as with `explore(...);`
    fig = plotting.explore("sigmoid")
    # the cell's value, without the `;`: not shown twice
    fig._ipython_display_()
    assert len(shown) == 1 and "text/html" in shown[0]
    Shell.execution_count = 8
    fig._ipython_display_()  # shown again from a later cell
    assert len(shown) == 2


def test_the_live_figure_has_axis_labels_and_titles_in_the_image():
    fig = plotting.explore("elu")
    fig.widget()
    left, right = fig._view.axes
    assert (left.get_xlabel(), right.get_xlabel()) == ("x", "x")
    assert left.get_title() == "ELU: f(x)" and right.get_title() == "f'(x)"


def test_the_live_image_is_shown_at_the_size_it_is_drawn():
    box = plotting.explore("sigmoid").widget()
    height, width = _pixels(box.image.value).shape[:2]
    assert (width, height) == plotting.SIZE
    layout = box.image.layout
    # Never stretched to the cell's width; only scaled down where the cell is narrower.
    assert (
        layout.width == f"{width}px"
        and layout.height == "auto"
        and layout.max_width == "100%"
    )
    assert layout.align_self == "flex-start"


def test_unticking_the_derivative_hides_its_panel_with_its_title():
    box = plotting.explore("sigmoid").widget()
    right_half = _pixels(box.image.value)[:, plotting.SIZE[0] // 2 + 10 :, :3]
    assert (right_half < 250).any()  # the derivative's title, axes and curve
    box.inputs["derivative"].value = False
    right_half = _pixels(box.image.value)[:, plotting.SIZE[0] // 2 + 10 :, :3]
    assert (right_half == 255).all()  # nothing left: no title, no frame


def test_moving_the_x_range_does_not_recompute_the_curves(monkeypatch):
    calls = []
    fig = plotting.compare(["sigmoid", "tanh"])
    compute = fig.compute
    monkeypatch.setattr(
        fig, "compute", lambda state: calls.append(1) or compute(state)
    )
    box = fig.widget()
    for value in (2.0, 3.0, 4.0):
        box.inputs["x_max"].value = value
    assert calls == [] and fig._view.axes[0].get_xlim()[1] == 4.0


def test_the_pasted_legend_shows_after_every_redraw():
    fig = plotting.compare(["sigmoid", "tanh", "relu"])
    box = fig.widget()
    first = _pixels(box.image.value)
    box.inputs["x_max"].value = 3.0
    moved = _pixels(box.image.value)
    box_px = fig._view.legend.get_window_extent()
    x0, x1 = int(box_px.x0) + 2, int(box_px.x1) - 2
    y0, y1 = (
        plotting.SIZE[1] - int(box_px.y1) + 2,
        plotting.SIZE[1] - int(box_px.y0) - 2,
    )
    # the legend itself
    np.testing.assert_array_equal(moved[y0:y1, x0:x1], first[y0:y1, x0:x1])
    assert not np.array_equal(moved, first)  # and the curves moved around it


def test_a_vector_figure_updates_bars_and_jacobian_in_place(toy_softmax):
    fig = plotting.explore("toy_softmax", logits=(1, 2, 3))
    box = fig.widget()
    view = fig._view
    box.inputs["a1"].value = 4.0
    y = toy_softmax(np.array([4.0, 2.0, 3.0]))
    np.testing.assert_allclose([r.get_height() for r in view.bars], y)
    np.testing.assert_allclose(
        view.image.get_array(), toy_softmax.jacobian(np.array([4.0, 2.0, 3.0]))
    )
    assert (
        view.cells[0, 0].get_text()
        == f"{toy_softmax.jacobian(np.array([4.0, 2.0, 3.0]))[0, 0]:.2f}"
    )
