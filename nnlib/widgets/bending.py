"""Bending space: a grid pushed through a layer, with and without an activation. Introduced in 04_activations.

A layer with two inputs and two neurons sends every point x of the plane to a = f(x @ W + b), another point of
the plane, so we can watch what it does to a sheet of graph paper. Without an activation (f(z) = z) straight
lines stay straight and parallel lines stay parallel: the layer can only stretch, turn, shear and shift the
sheet, which is why two such layers collapse into one (03_linearity). With ReLU every point on the negative
side of a neuron's line z = 0 is pressed flat onto an axis: the sheet gets folded, and classes that no straight
line could separate (XOR) can come out on opposite sides of one.
"""

from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np

from .._validate import as_array, as_labels, as_points, check_positive_int, check_same_length
from ..datasets import toy_2d
from ..plots._style import OKABE_ITO, axes_or_new, nice_limit, scatter_classes
from ..plots.activation import activation_functions
from ..separability import separating_line
from ._live import LiveFigure, ToolkitWidget, column, dropdown, slider
from .neuron import decision_line

BEND_CHOICES = ("none", "relu", "leaky_relu", "tanh", "sigmoid")
EXTENT = (-2.0, 2.0, -2.0, 2.0)
VERTICAL, HORIZONTAL = "#7FA7CF", "#D9A0C4"    # grid lines x1 = const, x2 = const
AXIS_WIDTH, LINE_WIDTH = 2.0, 0.9              # the lines x1 = 0 and x2 = 0 are drawn thicker
NEURON_COLORS = (OKABE_ITO[5], OKABE_ITO[2])   # neuron 1's and neuron 2's line z = 0 on the input plane
SEPARATOR = "#222222"


def grid_lines(extent=EXTENT, n_lines=9, resolution=81):
    """Graph paper: n_lines vertical and n_lines horizontal lines across extent (x_min, x_max, y_min, y_max).

    Returns a list of 2 * n_lines arrays, each (resolution, 2): the vertical lines first, then the horizontal.
    With an odd n_lines and an extent centred on 0, the middle lines are the axes x1 = 0 and x2 = 0.
    """
    n_lines = check_positive_int(n_lines, "n_lines")
    resolution = check_positive_int(resolution, "resolution")
    x_min, x_max, y_min, y_max = (float(v) for v in extent)
    along_x, along_y = np.linspace(x_min, x_max, resolution), np.linspace(y_min, y_max, resolution)
    vertical = [np.column_stack([np.full(resolution, x), along_y]) for x in np.linspace(x_min, x_max, n_lines)]
    horizontal = [np.column_stack([along_x, np.full(resolution, y)]) for y in np.linspace(y_min, y_max, n_lines)]
    return vertical + horizontal


def _as_layers(layers):
    """One (W, b, activation) triple or a list of them -> a list of checked triples."""
    if len(layers) == 3 and isinstance(layers[2], str):  # a single layer rather than a list of them
        layers = [layers]
    checked = []
    for i, layer in enumerate(layers):
        if len(layer) != 3:
            raise ValueError(f"layer {i} should be a triple (W, b, activation), e.g. (W, b, 'relu').")
        W, b, activation = layer
        W, b = as_array(W, f"W of layer {i}", ndim=2), as_array(b, f"b of layer {i}", ndim=1)
        if b.shape[0] != W.shape[1]:
            raise ValueError(f"layer {i}: b has {b.shape[0]} entries but W has {W.shape[1]} neurons (columns).")
        checked.append((W, b, activation_functions(activation)[1]))
    return checked


def bend(points, layers):
    """Push points through layers: each layer is (W, b, activation) and computes a = f(points @ W + b).

    points: (n, n_in); layers: one (W, b, activation) or a list of them, W (n_in, n_out), activation a name
    such as 'none', 'relu', 'leaky_relu', 'tanh' or 'sigmoid'. Returns (n, n_out) of the last layer.
    """
    A = as_array(points, "points", ndim=2)
    for i, (W, b, f) in enumerate(_as_layers(layers)):
        if A.shape[1] != W.shape[0]:
            raise ValueError(f"layer {i} expects {W.shape[0]} inputs but gets {A.shape[1]} per point.")
        A = f(A @ W + b)
    return A


def stays_straight(line, tol=1e-6):
    """True when an evenly marked polyline (k, 2) is still a straight, evenly marked line (or one point).

    Any linear layer keeps grid lines that way; a bend, a fold (ReLU) or a squeeze (tanh, sigmoid) does not.
    """
    steps = np.diff(np.asarray(line, dtype=np.float64), axis=0)
    scale = max(float(np.abs(steps).max(initial=0.0)), 1e-12)
    return bool(np.abs(np.diff(steps, axis=0)).max(initial=0.0) <= tol * scale)


def _limits(*arrays):
    """Square axis limits that hold every point and 0, snapped to round numbers so frames do not jitter."""
    values = np.concatenate([np.ravel(a) for a in arrays])
    values = values[np.isfinite(values)]
    low, high = min(values.min(initial=0.0), 0.0), max(values.max(initial=0.0), 0.0)
    pad = 0.06 * max(high - low, 1.0)
    step = nice_limit((high - low + 2 * pad) / 10)
    return float(np.floor((low - pad) / step) * step), float(np.ceil((high + pad) / step) * step)


@dataclass
class BendingPlot:
    """What plot_bending drew, and what it found: how many grid lines the layers bent, and whether one
    straight line separates the classes afterwards (None without labels)."""

    ax: object
    lines: list          # Line2D per grid line
    points: list         # one PathCollection per class (empty without data)
    separator: object    # Line2D of a separating straight line, or None
    n_bent: int
    separable: object


def plot_bending(layers=(), X=None, y=None, ax=None, *, extent=EXTENT, n_lines=9, title=None, separator=True):
    """Draw graph paper (and data points) after pushing it through layers: what the layers do to space.

    layers: () for the plane itself, one (W, b, activation) or a list of them (see bend). X: (n, 2) points and
    y: (n,) labels 0/1, optional. extent: the patch of the input plane the grid covers. separator: when y is
    given, draw a straight line that separates the classes after the layers, if there is one.
    Returns a BendingPlot (ax, lines, points, separator, n_bent, separable). Used in 03_linearity (linear
    layers keep the paper straight) and 04_activations (activations fold and squeeze it).
    """
    lines_in = grid_lines(extent, n_lines)
    lines_out = [bend(line, layers) if len(layers) else line for line in lines_in]
    if lines_out and lines_out[0].shape[1] != 2:
        raise ValueError(f"plot_bending draws a plane, so the last layer needs 2 neurons, "
                         f"but it has {lines_out[0].shape[1]}.")
    points = None
    if X is not None:
        X = as_array(X, "X", ndim=2)
        points = bend(X, layers) if len(layers) else X
        if y is not None:
            y = as_labels(y, "y")
            check_same_length(X, y)
    ax = axes_or_new(ax, (3.6, 3.6))
    drawn = []
    for k, line in enumerate(lines_out):
        vertical = k < n_lines
        middle = (k % n_lines) == n_lines // 2 and n_lines % 2 == 1
        drawn.append(ax.plot(line[:, 0], line[:, 1], color=VERTICAL if vertical else HORIZONTAL,
                             linewidth=AXIS_WIDTH if middle else LINE_WIDTH, zorder=1)[0])
    dots = []
    if points is not None:
        dots = (scatter_classes(ax, points, y, size=18) if y is not None
                else [ax.scatter(points[:, 0], points[:, 1], s=18, color="#333333", zorder=3)])
    low, high = _limits(*lines_out, *([points] if points is not None else []))
    ax.set_xlim(low, high)
    ax.set_ylim(low, high)
    ax.set_aspect("equal")
    separable, cut = None, None
    if points is not None and y is not None and len(np.unique(y)) == 2:
        found = separating_line(points, y)
        separable = found is not None
        if found is not None and separator:
            ends = decision_line(found[0], found[1], (low, high, low, high))
            if ends is not None:
                cut = ax.plot(*ends, color=SEPARATOR, linestyle="--", linewidth=1.6, zorder=4)[0]
    if title:
        ax.set_title(title, fontsize=10)
    n_bent = sum(not stays_straight(line) for line in lines_out)
    return BendingPlot(ax, drawn, dots, cut, n_bent, separable)


class BendingView:
    """Draws the input plane (left, with each neuron's line z = 0) and the plane after the layer (right).

    No widgets needed: draw(W, b, activation) updates the picture and returns the frame's numbers.
    """

    def __init__(self, X, y, extent=EXTENT, n_lines=9):
        self.X, self.y, self.n_lines, self.extent = X, y, n_lines, extent
        self.grid = grid_lines(extent, n_lines)
        self.live = LiveFigure(780, 410)
        fig = self.live.figure
        self.ax_in = fig.add_axes([0.07, 0.2, 0.38, 0.72])
        self.ax_out = fig.add_axes([0.57, 0.2, 0.38, 0.72])
        before = plot_bending((), X, y, self.ax_in, extent=extent, n_lines=n_lines, separator=False)
        self.ax_in.set_title("before: the input plane", fontsize=10)
        self.ax_in.set_xlabel("$x_1$", labelpad=1)
        self.ax_in.set_ylabel("$x_2$", labelpad=1)
        # the two dash patterns interleave: where both neurons share a line (W = [[1, -1], [-1, 1]] gives
        # z2 = -z1) it shows as alternating dashes of both colours instead of one line hiding the other
        self.neuron_lines = [self.ax_in.plot([], [], color=color, linestyle=(5 * j, (5, 5)), linewidth=2.0,
                                             zorder=4, label=f"neuron {j + 1}: z = 0")[0]
                             for j, color in enumerate(NEURON_COLORS)]
        self.ax_in.legend(handles=self.neuron_lines, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2,
                          fontsize=8, frameon=False, handlelength=1.8)
        self.ax_in.set_xlim(self.ax_in.get_xlim())
        self.ax_in.set_ylim(self.ax_in.get_ylim())
        self.lines = [self.ax_out.plot([], [], color=line.get_color(), linewidth=line.get_linewidth(), zorder=1)[0]
                      for line in before.lines]
        self.points = (scatter_classes(self.ax_out, X, y, size=18) if y is not None
                       else [self.ax_out.scatter(X[:, 0], X[:, 1], s=18, color="#333333", zorder=3)])
        self.rows = ([np.flatnonzero(y == label) for label in np.unique(y)] if y is not None
                     else [np.arange(len(X))])
        self.separator, = self.ax_out.plot([], [], color=SEPARATOR, linestyle="--", linewidth=1.6, zorder=4)
        self.title = self.ax_out.text(0.5, 1.02, "", transform=self.ax_out.transAxes, ha="center", va="bottom",
                                      fontsize=10)
        self.ax_out.set_xlabel("$a_1$ (neuron 1)", labelpad=1)
        self.ax_out.set_ylabel("$a_2$ (neuron 2)", labelpad=1)
        self.ax_out.set_aspect("equal")
        self.limits = None
        self.live.dynamic(self.neuron_lines, self.lines, self.points, self.separator, self.title)

    def draw(self, W, b, activation="relu"):
        """Push the grid and the points through a = f(x @ W + b), W (2, 2), b (2,), and draw the result.

        Returns the frame's numbers: 'W', 'b', 'activation', 'points' (n, 2) after the layer, 'n_bent' and
        'n_lines' (grid lines bent, of all), 'separable' (one straight line splits the classes afterwards;
        None without labels), 'separator' ((w, c) of such a line a . w + c = 0, or None) and 'same_line'
        (None, or 'same'/'opposite' when both neurons share their line z = 0 and fire on the same/opposite side).
        """
        W, b = np.asarray(W, dtype=np.float64).reshape(2, 2), np.asarray(b, dtype=np.float64).reshape(2)
        layer = (W, b, activation)
        lines_out = [bend(line, layer) for line in self.grid]
        points = bend(self.X, layer)
        for artist, line in zip(self.lines, lines_out):
            artist.set_data(line[:, 0], line[:, 1])
        for dots, rows in zip(self.points, self.rows):
            dots.set_offsets(points[rows])
        for j, artist in enumerate(self.neuron_lines):
            ends = decision_line(W[:, j], b[j], self.extent)
            artist.set_data(*(ends if ends is not None else ([], [])))
        limits = _limits(*lines_out, points)
        if limits != self.limits:
            self.limits = limits
            self.ax_out.set_xlim(limits)
            self.ax_out.set_ylim(limits)
            self.live.invalidate()
        separable, found = None, None
        if self.y is not None and len(self.rows) == 2:
            found = separating_line(points, self.y)
            separable = found is not None
        ends = decision_line(found[0], found[1], limits + limits) if found is not None else None
        self.separator.set_data(*(ends if ends is not None else ([], [])))
        label = activation_functions(activation)[0]
        self.title.set_text("after: a = z = x @ W + b" if activation in ("none", "linear")
                            else f"after: a = {label}(x @ W + b)")
        n_bent = sum(not stays_straight(line) for line in lines_out)
        return {"W": W, "b": b, "activation": activation, "points": points, "n_bent": n_bent,
                "n_lines": len(lines_out), "separable": separable, "separator": found,
                "same_line": _same_line(np.append(W[:, 0], b[0]), np.append(W[:, 1], b[1]))}

    def render(self):
        """The current frame as PNG bytes."""
        return self.live.render()


def _same_line(first, second, tol=1e-9):
    """Whether two neurons (w1, w2, b) share their line z = 0: None if not, else 'same' when they fire on the
    same side of it, 'opposite' when on opposite sides (one triple is a positive or negative multiple of the
    other)."""
    first, second = np.asarray(first, dtype=np.float64), np.asarray(second, dtype=np.float64)
    if np.linalg.norm(first[:2]) == 0 or np.linalg.norm(second[:2]) == 0:
        return None  # a neuron with no weights has no line
    if np.linalg.norm(np.cross(first, second)) > tol * np.linalg.norm(first) * np.linalg.norm(second):
        return None
    return "same" if first @ second > 0 else "opposite"


def describe(frame):
    """One line for a frame: the layer, how many grid lines it bent, and whether a line now splits the classes."""
    W, b = frame["W"], frame["b"]
    name = frame["activation"]
    formula = "a = x @ W + b" if name in ("none", "linear") else f"a = {activation_functions(name)[0]}(x @ W + b)"
    text = (f"<code>{formula}</code>, W = [[{W[0, 0]:.2f}, {W[0, 1]:.2f}], [{W[1, 0]:.2f}, {W[1, 1]:.2f}]], "
            f"b = [{b[0]:.2f}, {b[1]:.2f}]. ")
    if frame["n_bent"] == 0:
        text += (f"All {frame['n_lines']} grid lines are still straight and evenly spaced: space was only "
                 "stretched, squashed, turned or shifted.")
    else:
        text += f"<b>{frame['n_bent']} of {frame['n_lines']}</b> grid lines are bent, folded or squeezed."
    if frame.get("same_line"):
        sides = ("each fires on its own side of it" if frame["same_line"] == "opposite"
                 else "and both fire on the same side")
        text += f" Both neurons share one line z = 0 (its dashes alternate colours): {sides}."
    if frame["separable"] is True:
        text += " A straight line (dashed) now separates the two classes \u2705"
    elif frame["separable"] is False:
        text += " No straight line separates the two classes yet."
    return text


class BendingSpace(ToolkitWidget):
    """The widget bending_space returns. controls: 'W[0,0]', 'W[0,1]', 'W[1,0]', 'W[1,1]', 'b[0]', 'b[1]' and
    'activation' (absent when only one is offered)."""

    def __init__(self, view, W, b, activation, activations, weight_range, bias_range):
        super().__init__()
        self.view, self.live, self.activation = view, view.live, activation
        self.controls = {}
        for j in range(2):
            for i in range(2):
                self.controls[f"W[{i},{j}]"] = slider(f"W[{i},{j}] (x{i + 1}\u2192n{j + 1})", W[i, j], *weight_range,
                                                      0.05, tooltip=f"weight from input x{i + 1} to neuron {j + 1}")
            self.controls[f"b[{j}]"] = slider(f"b[{j}] (neuron {j + 1})", b[j], *bias_range, 0.05,
                                              tooltip=f"bias of neuron {j + 1}")
        columns = [column(*(self.controls[k] for k in (f"W[0,{j}]", f"W[1,{j}]", f"b[{j}]"))) for j in range(2)]
        if len(activations) > 1:
            self.controls["activation"] = dropdown("activation f", [(activation_functions(a)[0], a)
                                                                    for a in activations], activation)
            columns[1].children += (self.controls["activation"],)
        self._assemble(widgets.HBox(columns, layout=widgets.Layout(flex_flow="row wrap")))
        self.summary = (f"Bending space: a layer of 2 neurons with W and b sliders, {activation}"
                        f", {len(view.X)} data points")
        self.refresh()

    def state(self):
        """The controls' current values: W (2, 2), b (2,), activation."""
        c = self.controls
        return {"W": np.array([[c[f"W[{i},{j}]"].value for j in range(2)] for i in range(2)]),
                "b": np.array([c[f"b[{j}]"].value for j in range(2)]),
                "activation": c["activation"].value if "activation" in c else self.activation}

    def _redraw(self):
        frame = self.view.draw(**self.state())
        self.image.value = self.live.render()
        self.readout.value = describe(frame)
        return frame


def bending_space(X=None, y=None, *, W=None, b=None, activation="relu", activations=BEND_CHOICES,
                  weight_range=(-2.0, 2.0), bias_range=(-2.0, 2.0), extent=EXTENT, n_lines=9):
    """Graph paper pushed through one layer of two neurons, a = f(x @ W + b), with a slider for every weight and
    bias and a menu of activations: see a linear layer only stretch space and ReLU fold it.

    X: (n, 2) points carried along (default: the XOR clouds of toy_2d('xor', n_samples=120)); y: (n,) labels
    0/1 (the readout says whether one straight line separates them after the layer). W: starting weights (2, 2)
    (default: the identity); b: starting biases (2,) (default 0). activation: 'none', 'relu', 'leaky_relu',
    'tanh' or 'sigmoid'; activations: the menu. extent: the patch of the plane the grid covers.
    Returns a BendingSpace widget (.controls, .view, .frame, .render()). Introduced in 04_activations.
    """
    if X is None:
        if y is not None:
            raise ValueError("y was given without X. Pass the points too: bending_space(X, y).")
        X, y = toy_2d("xor", n_samples=120)
    X, y = as_points(X, y)
    W = np.eye(2) if W is None else as_array(W, "W", ndim=2)
    b = np.zeros(2) if b is None else as_array(b, "b", ndim=1)
    if W.shape != (2, 2) or b.shape != (2,):
        raise ValueError(f"This layer has 2 inputs and 2 neurons: W should be (2, 2) and b (2,), but got "
                         f"W {W.shape} and b {b.shape}.")
    activations = tuple(activations or (activation,))
    for name in activations + (activation,):
        activation_functions(name)
    if activation not in activations:
        activations = (activation,) + activations
    for label, pair in (("weight_range", weight_range), ("bias_range", bias_range)):
        if len(pair) != 2 or not pair[0] < pair[1]:
            raise ValueError(f"{label} should be (low, high) with low < high, but got {pair!r}.")
    view = BendingView(X, y, extent=extent, n_lines=n_lines)
    return BendingSpace(view, W, b, activation, activations, weight_range, bias_range)
