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


def test_the_forward_pass_is_dense_forward_and_the_activation_layer_by_layer():
    rng = np.random.default_rng(0)
    net = nnlib.MLP([5, 4, 3, 2], activation="tanh", seed=2)
    net.biases = [rng.normal(size=b.shape) for b in net.biases]
    X = rng.normal(size=(6, 5))
    (W1, W2, W3), (b1, b2, b3) = net.weights, net.biases
    A1 = np.tanh(X @ W1 + b1)
    A2 = np.tanh(A1 @ W2 + b2)
    Z3 = A2 @ W3 + b3
    P = np.exp(Z3) / np.exp(Z3).sum(axis=1, keepdims=True)
    hidden_1, hidden_2, probs = net.layer_outputs(X)
    assert np.allclose(hidden_1, A1) and np.allclose(hidden_2, A2) and np.allclose(probs, P)
    assert np.allclose(net.logits(X), Z3) and np.allclose(net.predict_proba(X), P)


def test_pre_activations_are_each_layers_z_before_its_activation_by_hand():
    net = nnlib.MLP([2, 2, 1])
    net.weights = [np.array([[1.0, -1.0], [2.0, 0.0]]), np.array([[1.0], [-2.0]])]
    net.biases = [np.array([0.5, -1.0]), np.array([0.25])]
    X = np.array([[1.0, 2.0], [0.0, -1.0]])
    # row 1: z1 = (1 + 4 + 0.5, -1 + 0 - 1) = (5.5, -2), ReLU -> (5.5, 0), z2 = 5.5 - 0 + 0.25 = 5.75
    # row 2: z1 = (0 - 2 + 0.5, 0 + 0 - 1) = (-1.5, -1), ReLU -> (0, 0), z2 = 0.25
    Z1, Z2 = net.pre_activations(X)
    np.testing.assert_allclose(Z1, [[5.5, -2.0], [-1.5, -1.0]])
    np.testing.assert_allclose(Z2, [[5.75], [0.25]])
    np.testing.assert_allclose(net.layer_outputs(X)[0], [[5.5, 0.0], [0.0, 0.0]])
    np.testing.assert_allclose(Z2, net.logits(X))
    with pytest.raises(ValueError, match="2-D"):
        net.pre_activations(np.array([1.0, 2.0]))


def test_default_starting_weights_are_he_for_relu_and_lecun_for_the_s_curves():
    """The notebooks print numbers that depend on these exact starting weights (seed 0)."""
    expected_rng = np.random.default_rng(0)
    relu = nnlib.MLP([64, 32, 10], seed=0)
    assert np.allclose(relu.weights[0], expected_rng.normal(0, np.sqrt(2 / 64), (64, 32)), rtol=1e-12, atol=0)
    assert np.allclose(relu.weights[1], expected_rng.normal(0, np.sqrt(2 / 32), (32, 10)), rtol=1e-12, atol=0)
    expected_rng = np.random.default_rng(3)
    sigmoid = nnlib.MLP([64, 32, 10], activation="sigmoid", seed=3)
    assert np.allclose(sigmoid.weights[0], expected_rng.normal(0, np.sqrt(1 / 64), (64, 32)), rtol=1e-12, atol=0)
    assert all(not np.any(b) for b in relu.biases + sigmoid.biases)
    assert (relu.init, sigmoid.init, nnlib.MLP([2, 1], activation="linear").init) == ("he", "lecun", "lecun")
    assert nnlib.MLP([2, 3, 1], activation="leaky_relu").init == "he"
    assert nnlib.MLP([2, 3, 1], activation="tanh").init == "lecun"


@pytest.mark.parametrize("init, activation, std", [
    ("he", "sigmoid", np.sqrt(2 / 1000)),
    ("lecun", "relu", np.sqrt(1 / 1000)),
    ("xavier", "relu", np.sqrt(2 / (1000 + 500))),
    (0.05, "tanh", 0.05),
    (None, "relu", np.sqrt(2 / 1000)),
    (None, "tanh", np.sqrt(1 / 1000)),
])
def test_starting_weights_have_the_promised_spread(init, activation, std):
    net = nnlib.MLP([1000, 500, 1], activation=activation, init=init, seed=4)
    W = net.weights[0]  # half a million draws: their spread is within 1% of the promise
    assert abs(W.mean()) < 0.01 * std
    assert W.std() == pytest.approx(std, rel=0.01)
    assert all(not np.any(b) for b in net.biases)


def test_zeros_init_starts_every_weight_at_zero():
    net = nnlib.MLP([4, 3, 2], init="zeros")
    assert all(W.shape == shape and not np.any(W) for W, shape in zip(net.weights, [(4, 3), (3, 2)]))


def test_same_seed_same_network_and_same_training():
    X, y = nnlib.toy_2d("moons", n_samples=100)
    a, b = nnlib.MLP([2, 8, 2], seed=3), nnlib.MLP([2, 8, 2], seed=3)
    assert all(np.array_equal(Wa, Wb) for Wa, Wb in zip(a.weights, b.weights))
    assert a.fit(X, y, epochs=5, seed=1) == b.fit(X, y, epochs=5, seed=1)


def hand_written_sgd(weights, biases, X, y, order, lr, batch_size, weight_decay):
    """One epoch of fit for a ReLU network with a softmax output, written out with plain numpy."""
    weights, biases = [W.copy() for W in weights], [b.copy() for b in biases]
    for start in range(0, len(X), batch_size):
        rows = order[start:start + batch_size]
        xb, yb = X[rows], y[rows]
        z1 = xb @ weights[0] + biases[0]
        a1 = np.maximum(z1, 0)
        z2 = a1 @ weights[1] + biases[1]
        p = np.exp(z2 - z2.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        dz2 = (p - np.eye(z2.shape[1])[yb]) / len(xb)
        dz1 = (dz2 @ weights[1].T) * (z1 > 0)
        grads = [(xb.T @ dz1 + weight_decay * weights[0], dz1.sum(axis=0)),
                 (a1.T @ dz2 + weight_decay * weights[1], dz2.sum(axis=0))]
        for i, (dW, db) in enumerate(grads):
            weights[i] = weights[i] - lr * dW
            biases[i] = biases[i] - lr * db
    return weights, biases


@pytest.mark.parametrize("weight_decay", [0.0, 0.01])
def test_one_epoch_of_fit_is_plain_minibatch_sgd(weight_decay):
    X_train, _, y_train, _ = nnlib.digits_split()
    X, y = X_train[:200], y_train[:200]
    net = nnlib.MLP([64, 16, 10], seed=5)
    order = np.random.default_rng(9).permutation(len(X))  # what fit(seed=9) shuffles in its first epoch
    expected_W, expected_b = hand_written_sgd(net.weights, net.biases, X, y, order, 0.2, 32, weight_decay)
    net.fit(X, y, epochs=1, lr=0.2, batch_size=32, seed=9, weight_decay=weight_decay)
    for got, want in zip(net.weights + net.biases, expected_W + expected_b):
        assert np.allclose(got, want, rtol=1e-9, atol=1e-12)


def test_weight_decay_keeps_the_weights_smaller():
    X, y = nnlib.toy_2d("moons", n_samples=200)
    plain, decayed = nnlib.MLP([2, 16, 2], seed=0), nnlib.MLP([2, 16, 2], seed=0)
    plain.fit(X, y, epochs=40, lr=0.3)
    decayed.fit(X, y, epochs=40, lr=0.3, weight_decay=0.05)
    size = [sum(float(np.sum(W ** 2)) for W in net.weights) for net in (plain, decayed)]
    assert size[1] < 0.7 * size[0]


def assert_same_network(a, b):
    for got, want in zip(a.weights + a.biases, b.weights + b.biases):
        assert np.allclose(got, want, rtol=1e-12, atol=1e-14)


def assert_same_history(a, b):
    assert set(a) == set(b)
    for key in a:
        assert np.allclose(a[key], b[key], rtol=1e-12, atol=1e-14, equal_nan=True), key


def test_thirty_fits_of_one_epoch_are_one_fit_of_thirty():
    X_train, X_test, y_train, y_test = nnlib.digits_split()
    once, steps = nnlib.MLP([64, 16, 10], seed=2), nnlib.MLP([64, 16, 10], seed=2)
    whole = once.fit(X_train, y_train, epochs=30, lr=0.1, validation_data=(X_test, y_test))
    pieces = [steps.fit(X_train, y_train, epochs=1, lr=0.1, validation_data=(X_test, y_test)) for _ in range(30)]
    assert_same_network(once, steps)
    assert_same_history(once.history, steps.history)
    assert_same_history(whole, once.history)  # one call: what it returns is the whole history
    assert all(len(piece["loss"]) == 1 for piece in pieces)  # each call returns its own epoch
    assert np.allclose([piece["val_accuracy"][0] for piece in pieces], steps.history["val_accuracy"])
    assert len(steps.history["loss"]) == 30 and steps.history["loss"][-1] < steps.history["loss"][0] / 3


def test_a_seed_restarts_the_shuffles_and_later_calls_continue_them():
    X, y = nnlib.toy_2d("moons", n_samples=120)
    a, b, c = (nnlib.MLP([2, 6, 2], seed=1) for _ in range(3))
    a.fit(X, y, epochs=3, seed=7)
    b.fit(X, y, epochs=1, seed=7)
    b.fit(X, y, epochs=2)  # carries on with seed 7's shuffles
    c.fit(X, y, epochs=1, seed=7)
    c.fit(X, y, epochs=2, seed=7)  # starts seed 7's shuffles again: a different run
    assert_same_network(a, b)
    assert not np.allclose(a.weights[0], c.weights[0])


def test_the_constructors_seed_seeds_the_shuffles_too():
    X, y = nnlib.toy_2d("moons", n_samples=120)
    a, b, c = nnlib.MLP([2, 6, 2], seed=4), nnlib.MLP([2, 6, 2], seed=4), nnlib.MLP([2, 6, 2], seed=4)
    a.fit(X, y, epochs=2)
    b.fit(X, y, epochs=2, seed=4)
    c.fit(X, y, epochs=2, seed=5)
    assert_same_network(a, b)
    assert not np.allclose(a.weights[0], c.weights[0])


def test_history_spans_every_call_and_validation_entries_line_up():
    X, y = nnlib.toy_2d("moons", n_samples=100)
    net = nnlib.MLP([2, 5, 2])
    assert net.history == {"loss": [], "accuracy": []}
    net.fit(X, y, epochs=2)
    returned = net.fit(X, y, epochs=3, validation_data=(X[:20], y[:20]))
    assert set(returned) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert all(len(values) == 3 for values in returned.values())
    assert all(len(values) == 5 for values in net.history.values())
    assert np.all(np.isnan(net.history["val_loss"][:2])) and np.all(np.isfinite(net.history["val_loss"][2:]))
    assert net.history["loss"][2:] == returned["loss"]
    assert net.history["val_accuracy"][-1] == pytest.approx(net.accuracy(X[:20], y[:20]))


def test_callback_sees_every_epoch_and_can_stop_training():
    X, y = nnlib.toy_2d("moons", n_samples=100)
    net = nnlib.MLP([2, 5, 2])
    net.fit(X, y, epochs=2)
    seen = []

    def note(model, epoch, history):
        seen.append((model, epoch, len(history["loss"])))
        return None if epoch < 4 else False  # stop after the 4th epoch the network has trained

    returned = net.fit(X, y, epochs=10, callback=note)
    assert [(epoch, length) for _, epoch, length in seen] == [(3, 3), (4, 4)]
    assert all(model is net for model, _, _ in seen)
    assert len(returned["loss"]) == 2 and len(net.history["loss"]) == 4


def test_copy_is_independent_and_carries_on_the_same_way():
    X, y = nnlib.toy_2d("moons", n_samples=100)
    net = nnlib.MLP([2, 5, 2], seed=3)
    net.fit(X, y, epochs=2)
    twin = net.copy()
    assert twin is not net and twin.layer_sizes == net.layer_sizes and twin.activation == net.activation
    assert_same_network(twin, net)
    assert_same_history(twin.history, net.history)
    twin.weights[0][0, 0] += 1.0
    twin.biases[1][0] += 1.0
    assert not np.allclose(twin.weights[0], net.weights[0]) and not np.allclose(twin.biases[1], net.biases[1])
    before = [p.copy() for p in net.weights + net.biases]
    other = net.copy()
    other.fit(X, y, epochs=3)
    assert all(np.array_equal(p, q) for p, q in zip(before, net.weights + net.biases))
    assert len(net.history["loss"]) == 2 and len(other.history["loss"]) == 5
    net.fit(X, y, epochs=3)  # the copy took the shuffles along: both continue alike
    assert_same_network(net, other)


def test_tied_logits_are_not_all_counted_right():
    X = np.zeros((5, 3))
    y = np.array([0, 1, 2, 3, 4])
    net = nnlib.MLP([3, 5], init="zeros")  # every logit is 0: predict says class 0 for everything
    assert np.array_equal(net.predict(X), np.zeros(5))
    assert net.accuracy(X, y) == pytest.approx(0.2)
    history = net.fit(X, y, epochs=1, lr=0.1, batch_size=5)
    assert history["accuracy"] == [pytest.approx(0.2)]


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
    P = net.predict_proba(X)
    assert np.allclose(P.sum(axis=1), 1) and np.all(P > 0)
    assert np.array_equal(net.predict(X), np.argmax(P, axis=1))


def test_a_single_output_says_class_1_where_its_sigmoid_passes_one_half():
    net = nnlib.MLP([1, 1], activation="linear")
    net.weights, net.biases = [np.array([[2.0]])], [np.array([-1.0])]
    X = np.array([[-3.0], [0.4], [0.6], [3.0]])  # z = 2x - 1: -7, -0.2, 0.2, 5
    assert np.allclose(net.predict_proba(X)[:, 0], 1 / (1 + np.exp(-np.array([-7.0, -0.2, 0.2, 5.0]))))
    assert np.array_equal(net.predict(X), [0, 0, 1, 1])


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
    assert net.history == {"loss": [], "accuracy": []}


def test_assigning_a_list_of_lists_works():
    net = nnlib.MLP([2, 1])
    net.weights = [[[1.0], [2.0]]]
    net.biases = [[0.5]]
    assert net.logits(np.array([[1.0, 1.0]]))[0, 0] == pytest.approx(3.5)
