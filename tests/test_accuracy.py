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


def test_gelu_is_exact_where_pytorch_returns_minus_zero():
    # torch.nn.functional.gelu(-9.0) in float64 is -0.0; the true value is -1.0e-18, and GELU
    # stays representable down to x ≈ -38.5 (a subnormal).
    ref = lambda v: v * mpmath.ncdf(v)  # noqa: E731
    with mpmath.workdps(60):
        for v in [-9.0, -20.0, -37.5, -38.4]:
            assert ulp_error(acts.gelu(v), ref(mpmath.mpf(v))) <= 2
    assert acts.gelu(-9.0) < 0 and acts.gelu(-38.4) < 0


def test_gelu_exprs_are_the_erf_and_tanh_forms():
    x = acts.symbolic.x
    erf_form = x * (1 + sp.erf(x / sp.sqrt(2))) / 2
    u = sp.sqrt(2 / sp.pi) * (x + sp.Rational(44715, 10**6) * x**3)
    tanh_form = x * (1 + sp.tanh(u)) / 2
    assert sp.simplify(acts.gelu.expr.rewrite(sp.erf) - erf_form) == 0
    assert acts.symbolic.proved_equal(acts.gelu.expr_at(approximate="tanh"), tanh_form)
    assert not acts.symbolic.equal(acts.gelu.expr_at(approximate="tanh"), erf_form)


def test_swish_is_silu_at_beta_1_and_half_x_at_beta_0():
    xs = np.linspace(-50, 50, 1001)
    np.testing.assert_array_equal(acts.swish(xs), acts.silu(xs))
    np.testing.assert_array_equal(acts.swish.grad(xs), acts.silu.grad(xs))
    np.testing.assert_array_equal(acts.swish(xs, beta=0.0), xs / 2)
    np.testing.assert_array_equal(acts.swish.param_grad(xs, "beta", beta=0.0), xs**2 / 4)


def test_gated_units_are_exact_down_to_subnormal_results():
    # x·e^{x} at x = -740 is ~1.5e-319: multiplying a subnormal e^{x} by x would be ~370 ULP off.
    x = acts.symbolic.x
    for a, v in [(acts.silu, -740.0), (acts.mish, -740.0), (acts.swish, -740.0)]:
        assert_close(a, a.expr_at(), np.array([v, -700.5, -745.0]), 1.0, what=a.name)
        assert_close(a.grad, sp.diff(a.expr_at(), x), np.array([v, -700.5]), 1.0, what=a.name)


def test_gelu_grad_is_exact_around_its_zero_without_excuse():
    # Φ(x) + xφ(x) cancels near x0 = -0.7518; the kernel sums GELU's Taylor series there, so no
    # condition number is needed for the exact form (only the tanh form declares an interval).
    xs = np.concatenate([np.linspace(-1.4, -0.35, 211), [-0.7517915246935644, -0.75179152469356]])
    assert_close(acts.gelu.grad, sp.diff(acts.gelu.expr, acts.symbolic.x), xs, MAX_ULPS,
                 what="gelu.grad near its zero")


def test_mish_grad_is_exact_around_its_zero_without_excuse():
    xs = np.concatenate([np.linspace(-1.6, -0.8, 161), [-1.1924312145155, -1.19243121451549]])
    assert not acts.mish.ill_conditioned
    assert_close(acts.mish.grad, sp.diff(acts.mish.expr, acts.symbolic.x), xs, MAX_ULPS,
                 what="mish.grad near its zero")
