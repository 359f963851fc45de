"""The points of the plane a map is computed at: every 2-D widget evaluates its network (or neuron) on them."""

import numpy as np


def plane_grid(X=None, resolution=80, extent=None, margin=0.15):
    """Points covering the plane around the data, for evaluating a model everywhere at once.

    X: (n, 2) data that sets the extent (with a margin), or extent=(x_min, x_max, y_min, y_max).
    Returns (grid, extent): grid is (resolution**2, 2), row by row from the bottom-left corner.
    """
    if extent is None:
        if X is None:
            extent = (-1.5, 1.5, -1.5, 1.5)
        else:
            low, high = X.min(axis=0), X.max(axis=0)
            pad = margin * np.maximum(high - low, 1e-6) + 0.1
            extent = (low[0] - pad[0], high[0] + pad[0], low[1] - pad[1], high[1] + pad[1])
    extent = tuple(float(v) for v in extent)
    if len(extent) != 4 or extent[0] >= extent[1] or extent[2] >= extent[3]:
        raise ValueError(f"extent should be (x_min, x_max, y_min, y_max) with min < max, but got {extent}.")
    xs = np.linspace(extent[0], extent[1], resolution)
    ys = np.linspace(extent[2], extent[3], resolution)
    gx, gy = np.meshgrid(xs, ys)
    return np.column_stack([gx.ravel(), gy.ravel()]), extent
