"""Every derivative and every backward pass agrees with centred finite differences (relative error < 1e-7)."""

import numpy as np
import pytest

import nnlib

TOLERANCE = 1e-7
rng = np.random.default_rng(0)


def away_from_kinks(shape):
    """Inputs that keep clear of z = 0, where ReLU's derivative jumps and finite differences straddle it."""
    z = rng.normal(0, 2, size=shape)
    return np.where(np.abs(z) < 0.1, 0.5, z)


@pytest.mark.parametrize("name", ["relu", "sigmoid", "tanh", "leaky_relu"])
def test_activation_derivatives_match_finite_differences(name):
    f, derivative = getattr(nnlib, name), getattr(nnlib, name + "_derivative")
    z = away_from_kinks((5, 4))
    numeric = nnlib.numerical_gradient(lambda v: np.sum(f(v)), z)
    assert nnlib.relative_error(derivative(z), numeric) < TOLERANCE


def test_sigmoid_derivative_peaks_at_a_quarter():
    assert nnlib.sigmoid_derivative(0.0) == pytest.approx(0.25)
    assert np.all(nnlib.sigmoid_derivative(np.linspace(-10, 10, 101)) <= 0.25)


def test_mse_gradient():
    y_pred, y_true = rng.normal(size=(6, 2)), rng.normal(size=(6, 2))
    numeric = nnlib.numerical_gradient(lambda p: nnlib.mse(p, y_true), y_pred)
    assert nnlib.relative_error(nnlib.mse_gradient(y_pred, y_true), numeric) < TOLERANCE


def test_cross_entropy_gradient():
    probs = nnlib.softmax(rng.normal(size=(5, 4)))
    y = np.array([0, 3, 1, 1, 2])
    numeric = nnlib.numerical_gradient(lambda p: nnlib.cross_entropy(p, y), probs)
    assert nnlib.relative_error(nnlib.cross_entropy_gradient(probs, y), numeric) < TOLERANCE


def test_softmax_cross_entropy_gradient():
    logits = rng.normal(size=(5, 4))
    y = np.array([0, 3, 1, 1, 2])
    numeric = nnlib.numerical_gradient(lambda z: nnlib.softmax_cross_entropy(z, y), logits)
    assert nnlib.relative_error(nnlib.softmax_cross_entropy_gradient(logits, y), numeric) < TOLERANCE


def test_dense_backward():
    X, W, b = rng.normal(size=(4, 3)), rng.normal(size=(3, 2)), rng.normal(size=2)
    upstream = rng.normal(size=(4, 2))  # a made-up dL/dZ; L = sum(Z * upstream) has exactly that gradient

    def loss(X_, W_, b_):
        return np.sum(nnlib.dense_forward(X_, W_, b_)[0] * upstream)

    _, cache = nnlib.dense_forward(X, W, b)
    dX, dW, db = nnlib.dense_backward(upstream, cache)
    assert nnlib.relative_error(dX, nnlib.numerical_gradient(lambda v: loss(v, W, b), X)) < TOLERANCE
    assert nnlib.relative_error(dW, nnlib.numerical_gradient(lambda v: loss(X, v, b), W)) < TOLERANCE
    assert nnlib.relative_error(db, nnlib.numerical_gradient(lambda v: loss(X, W, v), b)) < TOLERANCE


@pytest.mark.parametrize("activation", ["relu", "sigmoid", "tanh", "leaky_relu", "linear"])
@pytest.mark.parametrize("sizes", [[3, 5, 4], [2, 4, 3, 1]])
def test_mlp_gradients(activation, sizes):
    net = nnlib.MLP(sizes, activation=activation, seed=1)
    X = rng.normal(size=(6, sizes[0]))
    y = rng.integers(0, net.n_classes, size=6)
    dWs, dbs = net.gradients(X, y)
    for i in range(len(net.weights)):
        def loss_with_W(W, i=i):
            saved, net.weights[i] = net.weights[i], W
            value = net.loss(X, y)
            net.weights[i] = saved
            return value

        def loss_with_b(b, i=i):
            saved, net.biases[i] = net.biases[i], b
            value = net.loss(X, y)
            net.biases[i] = saved
            return value

        assert nnlib.relative_error(dWs[i], nnlib.numerical_gradient(loss_with_W, net.weights[i])) < TOLERANCE
        assert nnlib.relative_error(dbs[i], nnlib.numerical_gradient(loss_with_b, net.biases[i])) < TOLERANCE


def test_numerical_gradient_leaves_its_input_alone():
    x = np.array([1.0, 2.0, 3.0])
    nnlib.numerical_gradient(lambda v: np.sum(v ** 2), x)
    assert np.array_equal(x, [1.0, 2.0, 3.0])


def test_relative_error_is_zero_for_equal_and_large_for_different():
    a = np.array([1.0, -2.0])
    assert nnlib.relative_error(a, a.copy()) == 0.0
    assert nnlib.relative_error(a, -a) == pytest.approx(1.0)
