"""The MLP behaves the way the notebooks say it does."""

import numpy as np
import pytest

import nnlib


def test_shapes_follow_the_course_convention():
    net = nnlib.MLP([64, 32, 10])
    assert [W.shape for W in net.weights] == [(64, 32), (32, 10)]
    assert [b.shape for b in net.biases] == [(32,), (10,)]
    assert net.n_parameters == 64 * 32 + 32 + 32 * 10 + 10
    outputs = net.layer_outputs(np.zeros((5, 64)))
    assert [a.shape for a in outputs] == [(5, 32), (5, 10)]
    assert repr(net) == "MLP([64, 32, 10], activation='relu')"


def test_same_seed_same_network_and_same_training():
    X, y = nnlib.toy_2d("moons", n_samples=100)
    a, b = nnlib.MLP([2, 8, 2], seed=3), nnlib.MLP([2, 8, 2], seed=3)
    assert all(np.array_equal(Wa, Wb) for Wa, Wb in zip(a.weights, b.weights))
    assert a.fit(X, y, epochs=5, seed=1) == b.fit(X, y, epochs=5, seed=1)


def test_untrained_ten_class_network_starts_near_ln_10():
    X_train, _, y_train, _ = nnlib.digits_split()
    assert nnlib.MLP([64, 32, 10]).loss(X_train, y_train) == pytest.approx(np.log(10), abs=0.3)


def test_training_on_digits_reaches_97_percent():
    X_train, X_test, y_train, y_test = nnlib.digits_split()
    net = nnlib.MLP([64, 64, 10])
    history = net.fit(X_train, y_train, epochs=30, lr=0.1, batch_size=32, validation_data=(X_test, y_test))
    assert set(history) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert all(len(v) == 30 for v in history.values())
    assert history["loss"][-1] < history["loss"][0] / 5
    assert net.accuracy(X_test, y_test) >= 0.97
    assert history["val_accuracy"][-1] == pytest.approx(net.accuracy(X_test, y_test))
    assert history["val_loss"][-1] == pytest.approx(net.loss(X_test, y_test))


def test_predictions_are_labels_and_probabilities_sum_to_one():
    net = nnlib.MLP([4, 5, 3])
    X = np.random.default_rng(0).normal(size=(7, 4))
    assert np.allclose(net.predict_proba(X).sum(axis=1), 1)
    assert np.array_equal(net.predict(X), net.predict_proba(X).argmax(axis=1))
    assert np.allclose(nnlib.softmax(net.logits(X)), net.predict_proba(X))


def test_a_hand_made_2_2_1_network_solves_xor():
    X, y = nnlib.logic_gate("xor")
    net = nnlib.MLP([2, 2, 1], activation="relu")
    net.weights = [np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([[1.0], [-2.0]])]
    net.biases = [np.array([0.0, -1.0]), np.array([-0.5])]
    assert np.array_equal(net.predict(X), y)
    assert net.accuracy(X, y) == 1.0


def test_xor_can_be_learned_but_not_by_a_linear_model():
    X, y = nnlib.toy_2d("xor", n_samples=200)
    linear = nnlib.MLP([2, 1], activation="linear")
    linear.fit(X, y, epochs=50, lr=0.5, batch_size=16)
    deep = nnlib.MLP([2, 8, 1], activation="tanh")
    deep.fit(X, y, epochs=100, lr=0.5, batch_size=16)
    assert linear.accuracy(X, y) < 0.75
    assert deep.accuracy(X, y) > 0.95


def test_zero_epochs_trains_nothing():
    net = nnlib.MLP([2, 3, 2])
    before = [W.copy() for W in net.weights]
    assert net.fit(np.zeros((4, 2)), [0, 1, 0, 1], epochs=0) == {"loss": [], "accuracy": []}
    assert all(np.array_equal(a, b) for a, b in zip(before, net.weights))


def test_assigning_a_list_of_lists_works():
    net = nnlib.MLP([2, 1])
    net.weights = [[[1.0], [2.0]]]
    net.biases = [[0.5]]
    assert net.logits(np.array([[1.0, 1.0]]))[0, 0] == pytest.approx(3.5)
