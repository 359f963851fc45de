"""Activation functions: the gatekeepers that bend space. Introduced in 04_activations.

Each takes the pre-activation `z` (any shape) and returns an array of the same shape. Each `*_derivative`
is the elementwise derivative with respect to `z`, which backprop multiplies into the incoming gradient.
The underscored versions skip input checks; the network calls them in its inner loop.
ACTIVATIONS, at the end, is the one table of what each hidden-layer activation is.
"""

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._validate import as_array, check_choice, check_positive_number

LEAKY_SLOPE = 0.01


def _relu(z):
    return np.maximum(z, 0.0)


def _relu_derivative(z):
    return (z > 0).astype(np.float64)


def _sigmoid(z):
    # 1 / (1 + e^-z) overflows for z = -1000; this identity gives the same value and never does.
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _sigmoid_derivative(z):
    s = _sigmoid(z)
    return s * (1.0 - s)


def _tanh(z):
    return np.tanh(z)


def _tanh_derivative(z):
    return 1.0 - np.tanh(z) ** 2


def _leaky_relu(z, slope=LEAKY_SLOPE):
    return np.where(z > 0, z, slope * z)


def _leaky_relu_derivative(z, slope=LEAKY_SLOPE):
    return np.where(z > 0, 1.0, slope)


def _identity(z):
    return z


def _identity_derivative(z):
    return np.ones_like(z)


def _softmax(z):
    # Subtracting the row's largest logit changes nothing mathematically and keeps exp() from overflowing.
    # (np.maximum.reduce and np.add.reduce are z.max and e.sum without a Python wrapper; training calls this a lot)
    e = np.exp(z - np.maximum.reduce(z, axis=-1, keepdims=True))
    e /= np.add.reduce(e, axis=-1, keepdims=True)
    return e


def _checked(unchecked, doc):
    """The public version of an unchecked function of z, named as it is without its underscore: z is checked first
    (a clear error for text, NaN, ragged lists)."""
    def function(z):
        return unchecked(as_array(z, "z"))

    function.__name__ = function.__qualname__ = unchecked.__name__.lstrip("_")
    function.__doc__ = doc
    return function


relu = _checked(_relu, "ReLU(z) = max(0, z): negative scores are shut off, positive ones pass unchanged. Any shape.")
relu_derivative = _checked(_relu_derivative, "dReLU/dz: 1 where z > 0, else 0. A neuron whose z is always negative "
                                             "gets no gradient: it is dead.")
sigmoid = _checked(_sigmoid, "sigmoid(z) = 1 / (1 + e^-z): squashes any score into 0..1. Finite even for z = +-1000. "
                             "Any shape.")
sigmoid_derivative = _checked(_sigmoid_derivative, "dsigmoid/dz = s(1 - s): at most 0.25 (at z = 0) and nearly 0 "
                                                   "where the curve goes flat.")
tanh = _checked(_tanh, "tanh(z): an S-curve like sigmoid, centred on 0, running from -1 to 1. Any shape.")
tanh_derivative = _checked(_tanh_derivative, "dtanh/dz = 1 - tanh(z)^2: at most 1 (at z = 0).")


def leaky_relu(z, slope=LEAKY_SLOPE):
    """Leaky ReLU: z where z > 0, else slope * z, so a neuron never goes completely silent."""
    return _leaky_relu(as_array(z, "z"), check_positive_number(slope, "slope"))


def leaky_relu_derivative(z, slope=LEAKY_SLOPE):
    """dLeakyReLU/dz: 1 where z > 0, else the slope."""
    return _leaky_relu_derivative(as_array(z, "z"), check_positive_number(slope, "slope"))


def softmax(z):
    """Turn logits into probabilities over the last axis: each row is positive and sums to 1.

    z: (n_classes,) or (batch, n_classes) logits -> probabilities of the same shape. Stable for logits of
    any size (+-1000 included). The outputs are relative confidences, not calibrated probabilities.
    """
    z = as_array(z, "z")
    if z.ndim == 0:
        raise ValueError("softmax needs at least one logit per example, but got a single number. "
                         "Pass a 1-D array of logits, e.g. [2.0, 1.0, 0.1].")
    return _softmax(z)


@dataclass(frozen=True)
class Activation:
    """Everything the course says about one activation, in one record. Introduced in 04_activations.

    function, derivative: a = f(z) and f'(z), any shape, unchecked. init: the starting weights that suit it,
    'he' (std sqrt(2 / n_in), for the ReLUs) or 'lecun' (std sqrt(1 / n_in), for the S-curves and the identity);
    MLP uses it unless told otherwise. output_range: (lowest, highest) of what it can output (an S-curve only
    approaches its ends). max_slope: its steepest slope; backprop multiplies the blame by the slope, so at most
    this share of it gets through. label: its name as the notebooks write it.
    """

    name: str
    function: Callable
    derivative: Callable
    init: str
    output_range: tuple
    max_slope: float
    label: str


# The hidden-layer activations the network offers. "linear" (a = z) is the identity: no bending at all.
ACTIVATIONS = {
    "relu": Activation("relu", _relu, _relu_derivative, "he", (0.0, np.inf), 1.0, "ReLU"),
    "sigmoid": Activation("sigmoid", _sigmoid, _sigmoid_derivative, "lecun", (0.0, 1.0), 0.25, "sigmoid"),
    "tanh": Activation("tanh", _tanh, _tanh_derivative, "lecun", (-1.0, 1.0), 1.0, "tanh"),
    "leaky_relu": Activation("leaky_relu", _leaky_relu, _leaky_relu_derivative, "he", (-np.inf, np.inf), 1.0,
                             "leaky ReLU"),
    "linear": Activation("linear", _identity, _identity_derivative, "lecun", (-np.inf, np.inf), 1.0, "linear"),
}


def activation_named(name):
    """The Activation record for a name in ACTIVATIONS, or a TypeError/ValueError listing the names."""
    if not isinstance(name, str):
        raise TypeError(f"activation should be a name such as 'relu', but got {name!r}.")
    return ACTIVATIONS[check_choice(name, "activation", tuple(ACTIVATIONS))]
