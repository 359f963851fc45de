"""The bending-space widget: a layer of two neurons with a slider for every weight and bias. Introduced in
04_activations.

The picture is nnlib.plots.plot_bending's graph paper, live: the input plane with each neuron's line z = 0 on the
left, the plane after a = f(x @ W + b) on the right. See nnlib/plots/bending.py for what a layer does to space.
"""

import numpy as np

from .._validate import as_array, as_points
from ..activations import activation_named
from ..datasets import toy_2d
from ..plots.style import CLASS_COLORS, CLASS_MARKERS, OKABE_ITO, scatter_classes
from ..plots.activation import formula
from ..plots.bending import (AXIS_WIDTH, EXTENT, HORIZONTAL, LINE_WIDTH, SEPARATOR, VERTICAL, plot_bending,
                             square_limits)
from ..plots.boundary import decision_line
from ..state.bending import BendingState, bend, bent, grid_lines, same_line, stays_straight  # noqa: F401
from ._live import DrawsNumbers, LiveFigure, ToolkitWidget, View
from .controls import check_ranges, column, dropdown, menu_choices, row, slider
from .browser import control_specs

# the menu: every activation in nnlib.ACTIVATIONS, the identity first (its label there is "linear")
BEND_CHOICES = ("linear", "relu", "leaky_relu", "tanh", "sigmoid")
NEURON_COLORS = (OKABE_ITO[5], OKABE_ITO[2])   # neuron 1's and neuron 2's line z = 0 on the input plane


class BendingView(View):
    """Draws the input plane (left, with each neuron's line z = 0) and the plane after the layer (right).

    No widgets needed: draw(W, b, activation) updates the picture and returns the frame's numbers.
    """

    def __init__(self, X, y, extent=EXTENT, n_lines=9):
        self.X, self.y, self.n_lines, self.extent = X, y, n_lines, extent
        self.grid = grid_lines(extent, n_lines)
        self.live = LiveFigure(780, 410)
        self.ax_in, self.ax_out = self.live.add_axes([0.07, 0.2, 0.38, 0.72], [0.57, 0.2, 0.38, 0.72])
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
        self.live.dynamic(self.neuron_lines, self.lines, self.points, self.separator, self.title)

    def draw(self, W, b, activation="relu"):
        """Push the grid and the points through a = f(x @ W + b), W (2, 2), b (2,), and draw the result.

        Returns the frame's numbers, nnlib.state.bending.bent(): 'W', 'b', 'activation', 'points' (n, 2) after
        the layer, 'n_bent' and 'n_lines' (grid lines bent, of all), 'separable' (one straight line splits the
        classes afterwards; None without labels), 'separator' ((w, c) of such a line a . w + c = 0, or None) and
        'same_line' (None, or 'same'/'opposite' when both neurons share their line z = 0 and fire on the
        same/opposite side).
        """
        frame = bent(self.X, self.y, self.grid, W, b, activation)
        lines_out, points, W, b = frame.pop("lines"), frame["points"], frame["W"], frame["b"]
        for artist, line in zip(self.lines, lines_out):
            artist.set_data(line[:, 0], line[:, 1])
        for dots, rows in zip(self.points, self.rows):
            dots.set_offsets(points[rows])
        for j, artist in enumerate(self.neuron_lines):
            ends = decision_line(W[:, j], b[j], self.extent)
            artist.set_data(*(ends if ends is not None else ([], [])))
        limits = square_limits(*lines_out, points)
        self.live.set_limits(self.ax_out, x=limits, y=limits)
        found = frame["separator"]
        ends = decision_line(found[0], found[1], limits + limits) if found is not None else None
        self.separator.set_data(*(ends if ends is not None else ([], [])))
        self.title.set_text(f"after: {formula(activation, 'x @ W + b')}")
        return frame


def describe(frame):
    """One line for a frame: the layer, how many grid lines it bent, and whether a line now splits the classes."""
    W, b = frame["W"], frame["b"]
    text = (f"<code>{formula(frame['activation'], 'x @ W + b')}</code>, "
            f"W = [[{W[0, 0]:.2f}, {W[0, 1]:.2f}], [{W[1, 0]:.2f}, {W[1, 1]:.2f}]], "
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


class BendingSpace(DrawsNumbers, ToolkitWidget):
    """The widget bending_space returns. controls: 'W[0,0]', 'W[0,1]', 'W[1,0]', 'W[1,1]', 'b[0]', 'b[1]' and
    'activation' (absent when only one is offered)."""

    browser_family = "bending"  # drawn in the page by front/bending.js (see widgets/browser.py)

    def browser_spec(self):
        """What front/bending.js needs once: the graph paper and the points, the panels' places and limits, the
        formula of each activation in the menu and the kernel picture's colours and line widths."""
        view, (width, height) = self.view, self.live.size
        boxes = [[float(v) for v in (b.x0 * width, (1 - b.y1) * height, b.width * width, b.height * height)]
                 for b in (view.ax_in.get_position(), view.ax_out.get_position())]
        menu = self.controls["activation"].options if "activation" in self.controls else [(None, self.activation)]
        return {"family": "bending", "size": [width, height], "grid": [line.tolist() for line in view.grid],
                "X": view.X.tolist(), "y": None if view.y is None else [int(v) for v in view.y],
                "extent": list(view.extent), "n_lines": view.n_lines, "boxes": boxes,
                "input_limits": [float(v) for v in view.ax_in.get_xlim()], "activation": self.activation,
                "formulas": {name: formula(name, "x @ W + b") for _, name in menu},
                "colours": {"vertical": VERTICAL, "horizontal": HORIZONTAL, "separator": SEPARATOR},
                "axis_width": AXIS_WIDTH, "line_width": LINE_WIDTH, "neuron_colours": list(NEURON_COLORS),
                "markers": list(CLASS_MARKERS), "class_colours": list(CLASS_COLORS),
                "controls": control_specs(self.controls, columns={name: int(name[-2]) for name in self.controls
                                                                  if name[-1] == "]"} | {"activation": 1})}

    def __init__(self, view, W, b, activation, activations, weight_range, bias_range):
        super().__init__()
        self.view, self.live, self.activation = view, view.live, activation
        self.state_model = BendingState(view.X, view.y, W, b, activation, view.extent, view.n_lines)
        self.controls = {}
        for j in range(2):
            for i in range(2):
                self.controls[f"W[{i},{j}]"] = slider(f"W[{i},{j}] (x{i + 1}\u2192n{j + 1})", W[i, j], *weight_range,
                                                      0.05, tooltip=f"weight from input x{i + 1} to neuron {j + 1}")
            self.controls[f"b[{j}]"] = slider(f"b[{j}] (neuron {j + 1})", b[j], *bias_range, 0.05,
                                              tooltip=f"bias of neuron {j + 1}")
        columns = [column(*(self.controls[k] for k in (f"W[0,{j}]", f"W[1,{j}]", f"b[{j}]"))) for j in range(2)]
        if len(activations) > 1:
            self.controls["activation"] = dropdown("activation f", [(activation_named(a).label, a)
                                                                    for a in activations], activation)
            columns[1].children += (self.controls["activation"],)
        self._assemble(row(*columns), summary=f"Bending space: a layer of 2 neurons with W and b sliders, "
                                              f"{activation}, {len(view.X)} data points")

    def _readout(self, frame):
        return describe(frame)


def bending_space(X=None, y=None, *, W=None, b=None, activation="relu", activations=BEND_CHOICES,
                  weight_range=(-2.0, 2.0), bias_range=(-2.0, 2.0), extent=EXTENT, n_lines=9):
    """Graph paper pushed through one layer of two neurons, a = f(x @ W + b), with a slider for every weight and
    bias and a menu of activations: see a linear layer only stretch space and ReLU fold it.

    X: (n, 2) points carried along (default: the XOR clouds of toy_2d('xor', n_samples=120)); y: (n,) labels
    0/1 (the readout says whether one straight line separates them after the layer). W: starting weights (2, 2)
    (default: the identity); b: starting biases (2,) (default 0). activation: 'linear' (a = z), 'relu',
    'leaky_relu', 'tanh' or 'sigmoid'; activations: the menu. extent: the patch of the plane the grid covers.
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
    activations = menu_choices(activation, activations, activation_named)
    check_ranges(weight_range=weight_range, bias_range=bias_range)
    view = BendingView(X, y, extent=extent, n_lines=n_lines)
    return BendingSpace(view, W, b, activation, activations, weight_range, bias_range)


__all__ = ["bending_space", "BendingSpace", "BendingView", "describe", "BEND_CHOICES", "NEURON_COLORS",
           # the plot this widget makes live, importable from here too (the checks of 03/04 use them)
           "plot_bending", "bend", "grid_lines", "stays_straight"]
