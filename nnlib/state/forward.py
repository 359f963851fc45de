"""Data flowing forward through layers: how big the inputs of a sigmoid layer may be (05_layers), and one
image's whole trip from pixels to prediction (06_forward_pass).
"""

import numpy as np

from .._validate import check_choice
from ..activations import ACTIVATIONS
from ..layers import _dense_forward

SCALES = (1, 2, 4, 8, 16, 32, 64, 128, 255)
PINNED = 0.01       # an output below 0.01 or above 0.99 counts as pinned: the sigmoid's slope there is < 0.01
SIGMOID = ACTIVATIONS["sigmoid"]  # the input-scale explorer's hidden layer


def scaled_layer(W, b, pixels, scale):
    """One image (ink 0..1) multiplied by scale into a sigmoid layer W, b: 'z', 'a' (n_neurons,), 'pinned' (a
    True/False per neuron: output within PINNED of 0 or 1) and 'n_pinned'."""
    x = np.asarray(pixels, dtype=np.float64).reshape(1, -1) * scale
    z = _dense_forward(x, W, b)[0][0]
    a = SIGMOID.function(z)
    pinned = (a < PINNED) | (a > 1 - PINNED)
    return {"z": z, "a": a, "pinned": pinned, "n_pinned": int(np.count_nonzero(pinned)), "scale": scale}


class InputScaleState:
    """A sigmoid layer (W, b), normalised images (n, pixels) and which one is shown (index) at which scale.
    set(scale=, digit=) changes them ('digit' is the index of the image shown, as the explorer's menu gives it)."""

    def __init__(self, W, b, images, index=0, scale=1):
        self.W, self.b, self.images = W, b, images
        self.index, self.scale = int(index), scale

    def set(self, scale=None, digit=None):
        if scale is not None and scale not in SCALES:
            raise ValueError(f"scale should be one of {SCALES}, but got {scale!r}.")
        self.scale = self.scale if scale is None else scale
        self.index = self.index if digit is None else int(digit)
        return self

    def layer(self):
        return scaled_layer(self.W, self.b, self.images[self.index], self.scale)


class ForwardPassState:
    """Named networks (name -> MLP, same layer sizes), images X (n, pixels) with labels y, and which network
    reads which image. set(network=, index=) changes them; forward() is that image's forward pass; scales(name)
    the colour and axis scales its picture keeps (from every image: they change only with the network)."""

    def __init__(self, networks, X, y, index=0):
        self.networks, self.X, self.y = networks, X, y
        self.network, self.index = next(iter(networks)), int(index)
        self._scales = {}

    def set(self, network=None, index=None):
        self.network = self.network if network is None else check_choice(network, "network", tuple(self.networks))
        self.index = self.index if index is None else int(index)
        return self

    def forward(self):
        """'hidden' (each hidden layer's activations), 'logits', 'probs', 'guess', 'label', 'network', 'index'."""
        model, x = self.networks[self.network], self.X[self.index].reshape(1, -1)
        outputs = model.layer_outputs(x)
        probs = outputs[-1][0]
        return {"hidden": [a[0] for a in outputs[:-1]], "logits": model.logits(x)[0], "probs": probs,
                "guess": int(np.nanargmax(probs)) if np.isfinite(probs).any() else 0, "label": int(self.y[self.index]),
                "network": self.network, "index": self.index}

    def scales(self, name=None):
        """(the 99th percentile of each hidden layer over every image, the 99.5th of |logits|) for a network."""
        name = self.network if name is None else name
        if name not in self._scales:
            model = self.networks[name]
            with np.errstate(all="ignore"):
                hidden = model.layer_outputs(self.X)[:-1]
                logits = model.logits(self.X)
            self._scales[name] = ([float(np.percentile(h, 99)) for h in hidden],
                                  float(np.percentile(np.abs(logits), 99.5)))
        return self._scales[name]
