"""The NumPy MLP the training chapters use: its gradients are right and it learns."""

import numpy as np
import pytest

import acts
from acts.datasets import bump, spiral, two_moons, xor
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
    net.activation = type("Wrong", (), {"__call__": lambda self, x: acts.sigmoid(x),
                                        "grad": lambda self, x: 1.1 * wrong(x)})()
    assert gradient_check(net, X, y) > 1e-3


def test_a_hidden_layer_learns_xor_and_a_bump_that_a_linear_model_cannot():
    X, y = xor()
    net = MLP([2, 8, 1], "sigmoid", init="xavier", seed=0)
    net.fit(X, y, steps=500, lr=0.1)
    assert net.accuracy(X, y) == 1.0
    Xb, yb = bump()
    deep = MLP([1, 16, 1], "sigmoid", init="xavier", seed=0, task="regression")
    deep_loss = deep.fit(Xb, yb, steps=1500, lr=0.02)[-1]
    linear_loss = np.mean((np.polyval(np.polyfit(Xb[:, 0], yb, 1), Xb[:, 0]) - yb) ** 2)
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
