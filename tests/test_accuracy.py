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


@pytest.mark.parametrize("x", [20.0, -20.0, 40.0, -40.0, 400.0, -400.0, 360.0, 19.5])
def test_tanh_grad_is_exact_in_the_tails(x):
    # 1 − tanh² is 0 from |x| ≈ 19 on (tanh rounds to ±1); sech² = 4e^{-2|x|}(1 + …) is not:
    # 1.7e-17 at 20, 7.2e-35 at 40, a subnormal at 360, and 0 (underflow) at 400.
    with mpmath.workdps(400):
        exact = 1 / mpmath.cosh(mpmath.mpf(x)) ** 2
        assert ulp_error(acts.tanh.grad(x), exact) <= 2
    naive = 1 - np.tanh(x) ** 2
    if abs(x) < 373:
        assert acts.tanh.grad(x) > 0 and naive == 0.0


def test_tanh_is_two_sigmoids_minus_one_to_the_last_bits():
    xs = np.linspace(-30, 30, 601)
    np.testing.assert_allclose(acts.tanh(xs), 2 * acts.sigmoid(2 * xs) - 1, rtol=0, atol=4e-16)
    assert acts.tanh.grad(0.0) == 1.0 and acts.tanh(0.0) == 0.0


@pytest.mark.parametrize("at_zero", [0.0, 0.25, 0.5, 1.0])
def test_step_takes_its_value_at_zero_from_at_zero(at_zero):
    for dtype in (np.float64, np.float32):
        zeros = np.array([0.0, -0.0], dtype=dtype)
        np.testing.assert_array_equal(acts.step(zeros, at_zero=at_zero), [at_zero, at_zero])
        np.testing.assert_array_equal(acts.step.param_grad(zeros, "at_zero"), [1.0, 1.0])
    tiny = np.finfo(np.float64).smallest_subnormal
    np.testing.assert_array_equal(acts.step([-tiny, tiny], at_zero=at_zero), [0.0, 1.0])
    np.testing.assert_array_equal(acts.step.param_grad([-tiny, tiny, 3.0], "at_zero"), [0, 0, 0])


def test_sign_of_plus_and_minus_zero_is_plus_zero():
    y = acts.sign(np.array([0.0, -0.0, 5e-324, -5e-324]))
    np.testing.assert_array_equal(y, [0.0, 0.0, 1.0, -1.0])
    assert not np.signbit(y[:2]).any()  # +0, not −0
    assert acts.sign(np.float32(-0.0)) == 0 and not np.signbit(acts.sign(np.float32(-0.0)))


@pytest.mark.parametrize("name", ["step", "sign"])
def test_step_and_sign_derivatives_are_zero_everywhere_even_at_zero(name):
    # SymPy's derivative is a Dirac delta at 0 (no number); acts, like PyTorch's autograd,
    # lets no gradient through.
    a = acts.get(name)
    xs = np.array([-np.inf, -1e300, -1.0, -0.0, 0.0, 1e-300, 1.0, np.inf])
    np.testing.assert_array_equal(a.grad(xs), np.zeros_like(xs))
    d = sp.diff(a.expr_at(), acts.symbolic.x)
    assert d.has(sp.DiracDelta) and d.subs(acts.symbolic.x, 1) == 0


def test_linear_is_c_times_x_and_its_c_derivative_is_x():
    xs = np.array([-3.0, 0.0, 2.5, 1e308])
    np.testing.assert_array_equal(acts.linear(xs, c=2.0), [-6.0, 0.0, 5.0, np.inf])
    np.testing.assert_array_equal(acts.linear.grad(xs, c=-0.5), [-0.5] * 4)
    np.testing.assert_array_equal(acts.linear.param_grad(xs, "c", c=3.0), xs)
    assert acts.linear(np.inf, c=0.0) == 0.0  # the limit of 0·x, not 0·inf = NaN
