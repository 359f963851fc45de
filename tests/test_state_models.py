"""The widgets' state models (nnlib.state), driven without ipywidgets or matplotlib: each holds the numbers, applies
a change and answers what the picture and the readout need. Oracles are hand-worked numbers or nnlib's public
functions, never the code under test."""

import subprocess
import sys

import numpy as np
import pytest

import nnlib
from nnlib.features import FEATURES, feature_columns, network_code
from nnlib.state.activation import ActivationState, SoftmaxState
from nnlib.state.bending import BendingState, same_line
from nnlib.state.digits import DigitState, default_digits_model, real_digit
from nnlib.state.forward import ForwardPassState, InputScaleState
from nnlib.state.network_builder import BuilderState, load_points
from nnlib.state.neuron import NeuronState, sides
from nnlib.state.pixel_neuron import PixelNeuronState
from nnlib.state.playground import GRID, PlaygroundRun

ROOT = __file__.rsplit("/tests/", 1)[0]


def test_a_playground_run_trains_without_ipywidgets_or_matplotlib():
    code = ("import sys\n"
            "from nnlib.state.playground import PlaygroundRun\n"
            "run = PlaygroundRun.from_dataset('moons', hidden=(4,))\n"
            "run.step(3); run.set(noise=0.1); run.maps(); run.to_code()\n"
            "print(sorted(m for m in ('ipywidgets', 'matplotlib') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_label_noise_flips_that_share_of_training_labels_and_restarts_the_run():
    run = PlaygroundRun.from_dataset("blobs", hidden=(2,))
    run.step(5)
    X_train, y_true, y_test = run.X_train.copy(), run.y_train.copy(), run.y_test.copy()
    assert run.set(noise=0.2) == {"noise"}
    assert run.epoch == 0 and len(run.history["loss"]) == 1
    np.testing.assert_array_equal(run.X_train, X_train)  # the same split: only labels change
    np.testing.assert_array_equal(run.y_test, y_test)    # the test points keep the truth
    assert np.count_nonzero(run.y_train != y_true) == round(0.2 * len(y_true))
    run.set(noise=0.0)
    np.testing.assert_array_equal(run.y_train, y_true)
    assert run.set(noise=0.0) == set()  # nothing changed: nothing restarts


def test_learning_rate_l2_and_batch_size_wait_for_the_next_step():
    run = PlaygroundRun.from_dataset("xor", hidden=(4,))
    run.step(2)
    assert run.set(lr=0.3, l2=0.001, batch_size=4) == {"lr", "l2", "batch_size"}
    assert run.epoch == 2 and len(run.history["val_loss"]) == 3  # epoch 0 and two epochs trained
    with pytest.raises(ValueError, match="Unknown setting 'momentum'"):
        run.set(momentum=0.9)
    with pytest.raises(ValueError, match="between 0 and 1"):
        run.set(test_size=1.5)


def test_test_share_resplits_and_every_class_is_in_both_parts():
    run = PlaygroundRun.from_dataset("moons", n_samples=200)
    run.set(test_size=0.5)
    assert len(run.y_test) == 100 and set(run.y_test) == set(run.y_train) == {0, 1}


def test_a_run_stops_at_max_epochs_or_when_the_loss_is_no_longer_a_number():
    run = PlaygroundRun.from_dataset("xor", max_epochs=4)
    assert run.step(10) == 4 and run.finished and not run.blew_up
    broken = PlaygroundRun.from_dataset("xor")
    broken.model.weights[0][0, 0] = np.nan
    broken.step(1)
    assert broken.blew_up and broken.finished
    assert broken.step(5) == 0  # nothing more is trained


def test_maps_are_the_network_over_the_grid_inputs_first():
    run = PlaygroundRun.from_dataset("circles", hidden=(3, 2), features=("x1", "x2", "x1^2"))
    maps = run.maps()
    assert [m.shape for m in maps] == [(3, GRID, GRID), (3, GRID, GRID), (2, GRID, GRID), (1, GRID, GRID)]
    np.testing.assert_allclose(maps[0][2].ravel(), run.grid[:, 0] ** 2)  # x1^2 at every grid point
    np.testing.assert_allclose(maps[-1][0].ravel(), run.model.predict_proba(run.inputs(run.grid))[:, 0])
    assert len(run.neuron_maps) == 2


def test_features_and_the_code_that_rebuilds_a_network():
    points = np.array([[0.5, -2.0], [3.0, 1.0]])
    columns = feature_columns(points, tuple(FEATURES))
    np.testing.assert_allclose(columns[1], [3.0, 1.0, 9.0, 1.0, 3.0, np.sin(3.0), np.sin(1.0)])
    net = nnlib.MLP([2, 3, 1], activation="relu", seed=5)
    namespace = {}
    exec(network_code(net, ("x1^2", "x1*x2")), namespace)
    np.testing.assert_allclose(namespace["predict"](points),
                               net.predict_proba(np.column_stack([points[:, 0] ** 2, points[:, 0] * points[:, 1]])),
                               rtol=1e-12)


def test_builder_state_sets_parameters_by_name_and_scores_by_hand():
    model = nnlib.MLP([2, 2, 1], activation="sigmoid")
    state = BuilderState(model, *load_points("xor"))
    assert [p[0] for p in state.parameters] == ["W1[0,0]", "W1[1,0]", "b1[0]", "W1[0,1]", "W1[1,1]", "b1[1]",
                                                "W2[0,0]", "W2[1,0]", "b2[0]"]
    state.set(**{"W1[0,0]": 6, "W1[1,0]": 6, "b1[0]": -3, "W1[0,1]": 6, "W1[1,1]": 6, "b1[1]": -9,
                 "W2[0,0]": 8, "W2[1,0]": -8, "b2[0]": -4})
    assert model.weights[0][1, 0] == 6 and model.biases[1][0] == -4
    score = state.score()
    # by hand: P = 0.026 at (0, 0) and (1, 1), 0.962 at (0, 1) and (1, 0): every corner right, and the true class
    # gets (0.974 + 0.962 + 0.962 + 0.974) / 4 = 0.968 on average
    assert score["correct"] == 4 and score["all_correct"]
    assert score["true_class_probability"] == pytest.approx(0.968, abs=1e-3)
    with pytest.raises(ValueError, match="Unknown parameter 'W3"):
        state.set(**{"W3[0,0]": 1.0})


def test_neuron_state_party_and_points_on_each_side():
    party = NeuronState((-0.4, -0.3, 0.6), 0.0, inputs=(3.0, 6.0, 8.0))
    z, a = party.output()
    assert z == pytest.approx(-1.2 - 1.8 + 4.8) and a == pytest.approx(1 / (1 + np.exp(-1.8)))
    party.set(w3=0.0, b=1.0, x1=0.0)
    assert party.output()[0] == pytest.approx(-1.8 + 1.0)
    assert sides(np.array([1.0, 0.0, -1.0, 2.0]), np.array([1, 1, 0, 0])) == {"correct": 2, "on_line": 1, "n": 4}
    with pytest.raises(ValueError, match="w1 to w3"):
        party.set(w4=1.0)


def test_activation_state_says_where_the_slope_dies():
    state = ActivationState("relu", w=1.0, b=0.0)
    # 401 points from -5 to 5: 200 below 0 and x = 0 itself, where ReLU's slope is taken as 0
    assert state.curve()["dead"] == pytest.approx(201 / 401)
    assert state.set(b=-10.0).curve()["all_dead"]
    assert ActivationState("sigmoid", w=1.0).curve()["dead"] == 0.0


def test_softmax_state_by_hand():
    state = SoftmaxState([0.0, np.log(3.0)], ["a", "b"])
    np.testing.assert_allclose(state.probs(), [0.25, 0.75])
    state.set(T=2.0)  # e^(ln 3 / 2) = sqrt 3
    np.testing.assert_allclose(state.probs(), [1 / (1 + np.sqrt(3)), np.sqrt(3) / (1 + np.sqrt(3))])
    state.set(z2=0.0)
    assert state.verdict() == (0, ["a", "b"])


def test_bending_state_straight_for_linear_and_separable_after_the_fold():
    X, y = nnlib.toy_2d("xor", n_samples=120)
    state = BendingState(X, y, np.eye(2), np.zeros(2), "linear")
    assert state.result()["n_bent"] == 0
    state.set(**{"W[0,1]": -1.0, "W[1,0]": -1.0, "activation": "relu"})
    np.testing.assert_allclose(state.W, [[1.0, -1.0], [-1.0, 1.0]])
    result = state.result()
    assert result["separable"] is True and result["n_bent"] > 0
    assert same_line([1.0, 2.0, 3.0], [-2.0, -4.0, -6.0]) == "opposite"
    assert same_line([1.0, 2.0, 3.0], [0.5, 1.0, 1.5]) == "same"
    assert same_line([1.0, 2.0, 3.0], [1.0, 2.0, 4.0]) is None


def test_pixel_neuron_state_by_hand():
    images = np.zeros((3, 2, 2))
    images[0, 0, 0] = images[1, 0, 0] = 1.0  # two 7s with ink top-left, one 1 with ink bottom-right
    images[2, 1, 1] = 1.0
    labels = np.array([7, 7, 1])
    top_left = np.array([[1.0, 0.0], [0.0, 0.0]])
    state = PixelNeuronState(images, labels, {"top left": top_left}, {"top left": 2.0}, digit=7, example=1)
    np.testing.assert_allclose(state.weights(), 2 * top_left)
    assert state.index() == 1 and state.count() == 2
    np.testing.assert_allclose(state.class_means(), [0.0, 2.0])  # classes in order: 1, then 7
    state.set(**{"top left": -1.0, "digit": 1, "example": 0})
    assert state.index() == 2 and state.class_means()[1] == -1.0


def test_digit_state_reads_a_real_five_and_refuses_bad_pictures():
    state = DigitState(default_digits_model())
    state.load_real(5)
    np.testing.assert_array_equal(state.pixels, real_digit(5, 0))
    frame = state.forward()
    np.testing.assert_allclose(frame["probs"], default_digits_model().predict_proba(real_digit(5, 0).reshape(1, -1))[0])
    assert frame["guess"] == 5
    state.load_real(5)
    np.testing.assert_array_equal(state.pixels, real_digit(5, 1))  # the next example
    state.paint(0, 0, 3.0)
    assert state.pixels[0, 0] == 1.0  # ink stops at 1
    with pytest.raises(ValueError, match="0 \\(paper\\) to 1 \\(ink\\)"):
        state.set_pixels(np.full(64, 16.0))


def test_input_scale_state_pins_neurons_by_hand():
    W, b = np.ones((4, 2)), np.array([0.0, -2.0])
    state = InputScaleState(W, b, np.ones((1, 4)))
    layer = state.layer()  # z = (4, 2): sigmoid 0.982 and 0.881, neither within 0.01 of 0 or 1
    np.testing.assert_allclose(layer["z"], [4.0, 2.0])
    assert layer["n_pinned"] == 0
    assert state.set(scale=2).layer()["n_pinned"] == 2  # z = (8, 6): 0.99966 and 0.9975
    with pytest.raises(ValueError, match="scale should be one of"):
        state.set(scale=3)


def test_forward_pass_state_is_the_networks_forward_pass():
    X, _, y, _ = nnlib.digits_split()
    nets = {"a": nnlib.MLP([64, 8, 10], seed=0), "b": nnlib.MLP([64, 8, 10], seed=1)}
    state = ForwardPassState(nets, X[:20], y[:20])
    state.set(network="b", index=7)
    frame = state.forward()
    np.testing.assert_allclose(frame["probs"], nets["b"].predict_proba(X[7:8])[0])
    assert frame["label"] == y[7] and frame["guess"] == int(np.argmax(frame["probs"]))
    with pytest.raises(ValueError, match="Unknown network"):
        state.set(network="c")
