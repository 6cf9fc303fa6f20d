"""SymPy and the numbers agree, and the symbolic helpers the chapters use are right."""

import mpmath
import numpy as np
import pytest
import sympy as sp

import acts
from acts.symbolic import (
    MPMATH,
    derivative,
    equal,
    in_terms_of,
    proved_equal,
    x,
)

# no kink of any activation sits on this grid
POINTS = np.linspace(-7.3, 7.1, 37)


@pytest.mark.parametrize("name", acts.names("elementwise"))
def test_diff_of_expr_equals_grad(name):
    a = acts.get(name)
    # parameters at their defaults
    f = sp.lambdify(x, sp.diff(a.expr_at(), x), modules=MPMATH)
    # 1 − tanh² cancels: mpmath's default 15 digits are not enough
    with mpmath.workdps(50):
        expected = np.array([float(f(v)) for v in POINTS])
    np.testing.assert_allclose(
        a.grad(POINTS), expected, rtol=1e-13, atol=1e-300
    )


@pytest.mark.parametrize(
    "name, param",
    [
        (n, p)
        for n in acts.names("elementwise")
        for p, s in acts.get(n).param_specs.items()
        if s.numeric
    ],
)
def test_diff_of_expr_by_each_parameter_equals_param_grad(name, param):
    a = acts.get(name)
    f = sp.lambdify(
        x,
        sp.diff(a.expr, a.symbols[param]).subs(
            {a.symbols[k]: v for k, v in a.params.items() if k in a.symbols}
        ),
        modules=MPMATH,
    )
    with mpmath.workdps(50):
        expected = np.array([float(f(v)) for v in POINTS])
    np.testing.assert_allclose(
        a.param_grad(POINTS, param), expected, rtol=1e-13, atol=1e-300
    )


def test_sigmoid_derivative_is_quoted_as_sigma_times_one_minus_sigma():
    s = sp.Symbol("sigma")
    assert in_terms_of(derivative(acts.sigmoid), acts.sigmoid.expr, s) == s * (
        1 - s
    )


def test_tanh_derivative_is_quoted_as_one_minus_tanh_squared():
    t = sp.Symbol("t")
    assert in_terms_of(sp.diff(sp.tanh(x), x), sp.tanh(x), t) == 1 - t**2


def test_equal_accepts_equivalent_forms_and_rejects_a_wrong_one():
    sigma = acts.sigmoid.expr
    d = derivative(acts.sigmoid)
    assert equal(d, sigma * (1 - sigma))
    assert equal(d, sp.exp(x) / (1 + sp.exp(x)) ** 2)
    assert equal(d, 1 / (4 * sp.cosh(x / 2) ** 2))
    # a derivative that circulates in tutorials
    assert not equal(d, sigma * (1 + sigma))
    # differs in the 30th digit only
    assert not equal(d, d + sp.Rational(1, 10**30))


def test_equal_respects_parameter_assumptions():
    a = sp.Symbol("a", positive=True)
    assert equal(sp.sqrt(a**2), a)
    b = sp.Symbol("b", real=True)
    assert not equal(sp.sqrt(b**2), b)


def test_proved_equal_proves_the_sigmoid_identity():
    sigma = acts.sigmoid.expr
    assert proved_equal(derivative(acts.sigmoid), sigma * (1 - sigma))
    assert not proved_equal(derivative(acts.sigmoid), sigma * (1 + sigma))


def test_the_hard_and_shrink_variants_satisfy_their_identities():
    xs = np.linspace(-7.3, 7.1, 37)
    np.testing.assert_allclose(
        acts.hardswish(xs), xs * acts.hardsigmoid(xs), rtol=4e-16
    )
    np.testing.assert_allclose(
        acts.logsigmoid.grad(xs), 1 - acts.sigmoid(xs), rtol=1e-13
    )
    np.testing.assert_allclose(
        acts.tanhshrink.grad(xs), np.tanh(xs) ** 2, rtol=1e-15
    )
    np.testing.assert_allclose(
        acts.softsign.grad(xs), (1 - np.abs(acts.softsign(xs))) ** 2, rtol=1e-14
    )
    lambd = 0.7
    np.testing.assert_allclose(
        acts.hardshrink(xs, lambd=lambd) - acts.softshrink(xs, lambd=lambd),
        lambd * np.sign(xs) * (np.abs(xs) > lambd),
        rtol=1e-15,
        atol=1e-15,
    )
    # SymPy: hardswish = x·hardsigmoid and logsigmoid = log σ, as functions.
    assert equal(acts.hardswish.expr, x * acts.hardsigmoid.expr)
    assert equal(acts.logsigmoid.expr, sp.log(acts.sigmoid.expr))
    assert equal(derivative(acts.tanhshrink), sp.tanh(x) ** 2)
