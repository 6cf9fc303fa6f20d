"""Every forward value and derivative is within 4 ULP of mpmath at 60 digits, in both dtypes.

The reference is the activation's own SymPy expression (and its SymPy derivative), evaluated
at the floating-point input; the grid is dense on [-10, 10] and reaches the largest finite
values, the subnormals and both neighbours of every kink.
"""

import mpmath
import numpy as np
import pytest

import acts
from acts.precision import assert_close, grid, ulp_error
import sympy as sp

import acts.symbolic

MAX_ULPS = 4.0
DTYPES = [np.float64, np.float32]


def _cases():
    """(name, params) for every elementwise activation: its defaults, then each parameter's
    other test values (slider ends, string choices) one at a time."""
    for name in acts.names("elementwise"):
        a = acts.get(name)
        yield pytest.param(name, {}, id=name)
        for pname, spec in a.param_specs.items():
            for value in spec.test_values():
                yield pytest.param(name, {pname: value}, id=f"{name}-{pname}={value}")


CASES = list(_cases())


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize("name, params", CASES)
def test_forward_is_within_4_ulp(name, params, dtype):
    a = acts.get(name)
    xs = grid(dtype, a.kinks_at(**params))
    assert_close(lambda v: a(v, **params), a.expr_at(**params), xs, MAX_ULPS,
                 what=f"{name}({params})", ill_conditioned=a.ill_conditioned.get("forward", ()))


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize("name, params", CASES)
def test_derivative_is_within_4_ulp(name, params, dtype):
    a = acts.get(name)
    kinks = a.kinks_at(**params)
    xs = grid(dtype, kinks)
    xs = xs[~np.isin(xs, np.asarray(kinks, dtype=dtype))]  # f' exactly at a kink: its own test
    d = sp.diff(a.expr_at(**params), acts.symbolic.x)
    assert_close(lambda v: a.grad(v, **params), d, xs, MAX_ULPS, what=f"{name}.grad({params})",
                 ill_conditioned=a.ill_conditioned.get("grad", ()))


def test_sigmoid_and_its_grad_are_exact_in_the_tails():
    # 1/(1 + e^{-x}) flushes σ(-740) to 0 and σ(1 − σ) flushes σ'(40) to 0; the true values
    # are e^{-740} (a subnormal) and e^{-40}.
    exact = lambda x: mpmath.exp(x) / (1 + mpmath.exp(x)) ** 2  # noqa: E731  σ', even
    with mpmath.workdps(60):
        for x in [40.0, -40.0, 700.0, -740.0]:
            assert ulp_error(acts.sigmoid.grad(x), exact(mpmath.mpf(x))) <= 1
        assert ulp_error(acts.sigmoid(-740.0), 1 / (1 + mpmath.exp(740))) <= 1
    assert acts.sigmoid(-740.0) > 0 and acts.sigmoid.grad(40.0) > 0


def test_ulp_error_sees_a_flushed_subnormal():
    # The yardstick itself must be able to fail: 0 instead of e^{-740} is ~85 subnormal ULPs off.
    assert ulp_error(0.0, 4.199558e-322) > 80
    assert ulp_error(1.0, 1.0) == 0
    assert ulp_error(np.nextafter(1.0, 2.0), 1.0) == pytest.approx(1.0)
    assert ulp_error(np.float32(1.0) + np.float32(2**-23), 1.0, np.float32) == pytest.approx(1.0)


def test_condition_numbers_excuse_only_the_ill_conditioned_interval():
    # g = x·(1 − x) near its zero at x = 1. Evaluating g at x perturbed by one rounding
    # (relative 2⁻⁵²) is billions of ULP off, but within 4·κ ULP: excused inside the declared
    # interval only. A result 1 % off is not excused anywhere.
    x = acts.symbolic.x
    expr = x * (1 - x)
    xs = np.array([1.0 + 2.0**-40])
    perturbed = lambda v: (v * (1 + 2.0**-52)) * (1 - v * (1 + 2.0**-52))  # noqa: E731
    with pytest.raises(AssertionError, match="ULP"):
        assert_close(perturbed, expr, xs)
    assert_close(perturbed, expr, xs, ill_conditioned=[(0.5, 1.5)])
    with pytest.raises(AssertionError):
        assert_close(lambda v: 1.01 * v * (1 - v), expr, xs, ill_conditioned=[(0.5, 1.5)])


# --------------------------------------------------------------------------- the rectifiers' kinks
# At a kink f has no derivative; acts returns what PyTorch's autograd returns there.

@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize("name, params, kink, expected", [
    ("relu", {}, 0.0, 0.0),                                # threshold_backward: x > 0
    ("leaky_relu", {}, 0.0, 0.01),                         # leaky_relu_backward: x > 0 ? 1 : slope
    ("leaky_relu", {"negative_slope": 0.2}, 0.0, 0.2),
    ("prelu", {}, 0.0, 0.25),                              # prelu backward: x > 0 ? 1 : alpha
    ("prelu", {"alpha": 0.6}, 0.0, 0.6),
    ("relu6", {}, 0.0, 0.0),                               # hardtanh_backward(0, 6)
    ("relu6", {}, 6.0, 0.0),
    ("hardtanh", {}, -1.0, 0.0),                           # x <= min_val || x >= max_val ? 0
    ("hardtanh", {}, 1.0, 0.0),
    ("hardtanh", {"min_val": -2.0, "max_val": 3.0}, -2.0, 0.0),
    ("hardtanh", {"min_val": -2.0, "max_val": 3.0}, 3.0, 0.0),
])
def test_rectifier_derivative_at_a_kink_is_pytorchs_choice(name, params, kink, expected, dtype):
    a = acts.get(name)
    assert kink in a.kinks_at(**params)
    g = a.grad(np.array([kink, -0.0 if kink == 0 else kink], dtype=dtype), **params)
    assert g.dtype == dtype and np.all(g == dtype(expected))


def test_rectifier_kinks_have_both_neighbours_on_the_test_grid():
    for name, params in [("relu6", {}), ("hardtanh", {"min_val": -2.5, "max_val": 0.5})]:
        a = acts.get(name)
        for dtype in DTYPES:
            xs = grid(dtype, a.kinks_at(**params))
            for k in a.kinks_at(**params):
                k = dtype(k)
                assert {np.nextafter(k, dtype(-np.inf)), k, np.nextafter(k, dtype(np.inf))} <= set(xs)


def test_hardtanh_parameter_derivatives_add_up_to_one_with_the_x_derivative():
    # Shifting x, min_val and max_val together shifts hardtanh: the three partials sum to 1
    # everywhere, kinks included (where ∂f/∂x = 0 and the parameter's partial is 1).
    xs = np.array([-3.0, -1.0, -0.5, 0.0, 1.0, 2.0])
    a = acts.hardtanh
    total = a.grad(xs) + a.param_grad(xs, "min_val") + a.param_grad(xs, "max_val")
    np.testing.assert_array_equal(total, np.ones_like(xs))
    np.testing.assert_array_equal(a.param_grad(xs, "min_val"), [1, 1, 0, 0, 0, 0])
    np.testing.assert_array_equal(a.param_grad(xs, "max_val"), [0, 0, 0, 0, 1, 1])


def test_relu_is_scale_invariant_exactly():
    # max(0, a·x) = a·max(0, x) for a > 0; with a a power of two both sides are exact.
    xs = grid(np.float64)
    xs = xs[np.abs(xs) < 1e300]
    np.testing.assert_array_equal(acts.relu(4.0 * xs), 4.0 * acts.relu(xs))


def test_prelu_takes_one_alpha_per_channel():
    x = np.linspace(-2, 2, 2 * 3 * 4).reshape(2, 3, 4)  # (batch, channel, position)
    alpha = np.array([0.1, 0.25, 0.5]).reshape(3, 1)
    y, g, d_alpha = acts.prelu(x, alpha=alpha), acts.prelu.grad(x, alpha=alpha), \
        acts.prelu.param_grad(x, "alpha", alpha=alpha)
    for c, a_c in enumerate(alpha.ravel()):
        xc = x[:, c, :]
        np.testing.assert_array_equal(y[:, c, :], acts.leaky_relu(xc, negative_slope=a_c))
        np.testing.assert_array_equal(g[:, c, :], acts.leaky_relu.grad(xc, negative_slope=a_c))
    # ∂f/∂α elementwise, shape of x: x where x < 0, else 0; summed per channel by the caller.
    np.testing.assert_array_equal(d_alpha, np.minimum(x, 0))
    assert d_alpha.shape == x.shape
