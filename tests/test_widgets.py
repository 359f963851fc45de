"""The widgets, driven the way a learner drives them, without a browser: every control is moved
programmatically and the picture and the numbers must follow."""

import base64
import io

import matplotlib
import matplotlib.colors

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from IPython.core.formatters import DisplayFormatter  # noqa: E402
from PIL import Image  # noqa: E402

import nnlib  # noqa: E402
from nnlib import widgets  # noqa: E402
from nnlib.widgets import _live  # noqa: E402
from nnlib.widgets.controls import IPYWIDGETS_7  # noqa: E402
from nnlib.widgets.digits import real_digit  # noqa: E402

# A 2-2-1 sigmoid network that solves the four XOR points: h1 is OR, h2 is AND, the output is "OR but not AND".
# (An answer key: it lives here, not in nnlib, where a learner could import it.)
XOR_SOLUTION = {"weights": [[[6.0, 6.0], [6.0, 6.0]], [[8.0], [-8.0]]], "biases": [[-3.0, -9.0], [-4.0]]}


def move(widget, name, value):
    """Set one control as a learner would; the picture must be redrawn without an error."""
    before = widget.image.value
    widget.controls[name].value = value
    assert widget.last_error is None, f"moving {name} raised {widget.last_error!r}"
    assert widget.image.value != before, f"moving {name} to {value} did not change the picture"


def other_value(control):
    """A value of the control different from its current one, inside its range."""
    if hasattr(control, "options") and control.options:
        values = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return next(v for v in values if v != control.value)
    return control.value + 0.37 * (control.max - control.value) if control.value < control.max else control.min


def png_size(data):
    return Image.open(io.BytesIO(data)).size


def display_bundle(widget):
    """What a notebook would save for the widget, in ipywidgets 8 (a mimebundle) and 7.x (a display call)."""
    if IPYWIDGETS_7:
        shown = []
        original = _live.display
        _live.display = lambda data, raw: shown.append(data)
        try:
            widget._ipython_display_()
        finally:
            _live.display = original
        return shown[0]
    return DisplayFormatter().format(widget)[0]


def check_display(widget, summary_start):
    bundle = display_bundle(widget)
    text = bundle["text/plain"]
    assert text.startswith(summary_start) and len(text) < 110 and "model_id" not in text
    assert png_size(base64.b64decode(bundle["image/png"]))[0] <= 720  # fits a laptop screen
    assert "application/vnd.jupyter.widget-view+json" in bundle


# ---- neuron playground ------------------------------------------------------------------------------------

def test_neuron_playground_party_readout_is_the_weighted_sum():
    w = widgets.neuron_playground()
    check_display(w, "Neuron playground: 3 weights, bias, sigmoid")
    for name in ["w1", "w2", "w3", "b", "x1", "x2", "x3"]:
        move(w, name, other_value(w.controls[name]))
        state = w.state()
        z = float(np.dot(state["weights"], state["inputs"]) + state["bias"])
        a = 1 / (1 + np.exp(-z))
        assert f"<b>{z:.2f}</b>" in w.readout.value
        assert f"<b>{a:.2f}</b>" in w.readout.value
        assert w.frame["z"] == pytest.approx(z)


def test_neuron_playground_each_activation_gives_the_hand_worked_output():
    # z = 1(1) + (-2)(1) + 0.5(2) - 0.5 = -0.5, then 1.5 with b = 1.5
    w = widgets.neuron_playground(weights=[1.0, -2.0, 0.5], inputs=[1.0, 1.0, 2.0], bias=-0.5)
    assert w.frame["z"] == pytest.approx(-0.5) and w.frame["a"] == pytest.approx(0.3775, abs=1e-4)  # sigmoid
    expected = {"linear": (-0.5, 1.5), "step": (0.0, 1.0), "relu": (0.0, 1.5)}
    for name, (a_low, a_high) in expected.items():
        move(w, "activation", name)
        w.controls["b"].value = -0.5
        assert w.frame["a"] == pytest.approx(a_low), name
        w.controls["b"].value = 1.5
        assert w.frame["a"] == pytest.approx(a_high), name
    assert "a = ReLU(z) = <b>1.50</b>" in w.readout.value
    labels = [label for label, _ in w.controls["activation"].options]
    assert labels == ["linear", "step", "sigmoid", "ReLU"]   # the menu's words are the records' labels


def test_the_identity_is_called_linear_everywhere():
    for make in (widgets.neuron_playground, widgets.bending_space, widgets.activation_explorer):
        with pytest.raises(ValueError, match="'linear'"):  # the error lists the names, "linear" among them
            make(activation="none")
    with pytest.raises(ValueError, match="'linear'"):
        widgets.network_builder(activation="none")
    assert "linear" in widgets.bending.BEND_CHOICES and "none" not in widgets.bending.BEND_CHOICES
    w = widgets.neuron_playground(activation="linear")
    assert "a = z" in w.readout.value


def test_neuron_playground_bars_move_with_a_weight():
    w = widgets.neuron_playground(weights=[0.2, -0.2, 0.3])
    before = w.live.pixels()
    w.controls["w3"].value = 0.9
    changed = np.any(w.live.pixels() != before, axis=2)
    rows, cols = np.nonzero(changed)
    width = before.shape[1]
    assert changed.any() and cols.min() < width // 2  # the bars (left half) moved, not only the curve


def test_neuron_playground_without_bias_has_no_bias_slider():
    w = widgets.neuron_playground(show_bias=False, bias=0.0, weights=[1.0, 1.0, 1.0], inputs=[1, 2, 3])
    assert "b" not in w.controls and w.state()["bias"] == 0.0
    assert w.frame["z"] == pytest.approx(6.0)
    assert "no bias" in repr(w)


def test_neuron_playground_moves_the_decision_line_over_2d_data():
    X, y = nnlib.logic_gate("and")
    w = widgets.neuron_playground(X, y, weights=[1.0, 1.0], bias=-1.5, activations=["step"],
                                  activation="step")
    assert "activation" not in w.controls
    assert w.frame["correct"] == 4 and "\u2705" in w.readout.value  # x1 + x2 - 1.5 > 0 is AND
    xs, ys = w.frame["line"]
    np.testing.assert_allclose(xs + ys, 1.5)  # the line is where z = 0
    move(w, "b", -0.5)  # x1 + x2 - 0.5 > 0 is OR: wrong for (0, 1) and (1, 0)
    assert w.frame["correct"] == 2 and "2 of 4" in w.readout.value
    move(w, "w2", -1.0)
    move(w, "w1", 2.0)
    z = X @ np.array([2.0, -1.0]) - 0.5
    assert w.frame["correct"] == int(np.sum(np.where(y == 1, z > 1e-9, z < -1e-9)))


def test_neuron_playground_counts_points_on_the_line_as_neither_side():
    """01's party map: at w = (-0.3, 0.9) seven evenings have tiredness = 3 x friends, so z = 0 up to rounding
    (5.6e-17 on this CPU, 0 on another). They sit on the line: not counted as right, on any machine."""
    party = nnlib.load_party()
    w = widgets.neuron_playground(party.X[:, 1:], party.y, weights=[-0.3, 0.9], show_bias=False,
                                  input_names=["tiredness", "friends going"], activation="step",
                                  activations=["step"])
    on_line = np.isclose(party.X[:, 1], 3 * party.X[:, 2])
    assert w.frame["on_line"] == on_line.sum() == 7
    z = party.X[:, 1:] @ np.array([-0.3, 0.9])
    right = np.where(party.y == 1, z > 1e-9, z < -1e-9)
    assert w.frame["correct"] == right.sum() == 138
    assert "138 of 200" in w.readout.value and "7 exactly on the line" in w.readout.value
    nudged = widgets.neuron_playground(party.X[:, 1:] + 1e-15, party.y, weights=[-0.3, 0.9], show_bias=False,
                                       activation="step", activations=["step"])
    assert nudged.frame["correct"] == 138 and nudged.frame["on_line"] == 7


def test_neuron_playground_without_bias_never_shows_b():
    party = nnlib.load_party()
    for w in (widgets.neuron_playground(weights=[-0.15, -0.8, 0.9], inputs=[3, 6, 7], show_bias=False,
                                        activation="step", activations=["step"]),
              widgets.neuron_playground(party.X[:, 1:], party.y, weights=[-0.3, 0.9], show_bias=False,
                                        activation="step", activations=["step"])):
        texts = [t.get_text() for ax in w.view.live.figure.axes
                 for t in [ax.xaxis.label, ax.yaxis.label, *ax.get_yticklabels(), *ax.texts]]
        assert not any("+ b" in t or "bias" in t for t in texts), texts
        assert "b" not in w.controls and "bias" not in w.readout.value


def test_party_map_points_stay_readable_and_none_hides_another():
    """Filled markers with a dark edge on a lighter map, and evenings with the same numbers fanned out."""
    party = nnlib.load_party()
    w = widgets.neuron_playground(party.X[:, 1:], party.y, weights=[-0.3, 0.9], show_bias=False,
                                  activation="step", activations=["step"])
    shown = np.vstack([p.get_offsets() for p in w.view.points])
    assert len(np.unique(np.round(shown, 6), axis=0)) == len(party.X)   # 200 evenings, 200 visible spots
    for label, p in enumerate(w.view.points):
        moved = np.linalg.norm(p.get_offsets() - party.X[party.y == label, 1:], axis=1)
        assert moved.max() <= 0.3 and np.median(moved) > 0       # a small fan around the true spot
        edge, face = p.get_edgecolor()[0][:3], p.get_facecolor()[0][:3]
        assert edge.mean() < 0.2 < face.mean() and matplotlib.colors.to_hex(face) != "#ffffff"  # a dark edge
    assert w.view.heat.get_alpha() < 1


def test_neuron_playground_on_xor_no_line_gets_all_four():
    X, y = nnlib.logic_gate("xor")
    w = widgets.neuron_playground(X, y)
    best = 0
    for w1 in (-2.0, 1.0, 3.0):
        for w2 in (-2.0, 1.0, 3.0):
            for b in (-3.0, -1.0, 0.5):
                w.controls["w1"].value, w.controls["w2"].value, w.controls["b"].value = w1, w2, b
                best = max(best, w.frame["correct"])
    assert best == 3


def test_neuron_playground_explains_bad_arguments():
    with pytest.raises(ValueError, match="one per input"):
        widgets.neuron_playground(input_names=["a", "b"], weights=[1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="Choose one of"):
        widgets.neuron_playground(activation="swish")
    with pytest.raises(ValueError, match="two classes"):
        widgets.neuron_playground(np.zeros((3, 2)), [0, 1, 2])


# ---- activation and softmax explorers ---------------------------------------------------------------------

def test_activation_explorer_every_control_redraws_and_names_a_dead_relu():
    w = widgets.activation_explorer("relu")
    check_display(w, "Activation explorer")
    move(w, "w", 2.0)
    move(w, "b", -11.0)  # z = 2x - 11 < 0 for every x in -5..5
    assert w.frame["dead"] == 1.0 and "Dead" in w.readout.value
    move(w, "b", 1.0)
    assert 0 < w.frame["dead"] < 1
    middle, left = np.argmin(np.abs(w.frame["x"])), 0   # x = 0 (z = 1) and x = -5 (z = -9)
    hand = {"sigmoid": (0.7311, 0.1966, 0.0001234, 0.0001234),   # s(1), s(1)(1 - s(1)), s(-9), its slope
            "tanh": (0.7616, 0.4200, -1.0, 6.1e-8),
            "leaky_relu": (1.0, 1.0, -0.09, 0.01)}
    for name, (a, slope, a_left, slope_left) in hand.items():
        move(w, "activation", name)
        assert w.frame["a"][middle] == pytest.approx(a, abs=1e-4), name
        assert w.frame["slope"][middle] == pytest.approx(slope, abs=1e-4), name
        assert w.frame["a"][left] == pytest.approx(a_left, rel=1e-3, abs=1e-7), name
        assert w.frame["slope"][left] == pytest.approx(slope_left, rel=1e-2, abs=1e-9), name
    move(w, "activation", "sigmoid")
    move(w, "w", 5.0)
    assert w.frame["flat"] > 0.8 and "Saturated" in w.readout.value
    assert w.frame["dead"] == 0.0  # a sigmoid's slope is small but never exactly 0


def test_softmax_explorer_probabilities_always_sum_to_one():
    w = widgets.softmax_explorer([2.0, 1.0, 0.1], labels=["cat", "dog", "toaster"], temperature=1.0)
    check_display(w, "Softmax explorer: 3 logits")
    for name, value in [("z1", -3.0), ("z2", 4.5), ("z3", 4.5), ("T", 0.3), ("z3", 4.0), ("T", 2.0), ("z1", 5.0)]:
        move(w, name, value)  # at the tie (4.5, 4.5) T cannot change the bars; the picture still shows T
        probs = w.frame["probs"]
        assert probs.sum() == pytest.approx(1.0) and (probs > 0).all()
        assert "<b>1.00</b>" in w.readout.value
        z = w.state_model.logits / w.state_model.temperature
        np.testing.assert_allclose(probs, np.exp(z) / np.exp(z).sum())
        if name == "T":
            assert w.view.middle.get_text().startswith(f"divide by\nT = {value:.2f}")
        if (name, value) == ("z3", 4.5):
            assert "a tie: <b>dog and toaster</b> (50% each)" in w.readout.value
    heights = [bar.get_height() for bar in w.view.probs.bars]
    np.testing.assert_allclose(heights, w.frame["probs"])
    assert "most likely: <b>cat</b>" in w.readout.value
    sharp, flat = w.view.draw([2.0, 1.0, 0.1], 0.3)["probs"], w.view.draw([2.0, 1.0, 0.1], 3.0)["probs"]
    assert sharp.max() > 0.9 > 0.5 > flat.max(), "a small T sharpens the verdict, a large T flattens it"


def test_softmax_explorer_rejects_too_many_logits():
    with pytest.raises(ValueError, match="2 to 10"):
        widgets.softmax_explorer(np.zeros(11))


# ---- network builder --------------------------------------------------------------------------------------

def test_network_builder_sliders_edit_the_model():
    b = widgets.network_builder()
    check_display(b, "Network builder: 2-2-1 network, sigmoid, 4 points")
    assert len(b.controls) == 9
    for k, key in enumerate(b.controls):
        value = 3.0 if k % 2 else -2.0
        move(b, key, value)
        name, index = key.split("[")
        arrays = b.model.weights if name[0] == "W" else b.model.biases
        idx = tuple(int(v) for v in index.rstrip("]").split(","))
        assert arrays[int(name[1]) - 1][idx] == value
    for key in b.controls:  # every weight 0 and the output's bias 2: P = sigmoid(2) = 0.88 at every point
        b.controls[key].value = 2.0 if key == "b2[0]" else 0.0
    np.testing.assert_allclose(b.frame["probabilities"], 0.8808, atol=1e-4)
    assert b.frame["correct"] == 2 and "2 of 4" in b.readout.value  # class 1 everywhere: right for 2 XOR corners
    # the true class gets 0.8808 at the two class-1 corners and 1 - 0.8808 at the two class-0 corners: 0.50
    assert "true class a probability of 0.50" in b.readout.value


def test_network_builder_check_fires_for_a_known_xor_solution():
    b = widgets.network_builder("xor")
    assert not b.all_correct
    for layer, (W, bias) in enumerate(zip(XOR_SOLUTION["weights"], XOR_SOLUTION["biases"])):
        for (i, j), v in np.ndenumerate(np.array(W)):
            b.controls[f"W{layer + 1}[{i},{j}]"].value = v
        for j, v in enumerate(bias):
            b.controls[f"b{layer + 1}[{j}]"].value = v
    assert b.all_correct and "\u2705" in b.readout.value
    assert "loss" not in b.readout.value.lower()  # 05 uses the builder; the loss is taught in 07
    # by hand: h = sigmoid(6 x1 + 6 x2 - [3, 9]), P = sigmoid(8 h1 - 8 h2 - 4) is 0.026 at (0, 0) and (1, 1) and
    # 0.962 at (0, 1) and (1, 0), so the true class gets 0.974, 0.962, 0.962, 0.974: 0.97 on average
    assert "true class a probability of 0.97" in b.readout.value
    solved = widgets.network_builder(weights=XOR_SOLUTION["weights"], biases=XOR_SOLUTION["biases"])
    assert solved.all_correct
    unchecked = widgets.network_builder(weights=XOR_SOLUTION["weights"],
                                        biases=XOR_SOLUTION["biases"], check=False)
    assert "\u2705" not in unchecked.readout.value


def test_network_builder_exports_what_the_sliders_built_as_code():
    builder = widgets.network_builder()
    builder.controls["W1[0,1]"].value = 2.5
    namespace = {}
    exec(builder.to_code(), namespace)
    corners = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    np.testing.assert_allclose(namespace["predict"](corners), builder.model.predict_proba(corners), rtol=1e-12)
    assert namespace["net"].weights[0][0, 1] == 2.5


def test_network_builder_other_data_and_errors():
    b = widgets.network_builder("moons", hidden=3, activation="relu")
    assert len(b.view.network.boxes[1]) == 3 and b.frame["n"] == 100
    move(b, "W1[1,2]", -4.0)
    with pytest.raises(ValueError, match="1-6 hidden"):
        widgets.network_builder(hidden=12)
    with pytest.raises(ValueError, match="labels 0 and 1"):
        widgets.network_builder((np.zeros((3, 2)), [0, 1, 2]))


# ---- draw a digit -----------------------------------------------------------------------------------------

def test_draw_digit_starts_from_a_real_digit_and_reads_it():
    d = widgets.draw_digit(start=5)
    check_display(d, "Draw a digit: 8x8 grid, 64-32-10 network")
    np.testing.assert_array_equal(d.pixels, real_digit(5, 0))
    assert d.frame["guess"] == 5 and d.frame["probs"].sum() == pytest.approx(1.0)
    heights = [bar.get_height() for bar in d.view.bars.bars]
    np.testing.assert_allclose(heights, d.frame["probs"])
    assert len(d.frame["hidden"]) == 1 and d.frame["hidden"][0].shape == (32,)


def test_draw_digit_painting_erasing_and_clearing():
    d = widgets.draw_digit(start=None)
    assert not d.pixels.any() and "empty" in d.readout.value
    before = d.image.value
    d.pixel_buttons[2][3].click()
    assert d.pixels[2, 3] == 1.0 and d.pixel_buttons[2][3].style.button_color == "#000000"
    assert d.image.value != before and "The network says" in d.readout.value
    d.controls["brush"].value = 0.5
    d.pixel_buttons[2][4].click()
    assert d.pixels[2, 4] == 0.5
    d.controls["brush"].value = 0.0
    d.pixel_buttons[2][3].click()
    assert d.pixels[2, 3] == 0.0 and d.pixel_buttons[2][3].style.button_color == "#ffffff"
    d.controls["clear"].click()
    assert not d.pixels.any()
    d.controls["digit"].value = 3
    d.controls["load"].click()
    first = d.pixels.copy()
    d.controls["load"].click()
    assert not np.array_equal(first, d.pixels)  # the next real 3
    expected = d.model.predict_proba(d.pixels.reshape(1, 64))[0]
    np.testing.assert_allclose(d.frame["probs"], expected)
    assert d.last_error is None


def test_draw_digit_uses_the_given_network_and_checks_it():
    X_train, X_test, y_train, y_test = nnlib.digits_split()
    model = nnlib.MLP([64, 16, 12, 10], seed=1)
    model.fit(X_train, y_train, epochs=5)
    d = widgets.draw_digit(model, start=0)
    assert d.model is model and len(d.frame["hidden"]) == 2
    with pytest.raises(ValueError, match="64 inputs"):
        widgets.draw_digit(nnlib.MLP([2, 4, 1]))
    with pytest.raises(ValueError, match="from 0 \\(paper\\) to 1"):
        widgets.draw_digit(start=np.full((8, 8), 16.0))


def test_default_digits_network_reads_real_digits():
    X_train, X_test, y_train, y_test = nnlib.digits_split()
    assert nnlib.widgets.digits.default_digits_model().accuracy(X_test, y_test) > 0.93


# ---- the base class ------------------------------------------------------------------------------------------

def test_the_base_redraw_is_state_then_draw_then_render_then_readout():
    import ipywidgets

    class Dot:
        def __init__(self):
            self.live = _live.LiveFigure(200, 100)
            ax = self.live.figure.add_axes([0, 0, 1, 1])
            ax.set(xlim=(0, 10), ylim=(0, 1))
            self.dot, = ax.plot([0], [0.5], "o", markersize=12)
            self.live.dynamic(self.dot)

        def draw(self, x):
            self.dot.set_xdata([x])
            return {"x": x}

    class Slider(_live.ToolkitWidget):
        def __init__(self):
            super().__init__()
            self.view = Dot()
            self.live = self.view.live
            self.controls = {"x": ipywidgets.FloatSlider(value=2.0, min=0, max=10, description="x")}
            self._assemble(summary="A dot on a slider")

        def _readout(self, frame):
            return f"x = {frame['x']:.1f}"

    class Position:  # a state model: plain numbers in, plain numbers out
        def __init__(self):
            self.x, self.moves = 2.0, 0

        def set(self, x):
            self.x, self.moves = float(x), self.moves + 1

        def back_to_start(self):
            self.x = 0.0

    class DotOf(Dot):
        def draw(self, position):
            return super().draw(position.x)

    class Follower(_live.ToolkitWidget):  # the controls are handed to the state model, a button changes it
        def __init__(self):
            super().__init__()
            self.state_model, self.view = Position(), DotOf()
            self.live = self.view.live
            self.controls = {"x": ipywidgets.FloatSlider(value=2.0, min=0, max=10, description="x"),
                             "start": ipywidgets.Button(description="start")}
            self.controls["start"].on_click(lambda _: self._act(self.state_model.back_to_start))
            self._assemble(summary="A dot that follows a slider")

        def _readout(self, frame):
            return f"x = {self.state_model.x:.1f} after {self.state_model.moves} moves"

    w = Slider()
    assert w.frame == {"x": 2.0} and w.readout.value == "x = 2.0" and w.image.value == w.live.render()
    before = w.live.pixels()
    move(w, "x", 8.0)
    assert w.readout.value == "x = 8.0" and (w.live.pixels() != before).any()
    f = Follower()
    move(f, "x", 5.0)
    assert f.frame == {"x": 5.0} and f.readout.value == "x = 5.0 after 2 moves"
    f.controls["start"].click()  # the model changes, then the one redraw: the slider is handed over again
    assert f.state_model.moves == 3 and f.readout.value == "x = 5.0 after 3 moves"


def test_every_widget_redraws_through_the_base_class_and_stays_small():
    import importlib
    import inspect
    import pkgutil
    from pathlib import Path

    modules = [importlib.import_module(f"nnlib.widgets.{m.name}") for m in pkgutil.iter_modules(widgets.__path__)]
    classes = {c for m in modules for _, c in inspect.getmembers(m, inspect.isclass) if c.__module__ == m.__name__}
    toolkit = [c for c in classes if issubclass(c, _live.ToolkitWidget) and c is not _live.ToolkitWidget]
    views = [c for c in classes if issubclass(c, _live.View) and c is not _live.View]
    assert len(toolkit) >= 15 and len(views) >= 10
    for c in toolkit:
        assert "_redraw" not in vars(c) and "render" not in vars(c), f"{c.__name__} redraws by itself"
    for c in views:
        assert "render" not in vars(c), f"{c.__name__} renders by itself"
    for m in modules:
        lines = len(Path(m.__file__).read_text().splitlines())
        assert lines <= 400, f"{m.__name__} has {lines} lines"


def test_a_flat_picture_is_encoded_without_filters_to_the_same_pixels():
    live = _live.LiveFigure(120, 60, flat=True)
    ax = live.figure.add_axes([0, 0, 1, 1])
    ax.text(0.5, 0.5, "0.6225", ha="center")
    ax.plot([0, 1], [0, 1], color="#E69F00")
    png = live.render()
    decoded = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and np.array_equal(decoded, live.pixels())


# ---- every widget --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("make", [widgets.neuron_playground, widgets.activation_explorer, widgets.softmax_explorer,
                                  widgets.network_builder, widgets.training_playground, widgets.draw_digit,
                                  widgets.hinges])
def test_every_control_is_labelled_and_every_frame_fits_a_laptop(make):
    w = make()
    for name, control in w.controls.items():
        label = (getattr(control, "description", "") or getattr(control, "tooltip", "")
                 or getattr(control, "description_tooltip", ""))
        assert label, f"{make.__name__}'s control {name} has no label"
    width, height = png_size(w.render())
    # the training playground draws every neuron beside the chosen one large and the loss: a little taller
    assert 500 <= width <= 720 and height <= (420 if make is widgets.training_playground else 340)
    assert w.image.width == str(width)  # shown at its own size, not stretched


def test_hidden_layers_are_drawn_as_separate_neurons_with_a_colour_scale():
    from nnlib.widgets.digits import _TILE

    d = widgets.draw_digit(start=3)
    image = d.view.hidden_images[0]
    tiles = np.asarray(image.get_array().filled(np.nan), dtype=float)
    rows, columns = d.view.shapes[0]
    assert tiles.shape == (rows * _TILE, columns * _TILE)
    assert np.isnan(tiles[_TILE - 1, :]).all() and np.isnan(tiles[:, _TILE - 1]).all()  # white gaps between them
    centres = tiles[_TILE // 2::_TILE, _TILE // 2::_TILE].ravel()[:32]
    np.testing.assert_allclose(centres, d.frame["hidden"][0])  # neuron k is square k, row by row
    labels = [t.get_text() for t in image.axes.get_yticklabels()]
    assert labels[0] == "1-8" and labels[-1] == "25-32"
    assert image.colorbar is not None


def test_neuron_playground_z_of_zero_up_to_rounding_is_zero():
    """02's prompt 1: tonight w.x = -0.25, and -0.25 + 0.25 comes out as 1.1e-16 on some CPUs. The step must
    say stay at b = 0.25 (z = 0 is not > 0) and go at the next slider step, 0.30, on every machine."""
    w = widgets.neuron_playground(weights=[-0.15, -0.8, 0.9], bias=0.0, inputs=[5, 5, 5],
                                  activation="step", activations=["step"])
    w.controls["b"].value = 0.25
    assert w.frame["z"] == 0.0 and w.frame["a"] == 0.0 and "<b>0.00</b>" in w.readout.value
    w.controls["b"].value = 0.30
    assert w.frame["a"] == 1.0


def test_a_mostly_switched_off_relu_is_called_dead_not_saturated():
    # z = x - 3 is at most 0 for x up to 3: 321 of the 401 points from -5 to 5 (80%) have slope exactly 0
    w = widgets.activation_explorer("relu", w=1.0, b=-3.0)
    assert w.frame["dead"] == pytest.approx(321 / 401)
    assert "Mostly dead" in w.readout.value and "80%" in w.readout.value and "Saturated" not in w.readout.value
