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


EXPONENTIAL = [pytest.param(n, p, id=f"{n}-{p}" if p else n)
               for n in ["softplus", "elu", "celu"]
               for p in [{}] + [{k: v} for k, s in acts.get(n).param_specs.items()
                                 for v in s.test_values() if s.numeric]]


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize("name, params", EXPONENTIAL)
def test_exponential_units_parameter_derivatives_are_within_4_ulp(name, params, dtype):
    a = acts.get(name)
    kinks = a.kinks_at(**params)
    xs = grid(dtype, kinks)
    xs = xs[~np.isin(xs, np.asarray(kinks, dtype=dtype))]
    for p in (k for k, s in a.param_specs.items() if s.numeric):
        subs = {a.symbols[k]: v for k, v in a.bind(params).items() if k in a.symbols}
        d = sp.diff(a.expr, a.symbols[p]).subs(subs)
        assert_close(lambda v: a.param_grad(v, p, **params), d, xs, MAX_ULPS,
                     what=f"{name}.param_grad({p}, {params})")


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
def test_softplus_with_pytorchs_threshold_matches_its_piecewise_expr(dtype):
    a = acts.softplus
    xs = grid(dtype, a.kinks_at(threshold=20))
    expr = a.expr_at(threshold=20)
    assert isinstance(expr, sp.Piecewise)
    assert_close(lambda v: a(v, threshold=20), expr, xs, MAX_ULPS, what="softplus(threshold=20)")
    xs = xs[xs != 20]
    assert_close(lambda v: a.grad(v, threshold=20), sp.diff(expr, acts.symbolic.x), xs, MAX_ULPS,
                 what="softplus.grad(threshold=20)")


def test_softplus_cut_off_is_hundreds_of_thousands_of_ulp_off_just_past_20():
    # The reason threshold=None is the default: PyTorch's x for βx > 20 drops log1p(e^{−x}).
    x = np.nextafter(20.0, 21.0)
    assert acts.softplus(x, threshold=20) == x
    with mpmath.workdps(60):
        exact = mpmath.log1p(mpmath.exp(mpmath.mpf(x)))
        err = ulp_error(acts.softplus(x, threshold=20), exact)
        assert 4e5 < err < 7e5
        assert ulp_error(acts.softplus(x), exact) <= 1


def test_softplus_is_exact_where_the_textbook_formula_fails():
    with mpmath.workdps(60):
        for v in [-40.0, -700.0, -740.0, 1000.0]:
            exact = mpmath.log1p(mpmath.exp(mpmath.mpf(v)))
            assert ulp_error(acts.softplus(v), exact) <= 1
        # beta = 0.1 is not a binary fraction: 0.1·x rounds, and e^{0.1x} would amplify it.
        b = mpmath.mpf(0.1)
        for v in [-7000.0, -7400.0, -300.0]:
            exact = mpmath.log1p(mpmath.exp(b * v)) / b
            assert ulp_error(acts.softplus(v, beta=0.1), exact) <= 2


def test_exponential_units_derivative_at_the_kink_is_pytorchs():
    # PyTorch's elu_backward takes the x <= 0 branch at 0: α·e^0 for ELU (λα for SELU),
    # e^{0/α} = 1 for CELU.
    assert acts.elu.grad(0.0, alpha=2.5) == 2.5 and acts.elu.grad(0.0) == 1.0
    assert acts.celu.grad(0.0, alpha=2.5) == 1.0 and acts.celu.grad(-0.0, alpha=0.3) == 1.0
    assert acts.selu.grad(0.0) == pytest.approx(1.0507009873554805 * 1.6732632423543772, rel=1e-15)
    assert acts.elu(0.0) == 0 and acts.celu(0.0) == 0 and acts.selu(0.0) == 0


def test_celu_is_max_plus_min_for_every_alpha():
    xs = np.linspace(-5, 5, 41)
    for alpha in [-2.0, -0.5, 0.5, 1.0, 3.0]:
        direct = np.maximum(0, xs) + np.minimum(0, alpha * np.expm1(xs / alpha))
        np.testing.assert_allclose(acts.celu(xs, alpha=alpha), direct, rtol=1e-14, atol=1e-300)
