"""The training playground: watch a network learn 2-D data and watch every hidden neuron build its feature.

Like TensorFlow Playground, every neuron is drawn as a thumbnail of what it outputs over the whole plane,
updated as it trains, with the connections between them drawn as lines (width |w|, blue positive, red
negative), so you can see the second layer combine the first layer's half-planes. On top of that: input
features (x1^2, x1*x2, sin x1, ...), weight decay (l2), label noise, the train/test split and the batch size,
your own data (several classes too), and .to_code(), which writes the trained network out as Python.
Pick any neuron in "look at" to see it large with the data. Introduced in 07_backprop; 05_layers uses it as
the feature factory.
"""

import numpy as np
import ipywidgets as widgets
from matplotlib.artist import Artist
from matplotlib.collections import LineCollection
from matplotlib.patches import Rectangle

from .._validate import (as_points, check_choice, check_non_negative_number, check_positive_int,
                         check_positive_number)
from ..datasets import TOY_DATASETS, toy_2d
from ..network import MLP
from ..plots.style import CLASS_CMAP, CLASS_COLORS, NEGATIVE, POSITIVE, REGION_CMAP, scatter_classes
from ..plots.boundary import MAP_ALPHA, plane_grid, scatter_on_map
from ..plots.history import plot_history
from ..plots.activation import colour_limits
from ._live import IPYWIDGETS_7, LiveFigure, ToolkitWidget, button, column, dropdown, error_html

# The input features a network can be given, as the numpy expression of the point's coordinates x1, x2.
FEATURES = {"x1": "x1", "x2": "x2", "x1^2": "x1 ** 2", "x2^2": "x2 ** 2", "x1*x2": "x1 * x2",
            "sin(x1)": "np.sin(x1)", "sin(x2)": "np.sin(x2)"}
FEATURE_LABELS = {"x1": "$x_1$", "x2": "$x_2$", "x1^2": "$x_1^2$", "x2^2": "$x_2^2$", "x1*x2": "$x_1 x_2$",
                  "sin(x1)": "sin $x_1$", "sin(x2)": "sin $x_2$"}
_COMPUTE = {name: eval(f"lambda x1, x2: {expression}", {"np": np}) for name, expression in FEATURES.items()}

LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
L2_CHOICES = (0.0, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1)
NOISE_CHOICES = (0.0, 0.05, 0.1, 0.2, 0.3)
TEST_CHOICES = (0.1, 0.2, 0.3, 0.4, 0.5)
BATCH_CHOICES = (1, 4, 8, 16, 32, 64)
HIDDEN_CHOICES = ((), (2,), (4,), (8,), (16,), (2, 2), (4, 4), (8, 8), (16, 16))
ACTIVATIONS = ("relu", "tanh", "sigmoid", "leaky_relu")
MAX_NEURONS, MAX_HIDDEN_LAYERS = 16, 3
GRID = 40  # the plane is sampled on GRID x GRID points: each thumbnail shows them all
OWN_DATA = "your data"
_PLAYING = "_playing" if IPYWIDGETS_7 else "playing"  # the Play widget's running flag in 7.x and 8
WEIGHT_SCALE = 2.0  # |w| that gets the thickest line


# ---- input features --------------------------------------------------------------------------------------
def check_features(features):
    """The features as a tuple in FEATURES' order, or a clear error (a string alone, an unknown name, none)."""
    if isinstance(features, str):
        raise TypeError(f"features should be a tuple of feature names, such as ('x1', 'x2'), but got the single "
                        f"string {features!r}. Write ({features!r},) for one feature.")
    try:
        chosen = list(features)
    except TypeError:
        raise TypeError(f"features should be a tuple of feature names, such as ('x1', 'x2'), but got "
                        f"{features!r}.") from None
    for name in chosen:
        check_choice(name, "feature", tuple(FEATURES))
    if not chosen:
        raise ValueError("features is empty: the network needs at least one input, such as ('x1', 'x2').")
    return tuple(name for name in FEATURES if name in chosen)


def feature_columns(points, features):
    """The network's inputs for plane points: points (n, 2) -> (n, len(features)), one column per feature."""
    x1, x2 = points[:, 0], points[:, 1]
    return np.column_stack([_COMPUTE[name](x1, x2) for name in features])


# ---- the network as Python source ------------------------------------------------------------------------
def network_code(model, features=("x1", "x2")):
    """Python source that rebuilds `model` (an MLP on plane points given as `features`) with its current weights.

    Run in a fresh namespace, it defines `net` (an nnlib.MLP with exactly these weights: each float is written
    with repr, which round-trips), `features(points)` ((n, 2) plane points -> the network's inputs) and
    `predict(points)` (net.predict_proba of those inputs: (n, 1) P(class 1) for one sigmoid output, else
    (n, n_classes)). Shared by the training playground and the network builder.
    """
    features = check_features(features)
    lines = ["import numpy as np", "import nnlib", "",
             f"net = nnlib.MLP({list(model.layer_sizes)}, activation={model.activation!r})"]
    for label, params in (("weights", model.weights), ("biases", model.biases)):
        lines.append(f"net.{label} = [")
        for array in params:
            rows = array.tolist()
            if array.ndim == 1:
                lines.append(f"    np.array({rows!r}),")
            else:
                lines.append("    np.array([")
                lines.extend(f"        {row!r}," for row in rows)
                lines.append("    ]),")
        lines.append("]")
    columns = ", ".join(FEATURES[name] for name in features)
    lines += ["", "",
              "def features(points):",
              f'    """Plane points (n, 2) -> the network\'s inputs (n, {len(features)}): {", ".join(features)}."""',
              "    points = np.asarray(points, dtype=float)",
              "    x1, x2 = points[:, 0], points[:, 1]",
              f"    return np.column_stack([{columns}])",
              "", "",
              "def predict(points):",
              '    """Class probabilities for plane points (n, 2): (n, 1) P(class 1) with one sigmoid output, else',
              '    (n, n_classes), each row summing to 1."""',
              "    return net.predict_proba(features(points))", ""]
    return "\n".join(lines)


# ---- the picture -----------------------------------------------------------------------------------------
def _extent(X):
    low, high = X.min(axis=0), X.max(axis=0)
    pad = 0.1 * (high - low) + 0.1
    return (low[0] - pad[0], high[0] + pad[0], low[1] - pad[1], high[1] + pad[1])


class PlaygroundView:
    """Draws the playground with matplotlib alone: on the left the network, every neuron a thumbnail of its
    output over the plane and every weight a line; on the right the chosen neuron (or the output) large with the
    training points (filled) and test points (outlined), and below it the loss curves.
    draw(model, history, epoch, selected) returns the frame's numbers.

    For speed the thumbnails and the large map are coloured here and copied into the canvas pixel for pixel
    (_Pixels): a thumbnail GRID pixels wide shows one grid point per pixel."""

    WIDTH, HEIGHT = 700, 420
    NET_WIDTH = 406  # pixels of the network's half

    def __init__(self, layer_sizes, features, n_classes, data, history, show_loss=True):
        X_train, y_train, X_test, y_test = data
        self.layer_sizes, self.features, self.n_classes = tuple(layer_sizes), features, n_classes
        self.live = LiveFigure(self.WIDTH, self.HEIGHT)
        fig = self.live.figure
        self.extent = _extent(np.vstack([X_train, X_test]))
        self.grid = plane_grid(extent=self.extent, resolution=GRID)[0]
        self.grid_inputs = feature_columns(self.grid, features)

        # the network, in pixel coordinates so that thumbnails are square and sit on whole pixels
        ax = fig.add_axes([0, 0, self.NET_WIDTH / self.WIDTH, 1])
        width, height = self.NET_WIDTH, self.HEIGHT
        ax.set_xlim(0, width)
        ax.set_ylim(0, height)
        ax.axis("off")
        n_columns = len(layer_sizes)
        xs = np.linspace(70, width - 34, n_columns) if n_columns > 1 else np.array([width / 2])
        top, bottom = height - 28, 8
        pitch = min(56.0, (top - bottom) / max(layer_sizes))
        self.size = size = int(min(GRID, 0.8 * pitch))
        self.positions, self.boxes = [], []
        titles = ["inputs"] + [f"layer {k}" for k in range(1, n_columns - 1)] + ["output"]
        for layer, (n, x) in enumerate(zip(layer_sizes, xs)):
            ys = (top + bottom) / 2 + pitch * ((n - 1) / 2 - np.arange(n))
            centres = np.column_stack([np.full(n, x), ys]).round()
            self.positions.append(centres)
            ax.text(x, height - 6, titles[layer], ha="center", va="top", fontsize=9, color="#333333")
            boxes = []
            for k, (cx, cy) in enumerate(centres):
                left, bottom_edge = int(cx) - size // 2, int(cy) - size // 2
                boxes.append((left, bottom_edge))
                ax.add_patch(Rectangle((left - 1, bottom_edge - 1), size + 2, size + 2, fill=False,
                                       edgecolor="#555555", linewidth=0.7, zorder=2))
                if layer == 0:
                    ax.text(left - 4, cy, FEATURE_LABELS[features[k]], ha="right", va="center", fontsize=9)
            self.boxes.append(boxes)
        self.thumbnails = _Pixels(zorder=3)  # one block per neuron, in the order of self.boxes
        self._blocks = {}
        self.maps = [None] * n_columns  # what each column of thumbnails shows: (n_neurons, GRID, GRID)
        self._pick = (np.arange(size) * GRID) // size  # grid rows/columns shown when a thumbnail is < GRID px
        inputs = self.grid_inputs.T.reshape(-1, GRID, GRID)
        for k, values in enumerate(inputs):  # the inputs never change
            low, high = values.min(), values.max()
            self._paint(0, k, values, CLASS_CMAP, (low, high if high > low else low + 1))
        self.maps[0] = inputs
        fig.add_artist(self.thumbnails)
        self.connections = []
        for layer in range(n_columns - 1):
            start, end = self.positions[layer], self.positions[layer + 1]
            segments = [((x0 + size / 2 + 1, y0), (x1 - size / 2 - 1, y1))
                        for x1, y1 in end for x0, y0 in start]  # ordered like W.T.ravel(): by target, then source
            lines = LineCollection(segments, zorder=1)
            ax.add_collection(lines)
            self.connections.append(lines)
        self.highlight = ax.add_patch(Rectangle((0, 0), size + 6, size + 6, fill=False, edgecolor="#222222",
                                                linewidth=2.2, zorder=4))
        self.live.dynamic(self.thumbnails, self.connections, self.highlight)

        # the chosen neuron, large, with the data
        self.ax_map = fig.add_axes([0.64, 0.40, 0.34, 0.53])
        left, bottom, w, h = (int(round(v)) for v in self.ax_map.bbox.bounds)
        self.big = _Pixels(zorder=0.5)  # under the points
        self.big.blocks = [(left + 1, bottom + 1, np.zeros((h - 1, w - 1, 4), dtype=np.uint8))]
        self._stretch = (_bilinear(h - 1), _bilinear(w - 1))
        fig.add_artist(self.big)
        self.train_points = scatter_on_map(self.ax_map, X_train, y_train, size=16, spread=False)
        self.test_points = scatter_classes(self.ax_map, X_test, y_test, size=20, hollow=True)
        self.ax_map.set_xlim(self.extent[:2])
        self.ax_map.set_ylim(self.extent[2:])
        self.ax_map.tick_params(labelsize=7, pad=1)
        self.title = self.ax_map.set_title("", fontsize=9, pad=4)
        self.ax_loss = fig.add_axes([0.64, 0.1, 0.34, 0.2])
        self.curves = plot_history(history, self.ax_loss, metric="loss", first_epoch=0)
        self.ax_loss.tick_params(labelsize=7, pad=1)
        self.ax_loss.set_xlabel("epoch", fontsize=8, labelpad=1)
        self.ax_loss.set_ylabel("loss", fontsize=8, labelpad=2)
        for text in self.ax_loss.get_legend().get_texts():
            text.set_fontsize(7)
        if not show_loss:  # before training is taught (05): the network as it is, no curves
            self.ax_loss.set_visible(False)
            for line in self.curves.lines.values():
                line.set_visible(False)
        self.live.dynamic(self.big, self.train_points, self.test_points, list(self.curves.lines.values()),
                          [s for s in self.ax_map.spines.values() if s.get_visible()])

    def _paint(self, column, k, values, cmap, limits, alpha=1.0):
        """Colour neuron k of a column (its thumbnail) from its (GRID, GRID) values."""
        left, bottom = self.boxes[column][k]
        shown = values[np.ix_(self._pick, self._pick)]
        if (column, k) not in self._blocks:
            self._blocks[column, k] = len(self.thumbnails.blocks)
            self.thumbnails.blocks.append(None)
        self.thumbnails.blocks[self._blocks[column, k]] = (left, bottom, _colour(shown, cmap, limits, alpha))

    def _show_large(self, values, cmap, limits, alpha):
        """The large map: values (GRID, GRID) stretched over the map's pixels (linearly; the classes of a
        several-class output by the nearest grid point), then coloured."""
        rows, columns = self._stretch
        if cmap.N < 256:  # classes are not blended
            stretched = values[np.ix_(rows.argmax(axis=1), columns.argmax(axis=1))]
        else:
            stretched = rows @ values @ columns.T
        left, bottom, _ = self.big.blocks[0]
        self.big.blocks[0] = (left, bottom, _colour(stretched, cmap, limits, alpha))

    def restart(self, history):
        """A new run on the same picture: the loss axes back to 10 epochs."""
        self.ax_loss.set_xlim(0, 10)
        first = [v for v in (history["loss"][0], history["val_loss"][0]) if np.isfinite(v)]
        self.ax_loss.set_ylim(0, 1.15 * max(first + [1e-3]))
        self.live.invalidate()

    def draw(self, model, history, epoch, selected=None):
        """Show the model after `epoch` epochs. selected: None for the output, or (layer, neuron) counted from 0
        (layer 0 is the first hidden layer) to show that hidden neuron large."""
        with np.errstate(all="ignore"):
            outputs = model.layer_outputs(self.grid_inputs)
        activation = model.activation
        hidden_maps = []
        for layer, A in enumerate(outputs[:-1], start=1):
            layer_maps = A.T.reshape(-1, GRID, GRID)
            for k, values in enumerate(layer_maps):
                self._paint(layer, k, values, CLASS_CMAP, colour_limits(activation, values, at_least=1e-6))
            hidden_maps.append(layer_maps)
        P = outputs[-1]
        if P.shape[1] == 1:
            output, cmap, limits, alpha = P[:, 0].reshape(GRID, GRID), CLASS_CMAP, (0.0, 1.0), MAP_ALPHA
        else:  # several classes: each region in its predicted class's colour
            output, cmap, limits, alpha = (P.argmax(axis=1).reshape(GRID, GRID).astype(float), REGION_CMAP,
                                           (0, REGION_CMAP.N - 1), 0.35)
        last = len(self.layer_sizes) - 1
        out_maps = P.T.reshape(-1, GRID, GRID)  # each output neuron's probability: P(class 1), or P(class k)
        for k, values in enumerate(out_maps):
            self._paint(last, k, values, CLASS_CMAP, (0.0, 1.0))
        self.maps[1:] = hidden_maps + [out_maps]
        for lines, W in zip(self.connections, model.weights):
            w = np.asarray(W).T.ravel()
            w = np.where(np.isfinite(w), w, 0.0)
            lines.set_linewidths(0.3 + 3.2 * np.minimum(np.abs(w) / WEIGHT_SCALE, 1.0))
            lines.set_colors(np.where(w[:, None] >= 0, _RGBA[POSITIVE], _RGBA[NEGATIVE]))
        if selected is None:
            self._show_large(output, cmap, limits, alpha)
            name = "the output: P(class 1)" if P.shape[1] == 1 else "the output: its predicted class"
            (x, y_top), y = self.positions[-1][0], self.positions[-1][-1][1]  # around every output neuron
        else:
            layer, k = selected
            values = hidden_maps[layer][k]
            self._show_large(values, CLASS_CMAP, colour_limits(activation, values, at_least=1e-6), MAP_ALPHA)
            name = f"layer {layer + 1}, neuron {k + 1}"
            x, y = self.positions[layer + 1][k]
            y_top = y
        self.highlight.set_bounds(x - self.size / 2 - 3, y - self.size / 2 - 3, self.size + 6, y_top - y + self.size + 6)
        if self.title.get_text() != name:  # drawn in the background: it changes only with the choice
            self.title.set_text(name)
            self.live.invalidate()
        if self.curves.update(history):
            self.live.invalidate()
        return {"epoch": epoch, "loss": history["loss"][-1], "val_loss": history["val_loss"][-1],
                "accuracy": history["accuracy"][-1], "val_accuracy": history["val_accuracy"][-1],
                "neuron_maps": hidden_maps, "output": output}

    def render(self):
        return self.live.render()


class _Pixels(Artist):
    """Pictures copied pixel for pixel into the canvas, with no resampling: blocks[k] = (left, bottom, rgba), rgba
    an (h, w, 4) uint8 array whose first row is the bottom one. Far cheaper than an AxesImage (tens of
    milliseconds for the playground's 17 thumbnails and its large map), which matters 6 times a second."""

    def __init__(self, zorder):
        super().__init__()
        self.blocks = []
        self.set_zorder(zorder)

    def draw(self, renderer):
        canvas = np.asarray(renderer.buffer_rgba())
        rows = canvas.shape[0]
        for left, bottom, rgba in self.blocks:
            h, w = rgba.shape[:2]
            canvas[rows - bottom - h:rows - bottom, left:left + w] = rgba[::-1]


def _bilinear(n_out, n_in=GRID):
    """(n_out, n_in) weights that stretch n_in samples over n_out pixels by linear interpolation."""
    position = np.clip((np.arange(n_out) + 0.5) * n_in / n_out - 0.5, 0, n_in - 1)
    low = np.minimum(position.astype(int), n_in - 2)
    weights = np.zeros((n_out, n_in))
    weights[np.arange(n_out), low] = 1 - (position - low)
    weights[np.arange(n_out), low + 1] = position - low
    return weights


def _colour(values, cmap, limits, alpha=1.0):
    """values (H, W) -> (H, W, 4) uint8 colours from cmap over limits (low, high), blended with white by alpha
    (so the picture is opaque and cheap to draw); NaN shows as the colour map's 'bad' grey."""
    lut = _lookup_table(cmap, alpha)
    n = cmap.N
    low, high = limits
    with np.errstate(all="ignore"):
        if n < 256:  # a listed map of class colours: the value is the class
            index = np.clip(np.rint(values - low), 0, n - 1)
        else:
            index = np.clip((values - low) * (n / (high - low)), 0, n - 1) if high > low else np.full(values.shape, n // 2)
    index = np.where(np.isfinite(values), index, n).astype(np.intp)
    return lut[index]


_TABLES = {}


def _lookup_table(cmap, alpha):
    """The colour map's N colours and its 'bad' colour (last row), blended with white by alpha, as uint8 RGBA."""
    key = (cmap.name, alpha)
    if key not in _TABLES:
        rgba = np.vstack([cmap(np.arange(cmap.N)), cmap(np.array([np.nan]))])
        rgba[:, :3] = alpha * rgba[:, :3] + (1 - alpha)
        rgba[:, 3] = 1.0
        _TABLES[key] = np.rint(255 * rgba).astype(np.uint8)
    return _TABLES[key]


def _rgba(color):
    from matplotlib.colors import to_rgba

    return np.array(to_rgba(color))


_RGBA = {POSITIVE: _rgba(POSITIVE), NEGATIVE: _rgba(NEGATIVE)}


# ---- the widget ------------------------------------------------------------------------------------------
def _label(hidden):
    return "none" if not hidden else ", ".join(str(n) for n in hidden)


def _selection_slider(description, options, value, fmt="{:g}"):
    options = sorted(set(options) | {value})
    return widgets.SelectionSlider(options=[(fmt.format(v), v) for v in options], value=value,
                                   description=description, continuous_update=False,
                                   style={"description_width": "120px"}, layout=widgets.Layout(width="330px"))


class TrainingPlayground(ToolkitWidget):
    """The widget training_playground returns.

    step() trains epochs_per_step epochs and redraws (what the Step button does); play() / pause() start and
    stop the Play timer (its ticks come from the browser, so nothing runs where no browser is attached);
    reset() restores the seeded starting weights. model, epoch, history, initial_weights show the state;
    grid (P, 2), inputs(points) and neuron_maps show what is drawn; to_code() writes the network as Python.
    controls: 'dataset', 'hidden', 'activation', 'lr', 'l2', 'batch', 'noise', 'test', 'look', one toggle per
    feature ('feature x1', 'feature x1^2', ...), 'play', 'step', 'reset'.
    """

    def __init__(self, dataset, own, hidden, activation, lr, seed, epochs_per_step, batch_size, test_size,
                 n_samples, interval, max_epochs, features, l2, noise, train_controls=True):
        super().__init__()
        self.train_controls = train_controls
        self.seed, self.epochs_per_step, self.n_samples, self.max_epochs = seed, epochs_per_step, n_samples, max_epochs
        self.own = own
        self.playing = False
        self.view = None
        self._structure = None
        hidden_options = list(HIDDEN_CHOICES) if hidden in HIDDEN_CHOICES else [hidden] + list(HIDDEN_CHOICES)
        datasets = ([OWN_DATA] if own else []) + list(TOY_DATASETS)
        self.controls = {
            "dataset": dropdown("dataset", datasets, OWN_DATA if own else dataset, width="250px"),
            "hidden": dropdown("hidden layers", [(_label(h), h) for h in hidden_options], hidden, width="250px"),
            "activation": dropdown("activation", list(ACTIVATIONS), activation, width="250px"),
            "look": dropdown("look at", [("output", None)], None, width="250px"),
            "lr": _selection_slider("learning rate", LEARNING_RATES, lr),
            "l2": _selection_slider("l2 (weight decay)", L2_CHOICES, l2),
            "batch": _selection_slider("batch size", BATCH_CHOICES, batch_size, fmt="{:d}"),
            "noise": _selection_slider("label noise", NOISE_CHOICES, noise, fmt="{:.0%}"),
            "test": _selection_slider("test share", TEST_CHOICES, test_size, fmt="{:.0%}"),
        }
        for name in FEATURES:
            self.controls[f"feature {name}"] = widgets.ToggleButton(
                value=name in features, description=name, tooltip=f"give the network the input {name}",
                layout=widgets.Layout(width="80px" if name.startswith("sin") else "64px"))
        self.controls.update({
            "play": widgets.Play(value=0, min=0, max=10 ** 9, step=1, interval=interval, show_repeat=False,
                                 description="Play"),
            "step": button("Step", f"train {epochs_per_step} more epochs", icon="step-forward"),
            "reset": button("Reset", "back to the starting weights, epoch 0", icon="undo"),
        })
        c = self.controls
        for name in ("dataset", "noise", "test"):
            c[name].observe(self._new_data, names="value")
        for name in ["hidden", "activation"] + [f"feature {f}" for f in FEATURES]:
            c[name].observe(self._rebuild, names="value")
        for name in ("lr", "l2", "batch"):
            c[name].observe(self._show_status, names="value")
        c["look"].observe(lambda _: self.refresh(), names="value")
        c["play"].observe(self._tick, names="value")
        c["play"].observe(self._play_changed, names=_PLAYING)
        c["step"].on_click(lambda _: self._guarded(self.step))
        c["reset"].on_click(lambda _: self._guarded(self.reset))
        self.image = widgets.Image(format="png", width=str(PlaygroundView.WIDTH),
                                   layout=widgets.Layout(max_width="100%", height="auto"))
        self.readout = widgets.HTML()
        toggles = widgets.HBox([widgets.HTML("<span style='padding-right:6px'>inputs</span>")]
                               + [c[f"feature {f}"] for f in FEATURES], layout=widgets.Layout(flex_flow="row wrap"))
        buttons = widgets.HBox([c["play"], c["step"], c["reset"]])
        controls = widgets.HBox([column(c["dataset"], c["hidden"], c["activation"], c["look"]),
                                 column(c["lr"], c["l2"], c["batch"], c["noise"], c["test"])],
                                layout=widgets.Layout(flex_flow="row wrap"))
        if train_controls:
            self._setup([self.image, self.readout, buttons, toggles, controls])
        else:  # only 'look at': the network as it is (05, before training is taught); the rest is not shown
            self._setup([self.image, self.readout, c["look"]])
        self._load_data()
        self.reset()
        where = f"{OWN_DATA} ({len(self.y_all)} points)" if own else dataset
        self.summary = (f"Training playground: {where}, hidden {list(hidden)}, {activation}, lr {lr:g}, "
                        f"seed {seed}")

    # ---- settings ------------------------------------------------------------------------------------
    @property
    def lr(self):
        return self.controls["lr"].value

    @property
    def l2(self):
        """The weight decay used from the next step on (0 = off)."""
        return self.controls["l2"].value

    @property
    def batch_size(self):
        return self.controls["batch"].value

    @batch_size.setter
    def batch_size(self, value):  # the old playground's attribute: setting it moves the slider
        control = self.controls["batch"]
        value = check_positive_int(value, "batch_size")
        if value not in [v for _, v in control.options]:
            control.options = [(f"{v:d}", v) for v in sorted({v for _, v in control.options} | {value})]
        control.value = value

    @property
    def noise(self):
        """The share of training points whose label is flipped (the test points keep their true labels)."""
        return self.controls["noise"].value

    @property
    def test_size(self):
        return self.controls["test"].value

    @property
    def features(self):
        """The input features switched on, in FEATURES' order."""
        return tuple(name for name in FEATURES if self.controls[f"feature {name}"].value)

    @property
    def hidden(self):
        return self.controls["hidden"].value

    @property
    def grid(self):
        """The plane's points (P, 2) every thumbnail is drawn from, row by row from the bottom-left corner."""
        return self.view.grid

    def inputs(self, points):
        """The rows the network sees for plane points: (n, 2) -> (n, len(features))."""
        points, _ = as_points(points)
        return feature_columns(points, self.features)

    @property
    def neuron_maps(self):
        """What the thumbnails show: one (n_neurons, H, W) array per hidden layer, H * W = len(grid), each
        neuron's activation at every grid point (row r, column c is grid point r * W + c)."""
        return [np.array(maps) for maps in self.view.maps[1:-1]]

    def to_code(self):
        """Python source that defines `net` (an nnlib.MLP with the trained weights), `features(points)` and
        `predict(points)` (class probabilities for (n, 2) plane points). Run it after `import nnlib`."""
        return network_code(self.model, self.features)

    # ---- the run -------------------------------------------------------------------------------------
    def _load_data(self):
        name = self.controls["dataset"].value
        if name == OWN_DATA:
            X, y = self.own
        else:
            X, y = toy_2d(name, n_samples=self.n_samples, seed=self.seed)
        self.X_all, self.y_all = X, y
        self.n_classes = int(y.max()) + 1
        from sklearn.model_selection import train_test_split

        try:
            self.X_train, self.X_test, self.y_train, self.y_test = train_test_split(
                X, y, test_size=self.test_size, stratify=y, random_state=self.seed)
        except ValueError:
            raise ValueError(f"{len(y)} points are too few to hold back a test share of {self.test_size:.0%} with "
                             f"every class in both parts. Give more points or a bigger test share.") from None
        self.y_train = self.y_train.copy()
        if self.noise > 0:  # flip some training labels: the test points keep the truth
            rng = np.random.default_rng(self.seed + 1)
            flip = rng.choice(len(self.y_train), int(round(self.noise * len(self.y_train))), replace=False)
            shift = rng.integers(1, self.n_classes, size=len(flip))
            self.y_train[flip] = (self.y_train[flip] + shift) % self.n_classes
        self.view = None  # the data moved: a new picture

    def _fresh_model(self):
        n_out = 1 if self.n_classes == 2 else self.n_classes
        return MLP([len(self.features), *self.hidden, n_out], activation=self.controls["activation"].value,
                   seed=self.seed)

    def _record(self):
        with np.errstate(all="ignore"):
            for key, X, y in (("", self._inputs_train, self.y_train), ("val_", self._inputs_test, self.y_test)):
                self.history[key + "loss"].append(self.model.loss(X, y))
                self.history[key + "accuracy"].append(self.model.accuracy(X, y))

    def reset(self):
        """Back to epoch 0 with the seeded starting weights (the same every time). Stops Play."""
        self.pause()
        if not self.features:
            raise ValueError("Every input feature is switched off: switch at least one on (x1 and x2, say).")
        self.model = self._fresh_model()
        self.initial_weights = [W.copy() for W in self.model.weights]
        self.initial_biases = [b.copy() for b in self.model.biases]
        self._inputs_train = feature_columns(self.X_train, self.features)
        self._inputs_test = feature_columns(self.X_test, self.features)
        self.epoch = 0
        self.history = {"loss": [], "accuracy": [], "val_loss": [], "val_accuracy": []}
        self._record()
        structure = (self.model.layer_sizes, self.features)
        if self.view is None or structure != self._structure:
            data = (self.X_train, self.y_train, self.X_test, self.y_test)
            self.view = PlaygroundView(self.model.layer_sizes, self.features, self.n_classes, data, self.history,
                                       show_loss=self.train_controls)
            self.live = self.view.live
            self._structure = structure
            self._update_look_options()
        else:
            self.view.restart(self.history)
        return self.refresh()

    def _update_look_options(self):
        look = self.controls["look"]
        options = [("output", None)] + [(f"layer {layer + 1}, neuron {k + 1}", (layer, k))
                                        for layer, n in enumerate(self.hidden) for k in range(n)]
        keep = look.value if look.value in [v for _, v in options] else None
        look.unobserve_all("value")
        look.options = options
        look.value = keep
        look.observe(lambda _: self.refresh(), names="value")

    def step(self, epochs=None):
        """Train `epochs` more epochs (default epochs_per_step) with the current learning rate, l2 and batch size,
        one recorded point per epoch, then redraw. Same as pressing Step."""
        epochs = self.epochs_per_step if epochs is None else check_positive_int(epochs, "epochs")
        epochs = min(epochs, self.max_epochs - self.epoch)

        def after_epoch(net, total, history):
            self.epoch += 1
            self._record()
            return bool(np.isfinite(self.history["loss"][-1]))

        if epochs > 0 and np.isfinite(self.history["loss"][-1]):
            with np.errstate(all="ignore"):  # a learning rate that is too big shows as a message, not warnings
                self.model.fit(self._inputs_train, self.y_train, epochs=epochs, lr=self.lr,
                               batch_size=self.batch_size, weight_decay=self.l2, callback=after_epoch)
        if self.epoch >= self.max_epochs or not np.isfinite(self.history["loss"][-1]):
            self.pause()
        return self.refresh()

    def play(self):
        """Start the Play timer (in a browser it steps every `interval` ms until pause())."""
        self.playing = True
        setattr(self.controls["play"], _PLAYING, True)

    def pause(self):
        """Stop the Play timer; a tick that was already on its way is ignored."""
        self.playing = False
        if getattr(self.controls["play"], _PLAYING):
            setattr(self.controls["play"], _PLAYING, False)

    def select(self, layer=None, neuron=None):
        """Show hidden neuron `neuron` of hidden layer `layer` large (both counted from 1), or the output (None)."""
        self.controls["look"].value = None if layer is None else (layer - 1, neuron - 1)
        return self.frame

    # ---- widget events -------------------------------------------------------------------------------
    def _play_changed(self, change):
        self.playing = bool(change["new"])
        self._show_status()

    def _tick(self, change):
        if self.playing and change["new"] > change["old"]:
            self._guarded(self.step)

    def _new_data(self, change):
        self._guarded(lambda: (self._load_data(), self.reset()))

    def _rebuild(self, change):
        self._guarded(self.reset)

    def _guarded(self, action):
        try:
            action()
        except Exception as error:  # keep the playground alive and say what went wrong
            self.pause()
            self.last_error = error
            self.readout.value = error_html(error)

    def _redraw(self):
        frame = self.view.draw(self.model, self.history, self.epoch, self.controls["look"].value)
        self.image.value = self.live.render()
        self._show_status(frame=frame)
        return frame

    def _show_status(self, change=None, frame=None):
        frame = frame or self.frame
        if not frame:
            return
        if not np.isfinite(frame["loss"]):
            self.readout.value = (f"epoch {frame['epoch']}: <b>the loss blew up</b> (a learning rate of "
                                  f"{self.lr:g} is too big here). Press Reset and pick a smaller one.")
            return
        if not self.train_controls:
            X, y = np.vstack([self._inputs_train, self._inputs_test]), np.concatenate([self.y_train, self.y_test])
            with np.errstate(all="ignore"):
                right = int(np.count_nonzero(self.model.predict(X) == y))
            self.readout.value = f"The network classifies <b>{right} of {len(y)}</b> points correctly."
            return
        state = "playing" if self.playing else "paused"
        l2 = f", l2 {self.l2:g}" if self.l2 else ""
        text = (f"<b>epoch {frame['epoch']}</b> ({state}, learning rate {self.lr:g}{l2}) &nbsp; "
                f"training loss <b>{frame['loss']:.3f}</b> (accuracy {100 * frame['accuracy']:.0f}%) &nbsp; "
                f"test loss <b>{frame['val_loss']:.3f}</b> (accuracy {100 * frame['val_accuracy']:.0f}%)")
        if self.epoch >= self.max_epochs:
            text += f" &nbsp; stopped at {self.max_epochs} epochs"
        self.readout.value = text


def _own_data(X, y):
    """Learner-given points and labels, checked: X (n, 2), y (n,) whole numbers 0..k-1, every class present."""
    if X is None or y is None:
        raise TypeError("Give both X, the points (n, 2), and y, their labels (n,): training_playground(X=X, y=y).")
    X, y = as_points(X, y)
    if len(y) < 6:
        raise ValueError(f"X has only {len(y)} points: give at least 6, so some can be held back as test points.")
    classes = np.unique(y)
    if len(classes) < 2:
        raise ValueError(f"y has only one class (label {classes[0]}): there is nothing to tell apart. "
                         "Give points of at least two classes.")
    if not np.array_equal(classes, np.arange(len(classes))):
        raise ValueError(f"y uses the labels {classes.tolist()}; the playground needs the classes numbered 0, 1, "
                         f"2, ... with none missing. Renumber them, e.g. np.unique(y, return_inverse=True)[1].")
    if len(classes) > len(CLASS_COLORS):
        raise ValueError(f"y has {len(classes)} classes; the playground draws at most {len(CLASS_COLORS)}.")
    counts = np.bincount(y)
    if counts.min() < 2:
        raise ValueError(f"class {int(counts.argmin())} has a single point: each class needs at least 2, one to "
                         "train on and one to test.")
    return X, y


def training_playground(dataset="xor", *, hidden=(4,), activation="tanh", lr=0.1, seed=0, epochs_per_step=5,
                        batch_size=16, test_size=0.3, n_samples=200, interval=150, max_epochs=5000,
                        features=("x1", "x2"), l2=0.0, noise=0.0, X=None, y=None, train_controls=True):
    """Train a small network on 2-D data and watch every neuron learn, with Play / Pause / Step / Reset.

    dataset: one of 'and', 'or', 'xor', 'blobs', 'moons', 'circles', 'spirals' (toy_2d, n_samples points).
    X, y: your own data instead, X (n, 2) points and y (n,) labels 0, 1 (or 0, 1, 2, ... for several classes).
    test_size: the share held out as test points (drawn outlined). hidden: the hidden layer sizes, e.g. (4,)
    or (8, 8), () for none; every neuron is drawn, so up to 3 layers of up to 16. activation: 'relu', 'tanh',
    'sigmoid' or 'leaky_relu'. features: the network's inputs, any of 'x1', 'x2', 'x1^2', 'x2^2', 'x1*x2',
    'sin(x1)', 'sin(x2)'. lr: the learning rate; l2: the weight decay (0 = off); batch_size: examples per step;
    noise: the share of training labels flipped. seed: the data, the split, the starting weights and every
    shuffle; the same seed gives the same run. epochs_per_step: epochs per Step press or Play tick; interval:
    milliseconds between Play ticks. train_controls=False shows only the 'look at' menu, the network as it is (train
    it first with .step(epochs)), for a notebook that has not taught training yet. Returns a TrainingPlayground widget (.step(), .play(), .pause(), .reset(),
    .model, .epoch, .history, .grid, .inputs(points), .neuron_maps, .to_code(), .controls, .render()).
    Introduced in 07_backprop.
    """
    own = None
    if X is not None or y is not None:
        own = _own_data(X, y)
    else:
        check_choice(dataset, "dataset", TOY_DATASETS)
    if isinstance(hidden, (int, np.integer)):
        hidden = (hidden,)
    if not isinstance(hidden, (tuple, list)):
        raise TypeError(f"hidden should be the hidden layer sizes, e.g. (4,) or (8, 8), or () for none, but got "
                        f"{hidden!r}.")
    hidden = tuple(check_positive_int(n, "each hidden layer size") for n in hidden)
    if len(hidden) > MAX_HIDDEN_LAYERS or any(n > MAX_NEURONS for n in hidden):
        raise ValueError(f"The playground draws every neuron, so it keeps to {MAX_HIDDEN_LAYERS} hidden layers of "
                         f"up to {MAX_NEURONS} neurons, but got hidden={hidden}. Train bigger networks with "
                         "nnlib.MLP directly.")
    check_choice(activation, "activation", ACTIVATIONS)
    lr = check_positive_number(lr, "lr (the learning rate)")
    seed = check_positive_int(seed, "seed", allow_zero=True)
    if not 0 < test_size < 1:
        raise ValueError(f"test_size should be a fraction between 0 and 1, such as 0.3, but got {test_size!r}.")
    l2 = check_non_negative_number(l2, "l2 (the weight decay)", example="0.001")
    noise = check_non_negative_number(noise, "noise (the share of labels flipped)", example="0.1")
    if noise >= 1:
        raise ValueError(f"noise is the share of training labels flipped, below 1, such as 0.1, but got {noise}.")
    return TrainingPlayground(dataset, own, hidden, activation, lr, seed,
                              check_positive_int(epochs_per_step, "epochs_per_step"),
                              check_positive_int(batch_size, "batch_size"), float(test_size),
                              check_positive_int(n_samples, "n_samples"), check_positive_int(interval, "interval"),
                              check_positive_int(max_epochs, "max_epochs"), check_features(features), l2, noise,
                              bool(train_controls))
