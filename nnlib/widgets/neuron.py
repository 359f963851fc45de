"""The neuron playground: drag a neuron's weights and bias, watch z = w.x + b and its output move.

Introduced in 01_neuron (the party decision: distance, tiredness, friends); used in 02_bias (with and
without a bias: a line through the origin or anywhere) and 03_linearity (XOR: no single line works).
"""

import numpy as np

from .._validate import as_array, as_labels, check_same_length
from ..state.neuron import (ON_THE_LINE, PARTY_INPUTS, PARTY_VALUES, PARTY_WEIGHTS,  # noqa: F401
                            NeuronState, neuron_output, sides)
from matplotlib.colors import to_hex

from ..plots.style import CLASS_CMAP, CLASS_COLORS, CLASS_MARKERS, CURVE, NEGATIVE, POSITIVE, nice_limit
from ..plots.activation import CURVES, activation_curve, colour_limits, formula, output_limits
from ..plots.boundary import MAP_ALPHA, decision_line, plane_grid, scatter_on_map
from .browser import colour_table, control_specs
from ._live import DrawsNumbers, LiveFigure, ToolkitWidget, View
from .controls import check_ranges, column, dropdown, label_width, menu_choices, row, slider

ACTIVATION_CHOICES = ("linear", "step", "sigmoid", "relu")  # the menu: see nnlib.plots.activation.CURVES
Z_RANGE = 10.0  # the activation panel shows z from -10 to 10


class NeuronView(View):
    """Draws the neuron playground's picture with matplotlib alone, so it can be tested without widgets.

    Without data: a bar per input showing its share w_i * x_i of z, the bias, and z itself; beside it the
    activation curve with the current z marked. With 2-D data: the plane coloured by the neuron's output, the
    points and the decision line z = 0; beside it every point's z on the activation curve. With data of other
    widths: only the curve with the points on it. draw(...) returns the frame's numbers.
    """

    def __init__(self, names, X=None, y=None, show_bias=True, activation="sigmoid"):
        self.names, self.X, self.y, self.show_bias = list(names), X, y, show_bias
        self.mode = "inputs" if X is None else ("plane" if X.shape[1] == 2 else "points")
        self.activation = None
        height = 270 if self.mode == "inputs" else 300
        self.live = LiveFigure(640, height)
        fig = self.live.figure
        if self.mode == "inputs":
            self._build_bars(fig.add_axes([0.2, 0.16, 0.33, 0.7]))
            self.ax_curve = fig.add_axes([0.63, 0.16, 0.34, 0.7])
        elif self.mode == "plane":
            self._build_plane(fig.add_axes([0.12, 0.14, 0.35, 0.74]))
            self.ax_curve = fig.add_axes([0.6, 0.14, 0.37, 0.74])
        else:
            self.ax_curve = fig.add_axes([0.1, 0.14, 0.86, 0.74])
        self._build_curve(self.ax_curve)
        self._set_activation(activation)

    # ---- building once ----------------------------------------------------------------------------------
    def _build_bars(self, ax):
        self.ax_bars = ax
        labels = [str(n) for n in self.names] + (["bias b"] if self.show_bias else []) + ["z (the sum)"]
        rows = np.arange(len(labels))[::-1].astype(np.float64)
        self.bars = list(ax.barh(rows, np.zeros(len(rows)), height=0.62, color=POSITIVE))
        self.bars[-1].set_edgecolor("#222222")
        self.bars[-1].set_linewidth(1.5)
        self.bar_texts = [ax.text(0, r, "", va="center", fontsize=9) for r in rows]
        ax.set_yticks(rows, labels, fontsize=9)
        ax.axvline(0, color="#555555", linewidth=0.8)
        ax.axhline(rows[-1] + 0.5, color="#BBBBBB", linewidth=0.8)
        ax.set_title("what each input adds to z", fontsize=10)
        ax.spines[["top", "right", "left"]].set_visible(False)
        ax.tick_params(axis="y", length=0)
        ax.set_ylim(-0.6, rows[0] + 0.6)
        self.live.dynamic(self.bars, self.bar_texts)

    def _build_plane(self, ax):
        self.ax_plane = ax
        self.grid, self.extent = plane_grid(self.X, resolution=60)
        self.heat = ax.imshow(np.zeros((60, 60)), origin="lower", extent=self.extent, cmap=CLASS_CMAP,
                              alpha=MAP_ALPHA, aspect="auto", interpolation="nearest")
        size = 80 if len(self.X) <= 20 else 34  # the four corners of XOR deserve big markers
        # evenings with the same numbers are fanned out around their spot, so none hides another
        self.points = scatter_on_map(ax, self.X, self.y, size=size) if self.y is not None else [
            ax.scatter(self.X[:, 0], self.X[:, 1], s=size, color="#333333", zorder=3)]
        self.line, = ax.plot([], [], color="#222222", linewidth=2.2, zorder=2.5)
        self.plane_title = ax.text(0.5, 1.02, "", transform=ax.transAxes, ha="center", va="bottom", fontsize=10)
        ax.set_xlim(self.extent[:2])
        ax.set_ylim(self.extent[2:])
        named = [f": {n}" if n != f"x{i}" else "" for i, n in enumerate(self.names, start=1)]
        ax.set_xlabel(f"$x_1${named[0]}", labelpad=1)
        ax.set_ylabel(f"$x_2${named[1]}", labelpad=1)
        self.live.dynamic(self.heat, self.points, self.line, self.plane_title)

    def _build_curve(self, ax):
        self.z_axis = np.linspace(-Z_RANGE, Z_RANGE, 401)
        ax.axhline(0, color="#BBBBBB", linewidth=0.8, zorder=0)
        ax.axvline(0, color="#BBBBBB", linewidth=0.8, zorder=0)
        self.curve, = ax.plot(self.z_axis, self.z_axis, color=CURVE, linewidth=2)
        ax.set_xlim(-Z_RANGE, Z_RANGE)
        ax.set_xlabel("z = w\u00b7x + b" if self.show_bias else "z = w\u00b7x", labelpad=1)
        ax.spines[["top", "right"]].set_visible(False)
        self.curve_title = ax.text(0.5, 1.02, "", transform=ax.transAxes, ha="center", va="bottom", fontsize=10)
        if self.mode == "inputs":
            self.z_line = ax.axvline(0, color=CURVE, linestyle=":", linewidth=1.2)
            self.marker, = ax.plot([0], [0], "o", color=CURVE, markersize=9, zorder=4)
            self.live.dynamic(self.z_line, self.marker, self.curve_title)
        else:
            y = self.y if self.y is not None else np.zeros(len(self.X), dtype=np.int64)
            self.curve_points = scatter_on_map(ax, np.zeros((len(y), 2)), y, size=30, spread=False, zorder=4)
            self.curve_labels = [np.flatnonzero(y == int(label)) for label in np.unique(y)]
            self.live.dynamic(self.curve_points, self.curve_title)

    def _set_activation(self, name):
        if name == self.activation:
            return
        self.activation, self.f = name, activation_curve(name).function
        self.curve.set_ydata(self.f(self.z_axis))
        self.ax_curve.set_ylim(output_limits(name, -Z_RANGE, Z_RANGE))
        self.ax_curve.set_ylabel(formula(name), labelpad=1)
        if self.mode == "plane":
            self.heat.set_clim(*colour_limits(name))
        self.live.invalidate()

    # ---- each frame -------------------------------------------------------------------------------------
    def draw(self, weights, bias, inputs=None, activation="sigmoid"):
        """Draw the neuron with these weights (n_inputs,), bias and, without data, inputs (n_inputs,).

        Returns the frame's numbers: z and a (for the inputs, or (batch,) arrays for the data), the
        contributions w_i * x_i, and with labelled data how many points sit on their class's side (z > 0 means
        class 1).
        """
        self._set_activation(activation)
        w = np.asarray(weights, dtype=np.float64)
        b = float(bias)
        if self.mode == "inputs":
            return self._draw_inputs(w, b, np.asarray(inputs, dtype=np.float64))
        return self._draw_data(w, b)

    def _draw_inputs(self, w, b, x):
        contributions = w * x
        z, a = neuron_output(x, w, b, self.activation)
        values = list(contributions) + ([b] if self.show_bias else []) + [z]
        limit = nice_limit(max(1.0, 1.2 * max(abs(v) for v in values)))
        self.live.set_limits(self.ax_bars, x=(-limit, limit))
        for bar, text, v in zip(self.bars, self.bar_texts, values):
            bar.set_width(v)
            bar.set_facecolor(POSITIVE if v >= 0 else NEGATIVE)
            text.set_x(v + (0.03 if v >= 0 else -0.03) * limit)
            text.set_ha("left" if v >= 0 else "right")
            text.set_text(f"{v:.2f}")
        shown = float(np.clip(z, -Z_RANGE, Z_RANGE))
        self.z_line.set_xdata([shown, shown])
        self.marker.set_data([shown], [self.f(np.array([shown]))[0]])
        self.curve_title.set_text(f"output: {formula(self.activation)} = {float(a):.2f}")
        return {"z": float(z), "a": float(a), "contributions": contributions, "inputs": x, "weights": w,
                "bias": b, "activation": self.activation}

    def _draw_data(self, w, b):
        z, a = neuron_output(self.X, w, b, self.activation)
        frame = {"z": z, "a": a, "weights": w, "bias": b, "activation": self.activation}
        if self.y is not None:
            frame.update(sides(z, self.y))
        if self.mode == "plane":
            self.heat.set_data(neuron_output(self.grid, w, b, self.activation)[1].reshape(60, 60))
            ends = decision_line(w, b, self.extent)
            self.line.set_data(*(ends if ends is not None else ([], [])))
            frame["line"] = ends
            self.plane_title.set_text(_score_text(frame) if self.y is not None else "")
        shown = np.clip(z, -Z_RANGE, Z_RANGE)
        for dots, rows in zip(self.curve_points, self.curve_labels):
            dots.set_offsets(np.column_stack([shown[rows], self.f(shown[rows])]))
        self.curve_title.set_text("each point's z and output")
        return frame


def _score_text(frame):
    if frame["correct"] == frame["n"]:
        return f"all {frame['n']} points on their side"
    if frame.get("on_line"):
        return f"{frame['correct']} of {frame['n']} on their side, {frame['on_line']} on the line"
    return f"{frame['correct']} of {frame['n']} points on their side"


def _signed(v):
    return f"({v:.2f})" if v < 0 else f"{v:.2f}"


class NeuronPlayground(DrawsNumbers, ToolkitWidget):
    """The widget neuron_playground returns. controls: 'w1', 'w2', ..., 'b', 'x1', ... and 'activation'."""

    browser_family = "neuron"  # drawn in the page by front/neuron.js (see widgets/browser.py)

    def browser_spec(self):
        """What front/neuron.js needs once: the data, the controls, and the colours and limits the kernel's
        picture uses, so both pictures agree."""
        view = self.view
        names = list(CURVES)
        spec = {"family": "neuron", "size": list(view.live.size), "mode": view.mode, "names": list(view.names),
                "controls": control_specs(self.controls, columns={name: 1 for name in self.controls
                                                                  if name[0] == "x" or name == "activation"},
                                          decimals={name: 1 for name in self.controls if name[0] == "x"}),
                "show_bias": self.show_bias, "fixed_bias": self.fixed_bias, "activation": self.activation,
                "on_the_line": ON_THE_LINE, "z_range": Z_RANGE, "formulas": {a: formula(a) for a in names},
                "output_limits": {a: list(output_limits(a, -Z_RANGE, Z_RANGE)) for a in names},
                "colour_limits": {a: list(colour_limits(a)) for a in names},
                "colours": {"positive": POSITIVE, "negative": NEGATIVE, "curve": CURVE},
                "z_label": "z = w\u00b7x + b" if self.show_bias else "z = w\u00b7x"}
        if view.mode == "plane":
            spec.update(X=view.X.tolist(), y=None if view.y is None else view.y.tolist(),
                        extent=[float(v) for v in view.extent], resolution=60, lut=colour_table(CLASS_CMAP),
                        map_alpha=MAP_ALPHA, class_colours=[to_hex(c) for c in CLASS_COLORS],
                        markers=list(CLASS_MARKERS),
                        axis_labels=[f"x{i}" + (f": {n}" if n != f"x{i}" else "")
                                     for i, n in enumerate(view.names, start=1)])
        return spec

    def __init__(self, view, weights, bias, inputs, names, show_bias, activation, activations, weight_range,
                 bias_range, input_range):
        super().__init__()
        self.view, self.live, self.names, self.show_bias = view, view.live, names, show_bias
        self.fixed_bias = float(bias)
        self.state_model = NeuronState(weights, bias, inputs if view.mode == "inputs" else None, activation,
                                       view.X, view.y)
        step_w = 0.05 if weight_range[1] - weight_range[0] <= 20 else 0.1
        self.controls = {}
        weight_controls = []
        weight_labels = [f"w{i} ({name})" if view.mode == "inputs" or name != f"x{i}" else f"w{i}"
                         for i, name in enumerate(names, start=1)]
        input_labels = [f"x{i} {name}" for i, name in enumerate(names, start=1)]
        width = label_width(weight_labels + input_labels + ["activation f"])
        slider_width = f"{int(width[:-2]) + 210}px"
        for i, (label, name, w) in enumerate(zip(weight_labels, names, weights), start=1):
            weight_controls.append(slider(label, w, *weight_range, step_w, tooltip=f"weight {i}: how much "
                                          f"{name} counts", description_width=width, width=slider_width))
            self.controls[f"w{i}"] = weight_controls[-1]
        if show_bias:
            self.controls["b"] = slider("b (bias)", bias, *bias_range, 0.05, tooltip="bias: the neuron's "
                                        "baseline tendency, added to the weighted sum", description_width=width,
                                        width=slider_width)
            weight_controls.append(self.controls["b"])
        input_controls = []
        if view.mode == "inputs":
            step_x = 0.1 if input_range[1] - input_range[0] <= 20 else 1.0
            for i, (label, name, x) in enumerate(zip(input_labels, names, inputs), start=1):
                self.controls[f"x{i}"] = slider(label, x, *input_range, step_x, readout_format=".1f",
                                                tooltip=f"input {i}: {name}", description_width=width,
                                                width=slider_width)
                input_controls.append(self.controls[f"x{i}"])
        if len(activations) > 1:
            self.controls["activation"] = dropdown("activation f", [(activation_curve(a).label, a)
                                                                    for a in activations], activation,
                                                   width=slider_width)
            self.controls["activation"].style.description_width = width
            input_controls.append(self.controls["activation"])
        self.activation = activation
        self._assemble(row(column(*weight_controls), column(*input_controls)),
                       summary=f"Neuron playground: {len(names)} weights, {'bias' if show_bias else 'no bias'}, "
                               f"{activation}" + ("" if view.mode == "inputs" else f", {len(view.X)} data points"))

    def _readout(self, frame):
        bias = f" + {_signed(frame['bias'])}" if self.show_bias or frame["bias"] != 0 else ""
        if self.view.mode == "inputs":
            terms = " + ".join(f"{_signed(w)}\u00d7{x:.1f}" for w, x in zip(frame["weights"], frame["inputs"]))
            return (f"<code>z = {terms}{bias} = <b>{frame['z']:.2f}</b></code> &nbsp;\u2192&nbsp; "
                    f"<code>{formula(frame['activation'])} = <b>{frame['a']:.2f}</b></code>")
        terms = " + ".join(f"{_signed(w)}\u00b7x{i}" for i, w in enumerate(frame["weights"], start=1))
        text = f"<code>z = {terms}{bias}</code>"
        if "correct" in frame:
            text += (f" &nbsp;\u2192&nbsp; <b>{frame['correct']} of {frame['n']}</b> on their side "
                     f"(z &gt; 0 counts as 1, z &lt; 0 as 0)")
            if frame.get("on_line"):
                text += f", {frame['on_line']} exactly on the line (z = 0, neither side)"
            if frame["correct"] == frame["n"]:
                text += " \u2705"
        return text


def neuron_playground(X=None, y=None, *, weights=None, bias=0.0, activation="sigmoid",
                      activations=ACTIVATION_CHOICES, input_names=None, inputs=None, show_bias=True,
                      weight_range=(-5.0, 5.0), bias_range=(-10.0, 10.0), input_range=(0.0, 10.0)):
    """A single neuron with a slider for each weight and for the bias; z, the activation and the output update live.

    Without data (the default is the party decision of 01_neuron: distance, tiredness, friends going) each
    input has a slider too, and bars show what each input adds to z = w.x + b.
    With X (n, 2) and labels y (n,): the plane is coloured by the neuron's output and the decision line
    z = 0 moves over the points; the readout counts the points on their class's side (z > 0: class 1).
    X with another number of columns shows each point's z on the activation curve.

    weights: starting weights (n_inputs,) (default: the party's, or 1s, or 0.5s with data); bias: the starting
    bias (kept fixed when show_bias=False: 02_bias contrasts with and without it). activation: 'linear' (a = z),
    'step', 'sigmoid', 'relu', 'tanh' or 'leaky_relu'; activations: the choices offered (one or none hides the
    menu).
    input_names / inputs: names and starting values of the inputs (no data). *_range: (low, high) of sliders.
    Returns a NeuronPlayground widget (.controls, .view, .frame, .render()). Introduced in 01_neuron.
    """
    activations = menu_choices(activation, activations, activation_curve)
    if X is None:
        if y is not None:
            raise ValueError("y was given without X. Pass the points too: neuron_playground(X, y).")
        if input_names is None:
            n = len(weights) if weights is not None else len(inputs) if inputs is not None else 3
            party = n == 3 and weights is None
            input_names = PARTY_INPUTS if party else tuple(f"input {i}" for i in range(1, n + 1))
            weights = PARTY_WEIGHTS if party else weights
            inputs = PARTY_VALUES if party and inputs is None else inputs
        names = tuple(str(v) for v in input_names)
        n = len(names)
        inputs = np.full(n, 1.0) if inputs is None else as_array(inputs, "inputs", ndim=1)
        weights = np.full(n, 1.0) if weights is None else as_array(weights, "weights", ndim=1)
        for label, arr in (("inputs", inputs), ("weights", weights)):
            if len(arr) != n:
                raise ValueError(f"{label} has {len(arr)} values but there are {n} inputs ({', '.join(names)}). "
                                 f"Give one per input.")
    else:
        X = as_array(X, "X", ndim=2)
        if y is not None:
            y = as_labels(y, "y")
            check_same_length(X, y)
            if y.max() > 1:
                raise ValueError(f"A single neuron separates two classes, but y contains the label {y.max()}. "
                                 "Use labels 0 and 1.")
        n = X.shape[1]
        names = tuple(str(v) for v in input_names) if input_names is not None else tuple(
            f"x{i}" for i in range(1, n + 1))
        if len(names) != n:
            raise ValueError(f"input_names has {len(names)} names but X has {n} columns.")
        weights = np.full(n, 0.5) if weights is None else as_array(weights, "weights", ndim=1)
        if len(weights) != n:
            raise ValueError(f"weights has {len(weights)} values but X has {n} columns (one weight per column).")
        if inputs is not None:
            raise ValueError("inputs are the sliders' starting values when there is no data; with X the inputs "
                             "are the data points. Leave inputs out.")
    check_ranges(weight_range=weight_range, bias_range=bias_range, input_range=input_range)
    view = NeuronView(names, X, y, show_bias=show_bias, activation=activation)
    return NeuronPlayground(view, weights, bias, inputs, names, show_bias, activation, activations,
                            weight_range, bias_range, input_range)
