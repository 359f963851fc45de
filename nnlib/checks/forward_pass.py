"""Checks for the exercises of 06_forward_pass: the forward pass of a two-layer network, predicting the
shapes on the way through, and finding the example the network is least sure about.

    from nnlib.checks import forward_pass as check
    check.forward(forward)
"""

import numpy as np

from ..activations import _relu, _sigmoid, _softmax
from ._feedback import Hint, as_numbers, call, check, is_stub

# ---- the forward pass of a two-layer network ---------------------------------------------------------------

_RNG = np.random.default_rng(6)
_X = _RNG.random((5, 64))
_W1 = _RNG.normal(0, 0.3, (64, 32))
_b1 = _RNG.normal(0, 0.5, 32)
_W2 = _RNG.normal(0, 0.5, (32, 10))
_b2 = _RNG.normal(0, 0.5, 10)


def _wrong_versions(X, W1, b1, W2, b2):
    """What the usual slips compute, each with the hint that names it."""
    Z1 = X @ W1 + b1
    A1 = _relu(Z1)
    Z2 = A1 @ W2 + b2
    e = np.exp(Z2 - Z2.max(axis=0))
    return (
        (Z2, "These are the logits, the raw scores. Finish with softmax so each row becomes probabilities "
             "that sum to 1."),
        (_softmax((Z1) @ W2 + b2), "You skipped the ReLU between the layers. Without it the two layers "
                                  "collapse into one linear layer (03): apply nnlib.relu to X @ W1 + b1."),
        (_softmax(_relu(X @ W1) @ W2 + b2), "You forgot b1, the hidden neurons' biases."),
        (_softmax(A1 @ W2), "You forgot b2, the output neurons' biases."),
        (_softmax(_relu(X @ W1) @ W2), "You forgot both biases, b1 and b2."),
        (e / e.sum(axis=0), "Your softmax normalised each COLUMN. Rows are examples: each row (one image's ten "
                            "scores) should sum to 1, so use axis=1 (or nnlib.softmax)."),
        (_sigmoid(Z2), "That is a sigmoid at the output. Ten competing digits need softmax, so the ten "
                       "scores of each image share 1 between them."),
    )


@check("Two lines of numpy, and pixels became probabilities: that is the whole forward pass.")
def forward(forward_fn):
    """forward_fn(X, W1, b1, W2, b2) -> softmax(relu(X @ W1 + b1) @ W2 + b2), shape (batch, 10)."""
    expected = _softmax(_relu(_X @ _W1 + _b1) @ _W2 + _b2)
    got = as_numbers(call(forward_fn, _X.copy(), _W1.copy(), _b1.copy(), _W2.copy(), _b2.copy()),
                     "what forward returned")
    if got.shape == (5,):
        if np.array_equal(got, expected.argmax(axis=1)):
            raise Hint("You returned the predicted digits (the argmax). Return the probabilities, one row of "
                       "10 per image; the argmax comes after.")
        raise Hint("You returned one number per image. Return the probabilities: shape (batch, 10).")
    if got.shape == (10, 5):
        raise Hint("Your output has shape (10, 5): one column per image. Rows are examples, so it should be "
                   "(5, 10). Did you write W1 @ X, or transpose something?")
    if got.shape != expected.shape:
        raise Hint(f"For 5 images the output should have shape (5, 10), one row of ten digit scores per image, "
                   f"but yours has shape {got.shape}.")
    if not np.all(np.isfinite(got)):
        raise Hint("Your output contains NaN or infinity.")
    if not np.allclose(got, expected, atol=1e-6):
        for wrong, message in _wrong_versions(_X, _W1, _b1, _W2, _b2):
            if wrong.shape == got.shape and np.allclose(got, wrong, atol=1e-6):
                raise Hint(message)
        raise Hint("Not quite. The recipe: Z1 = X @ W1 + b1, A1 = relu(Z1), Z2 = A1 @ W2 + b2, then softmax "
                   "over each row of Z2.")
    # the same network with a confident output layer: logits in the hundreds
    big = as_numbers(call(forward_fn, _X.copy(), _W1.copy(), _b1.copy(), 400 * _W2, _b2.copy()),
                     "what forward returned")
    if not np.all(np.isfinite(big)):
        raise Hint("Right on ordinary numbers, but with large logits (hundreds) your softmax overflowed: exp(800) "
                   "is infinity. Subtract each row's largest logit before exp (it changes nothing else), or use "
                   "nnlib.softmax.")


# ---- predict the shapes --------------------------------------------------------------------------------------

_BATCH, _SIZES = 32, (784, 128, 10)
_EXPECTED_SHAPES = {
    "X": (_BATCH, 784), "W1": (784, 128), "b1": (128,), "Z1": (_BATCH, 128), "A1": (_BATCH, 128),
    "W2": (128, 10), "b2": (10,), "Z2": (_BATCH, 10), "P": (_BATCH, 10), "prediction": (_BATCH,),
}
_ROLE = {
    "X": "the batch of images, one flattened image per row",
    "W1": "the first layer's weights, one row per input pixel and one column per hidden neuron",
    "b1": "one bias per hidden neuron",
    "Z1": "each image's hidden scores, one row per image",
    "A1": "ReLU keeps the shape of Z1",
    "W2": "one row per hidden neuron, one column per output neuron",
    "b2": "one bias per output neuron",
    "Z2": "the logits: one row of ten scores per image",
    "P": "softmax keeps the shape of the logits",
    "prediction": "argmax over each row leaves one digit per image",
}


def _as_shape(value, key):
    if is_stub(value):
        raise Hint(f"shapes[{key!r}] is still `...`: write its shape as a tuple, like (32, 784).")
    if isinstance(value, (int, np.integer)):
        return (int(value),)
    try:
        shape = tuple(int(n) for n in value)
    except (TypeError, ValueError):
        raise Hint(f"shapes[{key!r}] should be a tuple of whole numbers, like (32, 784), "
                   f"but it is {value!r}.") from None
    return shape


@check("Every shape right: you can follow a batch through the network without running it.")
def shapes(answer):
    """answer: a dict name -> shape for a batch of 32 MNIST images through MLP([784, 128, 10])."""
    if is_stub(answer):
        raise Hint("`shapes` is still empty: fill in the dictionary above and run the cell.")
    if not isinstance(answer, dict):
        raise Hint(f"`shapes` should be a dictionary like {{'X': (32, 784), ...}}, but it is "
                   f"{type(answer).__name__}.")
    missing = [key for key in _EXPECTED_SHAPES if key not in answer]
    if missing:
        raise Hint(f"The dictionary is missing {', '.join(repr(k) for k in missing)}. Keep every key of the cell.")
    for key, expected in _EXPECTED_SHAPES.items():
        got = _as_shape(answer[key], key)
        if got == expected:
            continue
        if got == expected[::-1] and len(got) == 2:
            if key.startswith("W"):
                raise Hint(f"{key} is {expected}, not {got}: W is (inputs, neurons), one column per neuron, "
                           "so that rows of X can be multiplied by it.")
            raise Hint(f"{key} is {expected}, not {got}: rows are examples, so the batch size comes first.")
        if key.startswith("b") and got in ((1,) + expected, expected + (1,)):
            raise Hint(f"{key} is simply {expected}: a flat list of {expected[0]} biases, one per neuron, "
                       "that numpy adds to every row.")
        if key == "prediction" and len(got) == 2:
            raise Hint(f"prediction is {expected}: argmax(axis=1) picks one digit for each of the {_BATCH} "
                       "images, so the second axis disappears.")
        if len(got) != len(expected):
            raise Hint(f"{key} should have {len(expected)} {'axes' if len(expected) > 1 else 'axis'}: "
                       f"it is {_ROLE[key]}.")
        raise Hint(f"{key} is not {got}: it is {_ROLE[key]}.")


# ---- the example the network is least sure about -----------------------------------------------------------

_P = np.array([  # six images, the network's probabilities over four classes for each
    [0.98, 0.01, 0.006, 0.004],  # the most sure
    [0.40, 0.35, 0.20, 0.05],  # the least sure: its top probability is only 0.40
    [0.001, 0.90, 0.079, 0.02],  # holds the smallest single probability, yet the network is sure
    [0.10, 0.45, 0.44, 0.01],
    [0.25, 0.25, 0.49, 0.01],
    [0.02, 0.02, 0.02, 0.94],
])


@check("That is the one: the smallest top probability. Its row of probabilities is the most spread out.")
def least_sure(find):
    """find(P) should return the row index whose largest probability is smallest."""
    for P in (_P, _P[::-1], _P[[5, 0, 2, 4, 3, 1]]):
        expected = int(np.argmin(P.max(axis=1)))
        got = as_numbers(call(find, P.copy()), "what your function returned")
        if got.ndim != 0:
            raise Hint(f"Return a single index (which image), not an array of shape {got.shape}. "
                       "Did you stop at P.max(axis=1)? Then take np.argmin of it.")
        got = float(got)
        if got == expected:
            continue
        if got != int(got):
            raise Hint(f"You returned {got:.3g}, a probability. Return which row it is in: an index.")
        got = int(got)
        if got == int(np.argmax(P.max(axis=1))):
            raise Hint("That is the image the network is MOST sure about. You want the smallest top "
                       "probability: np.argmin instead of np.argmax.")
        if got == int(np.argmin(P)) or got == int(np.argmax(P)):
            raise Hint("That number is a position in the whole table flattened into one long list: np.argmin "
                       "without an axis does that. First take each row's top probability with P.max(axis=1).")
        if got == int(np.argmin(P.min(axis=1))):
            raise Hint("You found the row holding the smallest single probability. But a network can be sure "
                       "(0.90 on one digit) and still give another digit 0.001. Its confidence is its TOP "
                       "probability: look at P.max(axis=1).")
        if got >= len(P) or got < 0:
            raise Hint(f"There are only {len(P)} rows here, but you returned {got}. Return a row index.")
        raise Hint("Not that one. For each row take the largest probability (P.max(axis=1)); the least sure "
                   "row is where that is smallest.")
