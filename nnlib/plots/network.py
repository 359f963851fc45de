"""The network diagram: neurons as circles in columns, connections as lines. Introduced in 05_layers.

A line's width shows how strong a weight is (|w|) and its colour the sign (blue positive, red negative).
Optionally each neuron shows its value (its activation for one example, 06_forward_pass) and each
connection its gradient dL/dw (07_backprop). Big layers (64 pixels in) show their first and last neurons
with a "..." between, so the picture stays readable.
"""

from dataclasses import dataclass, field

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import Normalize, to_rgba

from .._validate import as_array, check_positive_int
from .style import NEGATIVE, POSITIVE, WEIGHT_CMAP, axes_or_new

_CMAP = None
_RGBA = {POSITIVE: np.array(to_rgba(POSITIVE)), NEGATIVE: np.array(to_rgba(NEGATIVE))}


def _value_cmap():
    global _CMAP
    if _CMAP is None:
        import matplotlib

        _CMAP = matplotlib.colormaps[WEIGHT_CMAP]
    return _CMAP


@dataclass(repr=False)
class NetworkDiagram:
    """What plot_network drew. update(weights=, values=, gradients=) restyles it in place (widgets use this)."""

    ax: object
    neurons: list            # one PathCollection (scatter of circles) per layer
    connections: list        # one LineCollection per weight matrix
    shown: list              # per layer, the indices of the neurons drawn
    positions: list          # per layer, (n_shown, 2) centres in data coordinates
    weight_scale: float      # |w| that gets the thickest line
    value_texts: list = field(default_factory=list)     # per layer, the Text inside each neuron (or [])
    weight_texts: list = field(default_factory=list)    # per weight matrix, the Text on each line (or [])

    def __repr__(self):
        return f"<NetworkDiagram: layers of {', '.join(str(len(p)) for p in self.positions)} neurons shown>"

    def update(self, weights=None, values=None, gradients=None, biases=None):
        """Restyle for new weights (list of (n_in, n_out)), values (list per layer) and/or gradients."""
        if weights is not None:
            for i, (lines, W) in enumerate(zip(self.connections, weights)):
                w = _shown_weights(W, self.shown[i], self.shown[i + 1])
                style_weight_lines(lines, w, self.weight_scale)
                if self.weight_texts and self.weight_texts[i] and gradients is None:
                    for text, v in zip(self.weight_texts[i], w):
                        text.set_text(f"{v:.2g}")
        if gradients is not None and self.weight_texts:
            for texts, dW, i in zip(self.weight_texts, gradients, range(len(gradients))):
                for text, g in zip(texts, _shown_weights(dW, self.shown[i], self.shown[i + 1])):
                    text.set_text(f"{g:.2g}")
        if values is not None:
            for dots, texts, idx, v in zip(self.neurons, self.value_texts or [[]] * len(self.neurons),
                                           self.shown, values):
                v = np.asarray(v, dtype=np.float64).reshape(-1)[idx]
                top = max(np.abs(v).max(), 1.0)  # activations of 0..1 keep their absolute shade
                dots.set_facecolors(_value_cmap()(Normalize(-top, top)(v)))
                for text, value in zip(texts, v):
                    text.set_text(f"{value:.2f}")
                    text.set_color("white" if abs(value) > 0.6 * top else "black")


def _shown_weights(W, rows, cols):
    return np.asarray(W, dtype=np.float64)[np.ix_(rows, cols)].ravel()


NEGATIVE_DASH = (0, (2.0, 1.0))  # in line widths: the sign shows without colour too (the browser views: [6, 3] px)


def weight_lines(w, scale, thickest=5.0):
    """The one style of a weight's line: (widths, colours, dashes) for weights w (n,). The width grows with |w|
    from 8% of thickest (w = 0) to thickest (|w| >= scale); the sign is shown twice, by the colour (blue positive,
    red negative) and by the stroke (solid positive, dashed negative)."""
    w = np.asarray(w, dtype=np.float64)
    widths = thickest * (0.08 + 0.92 * np.minimum(np.abs(w) / scale, 1.0))
    colours = np.where(w[:, None] >= 0, _RGBA[POSITIVE], _RGBA[NEGATIVE])
    dashes = ["solid" if v >= 0 else NEGATIVE_DASH for v in w]
    return widths, colours, dashes


def style_weight_lines(lines, w, scale, thickest=5.0):
    """Restyle a LineCollection, one segment per weight in w (n,), in the one weight-line style."""
    widths, colours, dashes = weight_lines(w, scale, thickest)
    lines.set_linewidths(widths)
    lines.set_colors(colours)
    lines.set_linestyles(dashes)


def _shown_neurons(n, max_neurons):
    if n <= max_neurons:
        return np.arange(n), None
    head = (max_neurons - 1) // 2
    tail = max_neurons - 1 - head
    return np.r_[np.arange(head), np.arange(n - tail, n)], head


def _network_parameters(network, biases):
    if hasattr(network, "weights") and hasattr(network, "layer_sizes"):
        return [np.asarray(W) for W in network.weights], [np.asarray(b) for b in network.biases]
    if isinstance(network, np.ndarray) or not isinstance(network, (list, tuple)) or not network:
        raise TypeError("network should be an MLP or a list of weight matrices [W1, W2, ...], each (n_in, n_out), "
                        f"but got {type(network).__name__}.")
    weights = [as_array(W, f"weights[{i}]", ndim=2) for i, W in enumerate(network)]
    for i in range(1, len(weights)):
        if weights[i].shape[0] != weights[i - 1].shape[1]:
            raise ValueError(f"weights[{i}] has {weights[i].shape[0]} rows but weights[{i - 1}] has "
                             f"{weights[i - 1].shape[1]} columns; each layer's outputs are the next one's inputs.")
    if biases is not None:
        biases = [as_array(b, f"biases[{i}]", ndim=1) for i, b in enumerate(biases)]
    return weights, biases


def plot_network(network, ax=None, *, biases=None, x=None, values=None, gradients=None, input_labels=None,
                 output_labels=None, max_neurons=10, show_numbers=None, weight_scale=None, neuron_size=None,
                 layer_spacing=1.0):
    """Draw a fully connected network: neurons as circles in columns, weights as lines.

    network: an MLP, or a list of weight matrices [W1, W2, ...] with W shaped (n_in, n_out) (then biases,
    a list of (n_out,) vectors, is optional). Line width grows with |w| (the thickest at weight_scale, by
    default the largest |w|); blue lines are positive weights, red negative.
    x: one example (n_in,) to push through an MLP: each neuron is filled by its activation and shows it.
    values: the same by hand, a list of arrays, one per layer including the inputs.
    gradients: a list of dW matrices shaped like the weights: each line is labelled dL/dw (07_backprop).
    show_numbers: write each weight (or gradient) on its line; by default only for small networks.
    max_neurons: bigger layers show their first and last neurons with "..." between.
    neuron_size: the circles' area in points^2 (default: as big as the layout allows; 0 hides them).
    layer_spacing: the distance between columns, in units of the distance between neurons.
    Returns a NetworkDiagram (ax, neurons, connections, ...). Introduced in 05_layers.
    """
    weights, biases = _network_parameters(network, biases)
    max_neurons = check_positive_int(max_neurons, "max_neurons")
    if max_neurons < 3:
        raise ValueError(f"max_neurons should be at least 3 (first, '...', last), but got {max_neurons}.")
    sizes = [weights[0].shape[0]] + [W.shape[1] for W in weights]
    if x is not None:
        if not hasattr(network, "layer_outputs"):
            raise TypeError("x needs an MLP to compute each neuron's value; with bare weight matrices pass values=.")
        x = as_array(x, "x").reshape(-1)
        values = [x] + [out[0] for out in network.layer_outputs(x[None, :])]
    if values is not None and len(values) != len(sizes):
        raise ValueError(f"values should hold one array per layer ({len(sizes)}, inputs included), "
                         f"but got {len(values)}.")
    if gradients is not None:
        if len(gradients) != len(weights) or any(np.shape(g) != W.shape for g, W in zip(gradients, weights)):
            raise ValueError("gradients should be a list shaped like the weights (one dW per weight matrix, "
                             f"shapes {[W.shape for W in weights]}), but got shapes "
                             f"{[np.shape(g) for g in gradients]}.")
    shown, gaps = zip(*(_shown_neurons(n, max_neurons) for n in sizes))
    tallest = max(len(s) + (g is not None) for s, g in zip(shown, gaps))
    ax = axes_or_new(ax, (1.9 * len(sizes) + 0.8, max(2.4, 0.36 * (tallest + 1.5) + 0.3)))
    if neuron_size is None:  # circles fill about 70% of the vertical space each neuron gets
        height_pt = ax.get_position().height * ax.figure.get_figheight() * 72
        neuron_size = min(900.0, (0.7 * height_pt / (tallest + 1.4)) ** 2)
    positions = []
    for layer, (idx, gap) in enumerate(zip(shown, gaps)):
        slots = len(idx) + (gap is not None)
        ys = (slots - 1) / 2.0 - np.arange(slots, dtype=np.float64)
        if gap is not None:
            ax.text(layer * layer_spacing, ys[gap], "\u22ee", ha="center", va="center", fontsize=14,
                    color="#555555")
            ys = np.delete(ys, gap)
        positions.append(np.column_stack([np.full(len(idx), layer * float(layer_spacing)), ys]))
    if weight_scale is None:
        weight_scale = max(max(np.abs(W).max() for W in weights), 1e-9)
    n_lines = max(len(a) * len(b) for a, b in zip(shown[:-1], shown[1:]))
    if show_numbers is None:
        show_numbers = n_lines <= 6
    connections, weight_texts = [], []
    for i, W in enumerate(weights):
        src, dst = positions[i], positions[i + 1]
        segments = [(tuple(p), tuple(q)) for p in src for q in dst]
        w = _shown_weights(W, shown[i], shown[i + 1])
        lines = LineCollection(segments, zorder=1, alpha=0.85)
        style_weight_lines(lines, w, weight_scale)
        ax.add_collection(lines)
        connections.append(lines)
        texts = []
        if show_numbers:
            for (p, q), v in zip(segments, w):
                at = 0.5 if abs(q[1] - p[1]) < 1e-9 else 0.25  # crossing lines meet in the middle
                texts.append(ax.text(p[0] + at * (q[0] - p[0]), p[1] + at * (q[1] - p[1]), f"{v:.2g}",
                                     fontsize=8, ha="center", va="center", zorder=2,
                                     bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85)))
        weight_texts.append(texts)
    neurons, value_texts = [], []
    for layer, pos in enumerate(positions):
        neurons.append(ax.scatter(pos[:, 0], pos[:, 1], s=neuron_size, facecolors="white", edgecolors="#333333",
                                  linewidths=1.3, zorder=3))
        texts = []
        if values is not None and neuron_size >= 250:
            texts = [ax.text(px, py, "", ha="center", va="center", fontsize=8, zorder=4) for px, py in pos]
        value_texts.append(texts)
        if biases is not None and layer > 0 and neuron_size >= 250 and len(pos) <= 6:
            for (px, py), j in zip(pos, shown[layer]):
                ax.text(px, py - 0.34, f"b={biases[layer - 1][j]:.2g}", ha="center", va="top", fontsize=7,
                        color="#555555", zorder=4)
    top = _label_layers(ax, positions, sizes, input_labels, output_labels, shown)
    if show_numbers:
        what = "gradients \u2202L/\u2202w" if gradients is not None else "weights"
        ax.text(0.5, 0.0, f"numbers on the lines: {what}", transform=ax.transAxes, ha="center", va="top",
                fontsize=8, color="#555555")
    ax.set_xlim(-0.6, (len(sizes) - 1) * layer_spacing + 0.6)
    ax.set_ylim(-tallest / 2.0 - 0.1, top + 0.7)
    ax.set_axis_off()
    diagram = NetworkDiagram(ax, neurons, connections, list(shown), positions, float(weight_scale),
                             value_texts, weight_texts)
    diagram.update(weights=weights, values=values, gradients=gradients)
    return diagram


def _label_layers(ax, positions, sizes, input_labels, output_labels, shown):
    top = max(pos[:, 1].max() for pos in positions) + 0.5
    names = ["input"] + [f"hidden {i}" if len(sizes) > 3 else "hidden" for i in range(1, len(sizes) - 1)] + ["output"]
    for layer, (name, size) in enumerate(zip(names, sizes)):
        ax.text(positions[layer][0, 0], top, f"{name}\n({size})", ha="center", va="bottom", fontsize=9,
                color="#333333")
    for labels, layer, side in ((input_labels, 0, -1), (output_labels, len(sizes) - 1, 1)):
        if labels is None:
            continue
        labels = list(labels)
        if len(labels) != sizes[layer]:
            which = "input_labels" if side < 0 else "output_labels"
            raise ValueError(f"{which} has {len(labels)} names but that layer has {sizes[layer]} neurons.")
        for (px, py), j in zip(positions[layer], shown[layer]):
            ax.text(px + side * 0.22, py, str(labels[j]), ha="right" if side < 0 else "left", va="center",
                    fontsize=9)
    return top
