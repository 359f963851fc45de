"""Extreme numbers give finite, correct answers and no numpy warnings (pyproject turns RuntimeWarning into errors)."""

import warnings

import numpy as np
import pytest

import nnlib


@pytest.fixture(autouse=True)
def no_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def test_softmax_of_huge_logits():
    p = nnlib.softmax(np.array([[1000.0, -1000.0, 0.0], [1000.0, 1000.0, -1000.0]]))
    assert np.allclose(p, [[1, 0, 0], [0.5, 0.5, 0]])
    assert np.allclose(p.sum(axis=1), 1)


def test_softmax_rows_sum_to_one_and_keep_order():
    z = np.random.default_rng(0).normal(0, 5, size=(20, 10))
    p = nnlib.softmax(z)
    assert np.allclose(p.sum(axis=-1), 1) and np.all(p > 0)
    assert np.array_equal(p.argmax(axis=1), z.argmax(axis=1))


def test_sigmoid_of_huge_inputs():
    assert np.allclose(nnlib.sigmoid([-1000.0, 0.0, 1000.0]), [0.0, 0.5, 1.0])
    assert nnlib.sigmoid(-40.0) == pytest.approx(np.exp(-40.0), rel=1e-6)


def test_confident_wrong_prediction_has_the_exact_loss():
    logits = np.array([[1000.0, -1000.0]])
    assert nnlib.softmax_cross_entropy(logits, [1]) == pytest.approx(2000.0)
    assert nnlib.softmax_cross_entropy(logits, [0]) == pytest.approx(0.0)
    assert np.allclose(nnlib.softmax_cross_entropy_gradient(logits, [1]), [[1.0, -1.0]])


def test_cross_entropy_of_probabilities_stays_finite():
    assert nnlib.cross_entropy(np.array([[1 - 1e-12, 1e-12]]), [1]) == pytest.approx(-np.log(1e-12))
    assert np.isfinite(nnlib.cross_entropy(np.array([[1.0, 0.0]]), [1]))
    assert np.all(np.isfinite(nnlib.cross_entropy_gradient(np.array([[1.0, 0.0]]), [1])))


def test_ten_equal_guesses_cost_ln_10():
    assert nnlib.cross_entropy(np.full((4, 10), 0.1), [0, 3, 5, 9]) == pytest.approx(np.log(10))


def test_sigmoid_network_fed_huge_inputs():
    net = nnlib.MLP([3, 8, 8, 4], activation="sigmoid")
    X = np.array([[1e6, -1e6, 5e5], [-1e6, 1e6, 0.0]])
    y = np.array([0, 3])
    probs = net.predict_proba(X)
    assert np.all(np.isfinite(probs)) and np.allclose(probs.sum(axis=1), 1)
    assert np.isfinite(net.loss(X, y))
    assert all(np.all(np.isfinite(g)) for grads in net.gradients(X, y) for g in grads)
    history = net.fit(X, y, epochs=2, lr=0.1, batch_size=2)
    assert np.all(np.isfinite(history["loss"]))


def test_single_output_network_with_huge_logits():
    net = nnlib.MLP([1, 1], activation="linear")
    net.weights, net.biases = [np.array([[1.0]])], [np.array([0.0])]
    X = np.array([[1000.0], [-1000.0]])
    assert net.loss(X, [0, 1]) == pytest.approx(1000.0)
    assert np.array_equal(net.predict(X), [1, 0])


def test_binary_cross_entropy_of_huge_logits_is_exact():
    assert nnlib.binary_cross_entropy([1000.0, -1000.0], [0, 1]) == pytest.approx(1000.0)
    assert nnlib.binary_cross_entropy([1000.0, -1000.0], [1, 0]) == pytest.approx(0.0)
    assert np.allclose(nnlib.binary_cross_entropy_gradient([[1000.0], [-1000.0]], [0, 1]), [[0.5], [-0.5]])


def test_weight_decay_on_a_network_with_huge_weights_stays_finite():
    net = nnlib.MLP([2, 3, 2], init=1e3)
    X, y = np.array([[1.0, -1.0], [0.5, 2.0]]), np.array([0, 1])
    assert np.isfinite(net.loss(X, y, weight_decay=1e-4))
    assert all(np.all(np.isfinite(g)) for grads in net.gradients(X, y, weight_decay=1e-4) for g in grads)
