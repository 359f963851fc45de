"""Loss functions: one number that says how wrong the network is. Introduced in 07_backprop.

Each loss is a mean over the batch, and each has a gradient with respect to what the network produced.
"""

import numpy as np

from ._validate import as_array, as_labels, check_same_length
from .activations import _sigmoid, _softmax

# probabilities are clipped here before the log, so a probability of exactly 0 gives a large finite loss
SMALLEST_PROBABILITY = np.finfo(np.float64).tiny


def _check_same_shape(a, b, a_name, b_name):
    if a.shape != b.shape:
        raise ValueError(f"{a_name} has shape {a.shape} but {b_name} has shape {b.shape}; they must match "
                         "exactly (nothing is broadcast). Reshape one, e.g. with .reshape(-1, 1) or .ravel().")


def _mse(y_pred, y_true):
    """Mean squared error of two float arrays of the same shape, unchecked."""
    return float(np.mean((y_pred - y_true) ** 2))


def _mse_gradient(y_pred, y_true):
    """d mse / d y_pred = 2 (y_pred - y_true) / N, unchecked."""
    return 2.0 * (y_pred - y_true) / y_pred.size


def mse(y_pred, y_true):
    """Mean squared error: the average of (prediction - truth)^2 over every entry.

    y_pred, y_true: the same shape, e.g. (batch,) or (batch, n_outputs). Returns a float.
    Used for regression (house prices).
    """
    y_pred, y_true = as_array(y_pred, "y_pred"), as_array(y_true, "y_true")
    _check_same_shape(y_pred, y_true, "y_pred", "y_true")
    return _mse(y_pred, y_true)


def mse_gradient(y_pred, y_true):
    """d mse / d y_pred = 2 (y_pred - y_true) / N, where N is the number of entries. Same shape as y_pred."""
    y_pred, y_true = as_array(y_pred, "y_pred"), as_array(y_true, "y_true")
    _check_same_shape(y_pred, y_true, "y_pred", "y_true")
    return _mse_gradient(y_pred, y_true)


def _check_scores_and_labels(scores, y, name):
    """(batch, n_classes) scores and (batch,) labels naming one of those classes each."""
    scores = as_array(scores, name, ndim=2)
    y = as_labels(y, "y", n_classes=scores.shape[1])
    check_same_length(scores, y, name, rows="rows (examples)")
    return scores, y


def _check_probs(probs, y):
    probs, y = _check_scores_and_labels(probs, y, "probs")
    if probs.min() < 0 or probs.max() > 1:
        raise ValueError(f"probs should be probabilities between 0 and 1, but they range from {probs.min():.3g} "
                         f"to {probs.max():.3g}. Did you pass logits? Apply softmax first, or use "
                         "softmax_cross_entropy(logits, y).")
    return probs, y


def cross_entropy(probs, y):
    """Mean cross-entropy: the average of -ln(probability given to the right class).

    probs: (batch, n_classes), each row a probability distribution; y: (batch,) integer labels.
    Returns a float: 0 when every right answer gets probability 1; ln(10) = 2.30 for ten equal guesses.
    A probability of exactly 0 is clipped to the smallest positive float, so the loss stays finite (about 708).
    """
    probs, y = _check_probs(probs, y)
    picked = probs[np.arange(len(y)), y]
    return float(-np.mean(np.log(np.maximum(picked, SMALLEST_PROBABILITY))))


def cross_entropy_gradient(probs, y):
    """d cross_entropy / d probs: -1 / (N * p) at each example's right class, 0 elsewhere. (batch, n_classes)."""
    probs, y = _check_probs(probs, y)
    grad = np.zeros_like(probs)
    rows = np.arange(len(y))
    grad[rows, y] = -1.0 / (len(y) * np.maximum(probs[rows, y], SMALLEST_PROBABILITY))
    return grad


def _softmax_cross_entropy(Z, y):
    """Mean loss from the logits Z (batch, n_classes), unchecked: log-sum-exp minus the right class's logit.

    Subtracting each row's largest logit first keeps it exact even for logits like +-1000.
    """
    shifted = Z - Z.max(axis=1, keepdims=True)
    return float(np.mean(np.log(np.exp(shifted).sum(axis=1)) - shifted[np.arange(len(y)), y]))


def _softmax_cross_entropy_gradient(Z, y):
    """dZ = (softmax(Z) - one_hot(y)) / N, unchecked."""
    dZ = _softmax(Z)
    dZ[np.arange(len(y)), y] -= 1.0
    dZ /= len(y)
    return dZ


def softmax_cross_entropy(logits, y):
    """Cross-entropy of softmax(logits), computed from the logits so it is exact and never overflows.

    logits: (batch, n_classes); y: (batch,) integer labels. Returns a float.
    """
    return _softmax_cross_entropy(*_check_scores_and_labels(logits, y, "logits"))


def softmax_cross_entropy_gradient(logits, y):
    """d loss / d logits = (softmax(logits) - one_hot(y)) / N: the blame each output neuron gets. (batch, n_classes)."""
    return _softmax_cross_entropy_gradient(*_check_scores_and_labels(logits, y, "logits"))


def _binary_cross_entropy(Z, y):
    """Mean loss from the logits Z (batch, 1) of one sigmoid output, unchecked; y: (batch,) labels 0 or 1.

    log(1 + e^z) - y z is -[y ln(p) + (1 - y) ln(1 - p)] for p = sigmoid(z), and logaddexp keeps it exact for any z.
    """
    z = Z[:, 0]
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def _binary_cross_entropy_gradient(Z, y):
    """dZ = (sigmoid(Z) - y) / N, unchecked: P - Y, as for softmax. Shape (batch, 1)."""
    dZ = _sigmoid(Z) - y[:, None]
    dZ /= len(y)
    return dZ


def _check_logit_column(logits, y):
    logits = as_array(logits, "logits")
    if logits.ndim not in (1, 2) or (logits.ndim == 2 and logits.shape[1] != 1):
        raise ValueError(f"logits should hold one score per example, shape (batch,) or (batch, 1), but it has "
                         f"shape {logits.shape}. For several classes use softmax_cross_entropy(logits, y).")
    y = as_labels(y, "y", n_classes=2)
    check_same_length(logits, y, "logits", rows="scores (examples)")
    return logits, y


def binary_cross_entropy(logits, y):
    """Mean binary cross-entropy of sigmoid(logits), computed from the logits so it is exact and never overflows.

    For a yes/no question answered by one sigmoid neuron: logits (batch,) or (batch, 1), the scores z before
    the sigmoid; y: (batch,) labels 0 or 1. Returns a float: -mean(y ln p + (1 - y) ln(1 - p)), p = sigmoid(z).
    """
    logits, y = _check_logit_column(logits, y)
    return _binary_cross_entropy(logits.reshape(-1, 1), y)


def binary_cross_entropy_gradient(logits, y):
    """d binary_cross_entropy / d logits = (sigmoid(logits) - y) / N. Same shape as logits."""
    logits, y = _check_logit_column(logits, y)
    return _binary_cross_entropy_gradient(logits.reshape(-1, 1), y).reshape(logits.shape)
