"""The registry is the one list of activations, and every entry honours the Activation contract."""

import numpy as np
import pytest
import sympy

import acts

BOOK_ORDER_START = ["sigmoid"]


def test_names_lists_the_registered_activations_in_book_order():
    names = acts.names()
    assert (
        names[: len(BOOK_ORDER_START)] == BOOK_ORDER_START or "linear" in names
    )
    assert len(names) == len(set(names))


def test_get_and_attribute_return_the_same_activation():
    for name in acts.names():
        assert acts.get(name) is getattr(acts, name)
        assert acts.get(name).name == name


def test_unknown_name_raises_key_error_listing_the_known_ones():
    with pytest.raises(KeyError) as info:
        acts.get("nope")
    message = str(info.value)
    assert "'nope'" in message
    for name in acts.names():
        assert name in message


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        acts.nope  # noqa: B018


def test_registering_a_name_twice_is_refused():
    with pytest.raises(ValueError, match="already registered"):
        acts.register(acts.sigmoid)


@pytest.mark.parametrize("name", acts.names("elementwise"))
def test_expr_is_written_in_a_real_x_and_parameter_symbols(name):
    a = acts.get(name)
    free = {s.name: s for s in a.expr.free_symbols}
    assert free.get("x") == sympy.Symbol("x", real=True)
    numeric = {p for p, spec in a.param_specs.items() if spec.numeric}
    assert set(free) - {"x"} <= numeric


@pytest.mark.parametrize("name", acts.names("elementwise"))
def test_params_are_the_defaults_in_signature_order(name):
    a = acts.get(name)
    assert list(a.params) == list(a.param_specs)
    assert np.all(np.isfinite(a(np.linspace(-3, 3, 7), **a.params)))


@pytest.mark.parametrize("name", acts.names("vector"))
def test_vector_entries_honour_the_vector_contract(name):
    a = acts.get(name)
    assert a.kind == "vector" and a.params == {"axis": -1}
    x1, x2, x3 = (sympy.Symbol(f"x{i}", real=True) for i in (1, 2, 3))
    assert a.expr.shape == (3, 1) and a.expr.free_symbols == {x1, x2, x3}
    assert a.expr_for(5).shape == (5, 1) and a.jacobian_expr(2).shape == (2, 2)
    x = np.array([[0.5, -1.0, 2.0]])
    assert (
        a(x).shape == (1, 3)
        and a.jacobian(x).shape == (1, 3, 3)
        and a.vjp(x, x).shape == (1, 3)
    )
    assert name in acts.names() and name not in acts.names("elementwise")
