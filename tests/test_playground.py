"""The training playground, driven as a learner drives it, without a browser: the thumbnails are the hidden
neurons' activations, every feature is what its name says, l2 shrinks the weights, own data is checked, and
to_code() gives back the very network that was trained."""

import matplotlib
import matplotlib.colors

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import nnlib  # noqa: E402
from nnlib.widgets import playground  # noqa: E402
from nnlib.widgets.playground import FEATURES, GRID, training_playground  # noqa: E402

ALL = tuple(FEATURES)


def test_thumbnails_are_the_hidden_activations_and_move_as_it_trains():
    p = training_playground("circles", hidden=(8, 8), activation="relu", features=ALL)
    before = [m.copy() for m in p.neuron_maps]
    p.step()
    maps = p.neuron_maps
    assert p.grid.shape == (GRID * GRID, 2) and [m.shape for m in maps] == [(8, GRID, GRID)] * 2
    hidden = p.model.layer_outputs(p.inputs(p.grid))[:-1]
    for shown, A in zip(maps, hidden):
        for k in range(A.shape[1]):
            np.testing.assert_allclose(shown[k].ravel(), A[:, k], rtol=1e-12, atol=1e-12)
    assert any(not np.allclose(b, m) for b, m in zip(before, maps))


def test_a_thumbnail_shows_its_neuron_over_the_plane_white_at_zero_orange_at_its_largest():
    # hand-set weights: hidden neuron 1 is relu(x1), neuron 2 is relu(-x2); the extent is symmetric enough that
    # both are 0 on part of the plane
    p = training_playground("circles", hidden=(2,), activation="relu")
    p.model.weights[0][:] = [[1.0, 0.0], [0.0, -1.0]]
    p.model.biases[0][:] = 0.0
    p.refresh()
    canvas = p.live.pixels().astype(int)
    rows = canvas.shape[0]
    size = p.view.network.size
    white, orange = np.array([255, 255, 255]), np.rint(255 * np.array(matplotlib.colors.to_rgb("#F0A830")))

    def thumbnail(k):  # the canvas pixels of hidden neuron k, first row at the bottom like the plane
        left, bottom = p.view.network.boxes[1][k]
        return canvas[rows - bottom - size:rows - bottom, left:left + size][::-1]

    x1 = thumbnail(0)
    assert np.abs(x1 - x1[:1]).max() <= 1, "relu(x1) does not change from bottom to top"
    assert np.abs(x1[:, 0] - white).max() <= 1 and np.abs(x1[:, -1] - orange).max() <= 2
    blue = x1[0, :, 2]
    assert np.all(np.diff(blue) <= 0), "more orange (less blue) to the right, where x1 grows"
    x2 = thumbnail(1)
    assert np.abs(x2 - x2[:, :1]).max() <= 1, "relu(-x2) does not change from left to right"
    assert np.abs(x2[-1] - white).max() <= 1 and np.abs(x2[0] - orange).max() <= 2


def test_grid_runs_row_by_row_from_the_bottom_left():
    p = training_playground("moons", hidden=(2,))
    G = p.grid.reshape(GRID, GRID, 2)
    assert np.all(np.diff(G[0, :, 0]) > 0) and np.all(np.diff(G[:, 0, 1]) > 0)
    np.testing.assert_allclose(G[:, :, 1].std(axis=1), 0, atol=1e-12)


def test_each_feature_is_computed_right():
    points = np.array([[0.5, -2.0], [1.5, 0.25], [-1.0, 3.0]])
    x1, x2 = points.T
    expected = {"x1": x1, "x2": x2, "x1^2": x1 * x1, "x2^2": x2 * x2, "x1*x2": x1 * x2,
                "sin(x1)": np.sin(x1), "sin(x2)": np.sin(x2)}
    for name, column in expected.items():
        p = training_playground("xor", hidden=(2,), features=(name,))
        np.testing.assert_allclose(p.inputs(points)[:, 0], column, rtol=1e-15)
        assert p.model.layer_sizes[0] == 1
    p = training_playground("xor", hidden=(2,), features=("sin(x2)", "x1", "x1*x2"))
    np.testing.assert_allclose(p.inputs(points), np.column_stack([x1, x1 * x2, np.sin(x2)]), rtol=1e-15)


def test_feature_toggles_rebuild_the_network_and_refuse_none():
    p = training_playground("circles", hidden=(4,))
    p.step()
    p.controls["feature x1^2"].value = True
    assert p.features == ("x1", "x2", "x1^2") and p.model.layer_sizes == (3, 4, 1) and p.epoch == 0
    assert p.last_error is None
    for name in ("x1", "x2", "x1^2"):
        p.controls[f"feature {name}"].value = False
    assert "at least one" in p.readout.value and p.last_error is not None


def test_l2_shrinks_the_weights():
    sizes = []
    for l2 in (0.0, 0.03):
        p = training_playground("moons", hidden=(8,), activation="relu", l2=l2, seed=2)
        p.step(100)
        sizes.append(sum(float(np.sum(W * W)) for W in p.model.weights))
    assert sizes[1] < 0.7 * sizes[0]
    p = training_playground("moons", hidden=(8,))
    p.controls["l2"].value = 0.01
    assert p.l2 == 0.01 and "l2 0.01" in p.readout.value


def test_no_hidden_layer_with_squares_separates_circles():
    p = training_playground("circles", hidden=(), features=("x1^2", "x2^2"), lr=0.3)
    p.step(200)
    assert p.model.layer_sizes == (2, 1) and p.neuron_maps == []
    assert p.history["val_accuracy"][-1] >= 0.95
    plain = training_playground("circles", hidden=(), lr=0.3)
    plain.step(200)
    assert plain.history["val_accuracy"][-1] < 0.75


def test_label_noise_flips_training_labels_only_and_the_split_follows_its_slider():
    clean = training_playground("blobs", hidden=(2,))
    noisy = training_playground("blobs", hidden=(2,), noise=0.2)
    np.testing.assert_array_equal(clean.X_train, noisy.X_train)
    np.testing.assert_array_equal(clean.y_test, noisy.y_test)
    assert np.count_nonzero(clean.y_train != noisy.y_train) == round(0.2 * len(clean.y_train))
    noisy.controls["test"].value = 0.5
    assert len(noisy.y_test) == 100 and noisy.epoch == 0
    noisy.controls["batch"].value = 64
    assert noisy.batch_size == 64
    noisy.batch_size = 10  # as the old playground's attribute could be set
    assert noisy.controls["batch"].value == 10


def test_moving_the_label_noise_redraws_the_points_with_their_new_labels_on_the_same_picture():
    p = training_playground("moons", hidden=(4,))
    p.step(5)
    figure = p.live.figure
    p.controls["noise"].value = 0.3
    assert p.live.figure is figure and p.epoch == 0 and p.last_error is None  # the run restarted in place
    for label, (filled, hollow) in enumerate(zip(p.view.train_points, p.view.test_points)):
        np.testing.assert_array_equal(filled.get_offsets(), p.X_train[p.y_train == label])
        np.testing.assert_array_equal(hollow.get_offsets(), p.X_test[p.y_test == label])
    p.controls["test"].value = 0.5
    assert sum(len(dots.get_offsets()) for dots in p.view.test_points) == 100
    p.controls["dataset"].value = "circles"  # new data: a new picture
    assert p.live.figure is not figure and p.last_error is None


def test_test_loss_is_drawn_beside_the_training_loss():
    p = training_playground("moons", hidden=(8,))
    p.step(10)
    lines = p.view.curves.lines
    assert set(lines) == {"loss", "val_loss"}
    np.testing.assert_allclose(lines["val_loss"].get_ydata(), p.history["val_loss"])


def test_own_data_several_classes_and_party_table():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(c, 0.4, (30, 2)) for c in ((-1, 0), (1, 0), (0, 1.5))])
    y = np.repeat([0, 1, 2], 30)
    p = training_playground(X=X, y=y, hidden=(4,))
    assert p.model.layer_sizes == (2, 4, 3) and p.controls["dataset"].value == "your data"
    p.step(30)
    assert p.history["val_accuracy"][-1] > 0.8 and p.summary.startswith("Training playground: your data (90")
    party = nnlib.load_party()
    q = training_playground(X=party.X[:, 1:], y=party.y)
    assert len(q.y_train) + len(q.y_test) == 200


@pytest.mark.parametrize("X, y, words", [
    (np.zeros((10, 3)), np.zeros(10, int), "2 columns"),
    (np.zeros(10), np.zeros(10, int), "2-D"),
    (np.zeros((10, 2)), np.zeros(9, int), "10 examples"),
    (np.zeros((10, 2)), np.zeros(10, int), "only one class"),
    (np.zeros((10, 2)), np.repeat([1, 2], 5), "numbered 0, 1"),
    (np.zeros((10, 2)), np.r_[np.zeros(9, int), 1], "single point"),
    (np.zeros((10, 2)), np.full(10, 0.5), "whole-number"),
    (np.zeros((10, 2)), None, "Give both"),
])
def test_own_data_of_bad_shape_gets_a_clear_error(X, y, words):
    with pytest.raises((ValueError, TypeError), match=words):
        training_playground(X=X, y=y)


def test_to_code_round_trips():
    p = training_playground("circles", hidden=(4, 4), features=("x1", "x2", "x1*x2", "sin(x1)"), activation="relu")
    p.step(20)
    namespace = {}
    exec(p.to_code(), namespace)
    points = np.random.default_rng(1).uniform(-2, 2, (50, 2))
    np.testing.assert_allclose(namespace["predict"](points), p.model.predict_proba(p.inputs(points)), rtol=1e-12)
    for W, V in zip(namespace["net"].weights, p.model.weights):
        np.testing.assert_array_equal(W, V)  # repr round-trips every float
    assert isinstance(namespace["net"], nnlib.MLP)


def test_network_code_for_a_plain_network_and_several_classes():
    net = nnlib.MLP([2, 3, 3], activation="tanh", seed=5)
    namespace = {}
    exec(playground.network_code(net), namespace)
    points = np.array([[0.1, 0.2], [-1.0, 2.0]])
    np.testing.assert_allclose(namespace["predict"](points), net.predict_proba(points), rtol=1e-12)
    np.testing.assert_allclose(namespace["predict"](points).sum(axis=1), 1.0)


def test_look_at_shows_a_neuron_large_and_step_is_the_step_button():
    p = training_playground("spirals", hidden=(4, 4), epochs_per_step=3)
    p.select(2, 3)
    assert p.view.title.get_text() == "layer 2, neuron 3"
    assert p.controls["look"].value == (1, 2)
    p.controls["step"].click()
    assert p.epoch == 3
    p.step()
    assert p.epoch == 6 and len(p.history["loss"]) == 7


def test_feature_factory_mode_shows_only_the_menu():
    p = training_playground("circles", hidden=(4, 4), train_controls=False)
    p.step(10)
    shown = [w for w in p.children if w is not p.browser]  # the kernel's parts (the page's view comes first)
    assert p.controls["look"] in shown and p.controls["play"] not in shown and len(shown) == 3
    assert "points correctly" in p.readout.value and "loss" not in p.readout.value
    assert not p.view.ax_loss.get_visible()


def test_bad_arguments_are_explained():
    with pytest.raises(ValueError, match="Choose one of"):
        training_playground(features=("x3",))
    with pytest.raises(TypeError, match="single string"):
        training_playground(features="x1^2")
    with pytest.raises(ValueError, match="up to 16"):
        training_playground(hidden=(32,))
    with pytest.raises(ValueError, match="below 1"):
        training_playground(noise=1.0)
    with pytest.raises(ValueError, match="0 \\(off\\)"):
        training_playground(l2=-1)


# ---- what the playground has always done (moved here from test_widgets.py) ---------------------------------
from test_widgets import check_display, move  # noqa: E402

widgets = nnlib.widgets

def test_training_step_advances_and_reset_restores_the_initial_weights():
    p = widgets.training_playground("xor", hidden=(4,), epochs_per_step=3)
    check_display(p, "Training playground: xor")
    start = [W.copy() for W in p.model.weights]
    before = p.image.value
    p.step()
    assert p.epoch == 3 and len(p.history["loss"]) == 4 and len(p.history["val_loss"]) == 4
    assert not np.array_equal(p.model.weights[0], start[0])
    assert p.image.value != before and "epoch 3" in p.readout.value
    p.step()
    p.reset()
    assert p.epoch == 0 and len(p.history["loss"]) == 1
    for W, W0 in zip(p.model.weights, start):
        np.testing.assert_array_equal(W, W0)


def test_training_same_seed_same_run():
    runs = []
    for _ in range(2):
        p = widgets.training_playground("moons", hidden=(8,), seed=3)
        for _ in range(3):
            p.step()
        runs.append(p)
    np.testing.assert_array_equal(runs[0].history["loss"], runs[1].history["loss"])
    for W, V in zip(runs[0].model.weights, runs[1].model.weights):
        np.testing.assert_array_equal(W, V)
    other = widgets.training_playground("moons", hidden=(8,), seed=4)
    assert not np.array_equal(other.model.weights[0], runs[0].model.weights[0])


def test_training_play_steps_on_ticks_and_pause_stops_it():
    p = widgets.training_playground(epochs_per_step=2)
    tick = p.controls["play"]
    tick.value += 1  # a tick while paused (e.g. a late one) does nothing
    assert p.epoch == 0
    p.play()
    assert p.playing
    tick.value += 1
    tick.value += 1
    assert p.epoch == 4
    p.pause()
    assert not p.playing
    tick.value += 1
    assert p.epoch == 4


def test_training_controls_rebuild_and_the_learning_rate_applies():
    p = widgets.training_playground()
    p.step()
    for name, value in [("dataset", "circles"), ("hidden", (8, 8)), ("activation", "relu")]:
        move(p, name, value)
        assert p.epoch == 0 and p.last_error is None
    assert p.model.layer_sizes == (2, 8, 8, 1) and p.model.activation == "relu"
    p.controls["lr"].value = 0.3
    assert p.lr == 0.3 and "learning rate 0.3" in p.readout.value
    p.step()
    assert p.epoch == 5


def test_training_stops_at_max_epochs_and_survives_a_huge_learning_rate():
    p = widgets.training_playground("spirals", lr=3.0, max_epochs=12, epochs_per_step=5)
    p.play()
    for _ in range(4):
        p.step()
    assert p.epoch == 12 and not p.playing
    assert p.last_error is None


def test_training_playground_explains_bad_arguments():
    with pytest.raises(ValueError, match="Choose one of"):
        widgets.training_playground("mnist")
    with pytest.raises(ValueError, match="learning rate"):
        widgets.training_playground(lr=-1)

