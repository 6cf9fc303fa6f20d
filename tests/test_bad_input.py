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


@pytest.mark.parametrize("value", ["exact", "Tanh", None, 1.0])
def test_gelu_approximate_outside_none_and_tanh_is_a_value_error_naming_it(value):
    for fn in (acts.gelu, acts.gelu.grad):
        with pytest.raises(ValueError, match=rf"gelu: approximate must be one of 'none', 'tanh', got {value!r}"):
            fn(1.0, approximate=value)


@pytest.mark.parametrize("value", [np.nan, np.inf, "1"])
def test_swish_beta_must_be_a_finite_number(value):
    with pytest.raises(ValueError, match=r"swish: beta must be a finite real number"):
        acts.swish(1.0, beta=value)
