"""Every forward value and derivative is within 4 ULP of mpmath at 60 digits, in both dtypes.

The reference is the activation's own SymPy expression (and its SymPy derivative), evaluated
at the floating-point input; the grid is dense on [-10, 10] and reaches the largest finite
values, the subnormals and both neighbours of every kink.
"""

import functools
import warnings

import mpmath
import numpy as np
import pytest
import sympy as sp

import acts
import acts.symbolic
from acts.precision import assert_close, grid, ulp_error

MAX_ULPS = 4.0
DTYPES = [np.float64, np.float32]


# Parameter values besides the registry's test values (slider ends) at which the issue found a
# kernel off: non-binary fractions whose rounding (1/α) an exact-parameter reference exposes.
EXTRA_PARAMS = {
    "celu": [{"alpha": 1.5}],
    "swish": [{"beta": 0.5}, {"beta": 2.7}],
    "softplus": [{"beta": 0.3}],
}


def _cases():
    """(name, params) for every elementwise activation: its defaults, then each parameter's
    other test values (slider ends, string choices) one at a time (`Activation.test_cases`)."""
    for name in acts.names("elementwise"):
        for params in acts.get(name).test_cases() + EXTRA_PARAMS.get(name, []):
            label = ",".join(f"{k}={v}" for k, v in params.items())
            yield pytest.param(
                name, params, id=f"{name}-{label}" if params else name
            )


CASES = list(_cases())
PARAM_CASES = [
    c
    for c in CASES
    if any(s.numeric for s in acts.get(c.values[0]).param_specs.values())
]


def _points(a, params, dtype, drop_kinks):
    """The test grid for these parameters (kink neighbours included; the kinks themselves
    dropped for derivatives, whose value there is PyTorch's choice, tested separately).

    Dense on [−10, 10] with 401 points at the defaults, 201 at other parameter values (CI
    time): the tails, subnormals and kink neighbours are the same, and the points where the
    kernels are hardest (the zeros of the derivatives) have dense tests of their own below."""
    kinks = a.kinks_at(**params)
    xs = grid(dtype, kinks, dense=401 if not params else 201)
    return (
        xs[~np.isin(xs, np.asarray(kinks, dtype=dtype))] if drop_kinks else xs
    )


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize("name, params", CASES)
def test_forward_is_within_4_ulp(name, params, dtype):
    # The reference takes the parameters as the exact binary numbers passed (expr_and_values).
    a = acts.get(name)
    expr, values = a.expr_and_values(**params)
    assert_close(
        lambda v: a(v, **params),
        expr,
        _points(a, params, dtype, False),
        MAX_ULPS,
        subs=values,
        what=f"{name}({params})",
    )


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize("name, params", CASES)
def test_derivative_is_within_4_ulp(name, params, dtype):
    # No interval is excused: SiLU'/Swish' (every β) and both GELU' forms are summed as Taylor
    # series about their zeros.
    a = acts.get(name)
    expr, values = a.expr_and_values(**params)
    d = sp.diff(expr, acts.symbolic.x)
    assert_close(
        lambda v: a.grad(v, **params),
        d,
        _points(a, params, dtype, True),
        MAX_ULPS,
        subs=values,
        what=f"{name}.grad({params})",
    )


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize("name, params", PARAM_CASES)
def test_parameter_derivatives_are_within_4_ulp(name, params, dtype):
    a = acts.get(name)
    expr, values = a.expr_and_values(**params)
    xs = _points(a, params, dtype, True)
    for p in (k for k, s in a.param_specs.items() if s.numeric):
        d = sp.diff(expr, a.symbols[p])
        if d.has(
            sp.DiracDelta
        ):  # a jump that moves with p (hardshrink): its own test
            continue
        assert_close(
            lambda v: a.param_grad(v, p, **params),
            d,
            xs,
            MAX_ULPS,
            subs=values,
            what=f"{name}.param_grad({p}, {params})",
        )


def test_no_activation_excuses_an_ill_conditioned_interval():
    assert not any(
        acts.get(n).ill_conditioned for n in acts.names("elementwise")
    )


@pytest.mark.parametrize(
    "name, x, params, what",
    [
        (
            "swish",
            -2.5530341576870175,
            {"beta": 0.5},
            "grad",
        ),  # was ~43 ULP (βx near h's zero)
        (
            "silu",
            -1.2784645427610738,
            {},
            "grad",
        ),  # SiLU' at its zero: was ~29 ULP
        ("silu", -1.28, {}, "grad"),
        ("gelu", -0.7517915, {"approximate": "tanh"}, "grad"),  # was ~130 ULP
        ("gelu", -0.76, {"approximate": "tanh"}, "grad"),
        (
            "celu",
            -700.3,
            {"alpha": 1.5},
            "grad",
        ),  # was 200–310 ULP (rounded 1/α)
        ("celu", -70.7, {"alpha": 0.1}, "grad"),
        ("celu", -2100.1, {"alpha": 3.0}, "grad"),
        ("celu", -700.3, {"alpha": 1.5}, "forward"),
        ("celu", -700.3, {"alpha": 3.0}, "alpha"),
    ],
)
def test_the_issues_off_points_are_within_4_ulp(name, x, params, what):
    a = acts.get(name)
    expr, values = a.expr_and_values(**params)
    fn = {
        "forward": lambda v: a(v, **params),
        "grad": lambda v: a.grad(v, **params),
    }.get(what, lambda v: a.param_grad(v, what, **params))
    if what == "grad":
        expr = sp.diff(expr, acts.symbolic.x)
    elif what != "forward":
        expr = sp.diff(expr, a.symbols[what])
    xs = np.array([x, np.nextafter(x, 0.0), np.nextafter(x, -np.inf)])
    for dtype in DTYPES:
        assert_close(
            fn,
            expr,
            xs.astype(dtype),
            MAX_ULPS,
            subs=values,
            what=f"{name} {what}",
        )


def test_the_reference_uses_the_exact_float_parameter():
    # SymPy's Float(0.1) prints as 0.1 to mpmath, a different α: the reference must not.
    from acts.precision import reference

    alpha = acts.celu.symbols["alpha"]
    ref = reference(acts.symbolic.x / alpha, [1.0], {alpha: 0.1})[0]
    with mpmath.workdps(60):
        assert ref == 1 / mpmath.mpf(0.1) and ref != mpmath.mpf(10)


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
    assert ulp_error(
        np.float32(1.0) + np.float32(2**-23), 1.0, np.float32
    ) == pytest.approx(1.0)


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
        assert_close(
            lambda v: 1.01 * v * (1 - v), expr, xs, ill_conditioned=[(0.5, 1.5)]
        )


def test_hard_variants_take_pytorchs_derivative_at_their_kinks():
    # PyTorch's autograd: hardsigmoid' is 1/6 on the open (−3, 3) only; hardswish' is 0 at −3
    # and 1 at 3 (checked against torch itself in test_hardswish_grad_at_its_kinks_is_torchs).
    xs = np.array([-3.0, 3.0])
    np.testing.assert_array_equal(acts.hardsigmoid.grad(xs), [0.0, 0.0])
    np.testing.assert_array_equal(acts.hardswish.grad(xs), [0.0, 1.0])
    np.testing.assert_array_equal(acts.hardsigmoid(xs), [0.0, 1.0])
    np.testing.assert_array_equal(acts.hardswish(xs), [0.0, 3.0])
    # The minimum.
    assert acts.hardswish(-1.5) == -0.375 and acts.hardswish.grad(-1.5) == 0.0
    assert "0 at x = −3 and 1 at x = 3" in " ".join(
        acts.hardswish.__doc__.split()
    )


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_hardswish_grad_at_its_kinks_is_torchs(dtype):
    torch = pytest.importorskip("torch")
    xs = np.array([-3.0, 3.0, -3.0 - 1e-6, 3.0 + 1e-6, 0.5], dtype=dtype)
    t = torch.tensor(xs, requires_grad=True)
    torch.nn.functional.hardswish(t).sum().backward()
    np.testing.assert_array_equal(acts.hardswish.grad(xs), t.grad.numpy())


@pytest.mark.parametrize("lambd", [0.5, 0.25, 2.0])
def test_shrinks_are_zero_with_zero_derivatives_at_plus_minus_lambd(lambd):
    xs = np.array([-lambd, lambd])
    for a in (acts.softshrink, acts.hardshrink):
        np.testing.assert_array_equal(a(xs, lambd=lambd), [0.0, 0.0])
        np.testing.assert_array_equal(a.grad(xs, lambd=lambd), [0.0, 0.0])
        np.testing.assert_array_equal(
            a.param_grad(xs, "lambd", lambd=lambd), [0.0, 0.0]
        )
    above = np.nextafter(lambd, 3.0)
    assert (
        acts.hardshrink(above, lambd=lambd) == above
        and acts.hardshrink.grad(above, lambd=lambd) == 1
    )
    assert acts.softshrink.param_grad(-above, "lambd", lambd=lambd) == 1.0


def test_logsigmoid_is_exact_in_both_tails():
    # log(sigmoid(x)) is −inf at x = −800 and 0 at x = 40; the true values are −800 − e^{−800}
    # (which rounds to −800) and −e^{−40}.
    assert acts.logsigmoid(-800.0) == -800.0
    with mpmath.workdps(60):
        for x in [40.0, 700.0, 740.0]:
            exact = -mpmath.log1p(mpmath.exp(-mpmath.mpf(x)))
            assert ulp_error(acts.logsigmoid(x), exact) <= 1
            sig = 1 / (1 + mpmath.exp(mpmath.mpf(x)))
            assert ulp_error(acts.logsigmoid.grad(x), sig) <= 1
    assert acts.logsigmoid.grad(720.0) > 0  # scipy.special.expit(-720) is 0


def test_tanhshrink_has_no_cancellation_near_zero():
    # x − tanh(x) ≈ x³/3: at x = 1e-30 the subtraction returns 0 and at 1e-3 half the digits.
    with mpmath.workdps(80):
        for x in [1e-30, 1e-8, 1e-3, 0.5, 1.999, 2.0, -1.3]:
            v = mpmath.mpf(x)
            assert ulp_error(acts.tanhshrink(x), v - mpmath.tanh(v)) <= 2
    assert acts.tanhshrink(1e-30) > 0


def test_softsign_grad_reaches_the_subnormals():
    # 1/(1 + |x|)² with the square taken first overflows for |x| > 1.3e154; the true value
    # is representable until |x| ≈ 4.5e161.
    with mpmath.workdps(60):
        for x in [1e154, 1e158, -1e160]:
            assert (
                ulp_error(
                    acts.softsign.grad(x), 1 / (1 + abs(mpmath.mpf(x))) ** 2
                )
                <= 1
            )
    assert acts.softsign.grad(1e160) > 0 and acts.softsign.grad(1e200) == 0


# --------------------------------------------------------------------------- the rectifiers' kinks
# At a kink f has no derivative; acts returns what PyTorch's autograd returns there.


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize(
    "name, params, kink, expected",
    [
        ("relu", {}, 0.0, 0.0),  # threshold_backward: x > 0
        ("leaky_relu", {}, 0.0, 0.01),  # leaky_relu_backward: x > 0 ? 1 : slope
        ("leaky_relu", {"negative_slope": 0.2}, 0.0, 0.2),
        ("prelu", {}, 0.0, 0.25),  # prelu backward: x > 0 ? 1 : alpha
        ("prelu", {"alpha": 0.6}, 0.0, 0.6),
        ("relu6", {}, 0.0, 0.0),  # hardtanh_backward(0, 6)
        ("relu6", {}, 6.0, 0.0),
        ("hardtanh", {}, -1.0, 0.0),  # x <= min_val || x >= max_val ? 0
        ("hardtanh", {}, 1.0, 0.0),
        ("hardtanh", {"min_val": -2.0, "max_val": 3.0}, -2.0, 0.0),
        ("hardtanh", {"min_val": -2.0, "max_val": 3.0}, 3.0, 0.0),
    ],
)
def test_rectifier_derivative_at_a_kink_is_pytorchs_choice(
    name, params, kink, expected, dtype
):
    a = acts.get(name)
    assert kink in a.kinks_at(**params)
    g = a.grad(
        np.array([kink, -0.0 if kink == 0 else kink], dtype=dtype), **params
    )
    assert g.dtype == dtype and np.all(g == dtype(expected))


def test_rectifier_kinks_have_both_neighbours_on_the_test_grid():
    for name, params in [
        ("relu6", {}),
        ("hardtanh", {"min_val": -2.5, "max_val": 0.5}),
    ]:
        a = acts.get(name)
        for dtype in DTYPES:
            xs = grid(dtype, a.kinks_at(**params))
            for k in a.kinks_at(**params):
                k = dtype(k)
                assert {
                    np.nextafter(k, dtype(-np.inf)),
                    k,
                    np.nextafter(k, dtype(np.inf)),
                } <= set(xs)


def test_hardtanh_parameter_derivatives_add_up_to_one_with_the_x_derivative():
    # Shifting x, min_val and max_val together shifts hardtanh: the three partials sum to 1
    # everywhere, kinks included (where ∂f/∂x = 0 and the parameter's partial is 1).
    xs = np.array([-3.0, -1.0, -0.5, 0.0, 1.0, 2.0])
    a = acts.hardtanh
    total = (
        a.grad(xs) + a.param_grad(xs, "min_val") + a.param_grad(xs, "max_val")
    )
    np.testing.assert_array_equal(total, np.ones_like(xs))
    np.testing.assert_array_equal(
        a.param_grad(xs, "min_val"), [1, 1, 0, 0, 0, 0]
    )
    np.testing.assert_array_equal(
        a.param_grad(xs, "max_val"), [0, 0, 0, 0, 1, 1]
    )


def test_relu_is_scale_invariant_exactly():
    # max(0, a·x) = a·max(0, x) for a > 0; with a a power of two both sides are exact.
    xs = grid(np.float64)
    xs = xs[np.abs(xs) < 1e300]
    np.testing.assert_array_equal(acts.relu(4.0 * xs), 4.0 * acts.relu(xs))


def test_prelu_takes_one_alpha_per_channel():
    x = np.linspace(-2, 2, 2 * 3 * 4).reshape(
        2, 3, 4
    )  # (batch, channel, position)
    alpha = np.array([0.1, 0.25, 0.5]).reshape(3, 1)
    y, g, d_alpha = (
        acts.prelu(x, alpha=alpha),
        acts.prelu.grad(x, alpha=alpha),
        acts.prelu.param_grad(x, "alpha", alpha=alpha),
    )
    for c, a_c in enumerate(alpha.ravel()):
        xc = x[:, c, :]
        np.testing.assert_array_equal(
            y[:, c, :], acts.leaky_relu(xc, negative_slope=a_c)
        )
        np.testing.assert_array_equal(
            g[:, c, :], acts.leaky_relu.grad(xc, negative_slope=a_c)
        )
    # ∂f/∂α elementwise, shape of x: x where x < 0, else 0; summed per channel by the caller.
    np.testing.assert_array_equal(d_alpha, np.minimum(x, 0))
    assert d_alpha.shape == x.shape


# --------------------------------------------------------------------------- vector activations
# softmax, log_softmax and softmin: every output element, every Jacobian entry and every vjp
# element against mpmath at 60 digits, evaluated from the activation's own SymPy Matrix
# (`expr_for(n)`) and SymPy's Jacobian of it. The vjp is a sum whose terms can cancel (a constant
# g gives exactly 0), so its error is measured relative to the condition number of that sum,
# κⱼ = Σᵢ|gᵢJᵢⱼ| / |Σᵢ gᵢJᵢⱼ|, as acts.precision does for ill-conditioned elementwise functions.

# The softmax family; sparsemax (a projection, not exponentials) is checked in test_frameworks.py.
VECTOR = [
    n
    for n in acts.names("vector")
    if n in ("softmax", "log_softmax", "softmin")
]
VJP_MAX_ULPS = 6.0  # relative to κ, see below


def _vector_rows(dtype):
    """Test vectors (rows) of lengths 1, 2, 3 and 5: random logits, the grid's values against
    small ones (tails to the largest finite value, subnormals), ties, and huge spreads."""
    rng = np.random.default_rng(0)
    big = float(np.finfo(dtype).max)
    rows = [list(r) for r in rng.uniform(-10, 10, (60, 3))]
    rows += [list(r) for r in rng.normal(0, 30, (20, 3))]
    for t in grid(dtype)[::4]:
        t = float(t)
        rows += [[t, 0.0, 1.5], [-t / 2 + 0.3, t, 2.0]]
    rows += [
        [0.0, -700.3, 1.1],
        [1.1, -745.5, 3.3],
        [1e4, -1e4, 0.5],
        [-1e4, 1e4, 1e4 - 3.1],
        [40.0, 0.0, -40.0],
        [37.5, 0.1, 0.2],
        [5.0, 5.0, 5.0],
        [5.0, 5.0, -3.0],
        [0.7, 0.7 + 1e-12, 0.7 - 1e-12],
        [big, -big, 0.0],
        [big, big, 1.0],
        [-big, -big, -big],
        [1e30, 1e30 - 1e15, -1e30],
        [88.7, -103.9, 0.3],
        [1e-300, 5e-324, -5e-324],
        [30.0, 3.0, -17.0],
    ]
    out = [np.array(r) for r in rows if all(abs(v) <= big for v in r)]
    out += [
        np.array([3.0]),
        np.array([-2e10]),
        np.array([1.0, 2.0]),
        np.array([800.0, -800.0]),
        rng.uniform(-10, 10, 5),
        np.array([1e4, 3.0, -2.0, 1e4 - 20, 0.1]),
    ]
    return [r.astype(dtype) for r in out]


def _stable_forms(name, n):
    """Forms of y and J without cancellation, as SymPy Matrices in `symbols_for(n)`.

    SymPy's own forms cancel catastrophically in the tails (∂Sᵢ/∂xᵢ as eˣ/Σ − e²ˣ/Σ², xᵢ − log Σ
    for a dominant xᵢ): 60 digits are not enough at logits of 1e300. These are equal to them
    (`test_the_stable_reference_forms_equal_sympys`) and stay exact at any argument:
    Sᵢ = 1/Σₖ e^{xₖ−xᵢ}, 1 − Sᵢ = Σ_{k≠i} Sₖ, log Sᵢ = −log1p(Σ_{k≠i} e^{xₖ−xᵢ}).
    """
    from sympy.codegen.cfunctions import log1p

    sign = -1 if name == "softmin" else 1
    z = [sign * v for v in acts.get(name).symbols_for(n)]
    s = [1 / sum(sp.exp(zk - zi) for zk in z) for zi in z]
    rest = [
        sum((s[k] for k in range(n) if k != i), sp.Integer(0)) for i in range(n)
    ]
    if name == "log_softmax":
        y = [
            -log1p(
                sum(
                    (sp.exp(z[k] - z[i]) for k in range(n) if k != i),
                    sp.Integer(0),
                )
            )
            for i in range(n)
        ]
        jac = [
            [rest[i] if i == j else -s[j] for j in range(n)] for i in range(n)
        ]
    else:
        y = s
        jac = [
            [
                sign * (s[i] * rest[i] if i == j else -s[i] * s[j])
                for j in range(n)
            ]
            for i in range(n)
        ]
    return sp.Matrix(y), sp.Matrix(jac)


@functools.cache
def _reference_functions(name, n):
    syms = list(acts.get(name).symbols_for(n))
    return tuple(
        acts.symbolic.as_function(form, syms) for form in _stable_forms(name, n)
    )


def _reference(a, row, g=None):
    """(y, J, g·J, κ of g·J) for one row, as mpmath numbers at 60 digits."""
    n = row.size
    fy, fj = _reference_functions(a.name, n)
    with mpmath.workdps(60):
        args = [mpmath.mpf(float(v)) for v in row]
        y, jac = fy(*args), fj(*args)
        ys = [y[i] for i in range(n)]
        js = [[jac[i, j] for j in range(n)] for i in range(n)]
        vjp, kappa = [], []
        if g is not None:
            for j in range(n):
                terms = [mpmath.mpf(float(g[i])) * js[i][j] for i in range(n)]
                total = mpmath.fsum(terms)
                vjp.append(total)
                size = mpmath.fsum(abs(t) for t in terms)
                kappa.append(
                    float(size / abs(total))
                    if total != 0
                    else (0.0 if size == 0 else np.inf)
                )
    return ys, js, vjp, kappa


@pytest.mark.parametrize("name", VECTOR)
def test_the_stable_reference_forms_equal_sympys(name):
    a = acts.get(name)
    for n in (1, 2, 3, 5):
        y_form, j_form = _stable_forms(name, n)
        pairs = list(zip(y_form, a.expr_for(n))) + list(
            zip(j_form, a.jacobian_expr(n))
        )
        for stable, plain in pairs:
            assert acts.symbolic.equal(sp.expand_func(stable), plain), (
                name,
                n,
                stable,
                plain,
            )
    assert not acts.symbolic.equal(
        _stable_forms(name, 3)[1][0, 1], a.jacobian_expr(3)[1, 0] * 2
    )


def vector_ulp_errors(name, dtype):
    """The worst ULP error of forward, Jacobian and vjp (relative to κ) over `_vector_rows`,
    each with the row where it happens."""
    a = acts.get(name)
    rng = np.random.default_rng(1)
    worst = {
        "forward": (0.0, None),
        "jacobian": (0.0, None),
        "vjp": (0.0, None),
    }

    def note(kind, err, row):
        if err > worst[kind][0]:
            worst[kind] = (err, row)

    for row in _vector_rows(dtype):
        g = rng.normal(size=row.size).astype(dtype)
        ys, js, vjp, kappa = _reference(a, row, g)
        y, jac, v = a(row), a.jacobian(row), a.vjp(row, g)
        assert y.dtype == jac.dtype == v.dtype == dtype
        n = row.size
        for i in range(n):
            note("forward", ulp_error(y[i], ys[i], dtype), row)
            note(
                "vjp", ulp_error(v[i], vjp[i], dtype) / max(1.0, kappa[i]), row
            )
            for j in range(n):
                note("jacobian", ulp_error(jac[i, j], js[i][j], dtype), row)
    return worst


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize("name", VECTOR)
def test_vector_outputs_jacobians_and_vjps_are_within_4_ulp_of_mpmath(
    name, dtype
):
    # The vjp is a dot product of rounded factors (y, g − g_k, their sum): its error bound is a
    # few ULP times κ and grows with n; 6·κ ULP is what the three-factor sums here reach.
    limits = {"forward": MAX_ULPS, "jacobian": MAX_ULPS, "vjp": VJP_MAX_ULPS}
    for kind, (err, row) in vector_ulp_errors(name, dtype).items():
        assert err <= limits[kind], (
            f"{name} {kind} is off by {err:.3g} ULP at x = {row!r}"
        )


def _finite_difference_jacobian(a, x, h=1e-6):
    cols = []
    for j in range(x.size):
        step = np.zeros_like(x)
        step[j] = h
        cols.append((a(x + step) - a(x - step)) / (2 * h))
    return np.stack(cols, axis=-1)


@pytest.mark.parametrize("name", VECTOR)
def test_vector_jacobian_matches_finite_differences_and_the_vjp_is_g_times_it(
    name,
):
    a = acts.get(name)
    rng = np.random.default_rng(2)
    for n in (1, 2, 3, 6):
        x = rng.normal(0, 3, n)
        np.testing.assert_allclose(
            a.jacobian(x),
            _finite_difference_jacobian(a, x),
            rtol=1e-6,
            atol=1e-8,
        )
    x, g = rng.normal(0, 3, (4, 5, 6)), rng.normal(size=(4, 5, 6))
    for axis in (0, 1, 2, -1):
        jac = a.jacobian(x, axis=axis)  # (other axes in order, n, n)
        gz = np.moveaxis(g, axis, -1)
        expected = np.moveaxis(np.einsum("...i,...ij->...j", gz, jac), -1, axis)
        np.testing.assert_allclose(
            a.vjp(x, g, axis=axis), expected, rtol=1e-12, atol=1e-15
        )


def test_softmax_jacobian_is_diag_s_minus_s_s_transpose_symbolically():
    for n in (2, 3, 4):
        s = acts.softmax.expr_for(n)
        quoted = sp.diag(*s) - s * s.T
        assert sp.simplify(acts.softmax.jacobian_expr(n) - quoted) == sp.zeros(
            n, n
        )
    s = acts.softmax.expr_for(3)
    quoted = sp.eye(3) - sp.ones(3, 1) * s.T  # ∂(log S)ᵢ/∂xⱼ = δᵢⱼ − Sⱼ
    assert sp.simplify(acts.log_softmax.jacobian_expr(3) - quoted) == sp.zeros(
        3, 3
    )


def test_vector_activations_are_exact_on_logits_of_1e4_and_1e300():
    # e^{1e4} overflows any float; subtracting the max keeps every output finite and exact.
    for big in (1e4, 1e300):
        x = np.array([[big, -big, 0.0], [-big, -big, -big], [big, big, -big]])
        np.testing.assert_array_equal(
            acts.softmax(x), [[1, 0, 0], [1 / 3] * 3, [0.5, 0.5, 0]]
        )
        np.testing.assert_array_equal(
            acts.softmin(x), [[0, 1, 0], [1 / 3] * 3, [0, 0, 1]]
        )
        np.testing.assert_array_equal(
            acts.log_softmax(x)[0], [0.0, -2 * big, -big]
        )
        assert np.all(np.isfinite(acts.log_softmax(x)))
        assert np.all(np.isfinite(acts.softmax.jacobian(x)))


@pytest.mark.parametrize(
    "x", [20.0, -20.0, 40.0, -40.0, 400.0, -400.0, 360.0, 19.5]
)
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
    np.testing.assert_allclose(
        acts.tanh(xs), 2 * acts.sigmoid(2 * xs) - 1, rtol=0, atol=4e-16
    )
    assert acts.tanh.grad(0.0) == 1.0 and acts.tanh(0.0) == 0.0


@pytest.mark.parametrize("at_zero", [0.0, 0.25, 0.5, 1.0])
def test_step_takes_its_value_at_zero_from_at_zero(at_zero):
    for dtype in (np.float64, np.float32):
        zeros = np.array([0.0, -0.0], dtype=dtype)
        np.testing.assert_array_equal(
            acts.step(zeros, at_zero=at_zero), [at_zero, at_zero]
        )
        np.testing.assert_array_equal(
            acts.step.param_grad(zeros, "at_zero"), [1.0, 1.0]
        )
    tiny = np.finfo(np.float64).smallest_subnormal
    np.testing.assert_array_equal(
        acts.step([-tiny, tiny], at_zero=at_zero), [0.0, 1.0]
    )
    np.testing.assert_array_equal(
        acts.step.param_grad([-tiny, tiny, 3.0], "at_zero"), [0, 0, 0]
    )


def test_sign_of_plus_and_minus_zero_is_plus_zero():
    y = acts.sign(np.array([0.0, -0.0, 5e-324, -5e-324]))
    np.testing.assert_array_equal(y, [0.0, 0.0, 1.0, -1.0])
    assert not np.signbit(y[:2]).any()  # +0, not −0
    assert acts.sign(np.float32(-0.0)) == 0 and not np.signbit(
        acts.sign(np.float32(-0.0))
    )


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
    np.testing.assert_array_equal(
        acts.linear(xs, c=2.0), [-6.0, 0.0, 5.0, np.inf]
    )
    np.testing.assert_array_equal(acts.linear.grad(xs, c=-0.5), [-0.5] * 4)
    np.testing.assert_array_equal(acts.linear.param_grad(xs, "c", c=3.0), xs)
    assert (
        acts.linear(np.inf, c=0.0) == 0.0
    )  # the limit of 0·x, not 0·inf = NaN


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
def test_softplus_with_pytorchs_threshold_matches_its_piecewise_expr(dtype):
    a = acts.softplus
    xs = grid(dtype, a.kinks_at(threshold=20))
    expr = a.expr_at(threshold=20)
    assert isinstance(expr, sp.Piecewise)
    assert_close(
        lambda v: a(v, threshold=20),
        expr,
        xs,
        MAX_ULPS,
        what="softplus(threshold=20)",
    )
    xs = xs[xs != 20]
    assert_close(
        lambda v: a.grad(v, threshold=20),
        sp.diff(expr, acts.symbolic.x),
        xs,
        MAX_ULPS,
        what="softplus.grad(threshold=20)",
    )


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
    assert (
        acts.celu.grad(0.0, alpha=2.5) == 1.0
        and acts.celu.grad(-0.0, alpha=0.3) == 1.0
    )
    assert acts.selu.grad(0.0) == pytest.approx(
        1.0507009873554805 * 1.6732632423543772, rel=1e-15
    )
    assert acts.elu(0.0) == 0 and acts.celu(0.0) == 0 and acts.selu(0.0) == 0


def test_celu_is_max_plus_min_for_every_alpha():
    xs = np.linspace(-5, 5, 41)
    for alpha in [-2.0, -0.5, 0.5, 1.0, 3.0]:
        direct = np.maximum(0, xs) + np.minimum(0, alpha * np.expm1(xs / alpha))
        np.testing.assert_allclose(
            acts.celu(xs, alpha=alpha), direct, rtol=1e-14, atol=1e-300
        )


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
    assert acts.symbolic.proved_equal(
        acts.gelu.expr_at(approximate="tanh"), tanh_form
    )
    assert not acts.symbolic.equal(
        acts.gelu.expr_at(approximate="tanh"), erf_form
    )


def test_swish_is_silu_at_beta_1_and_half_x_at_beta_0():
    xs = np.linspace(-50, 50, 1001)
    np.testing.assert_array_equal(acts.swish(xs), acts.silu(xs))
    np.testing.assert_array_equal(acts.swish.grad(xs), acts.silu.grad(xs))
    np.testing.assert_array_equal(acts.swish(xs, beta=0.0), xs / 2)
    np.testing.assert_array_equal(
        acts.swish.param_grad(xs, "beta", beta=0.0), xs**2 / 4
    )


def test_gated_units_are_exact_down_to_subnormal_results():
    # x·e^{x} at x = -740 is ~1.5e-319: multiplying a subnormal e^{x} by x would be ~370 ULP off.
    x = acts.symbolic.x
    for a, v in [
        (acts.silu, -740.0),
        (acts.mish, -740.0),
        (acts.swish, -740.0),
    ]:
        assert_close(
            a, a.expr_at(), np.array([v, -700.5, -745.0]), 1.0, what=a.name
        )
        assert_close(
            a.grad,
            sp.diff(a.expr_at(), x),
            np.array([v, -700.5]),
            1.0,
            what=a.name,
        )


def test_gelu_grad_is_exact_around_its_zero_without_excuse():
    # Φ(x) + xφ(x) cancels near x0 = -0.7518; the kernel sums GELU's Taylor series there, so no
    # condition number is needed for the exact form (only the tanh form declares an interval).
    xs = np.concatenate(
        [
            np.linspace(-1.4, -0.35, 211),
            [-0.7517915246935644, -0.75179152469356],
        ]
    )
    assert_close(
        acts.gelu.grad,
        sp.diff(acts.gelu.expr, acts.symbolic.x),
        xs,
        MAX_ULPS,
        what="gelu.grad near its zero",
    )


def test_mish_grad_is_exact_around_its_zero_without_excuse():
    xs = np.concatenate(
        [np.linspace(-1.6, -0.8, 161), [-1.1924312145155, -1.19243121451549]]
    )
    assert not acts.mish.ill_conditioned
    assert_close(
        acts.mish.grad,
        sp.diff(acts.mish.expr, acts.symbolic.x),
        xs,
        MAX_ULPS,
        what="mish.grad near its zero",
    )


@pytest.mark.parametrize("beta", [1.0, 0.5, 0.1, 2.7, 10.0])
def test_swish_grad_is_exact_around_its_zero_for_every_beta(beta):
    # f' = σ(v)·h(v) with h(v0) = 0 at v = βx ≈ −1.2785: dense in x around x0 = v0/β and across
    # the edges of the series' interval (v = −1.9, −0.65), float64 and float32.
    a = acts.swish
    expr, values = a.expr_and_values(beta=beta)
    d = sp.diff(expr, acts.symbolic.x)
    xs = (
        np.concatenate(
            [np.linspace(-2.2, -0.4, 121), [-1.2784645427610738, -1.9, -0.65]]
        )
        / beta
    )
    for dtype in DTYPES:
        assert_close(
            lambda v: a.grad(v, beta=beta),
            d,
            xs.astype(dtype),
            MAX_ULPS,
            subs=values,
            what=f"swish.grad(beta={beta}) near its zero",
        )


def test_gelu_tanh_grad_is_exact_around_its_zero_without_excuse():
    xs = np.concatenate(
        [
            np.linspace(-1.8, -0.3, 241),
            [-0.7517915, -1.2833333333333334, -1.5, -0.38],
        ]
    )
    d = sp.diff(acts.gelu.expr_at(approximate="tanh"), acts.symbolic.x)
    for dtype in DTYPES:
        assert_close(
            lambda v: acts.gelu.grad(v, approximate="tanh"),
            d,
            xs.astype(dtype),
            MAX_ULPS,
            what="gelu(tanh).grad near its zero",
        )


@pytest.mark.parametrize("name", VECTOR)
@pytest.mark.parametrize(
    "g",
    [
        [1e308, -1e308, 1e308],
        [1.7e308, 1.7e308, -1.7e308],
        [1e300, -3e307, 5.0],
    ],
)
def test_vjp_with_huge_g_is_finite_and_correct(name, g):
    # g − g_k and Σ gᵢ overflow for such g; g is scaled by a power of two first. Finite where
    # the true value is (log_softmax's at g1 is −2.8e308 for j = 2: −inf is its rounding).
    a = acts.get(name)
    row, g = np.array([0.0, 1.0, 2.0]), np.array(g)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        v = a.vjp(row, g)
    _, _, vjp, kappa = _reference(a, row, g)
    for j in range(3):
        assert ulp_error(v[j], vjp[j]) / max(1.0, kappa[j]) <= VJP_MAX_ULPS, (
            j,
            v[j],
            vjp[j],
        )
    if name != "log_softmax" or g[2] > 0:
        assert np.isfinite(v).all()
