"""The plots: each draws on the axes it is given, returns what it drew, and leaves matplotlib's settings alone."""

import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import nnlib  # noqa: E402
from nnlib import plots  # noqa: E402


@pytest.fixture
def ax():
    return Figure().add_subplot()


@pytest.fixture(autouse=True)
def rc_unchanged():
    before = dict(matplotlib.rcParams)
    yield
    plt.close("all")
    assert dict(matplotlib.rcParams) == before, "a plot changed matplotlib's global settings"


@pytest.fixture(scope="module")
def xor_model():
    X, y = nnlib.toy_2d("xor", n_samples=80)
    model = nnlib.MLP([2, 4, 1], activation="tanh", seed=0)
    model.fit(X, y, epochs=60, lr=0.3)
    return model, X, y


def test_importing_plots_and_widgets_changes_no_global_state():
    code = ("import sys, nnlib; assert 'matplotlib' not in sys.modules and 'ipywidgets' not in sys.modules, "
            "'import nnlib pulled in plotting'\n"
            "import matplotlib as mpl\n"
            "settings = lambda: {k: mpl.rcParams[k] for k in mpl.rcParams if k != 'backend'}\n"
            "before = settings()\n"
            "from nnlib import plots, widgets\n"
            "assert settings() == before, 'rcParams changed on import'\n"
            "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported on import'\n"
            "assert 'course_classes' not in mpl.colormaps, 'a colormap was registered globally'\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_decision_boundary_colours_the_plane_by_p_class_1(ax, xor_model):
    model, X, y = xor_model
    drawn = plots.plot_decision_boundary(model, X, y, ax=ax, resolution=40)
    assert drawn.ax is ax and drawn.kind == "probability" and drawn.threshold == 0.5
    values = drawn.image.get_array()
    assert values.shape == (40, 40) and 0 <= values.min() and values.max() <= 1
    np.testing.assert_allclose(values.ravel(), model.predict_proba(drawn.grid)[:, 0])
    assert len(drawn.points) == 2 and sum(len(p.get_offsets()) for p in drawn.points) == len(X)
    assert drawn.boundary is not None  # the 0.5 line crosses the plane
    untrained = nnlib.MLP([2, 4, 1], seed=1)
    new = drawn.update(untrained)
    assert not np.allclose(new, values)


def test_decision_boundary_accepts_a_plain_function(ax):
    w, b = np.array([1.0, -1.0]), 0.2
    drawn = plots.plot_decision_boundary(lambda P: P @ w + b, ax=ax, extent=(-1, 1, -1, 1), resolution=20)
    assert drawn.kind == "score" and drawn.threshold == 0.0
    np.testing.assert_allclose(drawn.image.get_array().ravel(), drawn.grid @ w + b)


def test_decision_boundary_explains_a_network_with_the_wrong_inputs(ax):
    with pytest.raises(ValueError, match="2 inputs"):
        plots.plot_decision_boundary(nnlib.MLP([64, 10]), ax=ax)
    with pytest.raises(ValueError, match="2 columns"):
        plots.plot_decision_boundary(nnlib.MLP([2, 1]), np.zeros((5, 3)), ax=ax)


def test_decision_boundary_with_ax_none_makes_its_own_figure():
    drawn = plots.plot_decision_boundary(nnlib.MLP([2, 1]), *nnlib.logic_gate("xor"))
    assert drawn.ax.figure is plt.gcf()


# a = f(z) and f'(z) at z = -2 and z = 2, worked out by hand (s(2) = 1 / (1 + e^-2) = 0.8808, tanh(2) = 0.9640)
HAND_WORKED = {"relu": ((0.0, 2.0), (0.0, 1.0)), "leaky_relu": ((-0.02, 2.0), (0.01, 1.0)),
               "sigmoid": ((0.1192, 0.8808), (0.1050, 0.1050)), "tanh": ((-0.9640, 0.9640), (0.0707, 0.0707)),
               "linear": ((-2.0, 2.0), (1.0, 1.0)), "step": ((0.0, 1.0), (0.0, 0.0))}


@pytest.mark.parametrize("name", list(HAND_WORKED))
def test_activation_draws_the_function_and_its_slope(ax, name):
    drawn = plots.plot_activation(name, ax=ax)
    at = [int(np.argmin(np.abs(drawn.x - z))) for z in (-2.0, 2.0)]
    values, slopes = HAND_WORKED[name]
    np.testing.assert_allclose(drawn.curve.get_ydata()[at], values, atol=1e-4)
    np.testing.assert_allclose(drawn.derivative.get_ydata()[at], slopes, atol=1e-4)
    assert drawn.ax is ax and drawn.shading is not None
    low, high = ax.get_ylim()
    assert low < min(drawn.curve.get_ydata()) and max(drawn.curve.get_ydata()) < high  # the whole curve shows


def test_the_step_is_a_curve_to_look_at_not_an_activation_a_network_trains_with(ax):
    assert "step" in plots.activation.CURVES and "step" not in nnlib.ACTIVATIONS
    with pytest.raises(ValueError, match="'linear'"):
        plots.plot_activation("none", ax=ax)       # one name for the identity: linear
    zones = plots.plot_activation("step", ax=ax).update()[2]
    assert (zones == "dead").all()                 # its slope is 0 everywhere: backprop would pass nothing


def test_switching_the_activation_redraws_the_legend_and_the_limits(ax):
    drawn = plots.plot_activation("relu", ax=ax)
    drawn.update(activation="sigmoid")
    assert ax.get_legend().get_texts()[0].get_text() == "a = sigmoid(z)"
    assert ax.get_ylim()[0] < 0 < 1 < ax.get_ylim()[1] < 1.5
    assert drawn.shading.get_extent()[2:] == list(ax.get_ylim())   # the shading fills the new height
    drawn.update(activation="linear")
    assert ax.get_legend().get_texts()[0].get_text() == "a = z"


def test_bending_is_a_plot_and_bends_by_the_hand_worked_layer(ax):
    W, b = np.array([[1.0, -1.0], [-1.0, 1.0]]), np.zeros(2)
    corners = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    # z = (x1 - x2, x2 - x1); ReLU keeps the positive part: XOR's (1, 0) goes to (1, 0), (0, 1) to (0, 1)
    np.testing.assert_allclose(plots.bending.bend(corners, (W, b, "relu")), [[0, 0], [1, 0], [0, 1], [0, 0]])
    np.testing.assert_allclose(plots.bending.bend(corners, (W, b, "linear")), [[0, 0], [1, -1], [-1, 1], [0, 0]])
    X, y = nnlib.logic_gate("xor")
    folded = plots.plot_bending((W, b, "relu"), X, y, ax=ax)
    assert folded.separable is True and folded.n_bent > 0 and folded.separator is not None
    flat = plots.plot_bending((W, b, "linear"), X, y, ax=Figure().add_subplot())
    assert flat.separable is False and flat.n_bent == 0
    with pytest.raises(ValueError, match="'linear'"):
        plots.plot_bending((W, b, "none"))


def test_activation_shades_a_dead_relu_and_a_saturated_sigmoid(ax):
    relu = plots.plot_activation("relu", ax=ax)
    _, slope, zones = relu.update(w=1.0, b=-10.0)  # z < 0 for every x in -5..5
    assert (zones == "dead").all() and (slope == 0).all()
    sigmoid = plots.plot_activation("sigmoid", ax=Figure().add_subplot(), w=1.0)
    zones = sigmoid.update()[2]
    x = sigmoid.x
    assert (zones[np.abs(x) > 4.5] == "flat").all() and (zones[np.abs(x) < 2] == "live").all()


def test_activation_rejects_an_unknown_name(ax):
    with pytest.raises(ValueError, match="Choose one of"):
        plots.plot_activation("swish", ax=ax)


def test_network_diagram_line_width_is_the_weight_size_and_colour_its_sign(ax):
    W1 = np.array([[1.0, -2.0], [0.5, 0.0]])
    W2 = np.array([[4.0], [-1.0]])
    drawn = plots.plot_network([W1, W2], ax=ax)
    assert len(drawn.connections) == 2 and [len(p) for p in drawn.positions] == [2, 2, 1]
    widths = drawn.connections[1].get_linewidths()
    assert widths[0] > widths[1]  # |4| is drawn thicker than |-1|
    colors = drawn.connections[0].get_colors()
    blue, red = matplotlib.colors.to_rgba(plots.POSITIVE, 0.85), matplotlib.colors.to_rgba(plots.NEGATIVE, 0.85)
    np.testing.assert_allclose(colors[1], red)   # x1 -> h2 has w = -2
    np.testing.assert_allclose(colors[0], blue)
    assert [t.get_text() for t in drawn.weight_texts[1]] == ["4", "-1"]


def test_network_diagram_shows_each_neurons_value_and_each_weights_gradient(ax):
    model = nnlib.MLP([2, 2, 1], activation="sigmoid", seed=0)
    X, y = nnlib.logic_gate("xor")
    dWs, _ = model.gradients(X, y)
    drawn = plots.plot_network(model, ax=ax, x=[1.0, 0.0], gradients=dWs)
    hidden = model.layer_outputs(np.array([[1.0, 0.0]]))[0][0]
    assert [t.get_text() for t in drawn.value_texts[1]] == [f"{v:.2f}" for v in hidden]
    assert [t.get_text() for t in drawn.weight_texts[1]] == [f"{g:.2g}" for g in dWs[1].ravel()]


def test_network_diagram_of_a_big_network_shows_a_readable_subset(ax):
    drawn = plots.plot_network(nnlib.MLP([64, 32, 10]), ax=ax, max_neurons=8)
    assert [len(p) for p in drawn.positions] == [7, 7, 7]
    assert len(drawn.connections[0].get_segments()) == 49
    with pytest.raises(ValueError, match="rows"):
        plots.plot_network([np.ones((2, 3)), np.ones((2, 1))], ax=Figure().add_subplot())


def test_neuron_weights_as_an_8x8_picture(ax):
    W = np.arange(64 * 3, dtype=float).reshape(64, 3) - 90
    drawn = plots.plot_neuron_weights(W, neuron=2, ax=ax, colorbar=False)
    np.testing.assert_array_equal(drawn.image.get_array(), W[:, 2].reshape(8, 8))
    vmin, vmax = drawn.image.get_clim()
    assert vmin == -vmax  # white is zero
    everyone = plots.plot_neuron_weights(W, ax=Figure().add_subplot(), colorbar=False)
    assert everyone.neurons == [0, 1, 2] and everyone.image.get_array().shape == (8, 26)


def test_neuron_weights_of_a_network_and_its_errors(ax):
    model = nnlib.MLP([64, 16, 10])
    drawn = plots.plot_neuron_weights(model, neuron=5, ax=ax)
    np.testing.assert_array_equal(drawn.image.get_array(), model.weights[0][:, 5].reshape(8, 8))
    assert drawn.colorbar is not None and drawn.colorbar.ax.get_ylabel() == "weight (dot: negative)"
    change = plots.plot_neuron_weights(model.weights[0] - nnlib.MLP([64, 16, 10], seed=1).weights[0],
                                       ax=Figure().add_subplot(), label="change in weight")
    assert change.colorbar.ax.get_ylabel() == "change in weight (dot: negative)"  # a difference of weights says so (08)
    with pytest.raises(ValueError, match="not a square"):
        plots.plot_neuron_weights(np.ones((63, 2)), ax=Figure().add_subplot())
    with pytest.raises(ValueError, match="0 to 15"):
        plots.plot_neuron_weights(model, neuron=16, ax=Figure().add_subplot())


def test_probability_bars_show_the_probabilities(ax):
    probs = nnlib.softmax(np.array([2.0, 1.0, 0.1]))
    drawn = plots.plot_probabilities(probs, ax=ax, labels=["cat", "dog", "toaster"], true_label=1)
    np.testing.assert_allclose([bar.get_height() for bar in drawn.bars], probs)
    assert [t.get_text() for t in drawn.texts] == ["66%", "24%", "10%"]
    # a softmax output is never exactly 0 or 1: the labels do not round it there
    drawn.update([0.998, 0.0015, 0.0005])
    assert [t.get_text() for t in drawn.texts] == [">99%", "<1%", "<1%"]
    drawn.update([1.0, 0.0, 0.0])
    assert [t.get_text() for t in drawn.texts] == ["100%", "0%", "0%"]
    assert drawn.update([0.1, 0.2, 0.7]) == 2
    with pytest.raises(ValueError, match="logits"):
        plots.plot_probabilities([2.0, -1.0], ax=Figure().add_subplot())
    with pytest.raises(ValueError, match="probs\\[0\\]"):
        plots.plot_probabilities(np.full((2, 3), 1 / 3), ax=Figure().add_subplot())


def test_history_draws_training_and_test_curves(ax):
    history = {"loss": [1.0, 0.5, 0.3], "val_loss": [1.1, 0.7, 0.6], "accuracy": [0.5, 0.8, 0.9],
               "val_accuracy": [0.4, 0.7, 0.8]}
    drawn = plots.plot_history(history, ax=ax)
    assert set(drawn.lines) == {"loss", "val_loss"}
    np.testing.assert_allclose(drawn.lines["val_loss"].get_ydata(), history["val_loss"])
    longer = {k: v * 10 for k, v in history.items()}
    assert drawn.update(longer) is True and ax.get_xlim()[1] >= 30
    pair = plots.plot_history(history, metric="both")
    assert [p.metric for p in pair] == ["loss", "accuracy"]
    with pytest.raises(TypeError, match="dict"):
        plots.plot_history([0.5, 0.4], ax=Figure().add_subplot())


def test_course_style_is_applied_only_on_request_and_can_be_undone():
    old = plots.use_course_style()
    try:
        assert matplotlib.rcParams["axes.spines.top"] is False
    finally:
        matplotlib.rcParams.update(old)


def test_points_at_the_same_spot_are_fanned_out_and_lone_points_stay_put(ax):
    from nnlib.plots.boundary import POINT_EDGE, spread_duplicates

    X = np.array([[0.0, 0.0], [1.0, 2.0], [1.0, 2.0], [1.0, 2.0], [3.0, 1.0]])
    shown = spread_duplicates(X)
    np.testing.assert_array_equal(shown[[0, 4]], X[[0, 4]])            # alone at its spot: exactly in place
    assert len(np.unique(np.round(shown[1:4], 9), axis=0)) == 3         # three evenings, three markers
    np.testing.assert_allclose(shown[1:4].mean(axis=0), [1.0, 2.0], atol=1e-12)  # centred on their spot
    assert np.abs(shown[1:4] - X[1:4]).max() <= 0.28 + 1e-12             # well under the grid's gap of 1
    np.testing.assert_array_equal(spread_duplicates(X), shown)            # deterministic
    drawn = plots.plot_decision_boundary(lambda P: P @ [1.0, -1.0], X, np.array([0, 1, 1, 0, 1]), ax=ax)
    for points in drawn.points:
        assert matplotlib.colors.to_hex(points.get_edgecolor()[0]) == POINT_EDGE.lower()  # dark edge on any side
    assert drawn.image.get_alpha() < 1                                    # the map lighter than the points


def test_logit_bars_are_blue_above_zero_red_below_with_their_values(ax):
    drawn = plots.plot_logits([2.0, -1.0, 0.5], ax=ax, labels=["cat", "dog", "toaster"])
    assert [bar.get_height() for bar in drawn.bars] == [2.0, -1.0, 0.5]
    blue, red = matplotlib.colors.to_rgba(plots.POSITIVE), matplotlib.colors.to_rgba(plots.NEGATIVE)
    assert [bar.get_facecolor() for bar in drawn.bars] == [blue, red, blue]
    assert [t.get_text() for t in drawn.texts] == ["2.0", "-1.0", "0.5"]
    assert ax.get_ylim() == pytest.approx((-2.3, 2.3))  # the largest |logit|, 2, with room for its number
    drawn.update([-3.0, 0.0, 1.0])
    assert drawn.bars[0].get_facecolor() == red and drawn.texts[0].get_va() == "top"
    with pytest.raises(ValueError, match="2 names but there are 3 logits"):
        plots.plot_logits([1.0, 2.0, 3.0], ax=Figure().add_subplot(), labels=["a", "b"])
