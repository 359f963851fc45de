"""The exercise checks of 03_linearity and 04_activations, and the bending-space widget: the right answer gets ✅,
the shipped stub never does, each typical mistake gets the hint that names it, and what the notebooks teach
agrees with nnlib."""

from pathlib import Path

import nbformat
import numpy as np
import pytest

import nnlib
from nnlib.checks import activations, linearity
from nnlib.widgets import bending

from feedback import harness, hints, passes


NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


# ---- 03: is_linear --------------------------------------------------------------------------------------

def right_is_linear(f, x1, x2):
    return np.allclose(f(2 * x1), 2 * f(x1)) and np.allclose(f(x1 + x2), f(x1) + f(x2))


def test_is_linear(capsys):
    assert passes(capsys, linearity.is_linear, right_is_linear)
    assert "returns nothing" in hints(capsys, linearity.is_linear, lambda f, x1, x2: None)
    assert "np.allclose" in hints(capsys, linearity.is_linear, lambda f, x1, x2: bool(
        np.array_equal(f(2 * x1), 2 * f(x1)) and np.array_equal(f(x1 + x2), f(x1) + f(x2))))
    assert "truth value" not in hints(capsys, linearity.is_linear,
                                     lambda f, x1, x2: bool(f(2 * x1) == 2 * f(x1)) and f(x1 + x2) == f(x1) + f(x2))
    assert "only checks doubling" in hints(capsys, linearity.is_linear,
                                          lambda f, x1, x2: np.allclose(f(2 * x1), 2 * f(x1)))
    assert "only checks adding" in hints(capsys, linearity.is_linear,
                                        lambda f, x1, x2: np.allclose(f(x1 + x2), f(x1) + f(x2)))
    assert "always True" in hints(capsys, linearity.is_linear, lambda f, x1, x2: True)
    assert "even on whole numbers" in hints(capsys, linearity.is_linear, lambda f, x1, x2: False)
    assert "single True or False" in hints(capsys, linearity.is_linear,
                                          lambda f, x1, x2: np.isclose(f(x1 + x2), f(x1) + f(x2)))


def test_is_linear_cases_are_what_they_claim():
    for name, (f, truth, _) in linearity._IS_LINEAR_CASES.items():
        assert right_is_linear(f, linearity._X1, linearity._X2) == truth, name
    tenth = linearity._IS_LINEAR_CASES["tenth"][0]
    x1, x2 = linearity._X1, linearity._X2
    assert not np.array_equal(tenth(x1 + x2), tenth(x1) + tenth(x2)), "the rounding trap must bite `==`"


# ---- 03: collapse ---------------------------------------------------------------------------------------

def test_collapse(capsys):
    assert passes(capsys, linearity.collapse, lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2 + b2))
    assert passes(capsys, linearity.collapse,
                  lambda W1, b1, W2, b2: ((W1 @ W2).tolist(), list(b1 @ W2 + b2)))
    assert "returns nothing" in hints(capsys, linearity.collapse, lambda W1, b1, W2, b2: None)
    assert "still returns `...`" in hints(capsys, linearity.collapse, lambda W1, b1, W2, b2: (..., ...))
    assert "W2 @ W1" in hints(capsys, linearity.collapse, lambda W1, b1, W2, b2: (W2 @ W1, W2 @ b1 + b2))
    assert "written sideways" in hints(capsys, linearity.collapse, lambda W1, b1, W2, b2: ((W1 @ W2).T, b2))
    assert "first layer's bias got lost" in hints(capsys, linearity.collapse, lambda W1, b1, W2, b2: (W1 @ W2, b2))
    assert "b2 is missing" in hints(capsys, linearity.collapse, lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2))
    b_sum = hints(capsys, linearity.collapse, lambda W1, b1, W2, b2: (W1 @ W2, b1 + b2))
    assert "W is right, but b = b1 + b2" in b_sum and "W2 @ W1" not in b_sum, "the mistake is b, not W's order"
    assert "W2 @ W1 is the textbook" in hints(capsys, linearity.collapse,
                                              lambda W1, b1, W2, b2: (W2 @ W1, b1 @ W2 + b2))
    assert "W is right, but W2 @ b1 + b2" in hints(capsys, linearity.collapse,
                                                   lambda W1, b1, W2, b2: (W1 @ W2, W2 @ b1 + b2))
    assert "only goes through W2" in hints(capsys, linearity.collapse,
                                           lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W1 @ W2 + b2))
    assert "entry by entry" in hints(capsys, linearity.collapse, lambda W1, b1, W2, b2: (W1 * W2, b1 @ W2 + b2))
    assert "Adding the weight matrices" in hints(capsys, linearity.collapse,
                                                 lambda W1, b1, W2, b2: (W1 + W2, b1 @ W2 + b2))
    assert "just W1" in hints(capsys, linearity.collapse, lambda W1, b1, W2, b2: (W1, b1 @ W2 + b2))
    assert "just b1" in hints(capsys, linearity.collapse, lambda W1, b1, W2, b2: (W1 @ W2, b1))
    assert "returned (b, W)" in hints(capsys, linearity.collapse, lambda W1, b1, W2, b2: (b1 @ W2 + b2, W1 @ W2))
    assert "3 inputs -> 4 hidden" in hints(capsys, linearity.collapse,
                                           lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2 + b2 + np.zeros(3)))
    assert "NameError" in hints(capsys, linearity.collapse, lambda W1, b1, W2, b2: (W1 @ W3, b1))  # noqa: F821
    assert "two things" in hints(capsys, linearity.collapse, lambda W1, b1, W2, b2: W1 @ W2)
    out = hints(capsys, linearity.collapse, lambda W1, b1, W2, b2: (W1 @ np.ones((4, 2)), b1))
    assert "shapes did not fit together" in out and "W1 @ W2" in out and "gufunc" not in out and "mismatch" not in out


# ---- 03: boundary_x2 ------------------------------------------------------------------------------------

def test_boundary_x2(capsys):
    assert passes(capsys, linearity.boundary_x2, lambda x1, w, b: -(w[0] * x1 + b) / w[1])
    assert "returns nothing" in hints(capsys, linearity.boundary_x2, lambda x1, w, b: None)
    assert "forgot the bias" in hints(capsys, linearity.boundary_x2, lambda x1, w, b: -(w[0] * x1) / w[1])
    assert "sign is flipped" in hints(capsys, linearity.boundary_x2, lambda x1, w, b: (w[0] * x1 + b) / w[1])
    assert "divided by w1" in hints(capsys, linearity.boundary_x2, lambda x1, w, b: -(w[0] * x1 + b) / w[0])
    assert "z = 0.5" in hints(capsys, linearity.boundary_x2, lambda x1, w, b: (0.5 - w[0] * x1 - b) / w[1])
    assert "swapped the weights" in hints(capsys, linearity.boundary_x2, lambda x1, w, b: -(w[1] * x1 + b) / w[0])
    assert "whole array" in hints(capsys, linearity.boundary_x2, lambda x1, w, b: 1.0)


# ---- 03: not_separable ----------------------------------------------------------------------------------

def test_not_separable(capsys):
    corners = [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert passes(capsys, linearity.not_separable, corners, [0, 1, 1, 0])
    assert passes(capsys, linearity.not_separable, [[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1]], [1, 0, 0, 0, 0])
    assert passes(capsys, linearity.not_separable, *nnlib.toy_2d("circles"))
    assert "still empty" in hints(capsys, linearity.not_separable, ..., ...)
    assert "does separate" in hints(capsys, linearity.not_separable, corners, [0, 0, 0, 1])
    assert "both labels" in hints(capsys, linearity.not_separable, [[0, 0], [0, 0], [1, 1]], [0, 1, 0])
    assert "same label" in hints(capsys, linearity.not_separable, corners, [1, 1, 1, 1])
    assert "shape (n, 2)" in hints(capsys, linearity.not_separable, [0, 1, 2], [0, 1, 0])
    assert "one label per point" in hints(capsys, linearity.not_separable, corners, [0, 1, 1])
    assert "only the labels 0 and 1" in hints(capsys, linearity.not_separable, corners, [0, 2, 2, 0])


def test_separating_line_finds_a_line_exactly_when_one_exists():
    X, y = nnlib.toy_2d("blobs")
    w, b = nnlib.separating_line(X, y)
    assert np.all((X @ w + b > 0) == (y == 1))
    assert nnlib.separating_line(*nnlib.logic_gate("xor")) is None
    assert nnlib.separating_line(*nnlib.toy_2d("xor")) is None


# ---- 04: relu -------------------------------------------------------------------------------------------

def test_relu(capsys):
    def in_place(z):
        z[z < 0] = 0
        return z

    def looped(z):
        return np.array([max(0, v) for v in z])

    assert passes(capsys, activations.relu, lambda z: np.maximum(0, z))
    assert passes(capsys, activations.relu, lambda z: z * (z > 0))
    assert "returns nothing" in hints(capsys, activations.relu, lambda z: None)
    assert "np.maximum" in hints(capsys, activations.relu, lambda z: max(0, z))
    assert "changed the array" in hints(capsys, activations.relu, in_place)
    assert "matrix" in hints(capsys, activations.relu, looped)
    assert "on/off mask" in hints(capsys, activations.relu, lambda z: z > 0)
    assert "came out positive" in hints(capsys, activations.relu, np.abs)
    assert "leaky ReLU" in hints(capsys, activations.relu, lambda z: np.where(z > 0, z, 0.01 * z))
    assert "capped at 1" in hints(capsys, activations.relu, lambda z: np.clip(z, 0, 1))
    assert "other way round" in hints(capsys, activations.relu, lambda z: np.minimum(z, 0))


# ---- 04: count_dead_neurons ------------------------------------------------------------------------------

def test_count_dead_neurons(capsys):
    assert passes(capsys, activations.count_dead_neurons, lambda A: int((A == 0).all(axis=0).sum()))
    assert passes(capsys, activations.count_dead_neurons, lambda A: np.sum(A.max(axis=0) == 0))
    assert "returns nothing" in hints(capsys, activations.count_dead_neurons, lambda A: None)
    assert "count the answers" in hints(capsys, activations.count_dead_neurons, lambda A: (A == 0).all(axis=0))
    assert "axis=0" in hints(capsys, activations.count_dead_neurons, lambda A: int((A == 0).all(axis=1).sum()))
    assert "alive" in hints(capsys, activations.count_dead_neurons, lambda A: int((A > 0).any(axis=0).sum()))
    assert "fraction" in hints(capsys, activations.count_dead_neurons, lambda A: (A == 0).all(axis=0).mean())
    assert "zero entries" in hints(capsys, activations.count_dead_neurons, lambda A: int((A == 0).sum()))
    assert "at least one example" in hints(capsys, activations.count_dead_neurons,
                                          lambda A: int((A == 0).any(axis=0).sum()))
    assert "never negative" in hints(capsys, activations.count_dead_neurons, lambda A: int((A < 0).all(axis=0).sum()))
    assert "written in by hand" in hints(capsys, activations.count_dead_neurons, lambda A: 2)


# ---- 04: sigmoid_derivative ------------------------------------------------------------------------------

def naive_sigmoid(z):
    return 1 / (1 + np.exp(-z))


def test_sigmoid_derivative(capsys):
    assert passes(capsys, activations.sigmoid_derivative, lambda z: naive_sigmoid(z) * (1 - naive_sigmoid(z)))
    assert passes(capsys, activations.sigmoid_derivative, nnlib.sigmoid_derivative)
    assert "returns nothing" in hints(capsys, activations.sigmoid_derivative, lambda z: None)
    assert "with a minus" in hints(capsys, activations.sigmoid_derivative,
                                  lambda z: naive_sigmoid(z) * (1 + naive_sigmoid(z)))
    assert "used z itself" in hints(capsys, activations.sigmoid_derivative, lambda z: z * (1 - z))
    assert "the sigmoid itself" in hints(capsys, activations.sigmoid_derivative, naive_sigmoid)
    assert "sign is flipped" in hints(capsys, activations.sigmoid_derivative,
                                     lambda z: -naive_sigmoid(z) * (1 - naive_sigmoid(z)))
    assert "tanh" in hints(capsys, activations.sigmoid_derivative, lambda z: 1 - np.tanh(z) ** 2)

    def overflowing(z):
        s = np.exp(z) / (1 + np.exp(z))
        return s * (1 - s)

    assert "too big for a float" in hints(capsys, activations.sigmoid_derivative, overflowing)


# ---- 04: softmax ----------------------------------------------------------------------------------------

def stable_softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def test_softmax(capsys):
    def naive(z):
        e = np.exp(z)
        return e / e.sum(axis=-1, keepdims=True)

    def columns(z):
        e = np.exp(z - z.max(axis=0, keepdims=True))
        return e / e.sum(axis=0, keepdims=True)

    def no_keepdims(z):
        e = np.exp(z - z.max(axis=-1))
        return e / e.sum(axis=-1)

    def square_slip(z):   # loses keepdims in a way only a square batch can hide
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1) if z.shape[0] == z.shape[-1] else e / e.sum(axis=-1, keepdims=True)

    def whole_batch(z):
        e = np.exp(z - z.max())
        return e / e.sum()

    def batch_max(z):
        e = np.exp(z - z.max())
        return e / e.sum(axis=-1, keepdims=True)

    def in_place(z):
        z -= z.max(axis=-1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=-1, keepdims=True)

    def axis_one(z):
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    assert passes(capsys, activations.softmax, stable_softmax)
    assert passes(capsys, activations.softmax, nnlib.softmax)
    assert "returns nothing" in hints(capsys, activations.softmax, lambda z: None)
    assert "Subtract the largest logit" in hints(capsys, activations.softmax, naive)
    assert "ROW" in hints(capsys, activations.softmax, columns)
    assert "keepdims=True" in hints(capsys, activations.softmax, no_keepdims)
    assert "square batch" in hints(capsys, activations.softmax, square_slip)
    assert "whole batch sums to 1" in hints(capsys, activations.softmax, whole_batch)
    assert "each row's own max" in hints(capsys, activations.softmax, batch_max)
    assert "changed the logits" in hints(capsys, activations.softmax, in_place)
    assert "axis=-1" in hints(capsys, activations.softmax, axis_one)
    assert "skipped the exponential" in hints(capsys, activations.softmax, lambda z: z / z.sum(axis=-1, keepdims=True))
    assert "divide by their total" in hints(capsys, activations.softmax, np.exp)


# ---- the notebooks' own code agrees with nnlib ----------------------------------------------------------

def cells(name, tag):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    return [cell.source for cell in nb.cells if tag in cell.metadata.get("tags", [])]


def test_the_published_solutions_of_04_agree_with_nnlib():
    namespace = {"np": np, "nnlib": nnlib}
    for source in cells("04_activations.ipynb", "teaches"):
        exec(source, namespace)
    for source in cells("04_activations.ipynb", "solution"):
        exec(harness().solution_source(source), namespace)
    rng = np.random.default_rng(0)
    z = rng.normal(0, 3, size=(6, 5))
    for name in ("relu", "sigmoid_derivative", "softmax", "sigmoid", "leaky_relu"):
        assert np.allclose(namespace[name](z), getattr(nnlib, name)(z)), name
    assert np.allclose(namespace["softmax"](np.array([1000.0, 999.0, 998.0])),
                       nnlib.softmax(np.array([1000.0, 999.0, 998.0])))
    A = nnlib.relu(rng.normal(size=(20, 8)) - [0, 5, 0, 0, 9, 0, 0, 0])
    assert namespace["count_dead_neurons"](A) == int((A == 0).all(axis=0).sum()) == 2


def test_the_published_solutions_of_03_do_what_they_claim():
    namespace = {"np": np, "nnlib": nnlib}
    for source in cells("03_linearity.ipynb", "solution"):
        exec(harness().solution_source(source), namespace)
    rng = np.random.default_rng(1)
    W1, b1, W2, b2 = rng.normal(size=(2, 3)), rng.normal(size=3), rng.normal(size=(3, 4)), rng.normal(size=4)
    W, b = namespace["collapse"](W1, b1, W2, b2)
    X = rng.normal(size=(7, 2))
    assert np.allclose(X @ W + b, (X @ W1 + b1) @ W2 + b2)
    assert namespace["is_linear"](lambda x: 3 * x, X[0], X[1])
    assert not namespace["is_linear"](nnlib.relu, X[0], -X[0])
    assert nnlib.separating_line(np.array(namespace["my_X"], float), np.array(namespace["my_y"])) is None


# ---- the bending-space widget ---------------------------------------------------------------------------

XOR_FOLD = np.array([[1.0, -1.0], [-1.0, 1.0]])


def test_bend_is_one_layer_after_another():
    rng = np.random.default_rng(2)
    P, W, b = rng.normal(size=(10, 2)), rng.normal(size=(2, 3)), rng.normal(size=3)
    assert np.allclose(bending.bend(P, (W, b, "linear")), P @ W + b)
    assert np.allclose(bending.bend(P, (W, b, "relu")), nnlib.relu(P @ W + b))
    W2, b2 = rng.normal(size=(3, 2)), rng.normal(size=2)
    assert np.allclose(bending.bend(P, [(W, b, "tanh"), (W2, b2, "sigmoid")]),
                       nnlib.sigmoid(nnlib.tanh(P @ W + b) @ W2 + b2))
    assert np.allclose(bending.bend(P, ([[1.0, 0.0], [0.0, 1.0]], [0.0, -1.0], "relu")),
                       nnlib.relu(P - [0.0, 1.0])), "W and b may be plain lists"
    with pytest.raises(ValueError, match="layer 1 expects 2 inputs but gets 3"):
        bending.bend(P, [(W, b, "relu"), (W, b, "relu")])


def test_linear_layers_keep_grid_lines_straight_and_activations_do_not():
    lines = bending.grid_lines()
    assert len(lines) == 18 and all(line.shape == (81, 2) for line in lines)
    rng = np.random.default_rng(3)
    for _ in range(5):
        layers = [(rng.normal(size=(2, 2)), rng.normal(size=2), "linear") for _ in range(3)]
        assert all(bending.stays_straight(bending.bend(line, layers)) for line in lines)
    W, b = np.array([[1.0, 0.6], [-0.4, 1.0]]), np.array([0.3, -0.2])
    for name in ("relu", "tanh", "sigmoid"):
        assert not all(bending.stays_straight(bending.bend(line, (W, b, name))) for line in lines), name


def test_plot_bending_reports_what_it_drew():
    import matplotlib.pyplot as plt

    X, y = nnlib.toy_2d("xor", n_samples=120)
    plane = bending.plot_bending([], X, y)
    assert plane.n_bent == 0 and plane.separable is False and plane.separator is None
    assert len(plane.lines) == 18 and len(plane.points) == 2
    folded = bending.plot_bending((XOR_FOLD, np.zeros(2), "relu"), X, y)
    assert folded.n_bent > 0 and folded.separable is True and folded.separator is not None
    flat = bending.plot_bending((XOR_FOLD, np.zeros(2), "linear"), X, y)
    assert flat.n_bent == 0 and flat.separable is False
    with pytest.raises(ValueError, match="2 neurons"):
        bending.plot_bending((np.ones((2, 3)), np.zeros(3), "relu"))
    plt.close("all")


def test_bending_view_draws_frames_without_a_browser():
    X, y = nnlib.toy_2d("xor", n_samples=120)
    view = bending.BendingView(X, y)
    frame = view.draw(np.eye(2), np.zeros(2), "relu")
    assert frame["separable"] is False and frame["n_bent"] == 18 and frame["n_lines"] == 18
    assert np.allclose(frame["points"], nnlib.relu(X))
    assert frame["same_line"] is None
    frame = view.draw(XOR_FOLD, np.zeros(2), "relu")
    assert frame["separable"] is True
    assert frame["same_line"] == "opposite", "z2 = -z1: one line, each neuron firing on its own side"
    assert "each fires on its own side" in bending.describe(frame)
    assert view.draw(np.ones((2, 2)), np.array([0.5, 0.5]), "relu")["same_line"] == "same"
    assert view.draw(np.ones((2, 2)), np.array([0.5, 1.0]), "relu")["same_line"] is None
    view.draw(XOR_FOLD, np.zeros(2), "relu")
    pixels = view.live.pixels().reshape(-1, 3).astype(int)
    for color in bending.NEURON_COLORS:
        rgb = np.array([int(color[k:k + 2], 16) for k in (1, 3, 5)])
        assert (np.abs(pixels - rgb).sum(axis=1) < 30).sum() > 300, f"{color}: on a shared line both neurons show"
    w, c = frame["separator"]
    assert np.all((frame["points"] @ w + c > 0) == (y == 1))
    assert view.draw(XOR_FOLD, np.zeros(2), "linear")["separable"] is False
    dead = view.draw(XOR_FOLD, np.array([-5.0, 0.0]), "relu")
    assert np.all(dead["points"][:, 0] == 0), "a dead neuron flattens the picture onto one axis"
    assert view.render()[:8] == b"\x89PNG\r\n\x1a\n"


def test_bending_space_widget():
    widget = bending.bending_space()
    assert repr(widget) == "Bending space: a layer of 2 neurons with W and b sliders, relu, 120 data points"
    assert set(widget.controls) == {"W[0,0]", "W[0,1]", "W[1,0]", "W[1,1]", "b[0]", "b[1]", "activation"}
    assert widget.frame["separable"] is False
    widget.controls["W[0,1]"].value = -1.0
    widget.controls["W[1,0]"].value = -1.0
    assert widget.frame["separable"] is True and "separates the two classes" in widget.readout.value
    assert np.allclose(widget.state()["W"], XOR_FOLD)
    widget.controls["activation"].value = "linear"
    assert widget.frame["n_bent"] == 0 and "still straight" in widget.readout.value
    assert widget.last_error is None
    assert widget.render()[:4] == b"\x89PNG"
    only_relu = bending.bending_space(W=XOR_FOLD, activations=["relu"])
    assert "activation" not in only_relu.controls and only_relu.frame["separable"] is True


def test_bending_space_explains_bad_arguments():
    with pytest.raises(ValueError, match=r"W should be \(2, 2\)"):
        bending.bending_space(W=np.eye(3))
    with pytest.raises(ValueError, match="2 columns"):
        bending.bending_space(np.zeros((4, 3)))
    with pytest.raises(ValueError, match="without X"):
        bending.bending_space(y=[0, 1])
    with pytest.raises(ValueError):
        bending.bending_space(activation="softplus")


# ---- hints for the wrong answers a beginner gives (one test per hint, with the answer that triggers it) ---

def test_is_linear_names_or_and_a_pair_of_answers(capsys):
    assert "`and`, not `or`" in hints(capsys, linearity.is_linear, lambda f, x1, x2: np.allclose(
        f(2 * x1), 2 * f(x1)) or np.allclose(f(x1 + x2), f(x1) + f(x2)))
    assert "two answers" in hints(capsys, linearity.is_linear, lambda f, x1, x2: (
        np.allclose(f(2 * x1), 2 * f(x1)), np.allclose(f(x1 + x2), f(x1) + f(x2))))


def test_boundary_x2_names_brackets_pairs_and_crashes(capsys):
    check = linearity.boundary_x2
    assert "Only b got divided" in hints(capsys, check, lambda x1, w, b: -w[0] * x1 - b / w[1])
    assert "Only w1·x1 got divided" in hints(capsys, check, lambda x1, w, b: -w[0] * x1 / w[1] - b)
    assert "divides only b, and with the wrong sign" in hints(capsys, check, lambda x1, w, b: -w[0] * x1 + b / w[1])
    assert "multiplied by w2" in hints(capsys, check, lambda x1, w, b: -(w[0] * x1 + b) * w[1])
    assert "only the x2 values" in hints(capsys, check, lambda x1, w, b: np.stack([x1, -(w[0] * x1 + b) / w[1]]))
    crash = hints(capsys, check, lambda x1, w, b: -(x1 @ w + b) / w[1])
    assert "raised ValueError" in crash and "w[0] and w[1]" in crash and "matmul" not in crash
    assert passes(capsys, check, lambda x1, w, b: [-(w[0] * v + b) / w[1] for v in x1])


def test_not_separable_explains_ragged_points_text_labels_and_near_duplicates(capsys):
    assert "exactly two coordinates" in hints(capsys, linearity.not_separable, [[0, 0], [1]], [0, 1])
    assert "the number 0 or 1" in hints(capsys, linearity.not_separable, [[0, 0], [1, 1]], ["a", "b"])
    near = [[0.0, 0.0], [1e-15, 0.0], [1.0, 1.0]]   # the same place, up to rounding
    assert "both labels" in hints(capsys, linearity.not_separable, near, [0, 1, 0])


def test_relu_names_np_max_the_identity_and_lost_decimals(capsys):
    assert "np.max finds the single largest" in hints(capsys, activations.relu, lambda z: np.max(0, z))
    assert "np.max finds the single largest" in hints(capsys, activations.relu, lambda z: np.max(z, 0))
    assert "unchanged: negative scores must become 0" in hints(capsys, activations.relu, lambda z: z)
    assert "lost the decimals" in hints(capsys, activations.relu, lambda z: np.maximum(0, z).astype(int))


def test_count_dead_neurons_names_positions_len_booleans_and_a_missing_axis(capsys):
    check = activations.count_dead_neurons
    assert "positions of the dead neurons" in hints(
        capsys, check, lambda A: [j for j in range(A.shape[1]) if (A[:, j] == 0).all()])
    assert "len(...) of the mask counts every answer" in hints(capsys, check, lambda A: len((A == 0).all(axis=0)))
    assert "at least one example" in hints(capsys, check, lambda A: int((A == 0).any(axis=0).sum()))
    assert "a yes/no, not a count" in hints(capsys, check, lambda A: (A == 0).all())
    assert "without an axis" in hints(capsys, check, lambda A: int(np.all(A == 0)))
    assert "one number per neuron" in hints(capsys, check, lambda A: np.count_nonzero(A, axis=0))
    assert "never negative" in hints(capsys, check, lambda A: int((A < 0).all(axis=0).sum()))
    assert passes(capsys, check, lambda A: int((A.max(axis=0) <= 0).sum()))


def test_sigmoid_derivative_names_the_math_module(capsys):
    import math
    assert "math module" in hints(capsys, activations.sigmoid_derivative,
                                  lambda z: (1 / (1 + math.exp(-z))) * (1 - 1 / (1 + math.exp(-z))))


def test_softmax_names_python_max_and_a_shift_by_mean_or_min(capsys):
    def python_max(z):
        e = np.exp(z - max(z))
        return e / sum(e)

    def by_mean(z):
        e = np.exp(z - z.mean(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)

    def by_min(z):
        e = np.exp(z - z.min(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)

    assert "Python's max(z)" in hints(capsys, activations.softmax, python_max)
    assert "largest logit that must become 0" in hints(capsys, activations.softmax, by_mean)
    assert "largest logit that must become 0" in hints(capsys, activations.softmax, by_min)


# ---- what 03 claims about XOR, circles and digits ----------------------------------------------------------

def most_points_one_line_gets_right(X, y):
    """The most points of (X, y) that one straight line can put on their class's side, by checking every split.

    Every split a line can make is made by a direction close to a perpendicular of some pair of points, so the
    directions perpendicular to each pair, turned a hair either way, cover them all."""
    diffs = (X[:, None, :] - X[None, :, :])[np.triu_indices(len(X), 1)]
    angles = np.arctan2(diffs[:, 1], diffs[:, 0]) + np.pi / 2
    angles = np.concatenate([angles - 1e-7, angles + 1e-7, [0.0]])
    best = 0
    for chunk in np.array_split(angles, 40):
        scores = X @ np.stack([np.cos(chunk), np.sin(chunk)])         # (n, directions)
        labels = y[np.argsort(scores, axis=0)]                         # labels in order along each direction
        zeros_below = np.vstack([np.zeros(len(chunk)), np.cumsum(1 - labels, axis=0)])
        ones_above = y.sum() - np.vstack([np.zeros(len(chunk)), np.cumsum(labels, axis=0)])
        right = zeros_below + ones_above                               # "1" above the threshold
        best = max(best, int(right.max()), int((len(y) - right).max()))
    return best


def test_the_best_lines_03_quotes():
    X, y = nnlib.toy_2d("xor")
    assert most_points_one_line_gets_right(X, y) == 157
    assert np.sum((X[:, 0] + X[:, 1] < 1) == (y == 1)) == 157, "the hand-drawn line x1 + x2 = 1 is one of the best"
    assert most_points_one_line_gets_right(*nnlib.toy_2d("circles")) == 137


def test_the_trained_xor_neuron_is_the_least_surprised_line():
    from scipy.optimize import minimize

    X, y = nnlib.toy_2d("xor")
    model = nnlib.MLP([2, 1], activation="linear")
    model.fit(X, y, epochs=100, lr=0.5, batch_size=len(X))            # as in 03

    def surprise(theta):
        z = X @ theta[:2] + theta[2]
        return np.mean(np.logaddexp(0, z) - y * z)                    # -ln p of the true class, averaged

    best = minimize(surprise, np.zeros(3), method="BFGS")
    trained = np.r_[model.weights[0][:, 0], model.biases[0]]
    assert surprise(trained) == pytest.approx(best.fun, abs=1e-5)
    assert np.sum(model.predict(X) == y) == 69


def test_flat_sheets_separate_3_5_8_but_not_coin_tosses_on_the_same_images():
    digits = nnlib.load_digits()
    is_358 = np.isin(digits.y, [3, 5, 8])
    assert is_358.sum() == 539
    w, b = nnlib.separating_line(digits.X[is_358], (digits.y[is_358] == 5).astype(int))
    assert np.all((digits.X[is_358] @ w + b > 0) == (digits.y[is_358] == 5))
    coin = np.random.default_rng(5).integers(0, 2, size=539)
    assert nnlib.separating_line(digits.X[is_358], coin) is None          # tests/test_claims_03.py tries ten


# ---- hints a beginner's wrong answers found: print instead of return, wrong signs, early returns ---------------

def test_printing_instead_of_returning_is_named_in_every_exercise(capsys):
    def printed(value):
        return lambda *args: print(value(*args))
    for checker, right in [
        (linearity.is_linear, right_is_linear),
        (linearity.collapse, lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2 + b2)),
        (linearity.boundary_x2, lambda x1, w, b: -(w[0] * x1 + b) / w[1]),
        (activations.relu, lambda z: np.maximum(0, z)),
        (activations.count_dead_neurons, lambda A: int((A == 0).all(axis=0).sum())),
        (activations.sigmoid_derivative, lambda z: nnlib.sigmoid(z) * (1 - nnlib.sigmoid(z))),
        (activations.softmax, nnlib.softmax),
    ]:
        out = hints(capsys, checker, printed(right))
        assert "printed its answer" in out and "return" in out, out


def test_collapse_names_the_wrong_bias(capsys):
    check = linearity.collapse
    assert "wrong sign" in hints(capsys, check, lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2 - b2))
    assert "b2 is added after W2" in hints(capsys, check, lambda W1, b1, W2, b2: (W1 @ W2, (b1 + b2) @ W2))
    assert "wrong bias through W2" in hints(capsys, check, lambda W1, b1, W2, b2: (W1 @ W2, b1 + b2 @ W2))


def test_boundary_x2_names_more_algebra_slips(capsys):
    check = linearity.boundary_x2
    # with the old test weights (w2 = -0.5) this one was taken for "solved z = 0.5"
    assert "b stayed outside" in hints(capsys, check, lambda x1, w, b: -(w[0] * x1) / w[1] + b)
    assert "b got a minus" in hints(capsys, check, lambda x1, w, b: -(w[0] * x1 - b) / w[1])
    assert "returned z" in hints(capsys, check, lambda x1, w, b: w[0] * x1 + b)
    assert "upside down" in hints(capsys, check, lambda x1, w, b: -(w[1] / w[0]) * x1 - b / w[1])
    assert "x1 unchanged" in hints(capsys, check, lambda x1, w, b: x1)
    assert "No sigmoid needed" in hints(capsys, check, lambda x1, w, b: nnlib.sigmoid(-(w[0] * x1 + b) / w[1]))
    assert "z = 0.5" in hints(capsys, check, lambda x1, w, b: (0.5 - w[0] * x1 - b) / w[1])


def test_is_linear_using_the_notebooks_globals_gets_words_not_numpy(capsys):
    x, x_other = np.array([3.0, 1.0]), np.array([1.0, 4.0])      # the notebook's own test inputs
    out = hints(capsys, linearity.is_linear,
                lambda f, x1, x2: np.allclose(f(2 * x), 2 * f(x)) and np.allclose(f(x + x_other), f(x) + f(x_other)))
    assert "its arguments f, x1 and x2" in out and "aligned" not in out


def test_03_checks_name_sums_whole_numbers_a_transpose_and_the_notebooks_neuron(capsys):
    def sums_only(f, x1, x2):          # right on every function whose outputs do not add up to a constant
        return (np.allclose(np.sum(f(2 * x1)), 2 * np.sum(f(x1)))
                and np.allclose(np.sum(f(x1 + x2)), np.sum(f(x1) + f(x2))))
    assert "compare sums or means" in hints(capsys, linearity.is_linear, sums_only)
    check = linearity.collapse
    assert "decimals cut off" in hints(capsys, check, lambda W1, b1, W2, b2: ((W1 @ W2).astype(int), b1 @ W2 + b2))
    assert "W1 needs no transpose" in hints(capsys, check, lambda W1, b1, W2, b2: (W1.T @ W2, b1 @ W2 + b2))
    check = linearity.boundary_x2
    assert "lost their decimals" in hints(capsys, check, lambda x1, w, b: (-(w[0] * x1 + b) / w[1]).astype(int))
    assert "w[1] for both weights" in hints(capsys, check, lambda x1, w, b: -(w[1] * x1 + b) / w[1])
    w, b = np.array([2.0, -1.0]), 0.5                                  # the notebook's own neuron, in cell 23
    assert "the notebook's own neuron" in hints(capsys, check, lambda x1, w_, b_: -(w[0] * x1 + b) / w[1])
    assert passes(capsys, check, lambda x1, w, b: (-(w[0] * x1 + b) / w[1])[:, None])   # a column is fine


def test_03_checks_name_a_wrong_side_a_not_text_rounding_globals_and_swapped_points(capsys):
    A = np.allclose
    # f(2) * x1 instead of f(2 * x1): wrong on the weighted sum only, so rounding is not the trouble
    out = hints(capsys, linearity.is_linear,
                lambda f, x1, x2: A(f(2) * x1, 2 * f(x1)) and A(f(x1 + x2), f(x1) + f(x2)))
    assert "weighted sum" in out and "rounding is not the trouble" in out and "0.1 * (x1 + x2)" not in out
    assert "other way round" in hints(capsys, linearity.is_linear,
                                      lambda f, x1, x2: not (A(f(2 * x1), 2 * f(x1)) and A(f(x1 + x2), f(x1) + f(x2))))
    assert "the text 'True'" in hints(capsys, linearity.is_linear, lambda f, x1, x2: str(
        A(f(2 * x1), 2 * f(x1)) and A(f(x1 + x2), f(x1) + f(x2))))
    check = linearity.collapse
    assert "rounded to 2 decimals" in hints(capsys, check, lambda W1, b1, W2, b2: ((W1 @ W2).round(2), b1 @ W2 + b2))
    assert "Your b is b1 @ W2 + b2 with its decimals cut off" in hints(
        capsys, check, lambda W1, b1, W2, b2: (W1 @ W2, (b1 @ W2 + b2).astype(int)))
    assert "Your b is b1 @ W2 + b2 rounded" in hints(capsys, check,
                                                     lambda W1, b1, W2, b2: (W1 @ W2, np.round(b1 @ W2 + b2, 1)))
    W_one, b_one = np.ones((3, 2)), np.ones(2)                     # a notebook's own collapsed layer, written in
    assert "whatever layers it is given" in hints(capsys, check, lambda W1, b1, W2, b2: (W_one, b_one))
    assert "The W you returned" in hints(capsys, check, lambda W1, b1, W2, b2: ("W1 @ W2", "b1 @ W2 + b2"))
    check = linearity.boundary_x2
    out = hints(capsys, check, lambda x1, w, b: -(w1 * x1 + b) / w2)  # noqa: F821
    assert "name 'w1' is not defined" in out and "w[0] and w[1]" in out
    assert "there is no w[2]" in hints(capsys, check, lambda x1, w, b: -(w[1] * x1 + b) / w[2])
    assert "extra pair of brackets" in hints(capsys, check, lambda x1, w, b: np.array([-(w[0] * x1 + b) / w[1]]))
    assert "missing 1 required positional argument: 'b2'" in hints(      # Exercise 2's function in Exercise 3
        capsys, check, lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2 + b2))
    check, corners = linearity.not_separable, [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert "without quotes" in hints(capsys, check, corners, ["0", "1", "1", "0"])
    assert "the text '0110'" in hints(capsys, check, corners, "0110")
    assert "without quotes" in hints(capsys, check, [["0", "0"], ["0", "1"], ["1", "0"], ["1", "1"]], [0, 1, 1, 0])
    assert "look swapped" in hints(capsys, check, [0, 1, 1, 0], corners)
    assert "(the transpose)" in hints(capsys, check, [[0, 0, 1, 1], [0, 1, 0, 1]], [0, 1, 1, 0])
    assert "exactly two coordinates" in hints(capsys, check, [[0, 0], [0, 1, 2], [1, 0], [1, 1]], [0, 1, 1, 0])


def test_count_dead_neurons_names_constants_off_by_one_early_return_and_sizes(capsys):
    check = activations.count_dead_neurons
    assert "whatever the layer" in hints(capsys, check, lambda A: 3)        # the notebook's 3 of 32, typed in
    assert "off-by-one" in hints(capsys, check, lambda A: int((A == 0).all(axis=0).sum()) + 1)
    assert "alive" in hints(capsys, check, lambda A: int((A != 0).any(axis=0).sum()))

    def early_return(A):
        count = 0
        for j in range(A.shape[1]):
            if np.all(A[:, j] == 0):
                count += 1
            return count
    assert "return" in hints(capsys, check, early_return) and "stops too soon" in hints(capsys, check, early_return)
    assert "non-zero everywhere" in hints(capsys, check, lambda A: int(np.all(A, axis=0).sum()))
    assert "A.shape[0]" in hints(capsys, check, lambda A: int(((A == 0).sum(axis=0) == A.shape[1]).sum()))
    assert "A < 0 finds nothing" in hints(capsys, check, lambda A: int((A < 0).all(axis=0).sum()))
    assert "without an axis" in hints(capsys, check, lambda A: int(np.all(A == 0)))


def test_sigmoid_derivative_names_mixed_s_and_z_and_if(capsys):
    check = activations.sigmoid_derivative
    assert "mixed s and z" in hints(capsys, check, lambda z: nnlib.sigmoid(z) * (1 - z))

    def with_if(z):
        if z > 0:
            return 0.0
        return 0.25
    out = hints(capsys, check, with_if)
    assert "No `if` is needed" in out and "ambiguous" not in out


def test_softmax_names_more_mistakes(capsys):
    check = activations.softmax

    def shifted_e(z):
        return np.exp(z - z.max(axis=-1, keepdims=True))
    assert "do not add up to 1 yet" in hints(capsys, check, shifted_e)
    assert "do not add up to 1 yet" in hints(capsys, check, lambda z: shifted_e(z) / shifted_e(z).max(axis=-1, keepdims=True))
    assert "total of the logits" in hints(capsys, check, lambda z: np.exp(z) / z.sum(axis=-1, keepdims=True))
    assert "sign is flipped" in hints(capsys, check, lambda z: nnlib.softmax(-z))
    z_shift = lambda z: z - z.max(axis=-1, keepdims=True)                       # noqa: E731
    assert "skipped the exponential" in hints(capsys, check, lambda z: z_shift(z) / z_shift(z).sum(axis=-1, keepdims=True))


def test_a_matrix_product_in_an_elementwise_exercise_gets_words_not_numpy(capsys):
    out = hints(capsys, activations.relu, lambda z: np.maximum(0, z @ np.ones(3)))     # 5 scores, 3 weights
    assert "matrix product" in out and "gufunc" not in out


def test_04_checks_name_text_slopes_by_hand_and_softmax_look_alikes(capsys):
    as_text = lambda A: str(int((A == 0).all(axis=0).sum()))                  # noqa: E731
    assert "returned text" in hints(capsys, activations.count_dead_neurons, as_text)
    slope = activations.sigmoid_derivative
    assert "s times s" in hints(capsys, slope, lambda z: nnlib.sigmoid(z) ** 2)
    assert "tanh's slope" in hints(capsys, slope, lambda z: 1 - nnlib.sigmoid(z) ** 2)
    assert "at z = 0 only" in hints(capsys, slope, lambda z: np.full_like(z, 0.25))
    assert "rounded" in hints(capsys, slope, lambda z: np.round(nnlib.sigmoid_derivative(z), 2))
    check = activations.softmax
    assert "through the sigmoid on its own" in hints(capsys, check, nnlib.sigmoid)
    assert "one-hot" in hints(capsys, check, lambda z: (z == z.max(axis=-1, keepdims=True)).astype(float))
    assert "log-probabilities" in hints(capsys, check, lambda z: np.log(nnlib.softmax(z)))
    out = hints(capsys, check, lambda z: np.round(nnlib.softmax(z), 3))
    assert "rounded" in out and "yours gave" not in out               # never "gives 0.659, yours gave 0.659"
    out = hints(capsys, check, lambda z: nnlib.softmax(z, axis=-1))
    assert "no axis= to give" in out and "shapes did not fit" not in out


def notebook_function(code, **notebook):
    """A function defined as in a notebook cell: its globals are the notebook's (numpy, sigmoid and the data the
    notebook made before), so a check can see which of the notebook's names it reads."""
    namespace = {"np": np, "sigmoid": nnlib.sigmoid, **notebook}
    exec(code, namespace)
    return next(value for name, value in namespace.items() if callable(value) and name not in ("np", "sigmoid"))


def test_04_checks_name_the_notebooks_own_arrays_read_instead_of_the_argument(capsys):
    notebook_s = nnlib.sigmoid(np.array([0.0, 2.0, 5.0, 10.0]))          # 04's `s`, made before Exercise 3
    slope = notebook_function("def sigmoid_derivative(z):\n    return s * (1 - s)\n", s=notebook_s)
    out = hints(capsys, activations.sigmoid_derivative, slope, containing="reads `s` from the notebook")
    assert "shape" not in out
    naive_e = np.full(3, np.inf)                                         # 04's `e` after the overflow demo
    softmax = notebook_function("def softmax(z):\n    ez = np.exp(z - z.max(axis=-1, keepdims=True))\n"
                                "    return e / e.sum(axis=-1, keepdims=True)\n", e=naive_e)
    hints(capsys, activations.softmax, softmax, containing="reads `e` from the notebook")
    on_logits = notebook_function("def softmax(z):\n    ex = np.exp(logits - logits.max())\n    return ex / ex.sum()\n",
                                  logits=np.array([2.0, 1.0, 0.1]))  # right for the first case, which is 04's logits
    hints(capsys, activations.softmax, on_logits, containing="reads `logits` from the notebook")
    relu = notebook_function("def relu(scores):\n    return np.maximum(0, z)\n",
                             z=np.array([-3.0, -0.5, 0.0, 0.5, 2.0]))
    hints(capsys, activations.relu, relu, containing="reads `z` from the notebook")
    layer = nnlib.relu(np.random.default_rng(0).normal(size=(100, 32))) * (np.arange(32) >= 3)  # 3 dead, as in 04
    dead = notebook_function("def count_dead_neurons(activations):\n    return int((A == 0).all(axis=0).sum())\n",
                             A=layer)
    hints(capsys, activations.count_dead_neurons, dead, containing="reads `A` from the notebook")


def test_04_checks_name_np_max_of_a_list_a_loop_over_the_rows_where_and_percentages(capsys):
    hints(capsys, activations.relu, lambda z: np.max([0, z]), containing="np.max([0, z]) puts a single 0")

    def loops_over_examples(A):
        dead = 0
        for i in range(A.shape[0]):
            if (A[:, i] == 0).all():
                dead += 1
        return dead

    check = activations.count_dead_neurons
    out = hints(capsys, check, loops_over_examples, containing="range(A.shape[0]), the examples")
    assert "out of bounds" not in out
    hints(capsys, check, lambda A: len(np.where((A == 0).all(axis=0))), containing="len(np.where(...)) is always 1")
    hints(capsys, check, lambda A: 100 * (A == 0).all(axis=0).mean(), containing="percentage of dead neurons")


def test_04_checks_name_maths_brackets_a_function_without_its_call_a_single_slope_and_argmax(capsys):
    slope = activations.sigmoid_derivative
    out = hints(capsys, slope, lambda z: nnlib.sigmoid(z)(1 - nnlib.sigmoid(z)), containing="write the * that maths")
    assert "not callable" not in out

    def uncalled(z):
        s = nnlib.sigmoid
        return s * (1 - s)

    out = hints(capsys, slope, uncalled, containing="a name like sigmoid without brackets")
    assert "'function'" not in out
    out = hints(capsys, slope, lambda z: 0.25, containing="at z = 0 only")
    assert "shape" not in out
    hints(capsys, activations.softmax, lambda z: z.argmax(axis=-1), containing="position of the largest logit (argmax)")
