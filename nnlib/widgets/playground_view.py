"""The training playground's picture: the network with a thumbnail per neuron (nnlib.plots.thumbnails) on the
left; on the right the chosen neuron (or the output) large with the training points (filled) and test points
(outlined), and below it the loss curves. It draws a PlaygroundRun (nnlib.state.playground) and nothing else.
"""

import numpy as np

from ..plots.activation import colour_limits
from ..plots.boundary import MAP_ALPHA, scatter_on_map
from ..plots.history import plot_history
from ..plots.style import CLASS_CMAP, REGION_CMAP, scatter_classes
from ..plots.thumbnails import PixelBlocks, ThumbnailNetwork, colour, stretch_weights
from ..state.playground import GRID
from ._live import LiveFigure, View

FEATURE_LABELS = {"x1": "$x_1$", "x2": "$x_2$", "x1^2": "$x_1^2$", "x2^2": "$x_2^2$", "x1*x2": "$x_1 x_2$",
                  "sin(x1)": "sin $x_1$", "sin(x2)": "sin $x_2$"}
FEATURE_TEXT = {"x1": "x₁", "x2": "x₂", "x1^2": "x₁²", "x2^2": "x₂²", "x1*x2": "x₁x₂", "sin(x1)": "sin x₁",
                "sin(x2)": "sin x₂"}  # the same, as plain text (the page's picture)
WEIGHT_SCALE = 2.0  # |w| that gets the thickest line


class PlaygroundView(View):
    """Draws a PlaygroundRun with matplotlib alone. draw(run, selected) returns the frame's numbers; selected is
    None for the output, or (layer, neuron) counted from 0 (layer 0 is the first hidden layer)."""

    WIDTH, HEIGHT = 700, 420
    NET_WIDTH = 406  # pixels of the network's half

    def __init__(self, run, show_loss=True):
        self.structure = run.model.layer_sizes, run.features, id(run.X_all)
        self.live = LiveFigure(self.WIDTH, self.HEIGHT)
        fig = self.live.figure
        self.network = ThumbnailNetwork(fig, (0, 0, self.NET_WIDTH, self.HEIGHT), run.model.layer_sizes, GRID,
                                        [FEATURE_LABELS[name] for name in run.features],
                                        weight_scale=WEIGHT_SCALE, highlight=True)
        for k, values in enumerate(run.maps()[0]):  # the inputs never change
            low, high = values.min(), values.max()
            self.network.paint(0, k, values, CLASS_CMAP, (low, high if high > low else low + 1))
        self.live.dynamic(self.network.artists)

        self.ax_map = fig.add_axes([0.64, 0.40, 0.34, 0.53])
        left, bottom, w, h = (int(round(v)) for v in self.ax_map.bbox.bounds)
        self.big = PixelBlocks(zorder=0.5)  # under the points
        self.big.blocks = [(left + 1, bottom + 1, np.zeros((h - 1, w - 1, 4), dtype=np.uint8))]
        self._stretch = (stretch_weights(h - 1, GRID), stretch_weights(w - 1, GRID))
        fig.add_artist(self.big)
        self.train_points = scatter_on_map(self.ax_map, run.X_train, run.y_train, size=16, spread=False)
        self.test_points = scatter_classes(self.ax_map, run.X_test, run.y_test, size=20, hollow=True)
        self.ax_map.set_xlim(run.extent[:2])
        self.ax_map.set_ylim(run.extent[2:])
        self.ax_map.tick_params(labelsize=7, pad=1)
        self.title = self.ax_map.set_title("", fontsize=9, pad=4)
        self.ax_loss = fig.add_axes([0.64, 0.1, 0.34, 0.2])
        self.curves = plot_history(run.history, self.ax_loss, metric="loss", first_epoch=0)
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
        self.maps = run.maps()

    def restart(self, run):
        """A new run on the same picture: the points where the run's split and labels put them, the loss axes
        back to 10 epochs."""
        for points, X, y in ((self.train_points, run.X_train, run.y_train), (self.test_points, run.X_test,
                                                                             run.y_test)):
            for dots, label in zip(points, np.unique(run.y_all)):
                dots.set_offsets(X[y == label])
        first = [v for v in (run.history["loss"][0], run.history["val_loss"][0]) if np.isfinite(v)]
        top = 1.15 * max(first + [1e-3])
        # redrawing the axes costs a whole frame's background: only when the scale is off (a slider that restarts
        # the run, such as the label noise, then answers at the speed of a drag)
        if tuple(self.ax_loss.get_xlim()) != (0, 10) or not top <= self.ax_loss.get_ylim()[1] <= 1.5 * top:
            self.ax_loss.set_xlim(0, 10)
            self.ax_loss.set_ylim(0, top)
            self.live.invalidate()

    def _show_large(self, values, cmap, limits, alpha):
        """The large map: values (GRID, GRID) stretched over the map's pixels (linearly; the classes of a
        several-class output by the nearest grid point), then coloured."""
        rows, columns = self._stretch
        if cmap.N < 256:  # classes are not blended
            stretched = values[np.ix_(rows.argmax(axis=1), columns.argmax(axis=1))]
        else:
            stretched = rows @ values @ columns.T
        left, bottom, _ = self.big.blocks[0]
        self.big.blocks[0] = (left, bottom, colour(stretched, cmap, limits, alpha))

    def draw(self, run, selected=None):
        maps = self.maps = run.maps()
        hidden_maps, out_maps = maps[1:-1], maps[-1]
        for layer, layer_maps in enumerate(hidden_maps, start=1):
            for k, values in enumerate(layer_maps):
                self.network.paint(layer, k, values, CLASS_CMAP,
                                   colour_limits(run.activation, values, at_least=1e-6))
        if len(out_maps) == 1:
            output, cmap, limits, alpha = out_maps[0], CLASS_CMAP, (0.0, 1.0), MAP_ALPHA
        else:  # several classes: each region in its predicted class's colour
            output, cmap, limits, alpha = (out_maps.argmax(axis=0).astype(float), REGION_CMAP,
                                           (0, REGION_CMAP.N - 1), 0.35)
        last = len(maps) - 1
        for k, values in enumerate(out_maps):  # each output neuron's probability: P(class 1), or P(class k)
            self.network.paint(last, k, values, CLASS_CMAP, (0.0, 1.0))
        self.network.show_weights(run.model.weights)
        if selected is None:
            self._show_large(output, cmap, limits, alpha)
            name = "the output: P(class 1)" if len(out_maps) == 1 else "the output: its predicted class"
            self.network.select(last, 0, len(out_maps) - 1)  # around every output neuron
        else:
            layer, k = selected
            values = hidden_maps[layer][k]
            self._show_large(values, CLASS_CMAP, colour_limits(run.activation, values, at_least=1e-6), MAP_ALPHA)
            name = f"layer {layer + 1}, neuron {k + 1}"
            self.network.select(layer + 1, k)
        if self.title.get_text() != name:  # drawn in the background: it changes only with the choice
            self.title.set_text(name)
            self.live.invalidate()
        if self.curves.update(run.history):
            self.live.invalidate()
        return {**run.scores(), "neuron_maps": hidden_maps, "output": output}


def quantised(values, low, high):
    """A map as the page gets it: base64 bytes, 0..254 over low..high (the colour scale: what the colours can
    show), 255 where the value is not a number. The page reads low + byte / 254 * (high - low)."""
    import base64

    values = np.asarray(values, dtype=np.float64)
    span = high - low if high > low else 1.0
    with np.errstate(all="ignore"):
        scaled = np.clip(np.round(254 * (values - low) / span), 0, 254)
    scaled = np.where(np.isfinite(values), scaled, 255).astype(np.uint8)
    return {"low": float(low), "high": float(low + span),
            "base64": base64.b64encode(scaled.tobytes()).decode("ascii")}


def _numbers(values, digits=6):
    """Floats for JSON: rounded, with None where a value is not a number (JSON has no nan)."""
    return [float(round(v, digits)) if np.isfinite(v) else None for v in np.asarray(values, dtype=np.float64).ravel()]


def frame_numbers(run, selected=None):
    """What the browser draws for a PlaygroundRun, numbers only (no matplotlib): every neuron's map over the GRID x
    GRID plane (quantised over the colour scale the kernel's picture uses), the weights, the points, the loss
    curves, the scores, and what the large map shows (the output, or the selected hidden neuron)."""
    maps = run.maps()
    layers = []
    for column, layer_maps in enumerate(maps):
        sent = []
        for values in layer_maps:
            if column == 0:
                low, high = float(values.min()), float(values.max())
                limits = (low, high if high > low else low + 1)
            elif column == len(maps) - 1:
                limits = (0.0, 1.0)
            else:
                limits = colour_limits(run.activation, values, at_least=1e-6)
            sent.append(quantised(values, *limits))
        layers.append(sent)
    out_maps = maps[-1]
    if selected is not None:
        layer, k = selected
        large = {"kind": "neuron", "layer": layer + 1, "neuron": k}
    elif len(out_maps) == 1:
        large = {"kind": "probability", "layer": len(maps) - 1, "neuron": 0}
    else:
        with np.errstate(all="ignore"):
            classes = out_maps.argmax(axis=0).astype(float)
        large = {"kind": "classes", "map": quantised(classes, 0, 254)}
    scores = run.scores()
    return {"grid": GRID, "extent": [float(v) for v in run.extent], "layer_sizes": list(run.model.layer_sizes),
            "features": list(run.features), "activation": run.activation, "n_classes": run.n_classes,
            "maps": layers, "large": large,
            "weights": [_numbers(W, 4) for W in run.model.weights],
            "train": {"X": _numbers(run.X_train, 4), "y": [int(v) for v in run.y_train]},
            "test": {"X": _numbers(run.X_test, 4), "y": [int(v) for v in run.y_test]},
            "loss": _numbers(run.history["loss"], 5), "val_loss": _numbers(run.history["val_loss"], 5),
            "epoch": int(scores["epoch"]), "scores": {k: (float(v) if np.isfinite(v) else None)
                                                      for k, v in scores.items() if k != "epoch"},
            "right": list(run.right_count()), "blew_up": bool(run.blew_up), "max_epochs": int(run.max_epochs),
            "finished": bool(run.finished)}
