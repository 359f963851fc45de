"""A network drawn with a thumbnail per neuron: each neuron is a small map of what it outputs over the whole
plane, and each weight a line (width |w|, blue positive, red negative), as TensorFlow Playground draws it.
Introduced in 05_layers (the network builder); 07_backprop's training playground draws the same picture.

For speed the maps are coloured here and copied into the canvas pixel for pixel (PixelBlocks): a thumbnail
GRID pixels wide shows one grid point per pixel, far cheaper than an AxesImage per neuron.
"""

import numpy as np
from matplotlib.artist import Artist
from matplotlib.collections import LineCollection
from matplotlib.patches import Rectangle

from .network import style_weight_lines
from .style import CLASS_CMAP


class PixelBlocks(Artist):
    """Pictures copied pixel for pixel into the canvas, with no resampling: blocks[k] = (left, bottom, rgba), rgba
    an (h, w, 4) uint8 array whose first row is the bottom one, left and bottom in figure pixels."""

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


def stretch_weights(n_out, n_in):
    """(n_out, n_in) weights that stretch n_in samples over n_out pixels by linear interpolation."""
    position = np.clip((np.arange(n_out) + 0.5) * n_in / n_out - 0.5, 0, n_in - 1)
    low = np.minimum(position.astype(int), n_in - 2)
    weights = np.zeros((n_out, n_in))
    weights[np.arange(n_out), low] = 1 - (position - low)
    weights[np.arange(n_out), low + 1] = position - low
    return weights


def colour(values, cmap, limits, alpha=1.0):
    """values (H, W) -> (H, W, 4) uint8 colours from cmap over limits (low, high), blended with white by alpha
    (so the picture is opaque and cheap to draw); NaN shows as the colour map's 'bad' grey. A listed colour map
    (fewer than 256 colours) takes each value as a class number counted from low."""
    lut = _lookup_table(cmap, alpha)
    n = cmap.N
    low, high = limits
    with np.errstate(all="ignore"):
        if n < 256:
            index = np.clip(np.rint(values - low), 0, n - 1)
        elif high > low:
            index = np.clip((values - low) * (n / (high - low)), 0, n - 1)
        else:
            index = np.full(values.shape, n // 2)
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


class ThumbnailNetwork:
    """Draws a network in the rectangle rect = (left, bottom, width, height), in pixels, of a figure: a column of
    square thumbnails per layer (inputs first), one line per weight between them.

    layer_sizes: neurons per layer. grid: the side of the square maps that paint() is given. input_labels: the
    name shown left of each input. titles: one per column (default 'inputs', 'layer 1', ..., 'output').
    hidden_names: write h1, h2, ... under the hidden thumbnails (when a control is named after them).
    weight_scale: the |w| that gets the thickest line, thickest wide. max_pitch: the most pixels from one
    thumbnail's centre to the next. highlight: draw a frame that select() moves around a neuron.
    `artists` lists what changes between frames (for LiveFigure.dynamic)."""

    def __init__(self, figure, rect, layer_sizes, grid, input_labels, *, titles=None, hidden_names=False,
                 weight_scale=2.0, thickest=3.5, max_pitch=56.0, highlight=False):
        left, bottom, width, height = rect
        self.layer_sizes, self.grid = tuple(layer_sizes), grid
        self.weight_scale, self.thickest = weight_scale, thickest
        ax = figure.add_axes([left / figure.bbox.width, bottom / figure.bbox.height,
                              width / figure.bbox.width, height / figure.bbox.height])
        ax.set_xlim(left, left + width)  # figure pixels, so thumbnails are square and sit on whole pixels
        ax.set_ylim(bottom, bottom + height)
        ax.axis("off")
        n_columns = len(layer_sizes)
        xs = (np.linspace(left + 70, left + width - 34, n_columns) if n_columns > 1
              else np.array([left + width / 2]))
        below = 12 if hidden_names else 0
        top, low = bottom + height - 28, bottom + 8 + below
        pitch = min(max_pitch, (top - low) / max(layer_sizes))
        self.size = size = int(min(grid, 0.8 * pitch, pitch - below - 2 if hidden_names else pitch))
        titles = titles or ["inputs"] + [f"layer {k}" for k in range(1, n_columns - 1)] + ["output"]
        self.positions, self.boxes = [], []
        for layer, (n, x) in enumerate(zip(layer_sizes, xs)):
            ys = (top + low) / 2 + pitch * ((n - 1) / 2 - np.arange(n))
            centres = np.column_stack([np.full(n, x), ys]).round()
            self.positions.append(centres)
            ax.text(x, bottom + height - 6, titles[layer], ha="center", va="top", fontsize=9, color="#333333")
            boxes = []
            for k, (cx, cy) in enumerate(centres):
                box_left, box_bottom = int(cx) - size // 2, int(cy) - size // 2
                boxes.append((box_left, box_bottom))
                ax.add_patch(Rectangle((box_left - 1, box_bottom - 1), size + 2, size + 2, fill=False,
                                       edgecolor="#555555", linewidth=0.7, zorder=2))
                if layer == 0:
                    ax.text(box_left - 4, cy, input_labels[k], ha="right", va="center", fontsize=9)
                elif hidden_names and layer < n_columns - 1:
                    ax.text(cx, box_bottom - 3, f"h{k + 1}", ha="center", va="top", fontsize=8, color="#555555")
            self.boxes.append(boxes)
        self.thumbnails = PixelBlocks(zorder=3)  # one block per neuron, painted by paint()
        self._blocks = {}
        self._pick = (np.arange(size) * grid) // size  # grid rows/columns shown when a thumbnail is < grid px
        figure.add_artist(self.thumbnails)
        self.connections = []
        for layer in range(n_columns - 1):
            start, end = self.positions[layer], self.positions[layer + 1]
            segments = [((x0 + size / 2 + 1, y0), (x1 - size / 2 - 1, y1))
                        for x1, y1 in end for x0, y0 in start]  # ordered like W.T.ravel(): by target, then source
            lines = LineCollection(segments, zorder=1)
            ax.add_collection(lines)
            self.connections.append(lines)
        self.frame = None
        if highlight:
            self.frame = ax.add_patch(Rectangle((0, 0), size + 6, size + 6, fill=False, edgecolor="#222222",
                                                linewidth=2.2, zorder=4))
        self.ax = ax
        self.artists = [self.thumbnails, *self.connections] + ([self.frame] if highlight else [])

    def paint(self, column, k, values, cmap=CLASS_CMAP, limits=(0.0, 1.0), alpha=1.0):
        """Colour neuron k of a column (its thumbnail) from its (grid, grid) values over limits (low, high)."""
        left, bottom = self.boxes[column][k]
        shown = values[np.ix_(self._pick, self._pick)]
        if (column, k) not in self._blocks:
            self._blocks[column, k] = len(self.thumbnails.blocks)
            self.thumbnails.blocks.append(None)
        self.thumbnails.blocks[self._blocks[column, k]] = (left, bottom, colour(shown, cmap, limits, alpha))

    def painted(self, column, k):
        """The (left, bottom, rgba) block last painted for neuron k of a column."""
        return self.thumbnails.blocks[self._blocks[column, k]]

    def show_weights(self, weights):
        """Restyle every line for weights, a list of (n_in, n_out) matrices (NaN draws as the thinnest line)."""
        for lines, W in zip(self.connections, weights):
            w = np.asarray(W, dtype=np.float64).T.ravel()
            style_weight_lines(lines, np.where(np.isfinite(w), w, 0.0), self.weight_scale, self.thickest)

    def select(self, column, first, last=None):
        """Frame neurons first..last (default: first alone) of a column."""
        x, y_top = self.positions[column][first]
        y = self.positions[column][first if last is None else last][1]
        self.frame.set_bounds(x - self.size / 2 - 3, y - self.size / 2 - 3, self.size + 6,
                              y_top - y + self.size + 6)
