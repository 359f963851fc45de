"""Bending space: graph paper pushed through layers, with and without an activation. Introduced in 03_linearity
(linear layers keep the paper straight) and 04_activations (activations fold and squeeze it).

A layer with two inputs and two neurons sends every point x of the plane to a = f(x @ W + b), another point of
the plane, so we can watch what it does to a sheet of graph paper. Without an activation (linear: f(z) = z)
straight lines stay straight and parallel lines stay parallel: the layer can only stretch, turn, shear and shift
the sheet, which is why two such layers collapse into one (03_linearity). With ReLU every point on the negative
side of a neuron's line z = 0 is pressed flat onto an axis: the sheet gets folded, and classes that no straight
line could separate (XOR) can come out on opposite sides of one.
"""

from dataclasses import dataclass

import numpy as np

from .._validate import as_array, as_labels, check_same_length
from ..separability import separating_line
from ..state.bending import EXTENT, bend, bend_lines, grid_lines, stays_straight  # noqa: F401
from .style import axes_or_new, nice_limit, scatter_classes
from .boundary import decision_line

VERTICAL, HORIZONTAL = "#7FA7CF", "#D9A0C4"    # grid lines x1 = const, x2 = const
AXIS_WIDTH, LINE_WIDTH = 2.0, 0.9              # the lines x1 = 0 and x2 = 0 are drawn thicker
SEPARATOR = "#222222"


def square_limits(*arrays):
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
    lines_out = bend_lines(grid_lines(extent, n_lines), layers)
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
    low, high = square_limits(*lines_out, *([points] if points is not None else []))
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


__all__ = ["plot_bending", "BendingPlot", "bend", "bend_lines", "grid_lines", "stays_straight", "square_limits"]
