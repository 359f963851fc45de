"""One neuron: z = w . x + b and a = f(z), for the party's three inputs (01_neuron) or for points on a plane
(02_bias, 03_linearity). The neuron playground draws a NeuronState; the checks and the tests ask it directly.
"""

import numpy as np

from ..layers import _dense_forward
from .activation import activation_curve

PARTY_INPUTS = ("distance (km)", "tiredness", "friends going")
PARTY_VALUES = (3.0, 6.0, 8.0)
PARTY_WEIGHTS = (-0.4, -0.3, 0.6)
# A point whose |z| is below this sits on the line: z = 0 up to rounding (sums of floats can come out as
# 5.6e-17 instead of 0, differently on different CPUs). It is on neither side, so it is not counted as right.
ON_THE_LINE = 1e-9


def neuron_output(X, w, b, activation="sigmoid"):
    """One neuron: z = X @ w + b and a = f(z).

    X: (n_inputs,) for one example or (batch, n_inputs); w: (n_inputs,); b: a number.
    Returns (z, a), numbers for one example or (batch,) arrays. Introduced in 01_neuron.
    A z within ON_THE_LINE of 0 is exactly 0 (a sum like -0.25 + 0.25 can come out as 1.1e-16, and differently
    on different CPUs), so the step, the readout and the counts agree everywhere.
    It is nnlib's dense layer (05_layers) with one neuron: W is w as a column, b a single bias.
    """
    f = activation_curve(activation).function
    X = np.asarray(X, dtype=np.float64)
    W = np.asarray(w, dtype=np.float64).reshape(-1, 1)
    z = _dense_forward(np.atleast_2d(X), W, np.array([float(b)]))[0][:, 0]
    z = np.where(np.abs(z) <= ON_THE_LINE, 0.0, z)
    if X.ndim == 1:
        return float(z[0]), float(f(z[0]))
    return z, f(z)


def sides(z, y):
    """How labelled points sit around the line z = 0: {'correct' (class 1 with z > 0, class 0 with z < 0),
    'on_line' (|z| <= ON_THE_LINE: neither side), 'n'}."""
    right = np.where(y == 1, z > ON_THE_LINE, z < -ON_THE_LINE)
    return {"correct": int(np.count_nonzero(right)), "on_line": int(np.count_nonzero(np.abs(z) <= ON_THE_LINE)),
            "n": len(y)}


class NeuronState:
    """A neuron's weights (n,), bias and activation, with either its inputs (n,) (the party) or data X (m, n)
    and labels y. set(w1=, w2=, ..., b=, x1=, ..., activation=) changes them (the playground's slider names)."""

    def __init__(self, weights, bias=0.0, inputs=None, activation="sigmoid", X=None, y=None):
        self.weights = np.array(weights, dtype=np.float64)
        self.bias = float(bias)
        self.inputs = None if inputs is None else np.array(inputs, dtype=np.float64)
        self.activation = activation_curve(activation).name  # a clear error for an unknown name
        self.X, self.y = X, y

    def set(self, activation=None, b=None, **named):
        for name, value in named.items():
            kind, number = name[:1], name[1:]
            target = {"w": self.weights, "x": self.inputs}.get(kind)
            if target is None or not number.isdigit() or not 1 <= int(number) <= len(target):
                raise ValueError(f"Unknown setting {name!r}: the neuron has w1 to w{len(self.weights)}, b"
                                 + (f", x1 to x{len(self.inputs)}" if self.inputs is not None else "")
                                 + " and activation.")
            target[int(number) - 1] = float(value)
        self.bias = self.bias if b is None else float(b)
        self.activation = self.activation if activation is None else activation_curve(activation).name
        return self

    def numbers(self):
        """What the picture is drawn from: weights (n,), bias, inputs (n,) or None, activation."""
        return {"weights": self.weights.copy(), "bias": self.bias,
                "inputs": None if self.inputs is None else self.inputs.copy(), "activation": self.activation}

    def output(self):
        """(z, a) for the inputs (two numbers), or for every data point ((m,) arrays)."""
        return neuron_output(self.inputs if self.X is None else self.X, self.weights, self.bias, self.activation)

    def score(self):
        """With labelled data: sides(z, y), how many points sit on their class's side of z = 0."""
        return sides(self.output()[0], self.y)
