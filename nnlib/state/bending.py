"""A layer of two neurons bending the plane, a = f(x @ W + b): what 03_linearity and 04_activations show with graph
paper. The maths of nnlib.plots.plot_bending and of the bending-space widget's state.
"""

import numpy as np

from .._validate import as_array, check_positive_int
from ..activations import activation_named
from ..layers import _dense_forward
from ..separability import separating_line

EXTENT = (-2.0, 2.0, -2.0, 2.0)


def grid_lines(extent=EXTENT, n_lines=9, resolution=81):
    """Graph paper: n_lines vertical and n_lines horizontal lines across extent (x_min, x_max, y_min, y_max).

    Returns a list of 2 * n_lines arrays, each (resolution, 2): the vertical lines first, then the horizontal.
    With an odd n_lines and an extent centred on 0, the middle lines are the axes x1 = 0 and x2 = 0.
    """
    n_lines = check_positive_int(n_lines, "n_lines")
    resolution = check_positive_int(resolution, "resolution")
    x_min, x_max, y_min, y_max = (float(v) for v in extent)
    along_x, along_y = np.linspace(x_min, x_max, resolution), np.linspace(y_min, y_max, resolution)
    vertical = [np.column_stack([np.full(resolution, x), along_y]) for x in np.linspace(x_min, x_max, n_lines)]
    horizontal = [np.column_stack([along_x, np.full(resolution, y)]) for y in np.linspace(y_min, y_max, n_lines)]
    return vertical + horizontal


def _as_layers(layers):
    """One (W, b, activation) triple or a list of them -> a list of checked (W, b, Activation) triples."""
    if len(layers) == 3 and isinstance(layers[2], str):  # a single layer rather than a list of them
        layers = [layers]
    checked = []
    for i, layer in enumerate(layers):
        if len(layer) != 3:
            raise ValueError(f"layer {i} should be a triple (W, b, activation), e.g. (W, b, 'relu').")
        W, b, activation = layer
        W, b = as_array(W, f"W of layer {i}", ndim=2), as_array(b, f"b of layer {i}", ndim=1)
        if b.shape[0] != W.shape[1]:
            raise ValueError(f"layer {i}: b has {b.shape[0]} entries but W has {W.shape[1]} neurons (columns).")
        checked.append((W, b, activation_named(activation)))
    return checked


def bend(points, layers):
    """Push points through layers: each layer is (W, b, activation) and computes a = f(points @ W + b).

    points: (n, n_in); layers: one (W, b, activation) or a list of them, W (n_in, n_out), activation a name in
    nnlib.ACTIVATIONS: 'linear', 'relu', 'leaky_relu', 'tanh' or 'sigmoid'. Returns (n, n_out) of the last layer.
    Each layer is nnlib's dense layer (05_layers) followed by the activation.
    """
    A = as_array(points, "points", ndim=2)
    for i, (W, b, activation) in enumerate(_as_layers(layers)):
        if A.shape[1] != W.shape[0]:
            raise ValueError(f"layer {i} expects {W.shape[0]} inputs but gets {A.shape[1]} per point.")
        A = activation.function(_dense_forward(A, W, b)[0])
    return A


def bend_lines(lines, layers):
    """bend() for a list of polylines at once (one pass through the layers): returns the bent lines."""
    if not len(layers):
        return list(lines)
    bent = bend(np.concatenate(lines), layers)
    return np.split(bent, np.cumsum([len(line) for line in lines])[:-1])


def stays_straight(line, tol=1e-6):
    """True when an evenly marked polyline (k, 2) is still a straight, evenly marked line (or one point).

    Any linear layer keeps grid lines that way; a bend, a fold (ReLU) or a squeeze (tanh, sigmoid) does not.
    """
    steps = np.diff(np.asarray(line, dtype=np.float64), axis=0)
    scale = max(float(np.abs(steps).max(initial=0.0)), 1e-12)
    return bool(np.abs(np.diff(steps, axis=0)).max(initial=0.0) <= tol * scale)


def same_line(first, second, tol=1e-9):
    """Whether two neurons (w1, w2, b) share their line z = 0: None if not, else 'same' when they fire on the
    same side of it, 'opposite' when on opposite sides (one triple is a positive or negative multiple of the
    other)."""
    first, second = np.asarray(first, dtype=np.float64), np.asarray(second, dtype=np.float64)
    if np.linalg.norm(first[:2]) == 0 or np.linalg.norm(second[:2]) == 0:
        return None  # a neuron with no weights has no line
    if np.linalg.norm(np.cross(first, second)) > tol * np.linalg.norm(first) * np.linalg.norm(second):
        return None
    return "same" if first @ second > 0 else "opposite"


def bent(X, y, grid, W, b, activation):
    """What one layer (W (2, 2), b (2,), activation) makes of graph paper `grid` (a list of polylines) and points
    X (n, 2) with labels y (or None): 'lines' and 'points' after the layer, 'n_bent' and 'n_lines' (grid lines
    no longer straight, of all), 'separable' (one straight line splits the two classes afterwards; None without
    two classes), 'separator' ((w, c) of such a line a . w + c = 0, or None), 'same_line' (see same_line)."""
    W, b = np.asarray(W, dtype=np.float64).reshape(2, 2), np.asarray(b, dtype=np.float64).reshape(2)
    layer = (W, b, activation)
    lines, points = bend_lines(grid, layer), bend(X, layer)
    found = separating_line(points, y) if y is not None and len(np.unique(y)) == 2 else None
    return {"W": W, "b": b, "activation": activation, "lines": lines, "points": points,
            "n_bent": sum(not stays_straight(line) for line in lines), "n_lines": len(lines),
            "separable": None if y is None or len(np.unique(y)) != 2 else found is not None, "separator": found,
            "same_line": same_line(np.append(W[:, 0], b[0]), np.append(W[:, 1], b[1]))}


class BendingState:
    """The bending-space widget's layer and the points it carries: W (2, 2), b (2,), activation, X (n, 2), y.
    set(**{'W[0,1]': 0.5, 'b[1]': -1.0, 'activation': 'relu'}) changes it (the widget's slider names);
    result() is bent(...) for the current layer."""

    def __init__(self, X, y, W, b, activation="relu", extent=EXTENT, n_lines=9):
        self.X, self.y = X, y
        self.W, self.b = np.array(W, dtype=np.float64), np.array(b, dtype=np.float64)
        self.activation = activation_named(activation).name  # a clear error for an unknown name
        self.grid = grid_lines(extent, n_lines)

    def set(self, activation=None, **values):
        for name, value in values.items():
            target = {"W": self.W, "b": self.b}.get(name.split("[")[0])
            try:
                index = tuple(int(v) for v in name.split("[")[1].rstrip("]").split(","))
                target[index] = float(value)
            except (AttributeError, IndexError, ValueError):
                raise ValueError(f"Unknown setting {name!r}: the layer has W[0,0] to W[1,1], b[0], b[1] and "
                                 "activation.") from None
        self.activation = self.activation if activation is None else activation_named(activation).name
        return self

    def numbers(self):
        """What the picture is drawn from: W (2, 2), b (2,), activation."""
        return {"W": self.W.copy(), "b": self.b.copy(), "activation": self.activation}

    def result(self):
        return bent(self.X, self.y, self.grid, self.W, self.b, self.activation)
