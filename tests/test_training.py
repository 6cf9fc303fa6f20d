"""The NumPy MLP the training chapters use: its gradients are right and it learns."""

import numpy as np
import pytest

import acts
from acts.datasets import bump, checkerboard, spiral, two_moons, xor
from acts.experiments import distinct
from acts.mlp import MLP, gradient_check, init_scale


@pytest.mark.parametrize("name", acts.names("elementwise"))
def test_backprop_with_acts_derivatives_matches_finite_differences(name):
    X, y = two_moons(24, seed=3)
    net = MLP([2, 5, 4, 1], name, init="xavier", seed=1)
    assert gradient_check(net, X, y) < 1e-6


def test_gradient_check_catches_a_wrong_derivative():
    X, y = two_moons(24, seed=3)
    net = MLP([2, 5, 4, 1], "sigmoid", init="xavier", seed=1)
    wrong = acts.sigmoid.grad
    net.activation = type(
        "Wrong",
        (),
        {
            "__call__": lambda self, x: acts.sigmoid(x),
            "grad": lambda self, x: 1.1 * wrong(x),
        },
    )()
    assert gradient_check(net, X, y) > 1e-3


def test_a_hidden_layer_learns_xor_and_a_bump_that_a_linear_model_cannot():
    X, y = xor()
    net = MLP([2, 8, 1], "sigmoid", init="xavier", seed=0)
    net.fit(X, y, steps=500, lr=0.1)
    assert net.accuracy(X, y) == 1.0
    Xb, yb = bump()
    deep = MLP([1, 16, 1], "sigmoid", init="xavier", seed=0, task="regression")
    deep_loss = deep.fit(Xb, yb, steps=1500, lr=0.02)[-1]
    linear_loss = np.mean(
        (np.polyval(np.polyfit(Xb[:, 0], yb, 1), Xb[:, 0]) - yb) ** 2
    )
    assert deep_loss < 0.1 * linear_loss


def test_datasets_are_seeded_and_balanced():
    for make in (two_moons, spiral):
        X1, y1 = make(101, seed=5)
        X2, y2 = make(101, seed=5)
        np.testing.assert_array_equal(X1, X2)
        assert X1.shape == (101, 2) and abs(y1.mean() - 0.5) < 0.01


def test_init_scales():
    assert init_scale("he", 50, 10) == pytest.approx(0.2)
    assert init_scale("xavier", 30, 70) == pytest.approx(np.sqrt(2 / 100))
    with pytest.raises(ValueError, match="init must be"):
        init_scale("glorot", 1, 1)


class _LayerNorm:
    """A minimal layer norm with a learnable scale and shift: the transform interface."""

    def __init__(self, width):
        self.gamma, self.beta = np.full(width, 1.3), np.full(width, 0.1)

    def forward(self, z, training=True):
        self.mu, self.sd = (
            z.mean(-1, keepdims=True),
            np.sqrt(z.var(-1, keepdims=True) + 1e-5),
        )
        self.xhat = (z - self.mu) / self.sd
        return self.gamma * self.xhat + self.beta

    def backward(self, g):
        self.d_gamma = (g * self.xhat).reshape(-1, g.shape[-1]).sum(0)
        self.d_beta = g.reshape(-1, g.shape[-1]).sum(0)
        gx = g * self.gamma
        return (
            gx
            - gx.mean(-1, keepdims=True)
            - self.xhat * (gx * self.xhat).mean(-1, keepdims=True)
        ) / self.sd

    def params(self):
        return [self.gamma, self.beta]

    def grads(self):
        return [self.d_gamma, self.d_beta]


@pytest.mark.parametrize("placement", ["pre", "post", "pre-norm", "post-norm"])
@pytest.mark.parametrize("residual", [False, True])
def test_backprop_through_transforms_and_residual_blocks_matches_finite_differences(
    placement, residual
):
    X, y = two_moons(12, seed=3)
    net = MLP(
        [2, 4, 4, 4, 1],
        "tanh",
        init="xavier",
        seed=2,
        residual=residual,
        transforms=lambda i, width: _LayerNorm(width),
        placement=placement,
    )
    assert [net.is_residual(i) for i in range(3)] == [False, residual, residual]
    assert gradient_check(net, X, y) < 1e-6


def test_residual_blocks_and_multiclass_gradients_match_finite_differences():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(10, 3)), rng.integers(0, 3, 10)
    net = MLP(
        [3, 4, 4, 3],
        "gelu",
        init="he",
        seed=1,
        residual=True,
        task="multiclass",
    )
    assert gradient_check(net, X, y) < 1e-6
    net.fit(X, y, steps=200, lr=0.05)
    assert net.accuracy(X, y) == 1.0


def test_a_residual_block_adds_its_input():
    X = np.random.default_rng(0).normal(size=(5, 3))
    plain = MLP([3, 3, 3, 1], "relu", seed=4)
    res = MLP([3, 3, 3, 1], "relu", seed=4, residual=True)
    plain.forward(X), res.forward(X)
    h1 = acts.relu(X @ plain.weights[0])
    np.testing.assert_allclose(
        res._cache[1]["out"], h1 + acts.relu(h1 @ plain.weights[1])
    )


def test_several_seeds_train_as_the_networks_of_each_seed_would():
    X, y = spiral(40, seed=1)
    many = MLP([2, 6, 6, 1], "elu", init="he", seed=[3, 7])
    losses = many.fit(X, y, steps=20, lr=0.01)
    assert losses.shape == (20, 2)
    for k, s in enumerate((3, 7)):
        one = MLP([2, 6, 6, 1], "elu", init="he", seed=s)
        np.testing.assert_allclose(
            one.fit(X, y, steps=20, lr=0.01), losses[:, k], rtol=1e-12
        )
        assert one.accuracy(X, y) == many.accuracy(X, y)[k]
    assert (
        gradient_check(MLP([2, 3, 1], "tanh", seed=[0, 1]), X[:8], y[:8]) < 1e-6
    )


def test_layer_statistics_summarise_each_layer_and_unit_fractions_count_dead_units():
    X = np.random.default_rng(0).normal(size=(200, 16))
    y = (X[:, 0] > 0).astype(float)
    net = MLP([16] * 6 + [1], "relu", init="he", seed=0)
    stats = net.layer_statistics(X, y)
    assert stats["activation"].quantiles.shape == (5, 5) and stats[
        "weight_grad"
    ].std.shape == (5,)
    np.testing.assert_allclose(
        stats["activation"].std[2], net._cache[2]["out"].std()
    )
    np.testing.assert_allclose(
        stats["pre_grad"].quantiles[0, 2], np.median(net._cache[0]["g_z"])
    )
    _, dW, _ = net.backward(X, y)
    np.testing.assert_allclose(
        stats["weight_grad"].rms, [np.sqrt(np.mean(w**2)) for w in dW[:5]]
    )
    dead = MLP([16] * 3 + [1], "relu", init="he", seed=0, bias=-100.0)
    dead.backward(X, y)
    frac = dead.unit_fractions()
    for key in ("dead", "off", "zero"):
        np.testing.assert_array_equal(frac[key], [1.0, 1.0], err_msg=key)
    assert np.all(net.unit_fractions()["dead"] < 0.5)
    # a leaky unit pushed below 0 everywhere is off but not dead: it still gets a gradient
    leaky = MLP(
        [16] * 3 + [1], "leaky_relu", init="he", seed=[0, 1], bias=-100.0
    )
    leaky.backward(X, y)
    frac = leaky.unit_fractions()
    np.testing.assert_array_equal(frac["off"], np.ones((2, 2)))
    np.testing.assert_array_equal(frac["dead"], np.zeros((2, 2)))
    assert np.all(frac["zero"] == 0)


def test_gain_scales_the_weights_and_checks_its_arguments():
    assert init_scale("lecun", 25, 3, gain=2.0) == pytest.approx(0.4)
    with pytest.raises(ValueError, match="placement"):
        MLP([2, 2, 1], "relu", placement="middle")
    with pytest.raises(ValueError, match="one entry per hidden layer"):
        MLP([2, 2, 2, 1], "relu", transforms=[None])


def test_checkerboard_labels_alternate_between_neighbouring_squares():
    X, y = checkerboard(2000, cells=3, seed=4)
    assert X.shape == (2000, 2) and np.all(np.abs(X) <= 1)
    square = np.floor((X + 1) * 1.5).astype(int)
    np.testing.assert_array_equal(y, (square[:, 0] + square[:, 1]) % 2)
    np.testing.assert_array_equal(
        checkerboard(50, seed=4)[0], checkerboard(50, seed=4)[0]
    )
    assert 0.4 < y.mean() < 0.65  # 5 of 9 squares are labelled 0


def test_distinct_finds_the_three_duplicates_and_nothing_else():
    # SiLU = Swish(β = 1), ELU = CELU(α = 1), ReLU = threshold(0, 0).
    kept, same = distinct(acts.names("elementwise"))
    assert same == {"swish": "silu", "celu": "elu", "threshold": "relu"}
    assert len(kept) == len(acts.names("elementwise")) - 3 and "prelu" in kept


def test_mini_batches_are_seeded_and_change_the_steps():
    X, y = checkerboard(64, seed=1)
    runs = [
        MLP([2, 8, 1], "relu", seed=0).fit(
            X, y, steps=5, lr=0.01, batch_size=16, batch_seed=s
        )
        for s in (3, 3, 4)
    ]
    np.testing.assert_array_equal(runs[0], runs[1])
    assert not np.array_equal(runs[0], runs[2])
    sgd = MLP([2, 8, 1], "relu", seed=0)
    w0 = sgd.weights[0].copy()
    _, dW, _ = sgd.backward(X, y)
    sgd.fit(X, y, steps=1, lr=0.5, optimizer="sgd")
    np.testing.assert_allclose(sgd.weights[0], w0 - 0.5 * dW[0])
