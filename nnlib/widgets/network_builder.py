"""The network builder: a small network on 2-D data where every weight and bias is a slider.

Like TensorFlow Playground, each neuron is drawn as a thumbnail of what it computes over the whole plane,
so a learner sees the hidden neurons carve simple pieces (two straight cuts) that the output neuron
combines into a shape no single line could make. Introduced in 05_layers (XOR with a 2-2-1 network).
The numbers live in a BuilderState (nnlib.state.network_builder); this module draws it and holds the sliders.
"""

import numpy as np
import ipywidgets as widgets

from .._validate import as_array, check_positive_int
from ..activations import activation_named
from ..network import MLP
from ..plots.activation import activation_curve, colour_limits
from ..plots.style import CLASS_CMAP, CLASS_COLORS, CLASS_MARKERS, NEGATIVE, POSITIVE, scatter_classes
from ..plots.thumbnails import ThumbnailNetwork
from ..state.network_builder import GRID, BuilderState, load_points  # noqa: F401 (load_points: importable here)
from ._live import LiveFigure, ToolkitWidget, View, sizes_text
from .controls import check_ranges, column, row, slider
from .browser import colour_table, control_specs


class BuilderView(View):
    """Draws the builder's picture with matplotlib alone: the network with a thumbnail per neuron
    (nnlib.plots.thumbnails, as the training playground draws it) and the network's output over the plane with
    the data points. draw(state) takes a BuilderState and returns the frame's numbers."""

    def __init__(self, state, weight_scale):
        X, y, sizes = state.X, state.y, state.model.layer_sizes
        self.live = LiveFigure(700, 320)
        fig = self.live.figure
        self.network = ThumbnailNetwork(fig, (0, 0, 392, 320), sizes, GRID, ["$x_1$", "$x_2$"],
                                        titles=["inputs", "hidden", "output"], hidden_names=True,
                                        weight_scale=weight_scale, thickest=5.0, max_pitch=90.0)
        for k, values in enumerate(state.maps()[0]):  # the inputs never change: x1 grows left to right, x2 up
            self.network.paint(0, k, values, CLASS_CMAP, (values.min(), values.max()))
        self.live.dynamic(self.network.artists)
        self.ax_out = fig.add_axes([0.6, 0.12, 0.37, 0.78])
        self.heat = self.ax_out.imshow(np.zeros((GRID, GRID)), origin="lower", extent=state.extent,
                                       cmap=CLASS_CMAP, vmin=0, vmax=1, aspect="auto", interpolation="bilinear")
        self.points = scatter_classes(self.ax_out, X, y, size=80 if len(X) <= 20 else 26)
        self.title = self.ax_out.text(0.5, 1.02, "", transform=self.ax_out.transAxes, ha="center", va="bottom",
                                      fontsize=10)
        self.ax_out.set_xlim(state.extent[:2])
        self.ax_out.set_ylim(state.extent[2:])
        self.ax_out.tick_params(labelsize=8)
        self.live.dynamic(self.heat, self.points, self.title)

    def draw(self, state):
        """Redraw for the state's weights. Returns its score() (correct, n, all_correct, probabilities,
        true_class_probability, loss) and 'output', the network's P(class 1) over the plane (GRID, GRID)."""
        maps = state.maps()
        for layer, layer_maps in enumerate(maps[1:-1], start=1):
            for k, values in enumerate(layer_maps):
                self.network.paint(layer, k, values, CLASS_CMAP, colour_limits(state.model.activation, values))
        output = maps[-1][0]
        self.network.paint(len(maps) - 1, 0, output)
        self.heat.set_data(output)
        self.network.show_weights(state.model.weights)
        score = state.score()
        correct, n = score["correct"], score["n"]
        self.title.set_text(f"all {n} points correct" if correct == n else f"{correct} of {n} points correct")
        return {**score, "output": output}


class NetworkBuilder(ToolkitWidget):
    """The widget network_builder returns.

    controls: one slider per parameter, keyed like the arrays they set: 'W1[0,1]' is model.weights[0][0, 1]
    (from input x1 to hidden neuron h2), 'b1[1]' is model.biases[0][1], 'W2[1,0]' from h2 to the output,
    'b2[0]' the output's bias. model: the MLP the sliders edit in place; state_model: the BuilderState.
    """

    browser_family = "network_builder"  # drawn in the page by front/network_builder.js (see widgets/browser.py)

    def browser_spec(self):
        """What front/network_builder.js needs once: the points, the grid the maps are computed on, the diagram's
        layout (the kernel's thumbnail positions, so both pictures agree), the weight lines' style and colours."""
        network, height = self.view.network, self.live.size[1]
        box = self.view.ax_out.get_position()
        width = self.live.size[0]
        low, high = activation_curve(self.model.activation).output_range
        n_in, n_hidden, _ = self.model.layer_sizes
        return {"family": "network_builder", "size": list(self.live.size), "X": self.state_model.X.tolist(),
                "y": [int(v) for v in self.state_model.y], "extent": list(self.state_model.extent), "grid": GRID,
                "layer_sizes": list(self.model.layer_sizes), "activation": self.model.activation,
                "output_range": [low, high] if np.isfinite(low) and np.isfinite(high) else None,
                "positions": [[[float(x), float(height - y)] for x, y in centres] for centres in network.positions],
                "thumbnail": int(network.size), "titles": ["inputs", "hidden", "output"],
                "neuron_names": [[f"x{i + 1}" for i in range(n_in)], [f"h{j + 1}" for j in range(n_hidden)],
                                 ["out"]],
                "output_box": [box.x0 * width, (1 - box.y1) * height, box.width * width, box.height * height],
                "weight_scale": network.weight_scale, "thickest": network.thickest, "check": bool(self.check),
                "lut": colour_table(CLASS_CMAP), "markers": list(CLASS_MARKERS), "class_colours": list(CLASS_COLORS),
                "colours": {"positive": POSITIVE, "negative": NEGATIVE},
                "controls": control_specs(self.controls, decimals={name: 1 for name in self.controls},
                                          columns=self._columns)}

    def __init__(self, state, weight_range, check):
        super().__init__()
        self.state_model, self.model, self.check = state, state.model, check
        self.view = BuilderView(state, weight_scale=max(abs(weight_range[0]), abs(weight_range[1])))
        self.live = self.view.live
        n_in, n_hidden, _ = self.model.layer_sizes
        names = [[f"x{i + 1}" for i in range(n_in)], [f"h{j + 1}" for j in range(n_hidden)], ["out"]]
        self.controls = {}
        for key, layer, i, j in state.parameters:  # grouped by the neuron they feed: its weights, then its bias
            to = names[layer][j]
            label, tip = ((f"bias {to}", f"bias of {to}") if i is None else
                          (f"{names[layer - 1][i]} \u2192 {to}", f"weight from {names[layer - 1][i]} to {to}"))
            self.controls[key] = slider(label, state.get(key), *weight_range, 0.1, readout_format=".1f",
                                        width="290px", tooltip=tip, description_width="72px")
        sliders = list(self.controls.values())
        per_neuron = n_in + 1
        per_page_column = 2 if n_hidden > 2 else 1  # the page's columns: as the kernel's, the output's last
        self._columns = {key: (j // per_page_column if layer == 1 else (n_hidden - 1) // per_page_column + 1)
                         for key, layer, _, j in state.parameters}
        hidden_groups = [column(*sliders[k * per_neuron:(k + 1) * per_neuron]) for k in range(n_hidden)]
        per_column = 2 if n_hidden > 2 else 1
        hidden_columns = [widgets.VBox([widgets.HTML("<b>input \u2192 hidden</b>")] * (k == 0)
                                       + hidden_groups[k:k + per_column]) for k in range(0, n_hidden, per_column)]
        output_column = column(widgets.HTML("<b>hidden \u2192 output</b>"), *sliders[n_hidden * per_neuron:])
        self._assemble(row(*hidden_columns, output_column),
                       summary=f"Network builder: {sizes_text(self.model)} network, {self.model.activation}, "
                               f"{len(state.y)} points")

    @property
    def all_correct(self):
        """True when every point is on its class's side (the network's output > 0.5 for class 1)."""
        return bool(self.frame.get("all_correct", False))

    def to_code(self):
        """Python source that, run after `import nnlib`, defines `net` (an nnlib.MLP with the sliders' weights)
        and `predict(points)` (its probabilities for (n, 2) points): take what you built into your own code."""
        return self.state_model.to_code()

    def _readout(self, frame):
        sure = ("on average it gives each point's true class a probability of "
                f"{frame['true_class_probability']:.2f} (1.00 = sure and right)")
        text = f"<b>{frame['correct']} of {frame['n']}</b> points classified correctly; {sure}."
        if self.check and frame["all_correct"]:
            text = f"\u2705 <b>All {frame['n']} points classified correctly!</b> {sure[0].upper()}{sure[1:]}."
        return text


def network_builder(data="xor", *, hidden=2, activation="sigmoid", weights=None, biases=None, seed=0, check=True,
                    weight_range=(-10.0, 10.0), n_samples=100):
    """A 2-input network with one hidden layer and one sigmoid output where every weight and bias is a slider.

    data: 'xor' (default), 'and' or 'or' for the four corners of the logic gate; 'blobs', 'moons', 'circles' or
    'spirals' for a toy_2d cloud of n_samples points; or a pair (X (n, 2), y (n,) labels 0/1).
    hidden: hidden neurons (1 to 6). activation: the hidden layer's, a name in nnlib.ACTIVATIONS ('sigmoid',
    'tanh', 'relu', 'leaky_relu', 'linear'). weights, biases: starting values [W1 (2, hidden), W2 (hidden, 1)],
    [b1 (hidden,), b2 (1,)] (default: MLP's seeded random start).
    check: say when every point is classified correctly. weight_range: (low, high) of every slider.
    The picture: each neuron's own output over the plane as a thumbnail (blue low, orange high), lines whose
    width is |w| and colour its sign, and the network's output with the points.
    Returns a NetworkBuilder widget (.controls, .model, .all_correct, .view, .frame, .render()).
    Introduced in 05_layers.
    """
    X, y = load_points(data, n_samples=n_samples, seed=seed)
    hidden = check_positive_int(hidden, "hidden")
    if hidden > 6:
        raise ValueError(f"network_builder gives every weight a slider, so it keeps to 1-6 hidden neurons, "
                         f"but got hidden={hidden}. For bigger networks use training_playground.")
    activation_named(activation)
    check_ranges(weight_range=weight_range)
    model = MLP([2, hidden, 1], activation=activation, seed=seed)
    if weights is not None:
        model.weights = [as_array(W, f"weights[{i}]") for i, W in enumerate(weights)]
    if biases is not None:
        model.biases = [as_array(b, f"biases[{i}]") for i, b in enumerate(biases)]
    model.weights = [np.array(W, dtype=np.float64) for W in model.weights]  # the builder's own copies
    model.biases = [np.array(b, dtype=np.float64) for b in model.biases]
    return NetworkBuilder(BuilderState(model, X, y), weight_range, check)
