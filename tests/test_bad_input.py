"""Bad input gets one clear error naming what was wrong, never a NaN or a deep traceback."""

import numpy as np
import pytest

import acts

NAMES = acts.names("elementwise")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    "x, dtype",
    [(np.array([1 + 2j]), "complex128"), (np.array([1.0], dtype=object), "object"),
     (np.array(["1.0"]), "<U3"), (["a", "b"], "<U1"), (np.array([1.0], dtype=np.longdouble), "float128")],
)
def test_non_real_input_is_a_type_error_naming_the_activation_and_dtype(name, x, dtype):
    a = acts.get(name)
    for fn in (a, a.grad):
        with pytest.raises(TypeError) as info:
            fn(x)
        assert name in str(info.value) and dtype in str(info.value)


@pytest.mark.parametrize("name", NAMES)
def test_an_unknown_parameter_is_a_value_error_naming_it(name):
    with pytest.raises(ValueError, match=rf"{name}: unknown parameter 'slope'"):
        acts.get(name)(1.0, slope=2.0)


@pytest.mark.parametrize("name", NAMES)
def test_param_grad_of_a_parameter_it_does_not_have_is_a_value_error(name):
    with pytest.raises(ValueError, match=rf"{name}: no numeric parameter 'slope'"):
        acts.get(name).param_grad(1.0, "slope")


# --------------------------------------------------------------------------- vector activations

VECTOR = acts.names("vector")


@pytest.mark.parametrize("name", VECTOR)
@pytest.mark.parametrize(
    "x, dtype",
    [(np.array([1 + 2j]), "complex128"), (np.array([1.0], dtype=object), "object"),
     (np.array(["1.0"]), "<U3"), (["a", "b"], "<U1"), (np.array([1.0], dtype=np.longdouble), "float128")],
)
def test_vector_non_real_input_is_a_type_error_naming_the_activation_and_dtype(name, x, dtype):
    a = acts.get(name)
    for fn in (a, a.jacobian, lambda v: a.vjp(v, np.ones(np.shape(v))), lambda v: a.vjp([1.0], v)):
        with pytest.raises(TypeError) as info:
            fn(x)
        assert name in str(info.value) and dtype in str(info.value)


@pytest.mark.parametrize("name", VECTOR)
def test_vector_unknown_parameter_is_a_value_error_naming_it(name):
    with pytest.raises(ValueError, match=rf"{name}: unknown parameter 'dim' \(its parameters are: axis\)"):
        acts.get(name)([1.0, 2.0], dim=0)


@pytest.mark.parametrize("name", VECTOR)
@pytest.mark.parametrize("axis", [1.5, "0", True, None])
def test_vector_non_integer_axis_is_a_value_error_naming_it(name, axis):
    with pytest.raises(ValueError, match=rf"{name}: axis must be an integer, got {axis!r}"):
        acts.get(name)([1.0, 2.0], axis=axis)


@pytest.mark.parametrize("name", VECTOR)
@pytest.mark.parametrize("shape, axis", [((3,), 1), ((3,), -2), ((2, 3), 2), ((2, 3), -3), ((), 1)])
def test_vector_axis_out_of_range_is_a_value_error_naming_it(name, shape, axis):
    a = acts.get(name)
    x = np.zeros(shape)
    for fn, who in ((a, name), (a.jacobian, f"{name}.jacobian"),
                    (lambda v, axis: a.vjp(v, v, axis=axis), f"{name}.vjp")):
        with pytest.raises(ValueError, match=rf"{who}: axis {axis} is out of range .*{len(shape)}"):
            fn(x, axis=axis)


@pytest.mark.parametrize("name", VECTOR)
def test_vjp_with_a_g_that_does_not_fit_x_is_a_value_error(name):
    with pytest.raises(ValueError, match=rf"{name}.vjp: g of shape \(2,\) does not broadcast to x of shape \(3,\)"):
        acts.get(name).vjp([1.0, 2.0, 3.0], [1.0, 2.0])
