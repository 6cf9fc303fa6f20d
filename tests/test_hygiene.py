"""Dtypes, shapes, special values and side effects: what every activation promises besides
accuracy."""

import warnings

import numpy as np
import pytest

import acts

NAMES = acts.names("elementwise")


def _all_outputs(a, x):
    outs = [a(x), a.grad(x)]
    outs += [
        a.param_grad(x, p) for p, spec in a.param_specs.items() if spec.numeric
    ]
    return outs


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_float_dtypes_are_kept(name, dtype):
    x = np.linspace(-3, 3, 11).astype(dtype)
    for y in _all_outputs(acts.get(name), x):
        assert y.dtype == dtype


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    "x", [[1, 2, 3], np.array([1, 2, 3]), np.array([True, False]), 2, 2.5]
)
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


def _with(a, x, params):
    outs = [a(x, **params), a.grad(x, **params)]
    outs += [
        a.param_grad(x, p, **params)
        for p, spec in a.param_specs.items()
        if spec.numeric
    ]
    return outs


# Every activation at every parameter set the tests know (defaults, slider ends, string
# choices: `Activation.test_cases`), plus extreme values a user can pass.
EXTREME_PARAMS = {
    "swish": [
        {"beta": 1e300},
        {"beta": -1.0},
        {"beta": -1e300},
        {"beta": 1e-300},
    ],
    "softplus": [{"beta": 1e-300}, {"beta": 1e300}],
    "celu": [{"alpha": -2.0}, {"alpha": 1e-300}],
    "elu": [{"alpha": -1.0}],
}
PARAM_SETS = [
    pytest.param(n, p, id=f"{n}-{p}" if p else n)
    for n in NAMES
    for p in acts.get(n).test_cases() + EXTREME_PARAMS.get(n, [])
]


@pytest.mark.parametrize("name, params", PARAM_SETS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_no_runtime_warning_for_any_input_at_any_parameter(name, params, dtype):
    info = np.finfo(dtype)
    x = np.array(
        [
            0.0,
            -0.0,
            1.0,
            -1.0,
            info.max,
            -info.max,
            info.smallest_subnormal,
            -info.smallest_subnormal,
            np.inf,
            -np.inf,
            np.nan,
            88.0,
            -88.0,
            710.0,
            -710.0,
            1e30,
            -1e30,
            1e200,
            -1e200,
            -2.5530341576870175,
        ],
        dtype=np.float64,
    )
    with np.errstate(over="ignore"):
        x = x.astype(dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _with(acts.get(name), x, params)


@pytest.mark.parametrize("name, params", PARAM_SETS)
def test_nan_only_for_nan_input_infinities_included(name, params):
    # ±inf have limits (or are inf themselves): NaN out only where NaN went in.
    x = np.array([np.nan, 1.0, np.inf, -np.inf, 1e308, -1e308, 0.0, -0.0])
    with np.errstate(all="ignore"):
        for y in _with(acts.get(name), x, params):
            assert np.isnan(y[0]) and not np.isnan(y[1:]).any(), (
                name,
                params,
                y,
            )


@pytest.mark.parametrize(
    "call, expected",
    [
        (lambda: acts.silu(-np.inf), 0.0),
        (lambda: acts.silu.grad(-np.inf), 0.0),
        (lambda: acts.swish(-np.inf), 0.0),
        (lambda: acts.swish(np.inf, beta=-1.0), 0.0),
        (lambda: acts.swish(np.inf, beta=-1e-3), 0.0),
        (lambda: acts.swish.grad(np.inf, beta=-1.0), 0.0),
        (lambda: acts.swish(np.inf, beta=0.0), np.inf),
        (lambda: acts.swish(-np.inf, beta=0.0), -np.inf),
        (lambda: acts.swish.grad(np.inf, beta=0.0), 0.5),
        (lambda: acts.swish(1e200, beta=1e300), 1e200),
        (lambda: acts.swish(-1e200, beta=1e300), 0.0),
        (lambda: acts.swish.param_grad(np.inf, "beta"), 0.0),
        (lambda: acts.swish.param_grad(-np.inf, "beta"), 0.0),
        (lambda: acts.swish.param_grad(np.inf, "beta", beta=-2.0), 0.0),
        (lambda: acts.swish.param_grad(np.inf, "beta", beta=0.0), np.inf),
        (lambda: acts.gelu(-np.inf, approximate="tanh"), 0.0),
        (lambda: acts.gelu.grad(-np.inf, approximate="tanh"), 0.0),
        (lambda: acts.gelu(-np.inf), 0.0),
        (lambda: acts.mish(-np.inf), 0.0),
    ],
)
def test_the_issues_limits_at_infinity_are_right_and_quiet(call, expected):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert call() == expected


@pytest.mark.parametrize(
    "name, params",
    [
        ("softsign", {}),
        ("elu", {}),
        ("elu", {"alpha": 3.0}),
        ("elu", {"alpha": -1.0}),
        ("celu", {}),
        ("celu", {"alpha": 0.1}),
        ("selu", {}),
    ],
)
def test_minus_zero_keeps_its_sign_like_pytorch(name, params):
    torch = pytest.importorskip("torch")
    for dtype in (np.float32, np.float64):
        y = acts.get(name)(np.array([-0.0, 0.0], dtype=dtype), **params)
        t = getattr(torch.nn.functional, name)(
            torch.tensor(
                [-0.0, 0.0], dtype=getattr(torch, np.dtype(dtype).name)
            ),
            **params,
        )
        np.testing.assert_array_equal(np.signbit(y), [True, False])
        np.testing.assert_array_equal(np.signbit(y), np.signbit(t.numpy()))


def test_infinities_give_the_mathematical_limits():
    assert acts.sigmoid(np.inf) == 1.0 and acts.sigmoid(-np.inf) == 0.0
    assert (
        acts.sigmoid.grad(np.inf) == 0.0 and acts.sigmoid.grad(-np.inf) == 0.0
    )


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


def test_hard_and_shrink_variants_have_the_mathematical_limits_at_infinity():
    inf = np.array([-np.inf, np.inf])
    expected = {  # name: (f(−inf), f(inf)), (f'(−inf), f'(inf))
        "hardsigmoid": ([0, 1], [0, 0]),
        "hardswish": ([0, np.inf], [0, 1]),
        "softsign": ([-1, 1], [0, 0]),
        "logsigmoid": ([-np.inf, 0], [1, 0]),
        "tanhshrink": ([-np.inf, np.inf], [1, 1]),
        "softshrink": ([-np.inf, np.inf], [1, 1]),
        "hardshrink": ([-np.inf, np.inf], [1, 1]),
    }
    for name, (f, df) in expected.items():
        a = acts.get(name)
        np.testing.assert_array_equal(a(inf), f, err_msg=name)
        np.testing.assert_array_equal(a.grad(inf), df, err_msg=name)
    np.testing.assert_array_equal(
        acts.softshrink.param_grad(inf, "lambd"), [1, -1]
    )
    np.testing.assert_array_equal(
        acts.hardshrink.param_grad(inf, "lambd"), [0, 0]
    )


@pytest.mark.parametrize(
    "name, params, at_minus_inf, at_plus_inf",
    [
        ("relu", {}, (0.0, 0.0), (np.inf, 1.0)),
        ("leaky_relu", {}, (-np.inf, 0.01), (np.inf, 1.0)),
        (
            "leaky_relu",
            {"negative_slope": 0.0},
            (0.0, 0.0),
            (np.inf, 1.0),
        ),  # the limit, not 0·∞
        ("prelu", {"alpha": 0.0}, (0.0, 0.0), (np.inf, 1.0)),
        ("relu6", {}, (0.0, 0.0), (6.0, 0.0)),
        ("hardtanh", {}, (-1.0, 0.0), (1.0, 0.0)),
    ],
)
def test_rectifiers_at_infinity_give_the_limits_quietly(
    name, params, at_minus_inf, at_plus_inf
):
    a = acts.get(name)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y, g = (
            a(np.array([-np.inf, np.inf]), **params),
            a.grad(np.array([-np.inf, np.inf]), **params),
        )
    assert (y[0], g[0]) == at_minus_inf and (y[1], g[1]) == at_plus_inf


def test_prelu_with_channel_alphas_keeps_nan_and_dtype():
    x = np.array([[np.nan, -1.0], [2.0, np.nan]], dtype=np.float32)
    alpha = np.array([[0.1], [0.0]])
    for y in (
        acts.prelu(x, alpha=alpha),
        acts.prelu.grad(x, alpha=alpha),
        acts.prelu.param_grad(x, "alpha", alpha=alpha),
    ):
        assert y.dtype == np.float32 and np.isnan(y[0, 0]) and np.isnan(y[1, 1])
        assert not np.isnan(y[0, 1]) and not np.isnan(y[1, 0])


# --------------------------------------------------------------------------- vector activations

VECTOR = acts.names("vector")


def _vector_outputs(a, x, axis=-1):
    g = np.ones(
        np.shape(x),
        dtype=np.asarray(x).dtype if np.asarray(x).dtype.kind == "f" else None,
    )
    return [a(x, axis=axis), a.jacobian(x, axis=axis), a.vjp(x, g, axis=axis)]


@pytest.mark.parametrize("name", VECTOR)
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_vector_float_dtypes_are_kept(name, dtype):
    x = np.linspace(-3, 3, 12).reshape(3, 4).astype(dtype)
    for y in _vector_outputs(acts.get(name), x):
        assert y.dtype == dtype


@pytest.mark.parametrize("name", VECTOR)
@pytest.mark.parametrize(
    "x", [[1, 2, 3], np.array([1, 2, 3]), np.array([True, False]), 2, 2.5]
)
def test_vector_ints_bools_lists_and_python_numbers_become_float64(name, x):
    for y in _vector_outputs(acts.get(name), x):
        assert np.asarray(y).dtype == np.float64


@pytest.mark.parametrize("name", VECTOR)
@pytest.mark.parametrize(
    "shape, axis, jac_shape",
    [
        ((), -1, (1, 1)),
        ((0,), -1, (0, 0)),
        ((3, 0), 0, (0, 3, 3)),
        ((3, 0), -1, (3, 0, 0)),
        ((5,), 0, (5, 5)),
        ((2, 3, 4), -1, (2, 3, 4, 4)),
        ((2, 3, 4), 1, (2, 4, 3, 3)),
        ((2, 3, 4), -3, (3, 4, 2, 2)),
    ],
)
def test_vector_shapes_are_preserved_and_the_jacobian_appends_n_by_n(
    name, shape, axis, jac_shape
):
    x = np.arange(int(np.prod(shape)), dtype=np.float64).reshape(shape) - 2
    y, jac, v = _vector_outputs(acts.get(name), x, axis)
    assert (
        np.shape(y) == shape
        and np.shape(v) == shape
        and np.shape(jac) == jac_shape
    )


@pytest.mark.parametrize("name", VECTOR)
def test_vector_axis_picks_the_vector(name):
    a = acts.get(name)
    x = np.random.default_rng(0).normal(0, 3, (2, 3, 4))
    for axis in range(3):
        expected = np.moveaxis(a(np.moveaxis(x, axis, -1)), -1, axis)
        np.testing.assert_array_equal(a(x, axis=axis), expected)
    probabilities = acts.softmax(x, axis=1)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, rtol=1e-15)


@pytest.mark.parametrize("name", VECTOR)
def test_vector_input_is_never_modified(name):
    x = np.linspace(-50, 50, 12).reshape(3, 4)
    g = np.linspace(-1, 1, 12).reshape(3, 4)
    before, g_before = x.copy(), g.copy()
    a = acts.get(name)
    a(x), a.jacobian(x), a.vjp(x, g)
    np.testing.assert_array_equal(x, before)
    np.testing.assert_array_equal(g, g_before)


@pytest.mark.parametrize("name", VECTOR)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_vector_no_runtime_warning_for_any_finite_infinite_or_nan_input(
    name, dtype
):
    info = np.finfo(dtype)
    rows = [
        [info.max, -info.max, 0.0],
        [info.max, info.max, 1.0],
        [-info.max] * 3,
        [info.smallest_subnormal, -info.smallest_subnormal, 0.0],
        [np.inf, 0.0, -np.inf],
        [np.inf, np.inf, 1.0],
        [-np.inf] * 3,
        [np.nan, 1.0, 2.0],
        [710.0, -710.0, 1e30],
        [-1e4, 1e4, 0.0],
    ]
    with np.errstate(over="ignore"):
        x = np.array(rows).astype(dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _vector_outputs(acts.get(name), x)
        acts.get(name).vjp(x[0], np.array([np.inf, np.nan, 1.0], dtype))


@pytest.mark.parametrize("name", VECTOR)
def test_vector_nan_in_gives_nan_out_for_that_vector_only(name):
    a = acts.get(name)
    x = np.array([[np.nan, 1.0, 2.0], [0.0, 1.0, 2.0]])
    y, jac, v = _vector_outputs(a, x)
    assert (
        np.isnan(y[0]).all() and np.isnan(jac[0]).all() and np.isnan(v[0]).all()
    )
    assert not (
        np.isnan(y[1]).any() or np.isnan(jac[1]).any() or np.isnan(v[1]).any()
    )
    g = np.array([[1.0, 2.0, 3.0], [np.nan, 1.0, 1.0]])
    v = a.vjp(np.zeros((2, 3)), g)
    assert not np.isnan(v[0]).any() and np.isnan(v[1]).any()


def test_vector_infinities_give_the_limits():
    np.testing.assert_array_equal(
        acts.softmax([-np.inf, 0.0, np.log(3.0)]), [0.0, 0.25, 0.75]
    )
    np.testing.assert_array_equal(
        acts.softmax([np.inf, 5.0, np.inf]), [0.5, 0.0, 0.5]
    )
    np.testing.assert_array_equal(acts.softmax([-np.inf, -np.inf]), [0.5, 0.5])
    np.testing.assert_array_equal(
        acts.softmin([np.inf, 5.0, -np.inf]), [0.0, 0.0, 1.0]
    )
    np.testing.assert_array_equal(
        acts.log_softmax([-np.inf, 0.0, 0.0]),
        [-np.inf, -np.log(2.0), -np.log(2.0)],
    )
    np.testing.assert_array_equal(
        acts.softmax.jacobian([np.inf, 0.0]), np.zeros((2, 2))
    )
    np.testing.assert_array_equal(
        acts.log_softmax.jacobian([np.inf, 0.0]), [[0, 0], [-1, 1]]
    )


@pytest.mark.parametrize("name", VECTOR)
def test_vector_zero_d_input_is_a_one_element_vector(name):
    y = acts.get(name)(np.float32(0.5))
    assert isinstance(y, np.float32)
    assert y == (0.0 if name == "log_softmax" else 1.0)


@pytest.mark.parametrize("name", VECTOR)
def test_vector_numpy_error_state_is_left_alone(name):
    before = np.geterr()
    _vector_outputs(acts.get(name), np.array([1e308, -1e308, np.nan]))
    assert np.geterr() == before


@pytest.mark.parametrize("x", [1e4, 1e300])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_softmax_is_exact_and_quiet_at_huge_logits(x, dtype):
    with np.errstate(over="ignore"):
        xd = np.array([x, -x, 0.0]).astype(dtype)  # ±1e300 is ±inf in float32
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y, ly = acts.softmax(xd), acts.log_softmax(xd)
    np.testing.assert_array_equal(y, [1.0, 0.0, 0.0])
    assert ly[0] == 0.0 and y.dtype == ly.dtype == dtype


@pytest.mark.parametrize(
    "name, limits, grad_limits",
    [
        ("linear", [-np.inf, np.inf], [1.0, 1.0]),
        ("step", [0.0, 1.0], [0.0, 0.0]),
        ("sign", [-1.0, 1.0], [0.0, 0.0]),
        ("tanh", [-1.0, 1.0], [0.0, 0.0]),
    ],
)
def test_classic_infinities_give_the_mathematical_limits(
    name, limits, grad_limits
):
    a = acts.get(name)
    for dtype in (np.float32, np.float64):
        infs = np.array([-np.inf, np.inf], dtype=dtype)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            np.testing.assert_array_equal(a(infs), limits)
            np.testing.assert_array_equal(a.grad(infs), grad_limits)


@pytest.mark.parametrize(
    "name, params",
    [
        ("softplus", {"beta": 1e-300}),
        ("softplus", {"beta": 1e300}),
        ("softplus", {"beta": 1e-320}),
        ("softplus", {"threshold": 20}),
        ("elu", {"alpha": -1.0}),
        ("elu", {"alpha": 1e300}),
        ("celu", {"alpha": -2.0}),
        ("celu", {"alpha": 1e-300}),
        ("celu", {"alpha": 1e300}),
    ],
)
def test_exponential_units_are_quiet_at_extreme_parameters(name, params):
    # β·x and x/α overflow or underflow here; the result may be ±inf, never a warning.
    a = acts.get(name)
    x = np.array(
        [
            0.0,
            -0.0,
            1.0,
            -1.0,
            1.7e308,
            -1.7e308,
            1e302,
            -1e302,
            5e-324,
            -5e-324,
            np.inf,
            -np.inf,
            np.nan,
            710.0,
            -710.0,
        ]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        outs = [a(x, **params), a.grad(x, **params)]
        outs += [
            a.param_grad(x, p, **params)
            for p, s in a.param_specs.items()
            if s.numeric
        ]
    for y in outs:
        assert np.isnan(y[12]) and not np.isnan(np.delete(y, 12)).any()


@pytest.mark.parametrize(
    "name, params",
    PARAM_SETS[::3]
    + [pytest.param("gelu", {"approximate": "tanh"}, id="gelu-tanh")],
)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_large_inputs_computed_in_blocks_give_the_same_bits(
    name, params, dtype
):
    # Arrays longer than acts.core.CHUNK are computed a block at a time (memory, cache): the
    # result must be bit for bit the one of the whole-array path, shape and dtype included.
    from acts.core import CHUNK

    a = acts.get(name)
    rng = np.random.default_rng(3)
    x = np.concatenate(
        [rng.normal(0, 5, 2 * CHUNK + 37), [np.nan, np.inf, -np.inf, -0.0]]
    )
    x = x.astype(dtype).reshape(-1, 1)[::1]
    fns = [lambda v: a(v, **params), lambda v: a.grad(v, **params)]
    fns += [
        lambda v, p=p: a.param_grad(v, p, **params)
        for p, s in a.param_specs.items()
        if s.numeric
    ]
    for fn in fns:
        whole = fn(x)
        pieces = np.concatenate(
            [fn(x[i : i + 1000]) for i in range(0, len(x), 1000)]
        )
        assert whole.shape == x.shape and whole.dtype == dtype
        np.testing.assert_array_equal(whole, pieces)
        assert np.array_equal(np.signbit(whole), np.signbit(pieces))


@pytest.mark.parametrize("name", acts.names("vector"))
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_large_vector_inputs_computed_in_blocks_give_the_same_bits(name, dtype):
    from acts.core import CHUNK

    a = acts.get(name)
    rng = np.random.default_rng(4)
    x = rng.normal(0, 5, (2 * CHUNK // 5 + 7, 5)).astype(dtype)
    g = rng.normal(0, 1, x.shape).astype(dtype)
    for fn in (lambda v, w: a(v), lambda v, w: a.vjp(v, w)):
        whole = fn(x, g)
        pieces = np.concatenate(
            [fn(x[i : i + 999], g[i : i + 999]) for i in range(0, len(x), 999)]
        )
        assert whole.dtype == dtype
        np.testing.assert_array_equal(whole, pieces)
