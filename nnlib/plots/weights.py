"""A neuron's incoming weights drawn as an image. Introduced in 01_neuron, used again in 08_training_digits.

A first-layer neuron of the digits network has one weight per pixel, so its 64 weights form an 8x8 picture
of what it looks for: blue pixels push it to fire, red ones hold it back ("the top stroke of a 5"). A dot marks
every negative weight, so the sign shows without colour too (in greyscale, or to a learner who cannot tell red
from blue).
"""

from dataclasses import dataclass

import numpy as np

from .._validate import as_array, check_positive_int
from .style import WEIGHT_CMAP, axes_or_new


@dataclass(repr=False)
class WeightImage:
    """What plot_neuron_weights drew: the AxesImage, its colorbar (or None), and the dots on negative weights."""

    ax: object
    image: object
    colorbar: object
    neurons: list        # the neuron indices shown, in reading order
    weights: np.ndarray = None   # (n_in, len(neurons)): the weights shown, one column per neuron
    shape: tuple = None          # each neuron's picture, (rows, columns)
    marks: object = None         # the PathCollection of dots on the negative weights
    label: str = "weight"
    one_vector: bool = False     # drawn from one neuron's vector (its index in the network is not known)

    def __repr__(self):
        return f"<WeightImage: {len(self.neurons)} neuron(s)>"

    def describe(self):
        """A text alternative: what the picture shows, with its numbers (for plots.show(fig, alt=...))."""
        W, (rows, columns) = self.weights, self.shape
        colours = "blue for positive, red with a dot for negative, white for 0"
        first, _, rest = self.label.partition(" ")
        numbers = f"{first}s {rest}".strip()  # 'weight' -> 'weights', 'change in weight' -> 'changes in weight'
        if len(self.neurons) == 1:
            w = W[:, 0]
            high, low = int(np.argmax(w)), int(np.argmin(w))
            where = lambda i: f"row {i // columns + 1}, column {i % columns + 1}"  # noqa: E731
            whose = "The neuron's" if self.one_vector else f"Neuron {self.neurons[0]}'s"
            return (f"{whose} {len(w)} {numbers} as a picture {rows} by {columns} ({colours}): "
                    f"{int((w > 0).sum())} positive, {int((w < 0).sum())} negative; the largest, {w[high]:+.3g}, "
                    f"at {where(high)}; the most negative, {w[low]:+.3g}, at {where(low)}.")
        return (f"{len(self.neurons)} neurons' {numbers}, each as a picture {rows} by {columns} ({colours}), "
                f"neurons {self.neurons[0]} to {self.neurons[-1]} in reading order; they run from "
                f"{W.min():+.3g} to {W.max():+.3g}, {(W < 0).mean():.0%} of them negative.")


def _weight_matrix(weights, layer):
    if hasattr(weights, "weights") and hasattr(weights, "layer_sizes"):
        layer = check_positive_int(layer, "layer", allow_zero=True)
        if layer >= len(weights.weights):
            raise ValueError(f"layer should be below {len(weights.weights)} (this network has that many weight "
                             f"matrices), but got {layer}.")
        return np.asarray(weights.weights[layer], dtype=np.float64)
    W = as_array(weights, "weights")
    if W.ndim == 1:
        return W[:, None]
    if W.ndim != 2:
        raise ValueError(f"weights should be one neuron's (n_in,) vector or a layer's (n_in, n_out) matrix, "
                         f"but it has shape {W.shape}.")
    return W


def plot_neuron_weights(weights, neuron=None, ax=None, *, shape=None, layer=0, colorbar=True, vmax=None,
                        columns=8, title=None, label="weight"):
    """Show a neuron's incoming weights as an image, in the shape of its input (8x8 for the digits).

    weights: an MLP (its weights[layer]), a layer's matrix (n_in, n_out), or one neuron's vector (n_in,).
    neuron: which column to show; None shows every neuron of the layer side by side (`columns` per row).
    shape: the input's image shape, by default square (64 -> (8, 8), 784 -> (28, 28)).
    Colours: RdBu centred on 0 (blue positive, red negative); vmax sets the colour scale (default: largest |w|).
    label: the colour bar's label, "weight" by default; say what the numbers are when they are something else
    (for a difference of two weight matrices: "change in weight").
    Returns a WeightImage (ax, image, colorbar, neurons). Introduced in 01_neuron.
    """
    W = _weight_matrix(weights, layer)
    n_in, n_out = W.shape
    if shape is None:
        side = int(round(np.sqrt(n_in)))
        if side * side != n_in:
            raise ValueError(f"These weights have {n_in} inputs, which is not a square image. "
                             f"Pass shape=(rows, columns) with rows * columns = {n_in}.")
        shape = (side, side)
    shape = tuple(int(v) for v in shape)
    if len(shape) != 2 or shape[0] * shape[1] != n_in:
        raise ValueError(f"shape {shape} holds {np.prod(shape)} pixels but each neuron has {n_in} weights.")
    if neuron is not None:
        if isinstance(neuron, bool) or not isinstance(neuron, (int, np.integer)) or not 0 <= neuron < n_out:
            raise ValueError(f"neuron should be a whole number from 0 to {n_out - 1}, but got {neuron!r}.")
        neurons = [int(neuron)]
    else:
        neurons = list(range(n_out))
    columns = min(check_positive_int(columns, "columns"), len(neurons))
    rows = -(-len(neurons) // columns)
    h, w = shape
    # one mosaic with a blank (NaN) line between tiles: a single image draws fast and fits any single ax
    mosaic = np.full((rows * (h + 1) - 1, columns * (w + 1) - 1), np.nan)
    for k, j in enumerate(neurons):
        r, c = divmod(k, columns)
        mosaic[r * (h + 1):r * (h + 1) + h, c * (w + 1):c * (w + 1) + w] = W[:, j].reshape(shape)
    top = float(vmax) if vmax is not None else max(np.abs(W[:, neurons]).max(), 1e-9)
    ax = axes_or_new(ax, (3.2, 2.8) if len(neurons) == 1 else (min(1.0 * columns + 1.2, 10), 1.0 * rows + 0.6))
    import matplotlib

    cmap = matplotlib.colormaps[WEIGHT_CMAP].with_extremes(bad="white")
    image = ax.imshow(mosaic, cmap=cmap, vmin=-top, vmax=top, interpolation="nearest")
    rows_negative, columns_negative = np.nonzero(np.nan_to_num(mosaic) < 0)
    dark = np.abs(mosaic[rows_negative, columns_negative]) > 0.6 * top  # a white dot where the red is dark
    dot = 14 if len(neurons) == 1 else 3
    marks = ax.scatter(columns_negative, rows_negative, s=dot, marker="o", linewidths=0, label="negative",
                       color=np.where(dark[:, None], [[1.0, 1.0, 1.0]], [[0.13, 0.13, 0.13]]))
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    if title is None:
        title = f"neuron {neurons[0]}'s weights" if len(neurons) == 1 else f"{len(neurons)} neurons' weights"
    if title:
        ax.set_title(title, fontsize=10)
    bar = None
    if colorbar:
        bar = ax.figure.colorbar(image, ax=ax, shrink=0.8, label=f"{label} (dot: negative)")
        bar.ax.scatter([0.5], [-top / 2], s=dot, color="#222222", transform=bar.ax.transData, clip_on=False)
    one_vector = np.ndim(weights) == 1 and not hasattr(weights, "layer_sizes")
    return WeightImage(ax, image, bar, neurons, W[:, neurons].copy(), shape, marks, label, one_vector)
