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


@pytest.mark.parametrize("value", [-0.1, 1.5, np.nan, np.inf, "half", [0.5, 0.5]])
def test_step_at_zero_outside_zero_to_one_is_a_value_error_naming_it(value):
    for call in (lambda: acts.step(0.0, at_zero=value), lambda: acts.step.grad(0.0, at_zero=value),
                 lambda: acts.step.param_grad(0.0, "at_zero", at_zero=value)):
        with pytest.raises(ValueError, match=r"step: at_zero must be"):
            call()


@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf, "one", None])
def test_linear_c_not_finite_is_a_value_error_naming_it(value):
    with pytest.raises(ValueError, match=r"linear: c must be a finite real number"):
        acts.linear(1.0, c=value)


@pytest.mark.parametrize("name", ["sign", "tanh"])
def test_sign_and_tanh_have_no_parameters(name):
    with pytest.raises(ValueError, match=rf"{name}: unknown parameter 'at_zero' \(its parameters are: none\)"):
        acts.get(name)(1.0, at_zero=0.5)
