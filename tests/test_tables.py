"""The comparison table and gallery come from the registry and measure what they state."""

import numpy as np
import pytest
import sympy as sp

import acts
from acts.core import Activation
from acts.tables import comparison_markdown, comparison_rows, gallery_html, properties


@pytest.fixture
def dummies():
    """Two activations the book does not have: a smooth odd cube and a kinked absolute value."""
    added = [
        acts.register(Activation(
            "dummy_cube", title="Cube", forward=lambda x: x**3 / 3, grad=lambda x: x**2,
            expr=lambda x: x**3 / 3, latex=r"f(x) = x^3/3")),
        acts.register(Activation(
            "dummy_abs", title="Absolute value", forward=np.abs, grad=np.sign,
            expr=lambda x: sp.Abs(x), kinks=(0.0,), latex=r"f(x) = |x|")),
    ]
    yield [a.name for a in added]
    for a in added:
        acts.registry.unregister(a.name)


def test_a_new_activation_appears_in_the_table_and_gallery(dummies):
    names = [row["name"] for row in comparison_rows()]
    assert names == acts.names("elementwise")
    for name in dummies:
        assert f"| {name} |" in comparison_markdown()
        assert f'alt="{name}: f and its derivative"' in gallery_html({})
    assert 'href="cube.html"' in gallery_html({"dummy_cube": "cube.html"})


def test_properties_are_measured_not_assumed(dummies):
    cube, absolute = properties("dummy_cube"), properties("dummy_abs")
    assert cube == {"range": "(−∞, ∞)", "monotone": "increasing", "zero-centred": "yes",
                    "saturates": "no", "smoothness": "C^∞"}
    assert absolute == {"range": "[0, ∞)", "monotone": "no", "zero-centred": "no",
                        "saturates": "no", "smoothness": "C⁰"}


def test_sigmoid_row():
    row = next(r for r in comparison_rows({"sigmoid": "torch.sigmoid"}) if r["name"] == "sigmoid")
    assert row["range"] == "(0, 1)" and row["saturates"] == "both sides"
    assert row["frameworks"] == "torch.sigmoid" and row["parameters"] == "–"
