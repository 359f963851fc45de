"""What 10_first_weights claims, checked against independent computations, and its scale widget
(initialisation_explorer): symmetric starts stay symmetric, He keeps ten ReLU layers level, LeCun halves them,
the vanishing and exploding figures the notebook quotes, and the dead neurons."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import nnlib  # noqa: E402
from nnlib import widgets  # noqa: E402
from nnlib.state.initialisation import STDS, FirstWeights, start_report, starting_network  # noqa: E402

DEEP = [64] + [32] * 10 + [10]


@pytest.fixture(scope="module")
def digits():
    return nnlib.digits_split()


@pytest.fixture(scope="module")
def batch(digits):
    X_train, _, y_train, _ = digits
    return X_train[:200], y_train[:200]


def rms(net, X):
    return np.array([np.sqrt(np.mean(a ** 2)) for a in net.layer_outputs(X)[:-1]])


# ---- symmetry --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_a_symmetric_start_stays_symmetric_through_training(digits, activation):
    X_train, _, y_train, _ = digits
    net = nnlib.MLP([64, 16, 10], activation=activation, seed=0)
    net.weights = [np.full((64, 16), 0.1), np.full((16, 10), 0.1)]
    start = [W.copy() for W in net.weights]
    net.fit(X_train, y_train, epochs=10, lr=0.1, batch_size=32, seed=0)
    W1, W2 = net.weights
    assert np.abs(W1 - start[0]).max() > 1e-3, "the weights moved"
    assert np.ptp(W1, axis=1).max() < 1e-9 and np.ptp(W2, axis=0).max() < 1e-9


def test_the_tiny_network_gives_both_hidden_neurons_the_same_gradient():
    tiny = nnlib.MLP([2, 2, 1], activation="tanh")
    tiny.weights = [np.full((2, 2), 0.5), np.full((2, 1), 0.5)]
    X, y = np.array([[1.0, 2.0]]), np.array([1])
    dW1 = nnlib.numerical_gradient(lambda W: _with(tiny, 0, W).loss(X, y), tiny.weights[0])  # independent oracle
    assert np.allclose(dW1[:, 0], dW1[:, 1], atol=1e-9) and np.allclose(dW1[:, 0], [-0.026, -0.052], atol=1e-3)


def _with(net, k, W):
    trial = net.copy()
    weights = list(trial.weights)
    weights[k] = W
    trial.weights = weights
    return trial


def test_twins_and_zeros_as_the_notebook_says(digits):
    X_train, X_test, y_train, y_test = digits
    twins = nnlib.MLP([64, 16, 10], activation="sigmoid", seed=0)
    twins.weights = [np.full((64, 16), 0.1), np.full((16, 10), 0.1)]
    randoms = nnlib.MLP([64, 16, 10], activation="sigmoid", seed=0)
    for net in (twins, randoms):
        net.fit(X_train, y_train, epochs=10, lr=0.1, batch_size=32, seed=0)
    assert twins.accuracy(X_test, y_test) < 0.2 < 0.7 < randoms.accuracy(X_test, y_test)
    assert np.ptp(randoms.weights[0], axis=1).max() > 0.5
    relu_zeros = nnlib.MLP([64, 16, 10], init="zeros")
    relu_zeros.fit(X_train, y_train, epochs=10, lr=0.1, batch_size=32, seed=0)
    assert all(np.all(W == 0) for W in relu_zeros.weights)  # exactly: 0 * anything is 0 in any order
    sigmoid_zeros = nnlib.MLP([64, 16, 10], activation="sigmoid", init="zeros")
    sigmoid_zeros.fit(X_train, y_train, epochs=10, lr=0.1, batch_size=32, seed=0)
    W1 = sigmoid_zeros.weights[0]
    assert np.abs(W1).max() > 1e-3 and np.ptp(W1, axis=1).max() < 1e-9


# ---- scale ------------------------------------------------------------------------------------------------------

def test_he_keeps_ten_relu_layers_level_within_a_factor_of_2(batch):
    X, _ = batch
    for init in ("he", 0.25):
        sizes = rms(nnlib.MLP(DEEP, init=init), X)
        assert sizes.max() / sizes.min() < 2, (init, sizes)
    he = rms(nnlib.MLP(DEEP, init="he"), X)
    assert 0.24 < he.min() and he.max() < 0.49  # "from 0.25 to 0.48"


def test_on_average_he_keeps_the_mean_square_and_lecun_halves_it(batch):
    X, _ = batch
    for init, expected in (("he", 1.0), ("lecun", 0.5)):
        factors = []
        for seed in range(20):
            ms = rms(nnlib.MLP(DEEP, init=init, seed=seed), X) ** 2
            factors.extend(ms[1:] / ms[:-1])
        assert abs(np.mean(factors) - expected) < 0.05 * expected, (init, np.mean(factors))


def test_the_derivation_steps_measured(batch):
    X, _ = batch
    z = X @ np.random.default_rng(1).normal(0, 0.25, size=(64, 5000))
    assert np.mean(z ** 2) == pytest.approx(64 * 0.25 ** 2 * np.mean(X ** 2), rel=0.03)
    assert np.mean(np.maximum(z, 0) ** 2) / np.mean(z ** 2) == pytest.approx(0.5, abs=0.02)


def test_vanishing_and_exploding_figures(batch):
    X, y = batch
    small, level, big = (nnlib.MLP(DEEP, init=std) for std in (0.1, 0.25, 0.5))
    s = rms(small, X)
    assert 2500 < s[0] / s[-1] < 4000                     # "about 1/3,000"
    assert 5e-7 < np.mean(np.abs(small.gradients(X, y)[0][0])) < 2e-6  # "about a millionth"
    b = rms(big, X)
    assert 500 < b[-1] / b[0] < 700                       # "grows about 600-fold"
    assert 10 < np.mean(np.abs(big.gradients(X, y)[0][0])) < 100  # "in the tens"
    assert rms(level, X).max() / rms(level, X).min() < 2


def test_the_loss_curves_the_notebook_quotes(batch):
    X, y = batch
    explorer = widgets.initialisation_explorer(X, y, std=0.1)
    frame = explorer.frame
    assert abs(frame["losses"][0] - np.log(10)) < 0.02 and abs(frame["losses"][-1] - np.log(10)) < 0.03
    explorer.controls["std"].value = 0.25
    losses = explorer.frame["losses"]
    assert losses[-1] < losses[0] - 1 and explorer.frame["blew_up_at"] is None
    explorer.controls["std"].value = 0.5
    assert explorer.frame["blew_up_at"] is not None and explorer.frame["blew_up_at"] <= 5
    explorer.controls["init"].value = "he"
    assert explorer.frame["losses"][-1] < 2.0


def test_no_std_on_the_slider_rescues_ten_sigmoid_layers(batch):
    X, y = batch
    for std in STDS:
        dWs, _ = nnlib.MLP(DEEP, activation="sigmoid", init=std).gradients(X, y)
        assert np.mean(np.abs(dWs[-1])) > 10 * np.mean(np.abs(dWs[0])), std


def test_bigger_sigmoid_weights_saturate_more_neurons(batch):
    X, y = batch
    saturated = [sum(start_report(nnlib.MLP(DEEP, activation="sigmoid", init=std), X, y)["saturated"])
                 for std in (0.5, 1.0, 2.0)]
    assert saturated[0] < saturated[1] < saturated[2], saturated


# ---- dead from the start ------------------------------------------------------------------------------------------

def test_08s_five_dead_neurons_were_dead_from_the_start(digits):
    X_train, _, y_train, _ = digits
    net = nnlib.MLP([64, 128, 10], seed=0)
    Z = X_train @ net.weights[0]
    dead = np.flatnonzero((Z <= 0).all(axis=0))
    assert dead.tolist() == [26, 41, 78, 102, 127]
    assert all((net.weights[0][:, j] > 0).any() for j in dead)  # "none has only negative weights"
    counts = [int(((Z + b) <= 0).all(axis=0).sum()) for b in (-0.5, -0.1, 0.0, 0.1, 0.5)]
    assert counts == [26, 8, 5, 4, 0]
    assert 0.49 < np.mean(Z > 0) < 0.53
    start = [W.copy() for W in net.weights]
    net.fit(X_train, y_train, epochs=3, lr=0.2, batch_size=16, seed=1)
    assert np.array_equal(net.weights[0][:, dead], start[0][:, dead])  # no blame ever reaches them


def test_the_same_neurons_are_dead_at_every_std(batch):
    X, y = batch
    patterns = set()
    for std in (0.1, 0.25, 1.0):
        net = nnlib.MLP(DEEP, init=std)
        A, dead = X, []
        for W in net.weights[:-1]:
            Z = A @ W
            dead.append(tuple(np.flatnonzero((Z <= 0).all(axis=0))))
            A = np.maximum(Z, 0)
        patterns.add(tuple(dead))
        assert sum(start_report(net, X, y)["dead"]) == sum(len(d) for d in dead) == 37
    assert len(patterns) == 1


# ---- the widget --------------------------------------------------------------------------------------------------

def test_start_report_agrees_with_a_direct_computation(batch):
    X, y = batch
    net = starting_network(DEEP, "tanh", "normal", 1.0, 0)
    report = start_report(net, X, y)
    assert np.allclose(report["rms"], rms(net, X))
    dWs, _ = net.gradients(X, y)
    assert np.allclose(report["mean_abs_dW"], [np.mean(np.abs(d)) for d in dWs])
    A, saturated = X, 0
    for W in net.weights[:-1]:
        Z = A @ W
        saturated += int(((1 - np.tanh(Z) ** 2 < 0.05).mean(axis=0) > 0.5).sum())
        A = np.tanh(Z)
    assert sum(report["saturated"]) == saturated > 250 and sum(report["dead"]) == 0


def test_the_state_of_one_start_by_hand():
    X, y = np.array([[1.0, 1.0], [2.0, 0.0], [-1.0, -3.0], [0.0, 0.0]]), np.array([0, 1, 0, 1])
    start = FirstWeights(X, y, [2, 3, 2], init="constant", std=0.5, activation="relu", steps=3, lr=0.1)
    # every weight 0.5: each hidden z is 0.5 (x1 + x2) = 1, 1, -2, 0, so ReLU gives 1, 1, 0, 0 (mean square 1/2);
    # both outputs get the same z, so the start's loss is ln 2 on every example
    assert start.numbers["rms"] == [pytest.approx(np.sqrt(0.5))] and start.numbers["dead"] == [0]
    assert start.numbers["losses"][0] == pytest.approx(np.log(2)) and len(start.numbers["losses"]) == 4
    assert start.label == "every weight 0.5" and start.numbers["value"] == 0.5
    assert start.set("he", 0.5, "relu")["value"] is None and start.label == "He"
    assert start.set("normal", 0.2, "tanh")["activation"] == "tanh" and start.label == "normal, std 0.2"
    off = FirstWeights(-np.abs(X), y, [2, 3, 2], init="constant", std=0.5, steps=1)  # every z <= 0: all dead
    assert off.numbers["dead"] == [3] and "3 of 3 neurons dead" in off.headline()


def test_constant_start_is_every_weight_the_value():
    net = starting_network([4, 3, 2], "relu", "constant", 0.3, 0)
    assert all(np.allclose(W, 0.3) for W in net.weights)


def test_explorer_every_setting_draws_and_reads_out(batch):
    X, y = batch
    explorer = widgets.initialisation_explorer(X, y)
    assert "10 hidden layers of 32" in repr(explorer)
    before = explorer.render()
    for init in ("zeros", "constant", "normal", "lecun", "he", "xavier"):
        for activation in ("relu", "leaky_relu", "tanh", "sigmoid"):
            explorer.controls["activation"].value = activation
            explorer.controls["init"].value = init
            assert explorer.last_error is None, (init, activation, explorer.last_error)
            assert "Traceback" not in explorer.readout.value and explorer.frame["init"] == init
            assert explorer.controls["std"].disabled == (init not in ("constant", "normal"))
    explorer.controls["activation"].value = "relu"
    explorer.controls["init"].value = "normal"
    for std in STDS:
        explorer.controls["std"].value = std
        assert explorer.last_error is None, std
    assert explorer.render() != before
    explorer.controls["std"].value = 0.1
    assert explorer.render() == before, "same setting, same picture (cached and deterministic)"


def test_explorer_readout_is_deterministic(batch):
    X, y = batch
    one, two = widgets.initialisation_explorer(X, y, std=0.5), widgets.initialisation_explorer(X, y, std=0.5)
    assert one.readout.value == two.readout.value and "blew up" in one.readout.value


def test_explorer_refuses_bad_arguments_clearly():
    with pytest.raises(ValueError, match="std should be one of"):
        widgets.initialisation_explorer(std=0.123)
    with pytest.raises(ValueError, match="Unknown init"):
        widgets.initialisation_explorer(init="kaiming")
    with pytest.raises(ValueError, match="Unknown activation"):
        widgets.initialisation_explorer(activation="softmax")
