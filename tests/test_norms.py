"""acts.norms against PyTorch: forward, vjp, running statistics, evaluation mode, bad input."""

import warnings

import numpy as np
import pytest

from acts.norms import (
    BatchNorm,
    LayerNorm,
    RMSNorm,
    batch_norm,
    layer_norm,
    naive_variance,
    rms_norm,
    two_pass_variance,
)

torch = pytest.importorskip("torch")
F = torch.nn.functional

RTOL = 1e-10
SHAPES = [(4, 5), (3, 2, 6), (16, 2), (2, 3, 4, 5)]


def _close(got, expected, what):
    expected = (
        expected.detach().numpy() if hasattr(expected, "detach") else expected
    )
    assert got.shape == expected.shape, what
    scale = np.max(np.abs(expected)) or 1.0
    err = np.max(np.abs(got - expected)) / scale
    assert err <= RTOL, f"{what}: relative error {err:.2e}"


def _inputs(shape, features, seed, affine):
    rng = np.random.default_rng(seed)
    x = rng.normal(1.5, 3.0, shape)
    g = rng.normal(size=shape)
    w = rng.normal(size=features) if affine else None
    b = rng.normal(size=features) if affine else None
    return x, g, w, b


def _t(a):
    return None if a is None else torch.tensor(a, requires_grad=True)


def _grad(t):
    return None if t is None else t.grad


@pytest.mark.parametrize("affine", [True, False])
@pytest.mark.parametrize("shape", SHAPES)
def test_layer_norm_and_its_vjp_match_torch(shape, affine):
    for trailing in (1, 2):
        if trailing > len(shape) - 1:
            continue
        ns = shape[-trailing:]
        x, g, w, b = _inputs(shape, ns, seed=trailing, affine=affine)
        xt, wt, bt = _t(x), _t(w), _t(b)
        y = F.layer_norm(xt, ns, wt, bt, eps=1e-5)
        y.backward(torch.tensor(g))
        _close(layer_norm(x, ns, w, b), y, "layer_norm")
        grads = layer_norm.vjp(x, g, ns, weight=w, bias=b)
        _close(grads.dx, xt.grad, "layer_norm dx")
        if affine:
            _close(grads.dweight, wt.grad, "layer_norm dweight")
            _close(grads.dbias, bt.grad, "layer_norm dbias")
        else:
            assert grads.dweight is None and grads.dbias is None


@pytest.mark.parametrize("affine", [True, False])
@pytest.mark.parametrize("shape", SHAPES)
def test_rms_norm_and_its_vjp_match_torch(shape, affine):
    x, g, w, _ = _inputs(shape, shape[-1:], seed=1, affine=affine)
    xt, wt = _t(x), _t(w)
    y = F.rms_norm(xt, shape[-1:], wt, eps=1e-5)
    y.backward(torch.tensor(g))
    _close(rms_norm(x, weight=w), y, "rms_norm")
    grads = rms_norm.vjp(x, g, weight=w)
    _close(grads.dx, xt.grad, "rms_norm dx")
    if affine:
        _close(grads.dweight, wt.grad, "rms_norm dweight")
    assert grads.dbias is None


@pytest.mark.parametrize("affine", [True, False])
@pytest.mark.parametrize("shape", [(8, 5), (4, 3, 6), (2, 3, 4, 5), (2, 1)])
def test_batch_norm_training_vjp_and_running_statistics_match_torch(
    shape, affine
):
    c = shape[1]
    x, g, w, b = _inputs(shape, (c,), seed=2, affine=affine)
    rng = np.random.default_rng(3)
    rm, rv = rng.normal(size=c), rng.uniform(0.5, 2, c)
    rm_t, rv_t = torch.tensor(rm), torch.tensor(rv)
    xt, wt, bt = _t(x), _t(w), _t(b)
    y = F.batch_norm(
        xt, rm_t, rv_t, wt, bt, training=True, momentum=0.3, eps=1e-5
    )
    y.backward(torch.tensor(g))
    got = batch_norm(x, w, b, running_mean=rm, running_var=rv, momentum=0.3)
    _close(got, y, "batch_norm")
    _close(rm, rm_t.numpy(), "running_mean")
    _close(rv, rv_t.numpy(), "running_var (unbiased update)")
    grads = batch_norm.vjp(x, g, w, b)
    _close(grads.dx, xt.grad, "batch_norm dx")
    if affine:
        _close(grads.dweight, wt.grad, "batch_norm dweight")
        _close(grads.dbias, bt.grad, "batch_norm dbias")


@pytest.mark.parametrize("shape", [(1, 4), (5, 4), (3, 4, 2)])
def test_batch_norm_evaluation_mode_and_its_vjp_match_torch(shape):
    c = shape[1]
    x, g, w, b = _inputs(shape, (c,), seed=4, affine=True)
    rm, rv = np.linspace(-1, 1, c), np.linspace(0.5, 2, c)
    xt, wt, bt = _t(x), _t(w), _t(b)
    y = F.batch_norm(
        xt, torch.tensor(rm), torch.tensor(rv), wt, bt, training=False
    )
    y.backward(torch.tensor(g))
    before = rm.copy(), rv.copy()
    _close(
        batch_norm(x, w, b, training=False, running_mean=rm, running_var=rv),
        y,
        "eval batch_norm",
    )
    grads = batch_norm.vjp(
        x, g, w, b, training=False, running_mean=rm, running_var=rv
    )
    _close(grads.dx, xt.grad, "eval dx")
    _close(grads.dweight, wt.grad, "eval dweight")
    _close(grads.dbias, bt.grad, "eval dbias")
    assert np.array_equal(rm, before[0]) and np.array_equal(
        rv, before[1]
    )  # eval never updates


def test_batch_norm_layer_tracks_torch_over_several_steps():
    rng = np.random.default_rng(5)
    layer, ref = BatchNorm(3), torch.nn.BatchNorm1d(3, dtype=torch.float64)
    for _ in range(4):
        x = rng.normal(2.0, 3.0, (6, 3))
        _close(layer.forward(x), ref(torch.tensor(x)), "BatchNorm forward")
    _close(layer.running_mean.ravel(), ref.running_mean, "running_mean")
    _close(layer.running_var.ravel(), ref.running_var, "running_var")
    ref.eval()
    x = rng.normal(size=(2, 3))
    _close(
        layer.forward(x, training=False), ref(torch.tensor(x)), "BatchNorm eval"
    )


@pytest.mark.parametrize("layer", [BatchNorm, LayerNorm, RMSNorm])
@pytest.mark.parametrize("placement", ["pre", "post", "pre-norm", "post-norm"])
def test_norm_layers_backpropagate_exactly_inside_the_mlp(layer, placement):
    from acts.datasets import two_moons
    from acts.mlp import MLP, gradient_check

    X, y = two_moons(12, seed=0)
    for seed in (1, [1, 2]):
        seeds = None if np.isscalar(seed) else len(seed)
        net = MLP(
            [2, 4, 4, 1],
            "tanh",
            seed=seed,
            residual=True,
            placement=placement,
            transforms=lambda i, w, s=seeds: layer(w, seeds=s),
        )
        for T in (
            net.transforms
        ):  # move γ, β off 1, 0 so that their gradients are tested
            for p in T.params():
                p += np.random.default_rng(0).normal(0, 0.3, p.shape)
        assert gradient_check(net, X, y) < 1e-7


def test_layer_norm_and_rms_norm_layers_equal_the_functions():
    rng = np.random.default_rng(10)
    z, g = rng.normal(size=(6, 4)), rng.normal(size=(6, 4))
    for layer, fn, kw in (
        (LayerNorm(4), layer_norm, {"bias": np.zeros(4)}),
        (RMSNorm(4), rms_norm, {}),
    ):
        layer.weight[:] = rng.normal(size=4)
        assert np.allclose(
            layer.forward(z), fn(z, weight=layer.weight, **kw), rtol=1e-13
        )
        ref = fn.vjp(z, g, weight=layer.weight, **kw)
        assert np.allclose(layer.backward(g), ref.dx, rtol=1e-12, atol=1e-15)
        assert np.allclose(layer.grads()[0], ref.dweight, rtol=1e-12)


def test_batch_norm_layer_keeps_each_seed_separate():
    z = np.random.default_rng(9).normal(size=(2, 6, 3)) * np.array(
        [[[1.0]], [[100.0]]]
    )
    both = BatchNorm(3, seeds=2).forward(z)
    for s in range(2):
        assert np.allclose(both[s], BatchNorm(3).forward(z[s]), atol=1e-12)


@pytest.mark.parametrize("norm", [layer_norm, rms_norm, batch_norm])
def test_float32_is_kept(norm):
    x = np.random.default_rng(6).normal(size=(4, 3)).astype(np.float32)
    assert norm(x).dtype == np.float32
    grads = norm.vjp(x, np.ones_like(x), weight=np.ones(3, np.float32))
    assert grads.dx.dtype == np.float32 and grads.dweight.dtype == np.float32
    ref = {
        layer_norm: lambda t: F.layer_norm(t, (3,)),
        rms_norm: lambda t: F.rms_norm(t, (3,), eps=1e-5),
        batch_norm: lambda t: F.batch_norm(t, None, None, training=True),
    }[norm]
    assert np.allclose(
        norm(x), ref(torch.tensor(x)).numpy(), rtol=1e-5, atol=1e-6
    )


def test_extreme_finite_input_gives_finite_output_without_warnings():
    rows = np.array(
        [
            [1e308, -1e308, 1e308],
            [5.0, 5.0, 5.0],
            [1e-310, 0.0, -1e-310],
            [1e8 + 1, 1e8 - 1, 1e8],
            [-1.7e308, 1.7e308, -1.7e308],
        ]
    )
    bias = np.array([0.5, -0.5, 2.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for norm in (layer_norm, rms_norm):
            y = norm(rows)
            assert np.all(np.isfinite(y))
            assert np.all(np.isfinite(norm.vjp(rows, np.ones_like(rows)).dx))
        assert np.all(np.isfinite(batch_norm(rows.T)))
        ln = layer_norm(rows, weight=np.ones(3), bias=bias)
    assert np.array_equal(
        ln[1], bias
    )  # a constant row: variance 0, so y is the bias
    assert np.allclose(
        ln[0], [2**-0.5 + 0.5, -(2**0.5) - 0.5, 2**-0.5 + 2.0]
    )  # scale-free
    assert np.allclose(
        ln[3], np.array([1, -1, 0]) / np.sqrt(2 / 3 + 1e-5) + bias, rtol=1e-9
    )


def test_one_feature_normalises_to_the_bias_with_a_zero_gradient():
    x, g = np.random.default_rng(8).normal(size=(2, 5, 1)), np.ones((5, 1))
    y = layer_norm(x[0], weight=[2.0], bias=[0.25])
    assert np.array_equal(y, np.full((5, 1), 0.25))
    assert np.max(np.abs(layer_norm.vjp(x[0], g, weight=[2.0]).dx)) < 1e-12


def test_non_finite_input_gives_nan_rows_like_torch():
    x = np.array([[np.nan, 1.0, 2.0], [np.inf, 1.0, 2.0], [0.0, 1.0, 2.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y = layer_norm(x)
    assert np.isnan(y[:2]).all() and np.isfinite(y[2]).all()
    assert np.array_equal(
        np.isnan(y), np.isnan(F.layer_norm(torch.tensor(x), (3,)).numpy())
    )


def test_two_pass_variance_survives_a_large_mean_where_one_pass_cancels():
    x = 1e8 + np.random.default_rng(7).normal(size=(3, 1000))
    exact = np.var(
        x - 1e8, axis=-1
    )  # subtracting an exact shift first loses nothing
    assert np.allclose(two_pass_variance(x), exact, rtol=1e-6)
    assert np.max(np.abs(naive_variance(x) - exact)) > 0.01


@pytest.mark.parametrize(
    "call, message",
    [
        (
            lambda: batch_norm(np.ones((1, 3))),
            "batch_norm: training mode needs more than one value",
        ),
        (
            lambda: batch_norm(np.ones((1, 3, 1))),
            "got input of shape (1, 3, 1)",
        ),
        (
            lambda: batch_norm.vjp(np.ones((1, 3)), np.ones((1, 3))),
            "more than one value per channel",
        ),
        (
            lambda: batch_norm(np.ones(3)),
            "batch_norm: input must have shape (N, C)",
        ),
        (
            lambda: batch_norm(np.ones((4, 3)), training=False),
            "needs running_mean and running_var",
        ),
        (
            lambda: batch_norm(np.ones((4, 3)), running_mean=np.zeros(2)),
            "running_mean must have shape (3,), got (2,)",
        ),
        (
            lambda: batch_norm(np.ones((4, 3)), np.ones(4)),
            "batch_norm: weight must have shape (3,), got (4,)",
        ),
        (
            lambda: batch_norm(np.ones((4, 3)), momentum=2),
            "momentum must be in [0, 1], got 2",
        ),
        (
            lambda: batch_norm(np.ones((4, 3)), eps=0),
            "batch_norm: eps must be > 0 and finite, got 0",
        ),
        (
            lambda: layer_norm(np.ones((4, 3)), eps=-1e-5),
            "layer_norm: eps must be > 0 and finite, got -1e-05",
        ),
        (
            lambda: rms_norm(np.ones((4, 3)), eps=float("nan")),
            "rms_norm: eps must be > 0",
        ),
        (
            lambda: layer_norm(np.ones((4, 3)), eps="small"),
            "layer_norm: eps must be a number",
        ),
        (
            lambda: layer_norm(np.ones((4, 3)), (4,)),
            "normalized_shape (4,) must equal the trailing",
        ),
        (
            lambda: layer_norm(np.ones((4, 3)), (2, 4, 3)),
            "normalized_shape (2, 4, 3)",
        ),
        (
            lambda: layer_norm(np.ones((4, 3)), weight=np.ones(4)),
            "layer_norm: weight must have shape (3,), got (4,)",
        ),
        (
            lambda: layer_norm(np.ones((4, 3)), bias=np.ones((1, 3))),
            "layer_norm: bias must have shape (3,)",
        ),
        (
            lambda: rms_norm(np.ones((4, 3)), weight=np.ones(2)),
            "rms_norm: weight must have shape (3,), got (2,)",
        ),
        (
            lambda: layer_norm(np.float64(1.0)),
            "layer_norm: input must have at least one axis",
        ),
        (
            lambda: layer_norm(np.array(["a", "b"])),
            "layer_norm: input must be numeric",
        ),
        (
            lambda: layer_norm.vjp(np.ones((4, 3)), np.ones((3, 4))),
            "layer_norm.vjp: g must have the shape of x, (4, 3), got (3, 4)",
        ),
        (
            lambda: rms_norm.vjp(np.ones((4, 3)), np.ones(3)),
            "rms_norm.vjp: g must have the shape",
        ),
        (
            lambda: batch_norm.vjp(np.ones((4, 3)), np.ones((4, 2))),
            "batch_norm.vjp: g must have the shape",
        ),
    ],
)
def test_bad_input_gets_one_clear_error(call, message):
    with pytest.raises(ValueError) as info:
        call()
    assert message in str(info.value)


def test_torch_refuses_a_batch_of_one_too():
    with pytest.raises(
        ValueError, match="Expected more than 1 value per channel"
    ):
        F.batch_norm(torch.ones(1, 3), None, None, training=True)


def test_explore_norm_draws_exact_densities_and_layer_norm_forgets_shift_and_scale():
    from acts.plotting import explore_norm

    fig = explore_norm(shift=1.0, scale=2.0)
    assert [c.name for c in fig.controls] == [
        "shift",
        "scale",
        "x_min",
        "x_max",
    ]
    dx = fig.xs[1] - fig.xs[0]
    one = fig.compute(fig.state)["lines"]
    assert all(
        abs(np.sum(d) * dx - 1) < 0.05 for d in one
    )  # each curve is a density
    other = fig.compute({**fig.state, "shift": -3.0, "scale": 0.5})["lines"]
    assert (
        np.max(np.abs(one[1] - other[1])) < 1e-3
    )  # layer norm: the same output (up to ε)
    assert not np.allclose(
        one[2], other[2], atol=1e-2
    )  # RMS norm keeps the shift's trace
    with pytest.raises(
        ValueError, match="explore_norm: shift must be finite and scale > 0"
    ):
        explore_norm(scale=0.0)


def test_the_input_is_never_modified_and_a_layer_refuses_a_batch_of_one():
    x = np.random.default_rng(11).normal(size=(4, 3))
    before = x.copy()
    for norm in (layer_norm, rms_norm, batch_norm):
        norm(x)
        norm.vjp(x, x)
    assert np.array_equal(x, before)
    with pytest.raises(
        ValueError, match="BatchNorm: training mode needs more than one value"
    ):
        BatchNorm(3).forward(np.ones((1, 3)))
    assert np.array_equal(
        BatchNorm(3).forward(np.ones((1, 3)), training=False),
        np.ones((1, 3)) / np.sqrt(1 + 1e-5),
    )
