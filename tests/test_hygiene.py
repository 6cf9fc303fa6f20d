"""Dtypes, shapes, special values and side effects: what every activation promises besides accuracy."""

import warnings

import numpy as np
import pytest

import acts

NAMES = acts.names("elementwise")


def _all_outputs(a, x):
    outs = [a(x), a.grad(x)]
    outs += [a.param_grad(x, p) for p, spec in a.param_specs.items() if spec.numeric]
    return outs


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_float_dtypes_are_kept(name, dtype):
    x = np.linspace(-3, 3, 11).astype(dtype)
    for y in _all_outputs(acts.get(name), x):
        assert y.dtype == dtype


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("x", [[1, 2, 3], np.array([1, 2, 3]), np.array([True, False]), 2, 2.5])
def test_ints_bools_lists_and_python_numbers_become_float64(name, x):
    for y in _all_outputs(acts.get(name), x):
        assert np.asarray(y).dtype == np.float64


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("shape", [(), (0,), (3, 0), (5,), (2, 3, 4)])
def test_shapes_are_preserved(name, shape):
    x = np.arange(int(np.prod(shape)), dtype=np.float64).reshape(shape) - 2
    for y in _all_outputs(acts.get(name), x):
        assert np.shape(y) == shape


@pytest.mark.parametrize("name", NAMES)
def test_zero_d_input_gives_a_numpy_scalar_like_a_ufunc(name):
    y = acts.get(name)(np.float32(0.5))
    assert isinstance(y, np.float32)


@pytest.mark.parametrize("name", NAMES)
def test_the_input_is_never_modified(name):
    x = np.linspace(-50, 50, 101)
    before = x.copy()
    _all_outputs(acts.get(name), x)
    np.testing.assert_array_equal(x, before)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_no_runtime_warning_for_any_finite_infinite_or_nan_input(name, dtype):
    info = np.finfo(dtype)
    x = np.array([0.0, -0.0, 1.0, -1.0, info.max, -info.max, info.smallest_subnormal,
                  -info.smallest_subnormal, np.inf, -np.inf, np.nan, 88.0, -88.0, 710.0,
                  -710.0, 1e30, -1e30], dtype=np.float64)
    with np.errstate(over="ignore"):
        x = x.astype(dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _all_outputs(acts.get(name), x)


@pytest.mark.parametrize("name", NAMES)
def test_nan_in_gives_nan_out(name):
    for y in _all_outputs(acts.get(name), np.array([np.nan, 1.0])):
        assert np.isnan(y[0]) and not np.isnan(y[1])


def test_infinities_give_the_mathematical_limits():
    assert acts.sigmoid(np.inf) == 1.0 and acts.sigmoid(-np.inf) == 0.0
    assert acts.sigmoid.grad(np.inf) == 0.0 and acts.sigmoid.grad(-np.inf) == 0.0


@pytest.mark.parametrize("name", NAMES)
def test_numpy_error_state_is_left_alone(name):
    before = np.geterr()
    _all_outputs(acts.get(name), np.array([1e308, -1e308, np.nan]))
    assert np.geterr() == before


@pytest.mark.parametrize("x", [1000.0, -1000.0, 1e300, -1e300])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sigmoid_is_exact_and_quiet_at_huge_inputs(x, dtype):
    with np.errstate(over="ignore"):
        xd = np.asarray(x).astype(dtype)  # ±1e300 is ±inf in float32
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y, g = acts.sigmoid(xd), acts.sigmoid.grad(xd)
    assert y == (1.0 if x > 0 else 0.0) and g == 0.0
    assert y.dtype == dtype and g.dtype == dtype


@pytest.mark.parametrize("name, params", [
    ("softplus", {"beta": 1e-300}), ("softplus", {"beta": 1e300}), ("softplus", {"beta": 1e-320}),
    ("softplus", {"threshold": 20}), ("elu", {"alpha": -1.0}), ("elu", {"alpha": 1e300}),
    ("celu", {"alpha": -2.0}), ("celu", {"alpha": 1e-300}), ("celu", {"alpha": 1e300}),
])
def test_exponential_units_are_quiet_at_extreme_parameters(name, params):
    # β·x and x/α overflow or underflow here; the result may be ±inf, never a warning.
    a = acts.get(name)
    x = np.array([0.0, -0.0, 1.0, -1.0, 1.7e308, -1.7e308, 1e302, -1e302, 5e-324, -5e-324,
                  np.inf, -np.inf, np.nan, 710.0, -710.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        outs = [a(x, **params), a.grad(x, **params)]
        outs += [a.param_grad(x, p, **params) for p, s in a.param_specs.items() if s.numeric]
    for y in outs:
        assert np.isnan(y[12]) and not np.isnan(np.delete(y, 12)).any()
