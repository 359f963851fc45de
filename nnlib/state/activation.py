"""The activation curves the widgets draw, where their slope vanishes, and the state of 04_activations' two
explorers: one activation under a weight and a bias, and softmax over a few logits.

CURVES is nnlib.ACTIVATIONS (the table the MLP reads) plus the step of 01_neuron, a curve to look at only.
"""

import numpy as np

from .._validate import check_choice, check_positive_number
from ..activations import ACTIVATIONS, Activation, softmax

FLAT = 0.05  # "nearly flat": the slope is below 5% of the function's steepest slope


def _step(z):
    return (z > 0).astype(np.float64)


def _zero(z):
    return np.zeros_like(z, dtype=np.float64)


# What the plots and widgets can draw: nnlib's activations (nnlib.ACTIVATIONS, the table the MLP reads) and one
# more, the step of 01_neuron (the perceptron's rule: 1 when z > 0, else 0). The step is a curve to look at only:
# no network in the course trains with it, because its slope is 0 wherever it has one, so backprop would pass no
# blame through it. It has no starting-weight rule (init None) and its slope never exceeds 0.
STEP = Activation("step", _step, _zero, None, (0.0, 1.0), 0.0, "step")
CURVES = {**ACTIVATIONS, "step": STEP}
ACTIVATION_NAMES = tuple(CURVES)


def activation_curve(name):
    """The Activation record (name, function, derivative, output_range, max_slope, label) for a name in
    nnlib.ACTIVATIONS ('relu', 'sigmoid', 'tanh', 'leaky_relu', 'linear') or 'step'; a ValueError lists them."""
    if not isinstance(name, str):
        raise TypeError(f"activation should be a name such as 'relu', but got {name!r}.")
    return CURVES[check_choice(name, "activation", ACTIVATION_NAMES)]


def formula(name, of="z"):
    """'a = ReLU(z)', or 'a = z' for the linear activation (which changes nothing); `of` replaces the z."""
    return f"a = {of}" if name == "linear" else f"a = {activation_curve(name).label}({of})"


def output_limits(name, z_low, z_high, margin=0.1):
    """Axis limits (low, high) that show a = f(z) whole for z from z_low to z_high: the output range where it is
    bounded (sigmoid, tanh, step), else what f reaches there (and 0), widened by margin x their span either side."""
    record = activation_curve(name)
    low, high = record.output_range
    if not (np.isfinite(low) and np.isfinite(high)):
        reached = record.function(np.linspace(z_low, z_high, 201))
        low, high = max(low, min(float(reached.min()), 0.0)), min(high, max(float(reached.max()), 0.0))
    pad = margin * max(high - low, 1e-9)
    return low - pad, high + pad


def colour_limits(name, values=None, reach=3.0, at_least=1.0):
    """A colour scale (low, high) for a neuron's output over the plane: the activation's output range where it is
    bounded (its middle sits on the colour map's white), else symmetric around 0: -reach..reach, or just wide
    enough (at least at_least) for the finite values given."""
    low, high = activation_curve(name).output_range
    if np.isfinite(low) and np.isfinite(high):
        return low, high
    if values is not None:
        finite = np.abs(np.asarray(values, dtype=np.float64))
        finite = finite[np.isfinite(finite)]
        reach = max(at_least, float(finite.max())) if finite.size else 1.0
    return -reach, reach


def activation_values(name, z):
    """a = f(z), its slope f'(z) and their gradient_zones, for an activation's name: (a, slope, zones)."""
    record = activation_curve(name)
    a, slope = record.function(z), record.derivative(z)
    return a, slope, gradient_zones(slope, record.max_slope)


def gradient_zones(slope, steepest):
    """Classify each slope f'(z): 'dead' where it is exactly 0, 'flat' where below 5% of the steepest, else 'live'.

    slope: (n,) derivatives -> (n,) array of those three words.
    """
    zones = np.full(slope.shape, "live", dtype=object)
    zones[np.abs(slope) < FLAT * steepest] = "flat"
    zones[slope == 0] = "dead"
    return zones


class ActivationState:
    """One activation under a weight and a bias: a = f(w*x + b) over x_range (401 points), its slope, and where
    the slope is exactly 0 ('dead') or below 5% of its peak ('flat'). set(activation=, w=, b=) changes it."""

    def __init__(self, activation="relu", w=1.0, b=0.0, x_range=(-5.0, 5.0)):
        self.x = np.linspace(float(x_range[0]), float(x_range[1]), 401)
        self.activation, self.w, self.b = activation, 0.0, 0.0
        self.set(activation=activation, w=w, b=b)

    def set(self, activation=None, w=None, b=None):
        self.activation = self.activation if activation is None else activation_curve(activation).name
        self.w, self.b = (self.w if w is None else float(w)), (self.b if b is None else float(b))
        return self

    def curve(self):
        """x, z, a, slope and zones over the x range, the shares of x that are dead or flat, and all_dead."""
        z = self.w * self.x + self.b
        a, slope, zones = activation_values(self.activation, z)
        return {"x": self.x, "z": z, "a": a, "slope": slope, "zones": zones,
                "dead": float(np.mean(zones == "dead")), "flat": float(np.mean(zones == "flat")),
                "all_dead": bool(np.all(zones == "dead")), "activation": self.activation, "w": self.w, "b": self.b}


class SoftmaxState:
    """A few logits (n,) with their class labels and a temperature T: probs() is softmax(logits / T).
    set(z1=, z2=, ..., T=) changes them (the explorer's slider names)."""

    def __init__(self, logits, labels, temperature=1.0):
        self.logits = np.array(logits, dtype=np.float64)
        self.labels = list(labels)
        self.temperature = check_positive_number(temperature, "temperature")

    def set(self, T=None, **logits):
        for name, value in logits.items():
            if not (name[:1] == "z" and name[1:].isdigit() and 1 <= int(name[1:]) <= len(self.logits)):
                raise ValueError(f"Unknown logit {name!r}: they are z1 to z{len(self.logits)}.")
            self.logits[int(name[1:]) - 1] = float(value)
        if T is not None:
            self.temperature = check_positive_number(T, "T (the temperature)")
        return self

    def probs(self):
        return softmax(self.logits / self.temperature)

    def verdict(self):
        """(top, tied): the index of the most likely class and the labels of every class that shares the top."""
        probs = self.probs()
        top = int(np.nanargmax(probs)) if np.isfinite(probs).any() else 0
        return top, [self.labels[k] for k in np.flatnonzero(probs >= probs[top] - 1e-9)]
