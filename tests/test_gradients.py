"""Every derivative and every backward pass agrees with centred finite differences (relative error < 1e-7).

The referee is always independent of the code it judges: finite differences of a loss written out here in plain
numpy, or of a public function whose value is itself checked against a hand-worked number.
"""

import numpy as np
import pytest

import nnlib
from nnlib.activations import ACTIVATIONS

TOLERANCE = 1e-7


def away_from_kinks(rng, shape):
    """Inputs that keep clear of z = 0, where ReLU's derivative jumps and finite differences straddle it."""
    z = rng.normal(0, 2, size=shape)
    return np.where(np.abs(z) < 0.1, 0.5, z)


@pytest.mark.parametrize("name", ["relu", "sigmoid", "tanh", "leaky_relu"])
def test_activation_derivatives_match_finite_differences(name):
    f, derivative = getattr(nnlib, name), getattr(nnlib, name + "_derivative")
    z = away_from_kinks(np.random.default_rng(0), (5, 4))
    numeric = nnlib.numerical_gradient(lambda v: np.sum(f(v)), z)
    assert nnlib.relative_error(derivative(z), numeric) < TOLERANCE


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_every_activation_record_tells_the_truth(name):
    record = ACTIVATIONS[name]
    assert record.name == name and record.init in ("he", "lecun") and record.label
    z = away_from_kinks(np.random.default_rng(1), (40,))
    numeric = nnlib.numerical_gradient(lambda v: np.sum(record.function(v)), z)
    assert nnlib.relative_error(record.derivative(z), numeric) < TOLERANCE
    wide = np.linspace(-30, 30, 6001)
    low, high = record.output_range
    assert np.all(record.function(wide) >= low) and np.all(record.function(wide) <= high)
    assert np.max(record.derivative(wide)) == pytest.approx(record.max_slope, rel=1e-6)


def test_sigmoid_derivative_peaks_at_a_quarter():
    assert nnlib.sigmoid_derivative(0.0) == pytest.approx(0.25)
    assert np.all(nnlib.sigmoid_derivative(np.linspace(-10, 10, 101)) <= 0.25)


def test_mse_gradient():
    rng = np.random.default_rng(2)
    y_pred, y_true = rng.normal(size=(6, 2)), rng.normal(size=(6, 2))
    numeric = nnlib.numerical_gradient(lambda p: nnlib.mse(p, y_true), y_pred)
    assert nnlib.relative_error(nnlib.mse_gradient(y_pred, y_true), numeric) < TOLERANCE


def test_cross_entropy_gradient():
    probs = nnlib.softmax(np.random.default_rng(3).normal(size=(5, 4)))
    y = np.array([0, 3, 1, 1, 2])
    numeric = nnlib.numerical_gradient(lambda p: nnlib.cross_entropy(p, y), probs)
    assert nnlib.relative_error(nnlib.cross_entropy_gradient(probs, y), numeric) < TOLERANCE


def test_softmax_cross_entropy_gradient():
    logits = np.random.default_rng(4).normal(size=(5, 4))
    y = np.array([0, 3, 1, 1, 2])
    numeric = nnlib.numerical_gradient(lambda z: nnlib.softmax_cross_entropy(z, y), logits)
    assert nnlib.relative_error(nnlib.softmax_cross_entropy_gradient(logits, y), numeric) < TOLERANCE


def test_softmax_cross_entropy_is_the_hand_worked_number():
    # logits (0, ln 3) give probabilities (1/4, 3/4): the losses are ln 4 and ln(4/3)
    logits = np.array([[0.0, np.log(3.0)], [0.0, np.log(3.0)]])
    assert nnlib.softmax_cross_entropy(logits, [0, 1]) == pytest.approx((np.log(4) + np.log(4 / 3)) / 2)


@pytest.mark.parametrize("shape", [(6,), (6, 1)])
def test_binary_cross_entropy_value_and_gradient(shape):
    logits = np.random.default_rng(5).normal(0, 2, size=shape)
    y = np.array([0, 1, 1, 0, 1, 0])
    p = 1 / (1 + np.exp(-logits.ravel()))
    assert nnlib.binary_cross_entropy(logits, y) == pytest.approx(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
    numeric = nnlib.numerical_gradient(lambda z: nnlib.binary_cross_entropy(z, y), logits)
    gradient = nnlib.binary_cross_entropy_gradient(logits, y)
    assert gradient.shape == shape
    assert nnlib.relative_error(gradient, numeric) < TOLERANCE


def test_dense_backward():
    rng = np.random.default_rng(6)
    X, W, b = rng.normal(size=(4, 3)), rng.normal(size=(3, 2)), rng.normal(size=2)
    upstream = rng.normal(size=(4, 2))  # a made-up dL/dZ; L = sum(Z * upstream) has exactly that gradient

    def loss(X_, W_, b_):
        return np.sum((X_ @ W_ + b_) * upstream)

    _, cache = nnlib.dense_forward(X, W, b)
    dX, dW, db = nnlib.dense_backward(upstream, cache)
    assert nnlib.relative_error(dX, nnlib.numerical_gradient(lambda v: loss(v, W, b), X)) < TOLERANCE
    assert nnlib.relative_error(dW, nnlib.numerical_gradient(lambda v: loss(X, v, b), W)) < TOLERANCE
    assert nnlib.relative_error(db, nnlib.numerical_gradient(lambda v: loss(X, W, v), b)) < TOLERANCE


HIDDEN = {"relu": lambda z: np.maximum(z, 0), "sigmoid": lambda z: 1 / (1 + np.exp(-z)), "tanh": np.tanh,
          "leaky_relu": lambda z: np.where(z > 0, z, 0.01 * z), "linear": lambda z: z}


def reference_loss(weights, biases, activation, X, y, weight_decay):
    """MLP.loss written out independently: the forward pass, cross-entropy, and the weight-decay penalty."""
    A = X
    for W, b in zip(weights[:-1], biases[:-1]):
        A = HIDDEN[activation](A @ W + b)
    Z = A @ weights[-1] + biases[-1]
    if Z.shape[1] == 1:
        p = 1 / (1 + np.exp(-Z[:, 0]))
        data = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    else:
        P = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
        data = -np.mean(np.log(P[np.arange(len(y)), y]))
    return data + weight_decay / 2 * sum(np.sum(W ** 2) for W in weights)


@pytest.mark.parametrize("weight_decay", [0.0, 0.3])
@pytest.mark.parametrize("activation", list(HIDDEN))
@pytest.mark.parametrize("sizes", [[3, 5, 4], [2, 4, 3, 1]])
def test_mlp_loss_and_gradients_match_finite_differences(activation, sizes, weight_decay):
    rng = np.random.default_rng(7)
    net = nnlib.MLP(sizes, activation=activation, seed=1)
    net.biases = [rng.normal(0, 0.5, size=b.shape) for b in net.biases]  # so a missing bias gradient would show
    X = away_from_kinks(rng, (6, sizes[0]))
    y = rng.integers(0, net.n_classes, size=6)
    weights, biases = [W.copy() for W in net.weights], [b.copy() for b in net.biases]
    assert net.loss(X, y, weight_decay=weight_decay) == pytest.approx(
        reference_loss(weights, biases, activation, X, y, weight_decay), rel=1e-10)
    dWs, dbs = net.gradients(X, y, weight_decay=weight_decay)
    for i in range(len(weights)):
        def loss_with_W(W, i=i):
            return reference_loss(weights[:i] + [W] + weights[i + 1:], biases, activation, X, y, weight_decay)

        def loss_with_b(b, i=i):
            return reference_loss(weights, biases[:i] + [b] + biases[i + 1:], activation, X, y, weight_decay)

        assert nnlib.relative_error(dWs[i], nnlib.numerical_gradient(loss_with_W, weights[i])) < TOLERANCE
        assert nnlib.relative_error(dbs[i], nnlib.numerical_gradient(loss_with_b, biases[i])) < TOLERANCE


def test_weight_decay_adds_exactly_its_penalty_and_spares_the_biases():
    rng = np.random.default_rng(8)
    net = nnlib.MLP([3, 4, 2], seed=0)
    net.biases = [np.full(4, 5.0), np.full(2, -5.0)]  # large biases: if they were penalised, it would show
    X, y = rng.normal(size=(5, 3)), np.array([0, 1, 1, 0, 1])
    squares = sum(float(np.sum(W ** 2)) for W in net.weights)
    assert net.loss(X, y, weight_decay=0.2) - net.loss(X, y) == pytest.approx(0.1 * squares, rel=1e-10)
    (dW1, dW2), (db1, db2) = net.gradients(X, y, weight_decay=0.2)
    (plain_dW1, plain_dW2), (plain_db1, plain_db2) = net.gradients(X, y)
    assert np.allclose(dW1 - plain_dW1, 0.2 * net.weights[0]) and np.allclose(dW2 - plain_dW2, 0.2 * net.weights[1])
    assert np.allclose(db1, plain_db1) and np.allclose(db2, plain_db2)


def test_numerical_gradient_leaves_its_input_alone():
    x = np.array([1.0, 2.0, 3.0])
    nnlib.numerical_gradient(lambda v: np.sum(v ** 2), x)
    assert np.array_equal(x, [1.0, 2.0, 3.0])


def test_relative_error_is_zero_for_equal_and_large_for_different():
    a = np.array([1.0, -2.0])
    assert nnlib.relative_error(a, a.copy()) == 0.0
    assert nnlib.relative_error(a, -a) == pytest.approx(1.0)
