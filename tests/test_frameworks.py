"""The activations PyTorch, JAX and Keras ship: acts agrees with them, and the mapping is complete.

threshold and rrelu are compared with PyTorch itself (values and autograd derivatives);
squareplus, sparse_plus and sparse_sigmoid with JAX's definitions written out in NumPy (JAX is
not installed); sparsemax with its defining property, the Euclidean projection onto the
simplex. Their accuracy against mpmath is in test_accuracy.py, their hygiene in
test_hygiene.py and test_bad_input.py, which pick every registered activation up.
"""

import warnings

import numpy as np
import pytest
import sympy as sp
import torch
import torch.nn.functional as F

import acts
from acts import frameworks
from acts.frameworks import (
    ENTRIES,
    frameworks_column,
    frameworks_columns,
    lookup,
)
from acts.rectifiers import rrelu_slopes

XS = np.concatenate(
    [
        np.linspace(-6, 6, 241),
        [-1e300, -1e10, -1.0, -0.0, 0.0, 1e-300, 1.0, 1e10],
    ]
)


def _cast(x, dtype):
    with np.errstate(over="ignore"):  # ±1e300 is ±inf in float32
        return np.asarray(x).astype(dtype)


def _torch_value_and_grad(fn, x, **kwargs):
    t = torch.tensor(x, requires_grad=True)
    y = fn(t, **kwargs)
    (g,) = torch.autograd.grad(y.sum(), t)
    return y.detach().numpy(), g.numpy()


# --------------------------------------------------------------------------- sign


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_sign_is_torchs_at_zero_and_everywhere_and_its_gradient_is_zero(dtype):
    # the sign chapter states that torch.sign(0) = 0 and that autograd gives it a zero
    # gradient (the book cannot import torch to show it)
    x = _cast(XS, dtype)
    value, grad = _torch_value_and_grad(torch.sign, x)
    np.testing.assert_array_equal(acts.sign(x), value)
    np.testing.assert_array_equal(acts.sign.grad(x), grad)
    assert (XS == 0).sum() == 3 and not value[XS == 0].any() and not grad.any()


# --------------------------------------------------------------------------- threshold


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(
    "threshold, value", [(0.0, 0.0), (0.5, -2.0), (-1.0, 20.0), (1.0, 1.0)]
)
def test_threshold_matches_pytorch_values_and_derivatives(
    threshold, value, dtype
):
    t = dtype(threshold)
    x = np.concatenate(
        [
            _cast(XS, dtype),
            [t, np.nextafter(t, dtype(9)), np.nextafter(t, dtype(-9))],
        ]
    )
    y, g = _torch_value_and_grad(
        F.threshold, x, threshold=threshold, value=value
    )
    p = {"threshold": threshold, "value": value}
    np.testing.assert_array_equal(acts.threshold(x, **p), y)
    np.testing.assert_array_equal(acts.threshold.grad(x, **p), g)
    assert acts.threshold(x, **p).dtype == dtype


def test_threshold_at_its_defaults_is_relu_and_its_value_derivative_is_the_off_indicator():
    np.testing.assert_array_equal(acts.threshold(XS), acts.relu(XS))
    np.testing.assert_array_equal(
        acts.threshold.param_grad(XS, "value", threshold=0.5),
        (XS <= 0.5).astype(float),
    )
    np.testing.assert_array_equal(
        acts.threshold.param_grad(XS, "threshold"), np.zeros_like(XS)
    )


# --------------------------------------------------------------------------- rrelu


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(
    "lower, upper", [(1 / 8, 1 / 3), (0.0, 0.5), (0.2, 0.2)]
)
def test_rrelu_in_evaluation_matches_pytorch(lower, upper, dtype):
    x = _cast(XS, dtype)
    y, g = _torch_value_and_grad(
        F.rrelu, x, lower=lower, upper=upper, training=False
    )
    p = {"lower": lower, "upper": upper}
    np.testing.assert_allclose(
        acts.rrelu(x, **p), y, rtol=2 * np.finfo(dtype).eps, atol=0
    )
    np.testing.assert_allclose(
        acts.rrelu.grad(x, **p), g, rtol=2 * np.finfo(dtype).eps, atol=0
    )
    assert acts.rrelu.grad(0.0, **p) == pytest.approx((lower + upper) / 2)


def test_rrelu_in_training_draws_slopes_in_lower_upper_reproducibly():
    x = -np.linspace(0.5, 3.0, 4000).reshape(40, 100)
    y = acts.rrelu(x, training=True, seed=7)
    slopes = y / x
    assert slopes.min() >= 1 / 8 and slopes.max() <= 1 / 3
    assert (
        slopes.std() > 0.05
    )  # per element, not one slope: U(1/8, 1/3) has std 0.060
    np.testing.assert_allclose(slopes.mean(), (1 / 8 + 1 / 3) / 2, atol=3e-3)
    np.testing.assert_array_equal(acts.rrelu(x, training=True, seed=7), y)
    assert not np.array_equal(acts.rrelu(x, training=True, seed=8), y)
    pos = np.abs(x)
    np.testing.assert_array_equal(acts.rrelu(pos, training=True, seed=7), pos)
    # PyTorch's training mode draws from the same interval (its generator differs).
    t = F.rrelu(torch.tensor(x), training=True).numpy() / x
    assert t.min() >= 1 / 8 and t.max() <= 1 / 3


def test_rrelu_training_derivatives_use_the_forward_slopes_for_the_same_seed():
    rng = np.random.default_rng(0)
    x = rng.normal(0, 2, (8, 16))
    kw = {"training": True, "seed": 42}
    y, g = acts.rrelu(x, **kw), acts.rrelu.grad(x, **kw)
    neg = x < 0
    np.testing.assert_allclose(g[neg], (y / x)[neg], rtol=1e-15)
    np.testing.assert_array_equal(g[~neg], 1.0)
    np.testing.assert_array_equal(
        g, np.where(neg, rrelu_slopes(x.shape, 1 / 8, 1 / 3, True, 42), 1)
    )
    # f is linear in lower and upper for fixed draws: central differences are exact to rounding.
    for pname in ("lower", "upper"):
        base = acts.rrelu.bind(kw)
        h = 1e-3
        up = acts.rrelu(x, **{**kw, pname: base[pname] + h})
        down = acts.rrelu(x, **{**kw, pname: base[pname] - h})
        np.testing.assert_allclose(
            acts.rrelu.param_grad(x, pname, **kw),
            (up - down) / (2 * h),
            rtol=1e-9,
            atol=1e-12,
        )


def test_rrelu_bad_parameters_are_value_errors_naming_them():
    with pytest.raises(
        ValueError,
        match=r"rrelu: lower must be <= upper, got lower=0.5 and upper=0.2",
    ):
        acts.rrelu(1.0, lower=0.5, upper=0.2)
    with pytest.raises(
        ValueError, match="rrelu: training must be True or False, got 1"
    ):
        acts.rrelu(1.0, training=1)
    with pytest.raises(
        ValueError, match="rrelu: seed must be None or an integer >= 0"
    ):
        acts.rrelu(1.0, training=True, seed=-3)
    with pytest.raises(
        ValueError, match="rrelu: training is not differentiable"
    ):
        acts.rrelu.param_grad(1.0, "training")


# --------------------------------------------------------------------------- the JAX ones


def _jax_squareplus(x, b=4.0):  # jax.nn.squareplus, written out
    y = x + np.sqrt(np.square(x) + b)
    return y / 2


def _jax_sparse_plus(x):  # jax.nn.sparse_plus
    return np.where(x <= -1.0, 0.0, np.where(x >= 1.0, x, (x + 1.0) ** 2 / 4))


def _jax_sparse_sigmoid(x):  # jax.nn.sparse_sigmoid
    return 0.5 * np.clip(x + 1.0, 0.0, 2.0)


def test_squareplus_sparse_plus_and_sparse_sigmoid_match_their_jax_definitions():
    x = np.linspace(-8, 8, 1601)
    for b in (4.0, 0.25, 16.0):
        # JAX's form cancels for x < 0 (the digits it loses are its own, hence 1e-12).
        np.testing.assert_allclose(
            acts.squareplus(x, b=b), _jax_squareplus(x, b), rtol=1e-12
        )
        d = (
            1 + x / np.sqrt(x**2 + b)
        ) / 2  # what JAX's autodiff of its definition gives
        np.testing.assert_allclose(acts.squareplus.grad(x, b=b), d, rtol=1e-12)
    np.testing.assert_allclose(
        acts.sparse_plus(x), _jax_sparse_plus(x), rtol=1e-15, atol=0
    )
    np.testing.assert_array_equal(
        acts.sparse_sigmoid(x), _jax_sparse_sigmoid(x)
    )
    # sparse_sigmoid is sparse_plus's derivative, exactly, kinks included (both are C⁰ there).
    np.testing.assert_array_equal(
        acts.sparse_plus.grad(XS), acts.sparse_sigmoid(XS)
    )
    assert (
        acts.squareplus(0.0) == 1.0
        and acts.sparse_plus(-1.0) == 0.0
        and acts.sparse_plus(1.0) == 1.0
    )


def test_squareplus_is_exact_where_the_textbook_formula_cancels_or_overflows():
    # (x + sqrt(x² + b))/2 is 25 % off at x = −1e8 (true value 1e−8), and inf at ±1e200,
    # where x² overflows.
    with np.errstate(over="ignore"):
        naive = _jax_squareplus(np.array([-1e8, -1e200, 1e200]))
    assert abs(naive[0] / 1e-8 - 1) > 0.2 and np.isinf(naive[1:]).all()
    np.testing.assert_allclose(
        acts.squareplus([-1e8, -1e200, 1e200]),
        [1e-8, 1e-200, 1e200],
        rtol=4e-16,
    )
    np.testing.assert_array_equal(
        acts.squareplus([-np.inf, np.inf]), [0.0, np.inf]
    )
    np.testing.assert_array_equal(
        acts.squareplus.grad([-np.inf, np.inf]), [0.0, 1.0]
    )


def test_the_new_elementwise_units_have_their_limits_at_infinity():
    inf = np.array([-np.inf, np.inf])
    expected = {  # name: (f(−inf), f(inf)), (f'(−inf), f'(inf))
        "threshold": ([0, np.inf], [0, 1]),
        "rrelu": ([-np.inf, np.inf], [11 / 48, 1]),
        "squared_relu": ([0, np.inf], [0, np.inf]),
        "squareplus": ([0, np.inf], [0, 1]),
        "sparse_plus": ([0, np.inf], [0, 1]),
        "sparse_sigmoid": ([0, 1], [0, 0]),
    }
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name, (f, df) in expected.items():
            a = acts.get(name)
            for dtype in (np.float32, np.float64):
                np.testing.assert_array_equal(
                    a(inf.astype(dtype)), f, err_msg=name
                )
                np.testing.assert_allclose(
                    a.grad(inf.astype(dtype)), df, rtol=1e-7, err_msg=name
                )


def test_squared_relu_is_relu_squared_and_pytorch_agrees():
    x = torch.tensor(XS[np.abs(XS) < 1e100], requires_grad=True)
    y = F.relu(x) ** 2
    (g,) = torch.autograd.grad(y.sum(), x)
    np.testing.assert_array_equal(
        acts.squared_relu(x.detach().numpy()), y.detach().numpy()
    )
    np.testing.assert_array_equal(
        acts.squared_relu.grad(x.detach().numpy()), g.numpy()
    )


# --------------------------------------------------------------------------- sparsemax


def _projection_by_bisection(z):
    """τ with Σ max(z − τ, 0) = 1, by 200 bisection steps: a reference that shares no code."""
    lo, hi = z.max() - 1.0, z.max()
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if np.maximum(z - mid, 0).sum() > 1 else (lo, mid)
    return np.maximum(z - (lo + hi) / 2, 0)


def test_sparsemax_is_the_euclidean_projection_onto_the_simplex():
    rng = np.random.default_rng(3)
    for n in (1, 2, 3, 5, 10):
        for _ in range(30):
            z = rng.normal(0, 2, n)
            y = acts.sparsemax(z)
            np.testing.assert_allclose(
                y, _projection_by_bisection(z), atol=1e-12
            )
            assert abs(y.sum() - 1) < 1e-14 and y.min() >= 0
            # No point of the simplex is closer to z.
            p = rng.dirichlet(np.ones(n), 50)
            assert np.all(
                np.linalg.norm(p - z, axis=1) >= np.linalg.norm(y - z) - 1e-12
            )


def test_sparsemax_gives_exact_zeros_and_softmax_does_not():
    z = np.array([3.0, 1.0, 0.2, -4.0])
    y = acts.sparsemax(z)
    np.testing.assert_array_equal(y, [1.0, 0.0, 0.0, 0.0])
    y = acts.sparsemax([0.9, 0.5, 0.1, -0.3])  # τ = (0.9 + 0.5 − 1)/2 = 0.2
    np.testing.assert_allclose(y, [0.7, 0.3, 0.0, 0.0], rtol=1e-14)
    assert np.sum(y == 0.0) == 2 and np.all(acts.softmax(z) > 0)
    np.testing.assert_array_equal(acts.sparsemax([1.0, 1.0]), [0.5, 0.5])
    np.testing.assert_array_equal(
        acts.sparsemax([np.inf, 0.0, np.inf, -np.inf]), [0.5, 0, 0.5, 0]
    )


def test_sparsemax_jacobian_matches_finite_differences_and_the_vjp_is_g_times_it():
    rng = np.random.default_rng(4)
    for n in (2, 3, 6):
        for _ in range(10):
            z = rng.normal(0, 1.5, n)
            h = 1e-7
            cols = [
                (acts.sparsemax(z + h * e) - acts.sparsemax(z - h * e))
                / (2 * h)
                for e in np.eye(n)
            ]
            np.testing.assert_allclose(
                acts.sparsemax.jacobian(z), np.stack(cols, -1), atol=1e-7
            )
    x, g = rng.normal(0, 1, (4, 5, 6)), rng.normal(size=(4, 5, 6))
    for axis in (0, 1, -1):
        jac = acts.sparsemax.jacobian(x, axis=axis)
        gz = np.moveaxis(g, axis, -1)
        expected = np.moveaxis(np.einsum("...i,...ij->...j", gz, jac), -1, axis)
        np.testing.assert_allclose(
            acts.sparsemax.vjp(x, g, axis=axis), expected, atol=1e-15
        )


def test_sparsemax_sympy_form_and_its_jacobian_agree_with_the_kernels():
    a = acts.sparsemax
    x3, x2 = list(a.symbols_for(3)), list(a.symbols_for(2))
    f = sp.lambdify(x3, a.expr_for(3), "numpy", cse=True)
    jf = sp.lambdify(x2, a.jacobian_expr(2), "numpy", cse=True)
    rng = np.random.default_rng(5)
    for z in rng.normal(0, 1.5, (25, 3)):
        np.testing.assert_allclose(np.ravel(f(*z)), a(z), atol=1e-15)
        np.testing.assert_allclose(
            np.array(jf(*z[:2]), dtype=float), a.jacobian(z[:2]), atol=1e-15
        )
        s = (a(z) > 0).astype(float)  # the quoted form, diag(s) − s sᵀ/|S|
        np.testing.assert_allclose(
            a.jacobian(z), np.diag(s) - np.outer(s, s) / s.sum(), atol=1e-15
        )


# --------------------------------------------------------------------------- the mapping


GLU_NAMES = {"glu", "reglu", "geglu", "swiglu"}
_has_glu = "glu" in acts.names()


def test_every_acts_name_the_mapping_points_to_is_registered():
    known = set(acts.names())
    missing = {n for n in frameworks_columns() if n not in known}
    # The gated linear units come from the other half of the issue, merged separately.
    if not _has_glu:
        missing -= GLU_NAMES
    assert not missing, (
        f"the frameworks mapping names unregistered activations: {missing}"
    )
    assert {e.acts for e in ENTRIES if e.acts} - known - (
        set() if _has_glu else GLU_NAMES
    ) == set()


def test_every_registered_activation_has_a_frameworks_column():
    for name in acts.names():
        assert frameworks_column(name) != "–", name
    assert frameworks_column("no_such_activation") == "–"


def test_every_pytorch_activation_module_and_functional_is_mapped():
    modules = set(torch.nn.modules.activation.__all__)
    functionals = {
        "threshold",
        "relu",
        "hardtanh",
        "hardswish",
        "relu6",
        "elu",
        "selu",
        "celu",
        "leaky_relu",
        "prelu",
        "rrelu",
        "glu",
        "gelu",
        "logsigmoid",
        "hardshrink",
        "tanhshrink",
        "softsign",
        "softplus",
        "softmin",
        "softmax",
        "softshrink",
        "gumbel_softmax",
        "log_softmax",
        "tanh",
        "sigmoid",
        "hardsigmoid",
        "silu",
        "mish",
    }  # torch.nn.functional's "Non-linear activation functions"
    for m in modules:
        assert lookup(f"torch.nn.{m}"), f"torch.nn.{m} is not in the mapping"
    for f in functionals:
        assert lookup(f"torch.nn.functional.{f}"), (
            f"F.{f} is not in the mapping"
        )
    for (
        e
    ) in frameworks.PYTORCH:  # and every name the mapping gives exists in torch
        for q in e.qualified:
            module, _, attr = q.rpartition(".")
            assert hasattr(
                {"torch.nn": torch.nn, "torch.nn.functional": F}[module], attr
            ), q


def test_jax_and_keras_lists_are_those_of_their_references():
    jax_acts = (
        "relu relu6 sigmoid softplus sparse_plus sparse_sigmoid soft_sign silu swish "
        "log_sigmoid leaky_relu hard_sigmoid hard_silu hard_swish hard_tanh tanh elu "
        "celu selu gelu glu squareplus mish identity softmax log_softmax"
    ).split()
    keras_acts = (
        "celu elu exponential gelu glu hard_shrink hard_sigmoid hard_silu hard_swish "
        "hard_tanh leaky_relu linear log_sigmoid log_softmax mish relu relu6 selu "
        "sigmoid silu soft_shrink softmax softplus softsign sparse_plus sparse_sigmoid "
        "sparsemax squareplus swish tanh tanh_shrink threshold"
    ).split()
    for prefix, names in (
        ("jax.nn.", jax_acts),
        ("keras.activations.", keras_acts),
    ):
        for n in names:
            found = lookup(prefix + n)
            assert len(found) == 1, f"{prefix}{n}: {found}"
    assert [e.acts for e in lookup("keras.activations.exponential")] == [None]
    assert lookup("jax.nn.hard_silu")[0].acts == "hardswish"
    assert lookup("keras.activations.leaky_relu")[0].params == {
        "negative_slope": 0.2
    }
    every = [q for e in ENTRIES for q in e.qualified]
    assert len(every) == len(set(every))


# Every PyTorch functional the mapping names, but glu until the glu branch registers it (the
# test above checks that it is the only one left out) and gumbel_softmax (random).
@pytest.mark.parametrize(
    "entry",
    [
        e
        for e in frameworks.PYTORCH
        if e.acts in acts.names()
        and e.names[-1].startswith("functional.")
        and e.names[-1] != "functional.gumbel_softmax"
    ],
    ids=lambda e: e.names[-1],
)
def test_pytorch_functionals_compute_what_the_mapping_says(entry):
    fn = getattr(F, entry.names[-1].split(".", 1)[1])
    a = acts.get(entry.acts)
    rng = np.random.default_rng(6)
    x = np.concatenate([np.linspace(-8, 8, 161), rng.normal(0, 3, 39)]).reshape(
        8, 25
    )
    if entry.acts == "glu":
        x = x[:, :24]
    kwargs = dict(entry.torch_kwargs)
    if entry.acts == "prelu":
        kwargs["weight"] = torch.tensor([0.25], dtype=torch.float64)
    expected = fn(torch.tensor(x), **kwargs).numpy()
    # atol: PyTorch's float64 gelu loses digits in its left tail (−5e-15 at x = −8), acts does not.
    np.testing.assert_allclose(
        a(x, **entry.params), expected, rtol=1e-13, atol=1e-15
    )
