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


@pytest.mark.parametrize("beta", [-1.0, 0.0, float("nan"), float("inf")])
def test_softplus_beta_must_be_positive(beta):
    with pytest.raises(ValueError, match=rf"softplus: beta must be .*got {beta!r}"):
        acts.softplus(1.0, beta=beta)


def test_softplus_beta_error_reads_as_the_guide_quotes_it():
    with pytest.raises(ValueError) as info:
        acts.softplus(1.0, beta=-1.0)
    assert str(info.value) == "softplus: beta must be > 0, got -1.0"


@pytest.mark.parametrize("threshold", ["20", float("nan"), [20.0, 30.0]])
def test_softplus_threshold_must_be_none_or_a_finite_number(threshold):
    with pytest.raises(ValueError, match="softplus: threshold must be"):
        acts.softplus(1.0, threshold=threshold)


def test_softplus_threshold_has_no_derivative():
    with pytest.raises(ValueError, match="softplus: threshold is not differentiable"):
        acts.softplus.param_grad(1.0, "threshold")


def test_celu_alpha_must_be_nonzero_as_in_pytorch():
    with pytest.raises(ValueError, match=r"celu: alpha must be != 0 .*got 0.0"):
        acts.celu(1.0, alpha=0.0)
    assert acts.celu(-1.0, alpha=-2.0) < 0  # PyTorch accepts a negative alpha


@pytest.mark.parametrize("name", ["elu", "celu"])
def test_elu_and_celu_alpha_must_be_finite(name):
    with pytest.raises(ValueError, match=rf"{name}: alpha must be a finite real number"):
        acts.get(name)(1.0, alpha=float("nan"))


def test_celu_alpha_whose_reciprocal_overflows_is_refused():
    with pytest.raises(ValueError, match=r"celu: alpha must be at least .*got 5e-324"):
        acts.celu(1.0, alpha=5e-324)
