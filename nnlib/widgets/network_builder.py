"""The network builder: a small network on 2-D data where every weight and bias is a slider.

Like TensorFlow Playground, each neuron is drawn as a thumbnail of what it computes over the whole plane,
so a learner sees the hidden neurons carve simple pieces (two straight cuts) that the output neuron
combines into a shape no single line could make. Introduced in 05_layers (XOR with a 2-2-1 network).
"""

import numpy as np
import ipywidgets as widgets

from .._validate import as_array, as_points, check_choice, check_positive_int
from ..activations import activation_named
from ..datasets import TOY_DATASETS, logic_gate, toy_2d
from ..network import MLP
from ..plots.style import CLASS_CMAP, scatter_classes
from ..plots.activation import colour_limits
from ..plots.boundary import plane_grid
from ..plots.network import plot_network
from ._live import LiveFigure, ToolkitWidget, check_ranges, column, image_widget, slider

GRID = 50


def load_points(data, n_samples=200, seed=0):
    """The builder's data: 'xor', 'and', 'or' give the four corners of the logic gate (0/1 inputs); the other
    toy names ('blobs', 'moons', 'circles', 'spirals') give toy_2d clouds; (X, y) is used as given."""
    if isinstance(data, str):
        check_choice(data, "data", TOY_DATASETS)
        return logic_gate(data) if data in ("xor", "and", "or") else toy_2d(data, n_samples=n_samples, seed=seed)
    if not isinstance(data, (tuple, list)) or len(data) != 2:
        raise TypeError(f"data should be a dataset name such as 'xor' or a pair (X, y), but got "
                        f"{type(data).__name__}.")
    X, y = as_points(*data)
    if y.max() > 1:
        raise ValueError(f"The network has one sigmoid output (two classes), but y contains {y.max()}. "
                         "Use labels 0 and 1.")
    return X, y


class NetworkView:
    """Draws the builder's picture with matplotlib alone: the diagram with a thumbnail per neuron, and the
    network's output over the plane with the data points. draw(model) returns the frame's numbers."""

    def __init__(self, model, X, y, weight_scale):
        self.X, self.y = X, y
        self.grid, self.extent = plane_grid(X, resolution=GRID)
        self.live = LiveFigure(700, 320)
        fig = self.live.figure
        ax = fig.add_axes([0.0, 0.02, 0.56, 0.96])
        # spread the columns so the diagram fills its half of the picture, whatever the number of neurons
        height_units = max(model.layer_sizes) + 1.6
        box = ax.get_position()
        wide = (box.width * fig.get_figwidth()) / (box.height * fig.get_figheight())
        spacing = float(np.clip((wide * height_units - 1.2) / 2, 1.0, 2.5))
        self.diagram = plot_network(model, ax, show_numbers=False, weight_scale=weight_scale, neuron_size=0,
                                    input_labels=["", ""], layer_spacing=spacing)
        for dots in self.diagram.neurons:
            dots.set_visible(False)
        size = 0.64
        self.thumbs = []
        for layer, pos in enumerate(self.diagram.positions):
            column_thumbs = []
            for k, (cx, cy) in enumerate(pos):
                extent = (cx - size / 2, cx + size / 2, cy - size / 2, cy + size / 2)
                image = ax.imshow(np.zeros((GRID, GRID)), origin="lower", extent=extent, cmap=CLASS_CMAP,
                                  interpolation="bilinear", zorder=3)
                frame = ax.add_patch(_square(extent))
                column_thumbs.append(image)
                if layer == 0:
                    ax.text(cx - size / 2 - 0.06, cy, f"$x_{k + 1}$", ha="right", va="center", fontsize=11)
                elif layer < len(self.diagram.positions) - 1:
                    ax.text(cx, cy - size / 2 - 0.04, f"h{k + 1}", ha="center", va="top", fontsize=8,
                            color="#555555")
                self.live.dynamic(image, frame)
            self.thumbs.append(column_thumbs)
        _equal_aspect(ax, (-0.55, 2 * spacing + 0.55), ax.get_ylim())
        # the inputs' thumbnails never change: x1 grows left to right, x2 bottom to top
        for k, image in enumerate(self.thumbs[0]):
            image.set_data(self.grid[:, k].reshape(GRID, GRID))
            image.set_clim(self.grid[:, k].min(), self.grid[:, k].max())
        self.live.dynamic(self.diagram.connections)

        self.ax_out = fig.add_axes([0.6, 0.12, 0.37, 0.78])
        self.heat = self.ax_out.imshow(np.zeros((GRID, GRID)), origin="lower", extent=self.extent, cmap=CLASS_CMAP,
                                       vmin=0, vmax=1, aspect="auto", interpolation="bilinear")
        size = 80 if len(X) <= 20 else 26
        self.points = scatter_classes(self.ax_out, X, y, size=size)
        self.title = self.ax_out.text(0.5, 1.02, "", transform=self.ax_out.transAxes, ha="center", va="bottom",
                                      fontsize=10)
        self.ax_out.set_xlim(self.extent[:2])
        self.ax_out.set_ylim(self.extent[2:])
        self.ax_out.tick_params(labelsize=8)
        self.live.dynamic(self.heat, self.points, self.title)

    def draw(self, model):
        """Redraw for the model's current weights. Returns {'correct', 'n', 'all_correct', 'loss', 'output',
        'probabilities', 'right_share'}: right_share is the mean probability given to each point's true class
        (the readout shows it instead of the loss, which 05 has not taught yet)."""
        with np.errstate(all="ignore"):
            layers = model.layer_outputs(self.grid)
            P = model.predict_proba(self.X)[:, 0]
            loss = model.loss(self.X, self.y)
        hidden = self.thumbs[1:-1]
        for thumbs, values in zip(hidden, layers[:-1]):
            for k, image in enumerate(thumbs):
                image.set_data(values[:, k].reshape(GRID, GRID))
                image.set_clim(*colour_limits(model.activation, values[:, k]))
        output = layers[-1][:, 0].reshape(GRID, GRID)
        self.thumbs[-1][0].set_data(output)
        self.thumbs[-1][0].set_clim(0.0, 1.0)
        self.heat.set_data(output)
        self.diagram.update(weights=model.weights)
        correct = int(np.count_nonzero((P > 0.5) == (self.y == 1)))
        n = len(self.y)
        self.title.set_text(f"all {n} points correct" if correct == n else f"{correct} of {n} points correct")
        right = float(np.mean(np.where(self.y == 1, P, 1 - P)))  # the share it gives each point's true class
        return {"correct": correct, "n": n, "all_correct": correct == n, "loss": float(loss), "output": output,
                "probabilities": P, "right_share": right}

    def render(self):
        return self.live.render()


def _equal_aspect(ax, xlim, ylim):
    """Set limits that hold xlim and ylim with one data unit as many pixels across as up (square thumbnails)."""
    box = ax.get_position()
    width_px = box.width * ax.figure.get_figwidth()
    height_px = box.height * ax.figure.get_figheight()
    unit = max((xlim[1] - xlim[0]) / width_px, (ylim[1] - ylim[0]) / height_px)
    for (low, high), pixels, setter in ((xlim, width_px, ax.set_xlim), (ylim, height_px, ax.set_ylim)):
        middle = (low + high) / 2
        setter(middle - unit * pixels / 2, middle + unit * pixels / 2)


def _square(extent):
    from matplotlib.patches import Rectangle

    x0, x1, y0, y1 = extent
    return Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False, edgecolor="#444444", linewidth=0.8, zorder=3.5)


class NetworkBuilder(ToolkitWidget):
    """The widget network_builder returns.

    controls: one slider per parameter, keyed like the arrays they set: 'W1[0,1]' is model.weights[0][0, 1]
    (from input x1 to hidden neuron h2), 'b1[1]' is model.biases[0][1], 'W2[1,0]' from h2 to the output,
    'b2[0]' the output's bias. model: the MLP the sliders edit in place.
    """

    def __init__(self, view, model, weight_range, check):
        super().__init__()
        self.view, self.live, self.model, self.check = view, view.live, model, check
        n_in, n_hidden, _ = model.layer_sizes
        self.controls = {}
        groups = []
        names = [[f"x{i + 1}" for i in range(n_in)], [f"h{j + 1}" for j in range(n_hidden)], ["out"]]
        for layer in range(2):
            W, b = model.weights[layer], model.biases[layer]
            title = "input \u2192 hidden" if layer == 0 else "hidden \u2192 output"
            group = [widgets.HTML(f"<b>{title}</b>")]
            for j in range(W.shape[1]):
                for i in range(W.shape[0]):
                    key = f"W{layer + 1}[{i},{j}]"
                    self.controls[key] = slider(f"{names[layer][i]} \u2192 {names[layer + 1][j]}", W[i, j],
                                                *weight_range, 0.1, readout_format=".1f", width="290px",
                                                tooltip=f"weight from {names[layer][i]} to {names[layer + 1][j]}",
                                                description_width="72px")
                    group.append(self.controls[key])
                key = f"b{layer + 1}[{j}]"
                self.controls[key] = slider(f"bias {names[layer + 1][j]}", b[j], *weight_range, 0.1,
                                            readout_format=".1f", width="290px",
                                            tooltip=f"bias of {names[layer + 1][j]}", description_width="72px")
                group.append(self.controls[key])
            groups.append(group)
        hidden_groups = [column(*groups[0][1 + k * (n_in + 1):1 + (k + 1) * (n_in + 1)])
                         for k in range(n_hidden)]
        per_column = 2 if n_hidden > 2 else 1
        hidden_columns = [widgets.VBox([groups[0][0]] * (k == 0) + hidden_groups[k:k + per_column])
                          for k in range(0, n_hidden, per_column)]
        layout = widgets.Layout(flex_flow="row wrap")
        controls = widgets.HBox(hidden_columns + [column(*groups[1])], layout=layout)
        for control in self.controls.values():
            control.observe(self._moved, names="value")
        self.image = image_widget(self.live)
        self.readout = widgets.HTML()
        self._setup([self.image, self.readout, controls])
        sizes = "-".join(str(s) for s in model.layer_sizes)
        self.summary = f"Network builder: {sizes} network, {model.activation}, {len(view.y)} points"
        self.refresh()

    def _moved(self, change):
        self._sync_model()
        self.refresh()

    def _sync_model(self):
        for key, control in self.controls.items():
            name, index = key.split("[")
            target = self.model.weights if name[0] == "W" else self.model.biases
            layer = int(name[1:]) - 1
            idx = tuple(int(v) for v in index.rstrip("]").split(","))
            target[layer][idx] = control.value

    @property
    def all_correct(self):
        """True when every point is on its class's side (the network's output > 0.5 for class 1)."""
        return bool(self.frame.get("all_correct", False))

    def state(self):
        return {"model": self.model}

    def to_code(self):
        """Python source that, run after `import nnlib`, defines `net` (an nnlib.MLP with the sliders' weights)
        and `predict(points)` (its probabilities for (n, 2) points): take what you built into your own code."""
        from .playground import network_code

        return network_code(self.model)

    def _readout(self, frame):
        sure = (f"on average it gives each point's true class a probability of {frame['right_share']:.2f} "
                "(1.00 = sure and right)")
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
    scale = max(abs(weight_range[0]), abs(weight_range[1]))
    view = NetworkView(model, X, y, weight_scale=scale)
    return NetworkBuilder(view, model, weight_range, check)
