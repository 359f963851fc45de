"""Checking gradients with finite differences: the referee for every backward pass. Used in 07_backprop.
"""

import numpy as np

from ._validate import as_array, check_positive_number


def numerical_gradient(f, x, h=1e-5):
    """Estimate the gradient of a scalar function f at x by centred differences.

    f: a function of an array shaped like x that returns a number; x: any shape.
    Returns an array shaped like x whose entry i is (f(x + h e_i) - f(x - h e_i)) / (2h).
    x itself is never changed: f sees a nudged copy.
    """
    if not callable(f):
        raise TypeError(f"f should be a function that returns a number, but got {type(f).__name__}.")
    x = as_array(x, "x").copy()
    h = check_positive_number(h, "h")
    grad = np.zeros_like(x)
    flat_x, flat_grad = x.reshape(-1), grad.reshape(-1)
    for i in range(flat_x.size):
        original = flat_x[i]
        flat_x[i] = original + h
        up = _as_number(f(x))
        flat_x[i] = original - h
        down = _as_number(f(x))
        flat_x[i] = original
        flat_grad[i] = (up - down) / (2 * h)
    return grad


def relative_error(a, b):
    """How far apart two gradients are, relative to their size: ||a - b|| / (||a|| + ||b||).

    a, b: arrays of the same shape. Returns a float: below 1e-7 means they agree; 0 when both are zero.
    """
    a, b = as_array(a, "a"), as_array(b, "b")
    if a.shape != b.shape:
        raise ValueError(f"a has shape {a.shape} but b has shape {b.shape}; compare gradients of the same shape.")
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    return float(np.linalg.norm(a - b) / scale) if scale > 0 else 0.0


def _as_number(value):
    value = np.asarray(value, dtype=np.float64)
    if value.size != 1:
        raise ValueError(f"f should return a single number (a loss), but it returned shape {value.shape}. "
                         "Sum or average it first.")
    return float(value.reshape(()))
