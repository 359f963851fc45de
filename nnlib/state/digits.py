"""The 8x8 picture a trained digits network reads (06_forward_pass, 08_training_digits): painted pixel by pixel
or loaded from the test digits, and what the network makes of it.
"""

import functools

import numpy as np

from .._validate import as_array
from ..datasets import digits_split
from ..network import MLP

SIDE = 8


@functools.lru_cache(maxsize=1)
def default_digits_model():
    """MLP([64, 32, 10]) trained on the digits' training split (30 epochs, well under a second), ~97% on test."""
    X_train, _, y_train, _ = digits_split()
    model = MLP([64, 32, 10], seed=0)
    model.fit(X_train, y_train, epochs=30, lr=0.2, batch_size=32, seed=0)
    return model


@functools.lru_cache(maxsize=1)
def digits_test_split():
    """The test split of the digits: X_test (n, 64) ink 0..1, y_test (n,)."""
    _, X_test, _, y_test = digits_split()
    return X_test, y_test


def real_digit(digit, index=0):
    """The index-th example of `digit` (0-9) among the test digits, as an (8, 8) array of ink from 0 to 1."""
    if isinstance(digit, bool) or not isinstance(digit, (int, np.integer)) or not 0 <= digit <= 9:
        raise ValueError(f"digit should be a whole number from 0 to 9, but got {digit!r}.")
    X_test, y_test = digits_test_split()
    rows = np.flatnonzero(y_test == digit)
    return X_test[rows[index % len(rows)]].reshape(SIDE, SIDE).copy()


def check_image(image):
    """An (8, 8) copy of image ((8, 8) or (64,) ink from 0 to 1), or a clear error."""
    image = as_array(image, "image")
    if image.size != SIDE * SIDE:
        raise ValueError(f"image should have 64 pixels (8x8), but it has shape {image.shape}. For a 28x28 "
                         "MNIST digit, shrink it to 8x8 first.")
    if image.min() < 0 or image.max() > 1:
        raise ValueError(f"pixels should run from 0 (paper) to 1 (ink), but they run from {image.min():g} "
                         f"to {image.max():g}. Divide by the largest value (16 for scikit-learn's digits).")
    return image.reshape(SIDE, SIDE).copy()


class DigitState:
    """An 8x8 picture (ink 0..1) and the network that reads it. paint(r, c, value), set_pixels(image) and
    load_real(digit) change the picture; forward() says what the network makes of it."""

    def __init__(self, model):
        self.model = model
        self.pixels = np.zeros((SIDE, SIDE))
        self.examples_shown = {}  # digit -> how many real examples of it were loaded

    def paint(self, r, c, value):
        self.pixels[r, c] = float(np.clip(value, 0.0, 1.0))

    def set_pixels(self, image):
        self.pixels = check_image(image)

    def load_real(self, digit):
        """The next real handwritten test example of digit (0-9): each call for the same digit shows another."""
        index = self.examples_shown.get(digit, 0)
        self.set_pixels(real_digit(digit, index))
        self.examples_shown[digit] = index + 1

    def forward(self):
        """The picture through the network: 'pixels' (8, 8), 'hidden' (each hidden layer's activations),
        'probs' (10,) and 'guess' (the most likely digit)."""
        with np.errstate(all="ignore"):
            outputs = self.model.layer_outputs(self.pixels.reshape(1, SIDE * SIDE))
        probs = outputs[-1][0]
        guess = int(np.nanargmax(probs)) if np.isfinite(probs).any() else 0
        return {"pixels": self.pixels.copy(), "hidden": [a[0] for a in outputs[:-1]], "probs": probs,
                "guess": guess}
