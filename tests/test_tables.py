"""The comparison tables come from the registry, the properties helper and the lineage data."""

import pathlib
import re

import numpy as np
import pytest
import sympy as sp

import acts
from acts.core import Activation
from acts.lineage import LINEAGE, MAIN_LINE, ancestors
from acts.tables import (
    gallery_html,
    history_rows,
    markdown,
    properties_rows,
    weakness_rows,
    what_it_is_rows,
)

BIB = (
    pathlib.Path(__file__).resolve().parents[1] / "book" / "references.bib"
).read_text()
BIB_KEYS = set(re.findall(r"^@\w+\{([^,]+),", BIB, flags=re.MULTILINE))


@pytest.fixture
def dummies():
    """Two activations the book does not have: a smooth odd cube and a kinked absolute value."""
    added = [
        acts.register(
            Activation(
                "dummy_cube",
                title="Cube",
                forward=lambda x: x**3 / 3,
                grad=lambda x: x**2,
                expr=lambda x: x**3 / 3,
                latex=r"f(x) = x^3/3",
            )
        ),
        acts.register(
            Activation(
                "dummy_abs",
                title="Absolute value",
                forward=np.abs,
                grad=np.sign,
                expr=lambda x: sp.Abs(x),
                kinks=(0.0,),
                latex=r"f(x) = |x|",
            )
        ),
    ]
    yield [a.name for a in added]
    for a in added:
        acts.registry.unregister(a.name)


def test_every_registered_activation_has_a_lineage_entry_citing_a_real_paper():
    missing = [n for n in acts.names() if n not in LINEAGE]
    assert not missing, f"no acts.lineage entry for {missing}"
    for name, origin in LINEAGE.items():
        assert origin.paper in BIB_KEYS, (name, origin.paper)
        assert origin.parent is None or origin.parent in LINEAGE, (
            name,
            origin.parent,
        )
        assert (
            1800 < origin.year <= 2026
            and origin.problem
            and origin.weakness
            and origin.reason
        )
        assert ancestors(name)[0] == name  # no cycles: the walk ends
    assert all(n in LINEAGE for n in MAIN_LINE)


def test_every_table_has_one_row_per_registered_activation_vector_ones_included():
    for rows in (what_it_is_rows(), properties_rows(), weakness_rows()):
        assert [r["name"] for r in rows] == acts.names()
    assert sorted(r["name"] for r in history_rows()) == sorted(acts.names())
    assert "softmax" in acts.names("vector")


def test_new_activations_appear_with_measured_entries_and_no_crash(dummies):
    rows = {r["name"]: r for r in properties_rows()}
    assert (
        rows["dummy_cube"]["range"] == "(−∞, ∞)"
        and rows["dummy_cube"]["monotone"] == "increasing"
    )
    assert (
        rows["dummy_abs"]["range"] == "[0, ∞)"
        and rows["dummy_abs"]["smoothness"] == "C⁰"
    )
    assert rows["dummy_abs"]["mean E[f(z)], z ~ N(0, 1)"].startswith(
        "0.7979"
    )  # √(2/π)
    history = {r["name"]: r for r in history_rows()}
    assert (
        history["dummy_cube"]["year"] == "–"
    )  # no lineage entry yet: a row, not a crash
    assert "| dummy_abs |" in markdown(what_it_is_rows())
    gallery = gallery_html({"dummy_cube": "cube.html"})
    assert (
        "dummy_abs: f and its derivative" in gallery
        and 'href="cube.html"' in gallery
    )


def test_unknown_kind_gets_a_row(toy_softmax):
    class Odd:
        name, kind, title = "odd_kind", "mystery", "Odd"

        def __call__(self, x, axis=-1):
            return np.asarray(x)

    acts.register(Odd())
    try:
        rows = {r["name"]: r for r in properties_rows()}
        assert (
            rows["odd_kind"]["range"] == "–"
            and "mystery" in rows["odd_kind"]["notes"]
        )
        assert {r["name"]: r for r in what_it_is_rows()}["odd_kind"][
            "derivative"
        ] == "–"
    finally:
        acts.registry.unregister("odd_kind")


def test_rows_state_the_helper_numbers():
    rows = {r["name"]: r for r in properties_rows()}
    assert (
        rows["silu"]["range"] == "[−0.278465, ∞)"
        and rows["tanh"]["range"] == "(−1, 1)"
    )
    assert (
        rows["logsigmoid"]["range"] == "(−∞, 0)"
        and rows["softmax"]["range"] == "(0, 1)"
    )
    assert "not zero-centred" in rows["gelu"]["mean E[f(z)], z ~ N(0, 1)"]
    why = {r["name"]: r["why (the mathematics)"] for r in weakness_rows()}
    assert "−0.278465" in why["silu"] and "{" not in why["elu"]
    assert (
        "{cite}`nair2010`"
        in {r["name"]: r["paper"] for r in history_rows()}["relu"]
    )


def test_the_reasons_the_lineage_gives_hold():
    from acts.properties import properties

    xs = np.linspace(-30, 30, 60001)
    assert (
        properties("sigmoid").max_grad == 0.25
        and properties("tanh").max_grad == 1
    )  # 4^L
    assert np.all(acts.relu.grad(xs[xs < 0]) == 0)  # ReLU's dead side
    assert (
        properties("elu").mean < properties("relu").mean
    )  # negative saturation pulls it to 0
    assert properties("leaky_relu").mean > 0.98 * properties("relu").mean
    assert (
        properties("hardsigmoid").max_grad == 1 / 6
        and properties("mish").df0 == 0.6
    )
    assert (
        abs(properties("hardswish").max_grad - 1.5) < 1e-12
        and not properties("hardswish").max_grad_attained
        and properties("tanhshrink").df0 == 0
    )
    assert (
        properties("relu6").saturates
        == properties("hardtanh").saturates
        == "both sides"
    )
    assert (
        properties("celu", alpha=2.0).smoothness == "C¹"
        and properties("elu", alpha=2.0).smoothness == "C⁰"
    )
    assert np.all(acts.softplus(xs) > 0) and abs(properties("selu").mean) < 1e-6
    assert (
        properties("softsign").smoothness == "C¹"
        and properties("logsigmoid").saturates == "right"
    )
