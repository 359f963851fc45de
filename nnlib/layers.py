"""A fully connected (dense) layer as a pair of pure functions. Introduced in 05_layers; backward in 07_backprop.

Shapes, everywhere in the course: rows are examples. X is (batch, n_in), W is (n_in, n_out), b is (n_out,),
and Z = X @ W + b is (batch, n_out). The underscored versions are the same formulas without the input checks;
the MLP calls them in its training loop, where the shapes are already known to be right.
"""

import numpy as np

from ._validate import as_array


def _dense_forward(X, W, b):
    return X @ W + b, (X, W)


def _dense_backward(dZ, cache, need_dX=True):
    X, W = cache
    dX = dZ @ W.T if need_dX else None  # the first layer's X is the data: the MLP has no use for its blame
    return dX, X.T @ dZ, dZ.sum(axis=0)


def dense_forward(X, W, b):
    """Every neuron's weighted sum plus bias, for every example at once: Z = X @ W + b.

    X: (batch, n_in), W: (n_in, n_out), b: (n_out,) -> Z: (batch, n_out), and the cache (X, W) that
    dense_backward needs.
    """
    X = as_array(X, "X", ndim=2)
    W = as_array(W, "W", ndim=2)
    b = as_array(b, "b", ndim=1)
    if X.shape[1] != W.shape[0]:
        raise ValueError(f"X has {X.shape[1]} features but W expects {W.shape[0]} (W has shape {W.shape}: "
                         "one row per input feature). Did you flatten the image, or transpose W?")
    if b.shape[0] != W.shape[1]:
        raise ValueError(f"b has {b.shape[0]} entries but W has {W.shape[1]} neurons (columns); "
                         "each neuron needs exactly one bias.")
    return _dense_forward(X, W, b)


def dense_backward(dZ, cache):
    """Pass the blame back through a dense layer.

    dZ: (batch, n_out), the loss gradient with respect to Z; cache: (X, W) from dense_forward.
    Returns dX (batch, n_in) = dZ @ W.T, dW (n_in, n_out) = X.T @ dZ, db (n_out,) = dZ summed over the batch.
    """
    if not (isinstance(cache, tuple) and len(cache) == 2):
        raise TypeError("cache should be the (X, W) pair returned by dense_forward, "
                        f"but got {type(cache).__name__}.")
    X, W = as_array(cache[0], "the cache's X", ndim=2), as_array(cache[1], "the cache's W", ndim=2)
    dZ = as_array(dZ, "dZ", ndim=2)
    expected = (X.shape[0], W.shape[1])
    if dZ.shape != expected:
        raise ValueError(f"dZ should have the shape of Z, {expected}, but it has shape {dZ.shape}.")
    return _dense_backward(dZ, (X, W))
