"""Gated linear units (glu, reglu, geglu, swiglu): PyTorch agreement, 4 ULP, hygiene, registry.

The registry-driven files (test_accuracy, test_hygiene, test_bad_input, test_registry) iterate
`acts.names("elementwise")` and `acts.names("vector")`; the units of kind "glu" are covered here,
for every name in `acts.names("glu")` and every gate parameter's test values.
"""

import functools
import warnings

import mpmath
import numpy as np
import pytest
import sympy as sp
import torch
import torch.nn.functional as F

import acts
from acts.gated import _two_prod
from acts.precision import condition_numbers, grid, reference, ulp_error
from acts.symbolic import equal
from acts.symbolic import x as X

UNITS = acts.names("glu")
MAX_ULPS = 4.0
DTYPES = [np.float64, np.float32]


def _cases():
    for name in UNITS:
        u = acts.get(name)
        yield pytest.param(name, {}, id=name)
        for pname, spec in u.gate.param_specs.items():
            for value in spec.test_values():
                yield pytest.param(
                    name, {pname: value}, id=f"{name}-{pname}={value}"
                )


CASES = list(_cases())


def _pairs(a, b):
    """x with rows (a, b): the unit's output is one number per row."""
    return np.stack(np.broadcast_arrays(a, b), axis=-1)


# --------------------------------------------------------------------------- registry


def test_the_units_are_registered_last_with_kind_glu_and_in_no_other_kind():
    assert UNITS == ["glu", "reglu", "geglu", "swiglu"]
    assert acts.names()[-len(UNITS) :] == UNITS
    assert not set(UNITS) & set(
        acts.names("elementwise") + acts.names("vector")
    )
    assert [acts.get(n).gate.name for n in UNITS] == [
        "sigmoid",
        "relu",
        "gelu",
        "swish",
    ]


@pytest.mark.parametrize("name", UNITS)
def test_entries_honour_the_glu_contract(name):
    u = acts.get(name)
    assert u.kind == "glu" and u is getattr(acts, name)
    assert u.params == {"axis": -1, **u.gate.params}
    a, b = sp.Symbol("a", real=True), sp.Symbol("b", real=True)
    numeric = {
        sp.Symbol(p, **s.assumptions)
        for p, s in u.gate.param_specs.items()
        if s.numeric
    }
    assert {a, b} <= u.expr.free_symbols <= {a, b} | numeric
    x = np.array([[0.5, -1.0, 2.0, 0.25]])
    assert (
        u(x).shape == (1, 2)
        and u.jacobian(x).shape == (1, 2, 4)
        and u.vjp(x, u(x)).shape == (1, 4)
    )
    assert all(d.shape == (1, 2) for d in u.partials(x))
    assert u.title and u.latex and u.__doc__


@pytest.mark.parametrize("name, params", CASES)
def test_partial_exprs_are_the_gate_and_a_times_its_derivative(name, params):
    # What the accuracy test relies on: ∂/∂a = g(b) and ∂/∂b = a·g'(b), so that a·(the gate's
    # 60-digit reference) is the unit's reference.
    u = acts.get(name)
    a, b = u.symbols["a"], u.symbols["b"]
    g = u.gate.expr_at(**params)
    d_a, d_b = u.partial_exprs(**params)
    assert equal(d_a, g.subs(X, b)) and equal(d_b, a * sp.diff(g, X).subs(X, b))
    assert equal(u.expr_at(**params), a * g.subs(X, b))


def test_the_symbolic_forms_are_the_papers():
    a, b = acts.glu.symbols["a"], acts.glu.symbols["b"]
    assert sp.simplify(acts.glu.expr - a / (1 + sp.exp(-b))) == 0
    assert acts.reglu.expr == a * sp.Max(0, b)
    assert (
        sp.simplify(
            acts.swiglu.expr.subs(acts.swiglu.symbols["beta"], 1)
            - a * b / (1 + sp.exp(-b))
        )
        == 0
    )
    assert (
        sp.simplify(
            acts.geglu.expr.rewrite(sp.erf)
            - a * b * (1 + sp.erf(b / sp.sqrt(2))) / 2
        )
        == 0
    )


# --------------------------------------------------------------------------- PyTorch

TORCH = {
    "glu": lambda x, p: F.glu(x, dim=-1),
    "reglu": lambda x, p: (
        x[..., : x.shape[-1] // 2] * F.relu(x[..., x.shape[-1] // 2 :])
    ),
    "geglu": lambda x, p: (
        x[..., : x.shape[-1] // 2] * F.gelu(x[..., x.shape[-1] // 2 :], **p)
    ),
    "swiglu": lambda x, p: (
        x[..., : x.shape[-1] // 2] * F.silu(x[..., x.shape[-1] // 2 :])
    ),
}
TORCH_CASES = [
    ("glu", {}),
    ("reglu", {}),
    ("geglu", {"approximate": "none"}),
    ("geglu", {"approximate": "tanh"}),
    ("swiglu", {}),
]


def _torch_inputs(dtype):
    rng = np.random.default_rng(18)
    x = rng.normal(0.0, 3.0, (64, 32))
    x[0, 16:] = [
        0.0,
        -0.0,
        1e-300,
        -1e-300,
        40.0,
        -40.0,
        700.0,
        -700.0,
        1e5,
        -1e5,
        0.5,
        -0.5,
        -1.2785,
        -0.7518,
        3.0,
        -3.0,
    ]
    x[1, :16] = [
        1e10,
        -1e10,
        1e-10,
        0.0,
        7.0,
        -7.0,
        1e3,
        -1e3,
        1.0,
        -1.0,
        2.0,
        3.0,
        4.0,
        5.0,
        6.0,
        7.0,
    ]
    with np.errstate(over="ignore"):
        return x.astype(dtype)


def _tolerance(x, dtype):
    # PyTorch evaluates 0.5·b·(1 + erf(b/√2)), whose absolute error is about |b|·ε: beyond
    # b ≈ −3 that is most of GELU itself. Allow ε relative plus |a|·max(1, |b|)·ε absolute.
    eps = np.finfo(dtype).eps
    n = x.shape[-1] // 2
    a, b = (
        np.abs(x[..., :n].astype(np.float64)),
        np.abs(x[..., n:].astype(np.float64)),
    )
    return (
        4 * eps,
        4 * eps * a * np.maximum(1.0, b),
        4 * eps * np.maximum(1.0, b),
    )


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize("name, params", TORCH_CASES)
def test_forward_and_vjp_match_pytorch(name, params, dtype):
    u = acts.get(name)
    x = _torch_inputs(dtype)
    g = np.random.default_rng(1).normal(size=(64, 16)).astype(dtype)
    gate_params = {"approximate": params["approximate"]} if params else {}
    xt = torch.tensor(x, requires_grad=True)
    yt = TORCH[name](xt, params)
    yt.backward(torch.tensor(g))
    rtol, atol, atol_gate = _tolerance(x, dtype)
    y = u(x, **gate_params)
    assert y.dtype == dtype
    assert np.all(np.abs(y - yt.detach().numpy()) <= rtol * np.abs(y) + atol), (
        name
    )
    v = u.vjp(x, g, **gate_params)
    ref = xt.grad.numpy()
    # ∂/∂a = g·GELU(b) carries PyTorch's absolute error of GELU, ∂/∂b = g·a·GELU'(b) a times it
    atol_x = np.concatenate([atol_gate, atol], axis=-1) * np.abs(
        np.concatenate([g, g], axis=-1)
    )
    assert v.dtype == dtype
    assert np.all(
        np.abs(v - ref) <= rtol * np.abs(ref) + atol_x + np.finfo(dtype).tiny
    ), name


@pytest.mark.parametrize("name, params", TORCH_CASES)
def test_jacobian_matches_torch_autograd_and_finite_differences_and_the_vjp_is_g_times_it(
    name, params
):
    u = acts.get(name)
    gate_params = {"approximate": params["approximate"]} if params else {}
    x = np.random.default_rng(2).normal(0.0, 2.0, (3, 8))
    jac = u.jacobian(x, **gate_params)
    assert jac.shape == (3, 4, 8)
    full = torch.autograd.functional.jacobian(
        lambda t: TORCH[name](t, params), torch.tensor(x)
    ).numpy()
    for r in range(3):
        np.testing.assert_allclose(
            jac[r], full[r, :, r, :], rtol=1e-13, atol=1e-15
        )
        assert not np.any(np.delete(full[r], r, axis=1))  # rows do not interact
    h = 1e-6
    fd = np.zeros_like(jac)
    for j in range(8):
        step = np.zeros_like(x)
        step[:, j] = h
        fd[:, :, j] = (
            u(x + step, **gate_params) - u(x - step, **gate_params)
        ) / (2 * h)
    np.testing.assert_allclose(jac, fd, rtol=1e-6, atol=1e-8)
    g = np.random.default_rng(3).normal(size=(3, 4))
    np.testing.assert_allclose(
        u.vjp(x, g, **gate_params),
        np.einsum("ri,rij->rj", g, jac),
        rtol=1e-14,
        atol=1e-15,
    )


# --------------------------------------------------------------------------- 4 ULP


def _a_values(dtype):
    info = np.finfo(dtype)
    big = [1e5, -1e30, 1e300] if dtype == np.float64 else [1e5, -1e30]
    return [
        0.0,
        float(info.smallest_subnormal),
        -float(info.smallest_subnormal),
        1e-30,
        -1e-5,
        0.3,
        -7.0,
        *big,
        float(info.max),
        -float(info.max),
    ]


def _points(name, params, dtype):
    """(a, b) pairs: two values of a against every b of the test grid, and a from the
    subnormals to the largest float against the grid's tails and a sample of the rest."""
    u = acts.get(name)
    bs = grid(dtype, u.gate.kinks_at(**params), dense=101)
    if (
        params.get("approximate") == "tanh"
    ):  # e^{0.07·b³} costs mpmath seconds there: see below
        bs = bs[bs > -1e4]
    tails = bs[(np.abs(bs) >= 10) | (np.abs(bs) <= 1e-4)]
    sample = np.unique(np.concatenate([tails, bs[::8]]))
    a = np.concatenate(
        [
            np.full(bs.size, 1.0),
            np.full(bs.size, -2.5),
            np.repeat(_a_values(dtype), sample.size),
        ]
    )
    b = np.concatenate([bs, bs, np.tile(sample, len(_a_values(dtype)))])
    with np.errstate(over="ignore"):
        return a.astype(dtype), b.astype(dtype)


@functools.cache
def _gate_references(name, params_items):
    """The gate's value and derivative at every b either dtype's grid uses, at 60 digits, as
    {b: mpf}: computed once per gate and parameters."""
    params = dict(params_items)
    u = acts.get(name)
    g = u.gate.expr_at(**params)
    bs = np.unique(
        np.concatenate(
            [_points(name, params, d)[1].astype(np.float64) for d in DTYPES]
        )
    )
    kinks = np.asarray(u.gate.kinks_at(**params), dtype=np.float64)
    smooth = bs[~np.isin(bs, kinks)]
    value = dict(zip(bs.tolist(), reference(g, bs)))
    grad = dict(zip(smooth.tolist(), reference(sp.diff(g, X), smooth)))
    return value, grad


def _ulps(got, a, refs, dtype):
    """ULP errors of got against a·refs (mpf per element), in `dtype`; a·ref is formed exactly
    as two floats where that is safe, by mpmath elsewhere."""
    dtype = np.dtype(dtype)
    got = np.asarray(got, dtype=np.float64)
    a = np.asarray(a, dtype=np.float64)
    with mpmath.workdps(60):
        r_hi = np.array([float(r) for r in refs])
        r_lo = np.array(
            [
                float(r - mpmath.mpf(h)) if mpmath.isfinite(r) else 0.0
                for r, h in zip(refs, r_hi)
            ]
        )
        zero = np.array([r == 0 for r in refs], dtype=bool)
    with np.errstate(all="ignore"):
        p, e = _two_prod(a, r_hi)
        lo = e + a * r_lo
        safe = (
            np.isfinite(p)
            & (np.abs(a) < 1e290)
            & ((np.abs(r_hi) < 1e290) & (np.abs(r_hi) > 1e-290) | zero)
            & ((np.abs(p) > 1e-290) | (a == 0) | zero)
        )
        rounded = (p + lo).astype(dtype)
        top = np.abs(rounded) == np.finfo(dtype).max
        unit = np.spacing(
            np.where(top, np.nextafter(rounded, dtype.type(0)), np.abs(rounded))
        )
        err = np.abs((got - p) - lo) / unit.astype(np.float64)
        inf = np.isinf(rounded)
        err[inf] = np.where(got[inf] == rounded[inf], 0.0, np.inf)
    err[np.isnan(err)] = np.inf
    with mpmath.workdps(60):
        for i in np.flatnonzero(~safe):
            err[i] = ulp_error(got[i], mpmath.mpf(float(a[i])) * refs[i], dtype)
    return err


def _worst(err, a, b):
    i = int(np.argmax(err))
    return float(err[i]), (float(a[i]), float(b[i]))


def glu_ulp_errors(name, params, dtype):
    """{"value" | "d/da" | "d/db": (worst ULP error, (a, b) where)} over `_points`; ∂/∂b relative
    to the gate derivative's condition number where the gate declares it ill-conditioned."""
    u = acts.get(name)
    value, grad = _gate_references(name, tuple(sorted(params.items())))
    a, b = _points(name, params, dtype)
    x = _pairs(a, b)
    y = u(x, **params)[:, 0]
    d_a, d_b = (d[:, 0] for d in u.partials(x, **params))
    assert y.dtype == dtype and d_a.dtype == dtype and d_b.dtype == dtype
    g_ref = [value[v] for v in b.astype(np.float64).tolist()]
    worst = {
        "value": _worst(_ulps(y, a, g_ref, dtype), a, b),
        "d/da": _worst(_ulps(d_a, np.ones_like(a), g_ref, dtype), a, b),
    }
    keep = np.isin(
        b.astype(np.float64), list(grad)
    )  # b at a kink: the kink test's business
    a, b, d_b = a[keep], b[keep], d_b[keep]
    errors = _ulps(
        d_b, a, [grad[v] for v in b.astype(np.float64).tolist()], dtype
    )
    # Near a zero of the gate's derivative, ∂/∂b = a·g'(b) is ill-conditioned in b as g' is:
    # measured relative to g' 's condition number there, as the gate's own tests do.
    inside = np.zeros(b.size, dtype=bool)
    for lo, hi in u.gate.ill_conditioned.get("grad", ()):
        inside |= (b >= lo) & (b <= hi)
    if inside.any():
        kappa = condition_numbers(
            sp.diff(u.gate.expr_at(**params), X), b[inside].astype(np.float64)
        )
        errors[inside] /= np.maximum(1.0, kappa)
    worst["d/db"] = _worst(errors, a, b)
    return worst


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: d.__name__)
@pytest.mark.parametrize("name, params", CASES)
def test_value_and_partials_are_within_4_ulp_of_mpmath(name, params, dtype):
    for what, (err, at) in glu_ulp_errors(name, params, dtype).items():
        assert err <= MAX_ULPS, (
            f"{name}({params}) {what} is off by {err:.3g} ULP at (a, b) = {at}"
        )


def test_the_tanh_form_is_zero_below_minus_1e4():
    # GELU_tanh(b) = b·σ(v) with v < −0.07·b³ ≤ −7e10 there: |a·GELU_tanh(b)| < 1e309·e^{−7e10} = 0,
    # and so are both partials (a·(1 + b·v')·e^{v}); the 4-ULP grid stops at −1e4 for that reason.
    b = np.array([-1e4, -1e10, -1e300, -np.finfo(np.float64).max])
    for a in (1.0, -1e300, np.finfo(np.float64).max):
        x = _pairs(a, b)
        y, (d_a, d_b) = (
            acts.geglu(x, approximate="tanh"),
            acts.geglu.partials(x, approximate="tanh"),
        )
        assert not np.any(y) and not np.any(d_a) and not np.any(d_b)


def test_the_yardstick_sees_a_flushed_tail():
    # a·σ(−800) for a = 1e300 is 3.7e−48; the plain product a * sigmoid(b) returns 0 there, as
    # PyTorch does, and the ULP measure must call that wrong.
    a, b = np.array([1e300]), np.array([-800.0])
    value, _ = _gate_references("glu", ())
    assert (
        F.glu(torch.tensor([1e300, -800.0], dtype=torch.float64), dim=-1).item()
        == 0.0
    )
    # and ∞·σ(−800) is ∞ in acts (σ(−800) > 0), NaN in PyTorch (σ(−800) rounded to 0 first)
    assert np.isnan(
        F.glu(
            torch.tensor([np.inf, -800.0], dtype=torch.float64), dim=-1
        ).item()
    )
    assert acts.glu(np.array([np.inf, -800.0]))[0] == np.inf
    assert (
        _ulps(a * acts.sigmoid(b), a, [value[-800.0]], np.float64)[0] > 1e15
    )  # a relative error of 1
    assert (
        _ulps(acts.glu(_pairs(a, b))[:, 0], a, [value[-800.0]], np.float64)[0]
        <= 1
    )


def test_relu_gate_takes_pytorchs_derivative_at_its_kink():
    x = _pairs(np.array([2.0, -3.0, np.inf]), np.array([0.0, -0.0, 1.0]))
    d_a, d_b = acts.reglu.partials(x)
    np.testing.assert_array_equal(d_b[:, 0], [0.0, 0.0, np.inf])
    np.testing.assert_array_equal(d_a[:, 0], [0.0, 0.0, 1.0])


# --------------------------------------------------------------------------- hygiene


def _all_outputs(u, x, axis=-1):
    y = u(x, axis=axis)
    return [
        y,
        *u.partials(x, axis=axis),
        u.jacobian(x, axis=axis),
        u.vjp(x, np.ones_like(y), axis=axis),
    ]


@pytest.mark.parametrize("name", UNITS)
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_float_dtypes_are_kept(name, dtype):
    x = np.linspace(-3, 3, 12).reshape(2, 6).astype(dtype)
    for y in _all_outputs(acts.get(name), x):
        assert y.dtype == dtype


@pytest.mark.parametrize("name", UNITS)
@pytest.mark.parametrize(
    "x", [[1, 2], np.array([1, 2, 3, 4]), np.array([True, False]), [0.5, 2.5]]
)
def test_ints_bools_and_lists_become_float64(name, x):
    for y in _all_outputs(acts.get(name), x):
        assert np.asarray(y).dtype == np.float64


@pytest.mark.parametrize("name", UNITS)
@pytest.mark.parametrize(
    "shape, axis, out, jac",
    [
        ((4,), -1, (2,), (2, 4)),
        ((3, 6), -1, (3, 3), (3, 3, 6)),
        ((3, 6), 1, (3, 3), (3, 3, 6)),
        ((4, 3), 0, (2, 3), (3, 2, 4)),
        ((2, 4, 5), 1, (2, 2, 5), (2, 5, 2, 4)),
        ((3, 0), -1, (3, 0), (3, 0, 0)),
        ((0, 2), 1, (0, 1), (0, 1, 2)),
    ],
)
def test_shapes_halve_along_the_axis_and_the_jacobian_appends_half_by_n(
    name, shape, axis, out, jac
):
    u = acts.get(name)
    x = np.arange(int(np.prod(shape)), dtype=np.float64).reshape(shape) - 2
    y, d_a, d_b, j, v = _all_outputs(u, x, axis)
    assert (
        y.shape == d_a.shape == d_b.shape == out
        and j.shape == jac
        and v.shape == shape
    )


@pytest.mark.parametrize("name", UNITS)
def test_the_axis_picks_the_halves(name):
    u = acts.get(name)
    x = np.random.default_rng(4).normal(size=(4, 6, 2))
    moved = np.moveaxis(x, 0, -1)
    np.testing.assert_array_equal(u(x, axis=0), np.moveaxis(u(moved), -1, 0))
    g = np.ones((2, 6, 2))
    np.testing.assert_array_equal(
        u.vjp(x, g, axis=0),
        np.moveaxis(u.vjp(moved, np.moveaxis(g, 0, -1)), -1, 0),
    )
    np.testing.assert_array_equal(u.jacobian(x, axis=0), u.jacobian(moved))


@pytest.mark.parametrize("name", UNITS)
def test_the_input_is_never_modified(name):
    x = np.linspace(-800, 800, 40).reshape(4, 10)
    before = x.copy()
    _all_outputs(acts.get(name), x)
    np.testing.assert_array_equal(x, before)


SPECIALS = [
    0.0,
    -0.0,
    1.0,
    -1.0,
    88.0,
    -88.0,
    710.0,
    -710.0,
    800.0,
    -800.0,
    1e30,
    -1e30,
    1e300,
    -1e300,
    5e-324,
    -5e-324,
    1.7976931348623157e308,
    -1.7976931348623157e308,
    np.inf,
    -np.inf,
    np.nan,
]


@pytest.mark.parametrize("name, params", CASES)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_no_runtime_warning_for_any_pair_of_special_values(name, params, dtype):
    s = np.array(SPECIALS)
    with np.errstate(over="ignore"):
        x = _pairs(*np.meshgrid(s, s)).reshape(-1, 2).astype(dtype)
    u = acts.get(name)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        u(x, **params), u.partials(x, **params), u.jacobian(x, **params)
        u.vjp(x, np.full((x.shape[0], 1), 1e300), **params)


@pytest.mark.parametrize("name", UNITS)
def test_nan_in_a_or_b_gives_nan_in_that_output_only(name):
    u = acts.get(name)
    x = np.array([[np.nan, 1.0, 0.5, 2.0], [1.0, 0.5, 2.0, np.nan]])
    y, d_a, d_b, _, v = _all_outputs(u, x)
    assert (
        np.isnan(y[0, 0])
        and np.isnan(y[1, 1])
        and not np.isnan(y[0, 1])
        and not np.isnan(y[1, 0])
    )
    assert np.isnan(d_b[0, 0]) and not np.isnan(
        d_a[0, 0]
    )  # ∂/∂a = g(b) does not see a
    assert (
        np.isnan(d_a[1, 1]) and np.isnan(d_b[1, 1]) and not np.isnan(d_a[1, 0])
    )
    assert (
        np.isnan(v[0, 2])
        and not np.isnan(v[0, 0])
        and np.isnan(v[1, 1])
        and np.isnan(v[1, 3])
    )


@pytest.mark.parametrize(
    "name, b, expected",
    [
        # a = +inf: ±inf where the gate is non-zero (also where it underflows), NaN where it is 0
        (
            "glu",
            [np.inf, 1.0, -800.0, -1e4, -np.inf],
            [np.inf, np.inf, np.inf, np.inf, np.nan],
        ),
        (
            "reglu",
            [np.inf, 1.0, 0.0, -1.0, -np.inf],
            [np.inf, np.inf, np.nan, np.nan, np.nan],
        ),
        (
            "geglu",
            [np.inf, 1.0, 0.0, -50.0, -np.inf],
            [np.inf, np.inf, np.nan, -np.inf, np.nan],
        ),
        (
            "swiglu",
            [np.inf, 1.0, 0.0, -800.0, -np.inf],
            [np.inf, np.inf, np.nan, -np.inf, np.nan],
        ),
    ],
)
def test_infinite_a_gives_the_signed_infinity_or_ieee_nan(name, b, expected):
    u = acts.get(name)
    x = _pairs(np.inf, np.array(b))
    np.testing.assert_array_equal(u(x)[:, 0], expected)
    np.testing.assert_array_equal(u(x * [-1, 1])[:, 0], -np.array(expected))


def test_infinite_a_agrees_with_pytorch_where_the_gate_is_representable():
    b = np.array([np.inf, 1.0, 0.0, -1.0, -np.inf])
    for name, p in TORCH_CASES:
        x = _pairs(np.inf, b)
        ours = acts.get(name)(
            x, **({"approximate": p["approximate"]} if p else {})
        )[:, 0]
        theirs = TORCH[name](torch.tensor(x), p)[:, 0].numpy()
        np.testing.assert_array_equal(ours, theirs, err_msg=name)


@pytest.mark.parametrize(
    "name, at_plus_inf, at_minus_inf",
    [
        ("glu", (1.0, 0.0), (0.0, 0.0)),
        ("reglu", (np.inf, 1.0), (0.0, 0.0)),
        ("geglu", (np.inf, 1.0), (0.0, 0.0)),
        ("swiglu", (np.inf, 1.0), (0.0, 0.0)),
    ],
)
def test_infinite_b_gives_the_gates_limits(name, at_plus_inf, at_minus_inf):
    # a = 1: y = g(±inf), ∂/∂a = g(±inf), ∂/∂b = g'(±inf)
    u = acts.get(name)
    x = _pairs(1.0, np.array([np.inf, -np.inf]))
    y, (d_a, d_b) = u(x)[:, 0], (d[:, 0] for d in u.partials(x))
    assert (y[0], d_b[0]) == at_plus_inf and (y[1], d_b[1]) == at_minus_inf
    np.testing.assert_array_equal(d_a, y)


@pytest.mark.parametrize(
    "name, params, y, d_a, d_b",
    [
        # (a, b) = (1, −inf), (inf, −inf), (−2, inf): the gates' limits, where acts.gelu's
        # tanh form and acts.swish return NaN (−inf·0, or 0·inf for β = 0)
        (
            "geglu",
            {"approximate": "tanh"},
            [0.0, np.nan, -np.inf],
            [0.0, 0.0, np.inf],
            [0.0, np.nan, -2.0],
        ),
        (
            "swiglu",
            {"beta": 0.0},
            [-np.inf, -np.inf, -np.inf],
            [-np.inf, -np.inf, np.inf],
            [0.5, np.inf, -1.0],
        ),
        (
            "swiglu",
            {"beta": 10.0},
            [0.0, np.nan, -np.inf],
            [0.0, 0.0, np.inf],
            [0.0, np.nan, -2.0],
        ),
        (
            "swiglu",
            {"beta": -1.0},
            [-np.inf, -np.inf, 0.0],
            [-np.inf, -np.inf, 0.0],
            [1.0, np.inf, 0.0],
        ),
    ],
)
def test_infinite_b_with_gate_parameters_gives_the_limits(
    name, params, y, d_a, d_b
):
    u = acts.get(name)
    x = np.array([[1.0, -np.inf], [np.inf, -np.inf], [-2.0, np.inf]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got, (ga, gb) = (
            u(x, **params)[:, 0],
            (d[:, 0] for d in u.partials(x, **params)),
        )
    np.testing.assert_array_equal(got, y)
    np.testing.assert_array_equal(ga, d_a)
    np.testing.assert_array_equal(gb, d_b)


@pytest.mark.parametrize("name", UNITS)
def test_numpy_error_state_is_left_alone(name):
    before = np.geterr()
    _all_outputs(acts.get(name), np.array([1e308, -1e308, np.nan, np.inf]))
    assert np.geterr() == before


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("name", UNITS)
@pytest.mark.parametrize(
    "shape, axis", [((5,), -1), ((3, 7), 1), ((3, 4), 0), ((2, 3, 4), -2)]
)
def test_an_odd_size_along_the_axis_is_a_value_error_naming_the_unit_axis_and_size(
    name, shape, axis
):
    u = acts.get(name)
    x = np.ones(shape)
    size = shape[axis]
    for call in (
        lambda: u(x, axis=axis),
        lambda: u.jacobian(x, axis=axis),
        lambda: u.partials(x, axis=axis),
        lambda: u.vjp(x, 1.0, axis=axis),
    ):
        with pytest.raises(
            ValueError, match=rf"^{name}\S*: .*axis {axis}.*size {size}"
        ):
            call()


@pytest.mark.parametrize("name", UNITS)
@pytest.mark.parametrize(
    "x, dtype",
    [
        (np.array([1 + 2j, 3j]), "complex128"),
        (np.array(["a", "b"]), "<U1"),
        (np.array([1.0, None], dtype=object), "object"),
    ],
)
def test_non_real_input_is_a_type_error_naming_the_unit_and_dtype(
    name, x, dtype
):
    with pytest.raises(
        TypeError, match=rf"{name}: expected real numbers .*dtype {dtype}"
    ):
        acts.get(name)(x)
    with pytest.raises(TypeError, match=rf"{name}.vjp: expected real numbers"):
        acts.get(name).vjp(np.ones(2), x)


@pytest.mark.parametrize("name", UNITS)
def test_bad_axis_zero_d_input_unknown_parameter_and_bad_g_are_value_errors(
    name,
):
    u = acts.get(name)
    with pytest.raises(
        ValueError, match=rf"{name}: axis must be an integer, got 1.5"
    ):
        u(np.ones(4), axis=1.5)
    with pytest.raises(
        ValueError, match=rf"{name}: axis 2 is out of range .*shape \(2, 4\)"
    ):
        u(np.ones((2, 4)), axis=2)
    with pytest.raises(
        ValueError, match=rf"{name}: x must have an axis to split"
    ):
        u(3.0)
    with pytest.raises(ValueError, match=rf"{name}: unknown parameter 'alpha'"):
        u(np.ones(4), alpha=1.0)
    with pytest.raises(
        ValueError, match=rf"{name}.vjp: g of shape \(3,\) does not broadcast"
    ):
        u.vjp(np.ones(4), np.ones(3))


def test_gate_parameters_are_checked_by_the_gate():
    with pytest.raises(
        ValueError, match="geglu: approximate must be one of 'none', 'tanh'"
    ):
        acts.geglu(np.ones(4), approximate="fast")
    with pytest.raises(
        ValueError, match="swiglu: beta must be a finite real number"
    ):
        acts.swiglu(np.ones(4), beta=np.inf)
