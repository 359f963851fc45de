"""One neuron looking at the pixels of a handwritten digit (01_neuron, 08_training_digits): its weights, as a
picture the size of the image, set from a few knobs that each move a group of pixels' weights together.
"""

import numpy as np


def pixel_neuron_weights(knobs, values, base=None):
    """The weight picture the knobs make: base + sum of value * pattern over the knobs.

    knobs: dict name -> (h, w) pattern; values: dict name -> number; base: (h, w) weights or None (zeros).
    Returns an (h, w) float array. Introduced in 01_neuron.
    """
    shape = next(iter(knobs.values())).shape if knobs else np.shape(base)
    W = np.zeros(shape) if base is None else np.array(base, dtype=np.float64)
    for name, pattern in knobs.items():
        W = W + float(values[name]) * pattern
    return W


def class_means(images, labels, weights):
    """The average z = sum of pixel x weight over the images (n, h, w) of each class: (classes, means)."""
    scores = images.reshape(len(images), -1) @ np.asarray(weights, dtype=np.float64).ravel()
    classes = np.unique(labels)
    return classes, np.array([scores[labels == c].mean() for c in classes])


class PixelNeuronState:
    """The images (n, h, w) and labels a neuron looks at, its knobs (name -> (h, w) pattern) and their values, a
    base picture of weights, and the image shown (the example-th image of digit). set(digit=, example=, **knob
    values) changes them; weights(), index() and scores() answer what the picture and the readout need."""

    def __init__(self, images, labels, knobs, values, base=None, digit=5, example=0):
        self.images, self.labels = images, labels
        self.classes = np.unique(labels)
        self.knobs, self.values, self.base = knobs, dict(values), base
        self.digit, self.example = digit, int(example)
        self.start = pixel_neuron_weights(knobs, values, base) if knobs else None  # where the knobs began

    def set(self, digit=None, example=None, **values):
        unknown = set(values) - set(self.knobs)
        if unknown:
            raise ValueError(f"Unknown knob {sorted(unknown)[0]!r}: the knobs are {sorted(self.knobs)}.")
        self.values.update({name: float(v) for name, v in values.items()})
        self.digit = self.digit if digit is None else digit
        self.example = self.example if example is None else int(example)
        return self

    def count(self, digit=None):
        """How many images of digit (default: the one shown) there are."""
        return int(np.count_nonzero(self.labels == (self.digit if digit is None else digit)))

    def weights(self):
        return pixel_neuron_weights(self.knobs, self.values, self.base)

    def index(self):
        """The row of images shown: the example-th image of the digit."""
        return int(np.flatnonzero(self.labels == self.digit)[self.example])

    def class_means(self, weights=None):
        """The average z of each class (in the order of classes) for weights (default: the knobs' weights)."""
        return class_means(self.images, self.labels, self.weights() if weights is None else weights)[1]

    def numbers(self):
        """What the picture is drawn from: weights (h, w), index of the image shown, reference (the starting weights
        (h, w), or None)."""
        return {"weights": self.weights(), "index": self.index(), "reference": self.start}
