"""Checks for the exercises of 06_forward_pass: the forward pass of a two-layer network, predicting the
shapes on the way through, and finding the example the network is least sure about.

    from nnlib.checks import forward_pass as check
    check.forward(forward)
"""

import numpy as np

from ..activations import _relu, _sigmoid, _softmax
from ._answers import (as_numbers, close, close_each, name_the_case, name_the_mistake, name_the_shape, require_filled,
                       require_shape)
from ._feedback import AMBIGUOUS, RAGGED, SOFTMAX_KEYWORD, Hint, call_learner, check, crash_kind, is_stub

# ---- the forward pass of a two-layer network ---------------------------------------------------------------

_RNG = np.random.default_rng(6)
_X = _RNG.random((5, 64))
_W1 = _RNG.normal(0, 0.3, (64, 32))
_b1 = _RNG.normal(0, 0.5, 32)
_W2 = _RNG.normal(0, 0.5, (32, 10))
_b2 = _RNG.normal(0, 0.5, 10)


class _Traced(np.ndarray):
    """An array that notes which operation failed on it and with which shapes, so that a crash in the learner's
    forward pass can be told in the course's words (rows are examples: X @ W1) instead of numpy's."""

    failures = []  # (operation, [shapes]) for every numpy operation that raised, in order

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        plain = [np.asarray(x) if isinstance(x, _Traced) else x for x in inputs]
        if "out" in kwargs:
            kwargs["out"] = tuple(np.asarray(o) if isinstance(o, _Traced) else o for o in kwargs["out"])
        try:
            result = getattr(ufunc, method)(*plain, **kwargs)
        except ValueError:
            _Traced.failures.append((ufunc.__name__, [np.shape(x) for x in plain]))
            raise
        return _traced(result)

    def __array_function__(self, func, types, args, kwargs):
        try:
            result = super().__array_function__(func, types, args, kwargs)
        except ValueError:
            if func is np.dot:
                _Traced.failures.append(("matmul", [np.shape(a) for a in args[:2]]))
            raise
        return _traced(result)

    def dot(self, other):
        return np.dot(self, other)

    def __bool__(self):
        if self.size > 1:
            _Traced.failures.append(("truth", [self.shape]))
        return super().__bool__()

    def __index__(self):
        _Traced.failures.append(("index", [self.shape]))
        return super().__index__()


def _traced(result):
    if isinstance(result, tuple):
        return tuple(_traced(r) for r in result)
    if isinstance(result, np.ndarray) and not isinstance(result, _Traced) and result.ndim > 0:
        return result.view(_Traced)
    return result


# what each shape is in the check's network: 5 images of 64 pixels, 32 hidden neurons, 10 digits
_NAMES = {(5, 64): "X", (64, 32): "W1", (32,): "b1", (32, 10): "W2", (10,): "b2", (5, 32): "the hidden layer",
          (5, 10): "the logits", (64, 5): "X.T", (32, 64): "W1.T", (10, 32): "W2.T", (5,): "one number per image",
          (32, 5): "a hidden layer with one column per image", (10, 5): "logits with one column per image"}


# the matrix products a forward pass gets wrong, by the shapes on either side of its @
_MATMULS = {
    ((64, 32), (5, 64)): ("You wrote W1 @ X, but rows are examples: X is (5, 64), one image per row, so the hidden "
                          "layer is X @ W1, (5, 64) @ (64, 32) -> (5, 32). Then A1 @ W2 for the output layer."),
    ((32, 10), (5, 32)): "You wrote W2 @ A1, but rows are examples: the output layer is A1 @ W2, (5, 32) @ (32, 10) -> "
                         "(5, 10).",
    ((5, 64), (32, 10)): ("You multiplied the pixels X by W2. The output layer reads the hidden layer: first A1 = "
                          "relu(X @ W1 + b1), then A1 @ W2 + b2."),
    ((5, 32), (64, 32)): "The second layer uses W2, not W1: A1 @ W2 + b2.",
}


def _forward_crash(error, failures):
    """The hint for a crash in forward(X, W1, b1, W2, b2), from the first numpy operation that failed."""
    kind = crash_kind(error)
    if kind == SOFTMAX_KEYWORD:
        return "nnlib.softmax takes no axis: it always turns each row (one image's ten logits) into probabilities."
    if kind == RAGGED:  # nnlib.relu(pair) or np.array of a pair: nnlib's own message quotes numpy's
        return ("Your forward pass handed on a pair (or a list of arrays of different shapes) where one array was "
                "expected. If you used nnlib.dense_forward: it returns a pair (Z, cache), so write "
                "Z1, _ = nnlib.dense_forward(X, W1, b1).")
    if not failures:
        return None
    operation, shapes = failures[0]
    if operation == "truth":
        return ("Python's max(0, Z) (or an `if` on an array) asks one yes/no question of a whole array. ReLU works "
                "number by number: np.maximum(0, Z), or nnlib.relu(Z).")
    if operation == "index":
        return ("An array was used where numpy expected one whole number. np.max(0, Z) reads Z as the axis: "
                "ReLU is np.maximum(0, Z) (or nnlib.relu).")
    a, b = shapes[0], shapes[-1]
    name_a, name_b = _NAMES.get(a, f"an array of shape {a}"), _NAMES.get(b, f"an array of shape {b}")
    if operation == "matmul" and (a, b) in _MATMULS:
        return _MATMULS[a, b]
    if operation == "matmul":
        if b in ((32, 64), (10, 32)):
            return (f"No transposing needed: {name_b[:2]} is already (inputs, neurons), one column per neuron, so "
                    f"X @ W1 and A1 @ W2 work as they are.")
        return (f"{name_a} @ {name_b} cannot work: shapes {a} and {b}, and the inner sizes ({a[-1] if a else '?'} "
                f"and {b[0] if b else '?'}) must match. Rows are examples: X @ W1, then A1 @ W2.")
    pair = {a, b}
    if operation == "multiply" and (a, b) in (((5, 64), (64, 32)), ((5, 32), (32, 10))):
        return ("`*` multiplies number by number, so it needs arrays of the same shape. A layer is a matrix "
                "product: X @ W1 (each image's pixels weighted by every neuron's column), then A1 @ W2.")
    if pair == {(5, 32), (10,)}:
        return "You added b2 to the hidden layer. b1 (32 biases) belongs to the hidden layer, b2 (10) to the output."
    if pair == {(5, 10), (32,)}:
        return "You added b1 to the logits. b1 (32 biases) belongs to the hidden layer, b2 (10) to the output."
    if pair == {(5, 10), (5,)}:
        return ("Your row sums (or row maxima) have shape (5,), one number per image, and numpy cannot line them "
                "up with the (5, 10) logits. Keep the axis: .sum(axis=1, keepdims=True) gives shape (5, 1).")
    if (32, 5) in pair or (10, 5) in pair:
        return ("Part of your forward pass has one column per image (shape (32, 5) or (10, 5)). Rows are "
                "examples: X @ W1 + b1, then A1 @ W2 + b2, and no transposing.")
    return (f"numpy could not line up {name_a} (shape {a}) with {name_b} (shape {b}) in a {operation}. "
            "Print each array's .shape on the way and compare with the recipe: (5, 64) -> (5, 32) -> (5, 10).")


def _call_forward(forward, X, W1, b1, W2, b2):
    """Call the learner's forward pass on traced copies; a crash becomes the hint that names its cause."""
    _Traced.failures = []
    args = [np.array(a).view(_Traced) for a in (X, W1, b1, W2, b2)]
    result = call_learner(forward, *args, explain=lambda error: _forward_crash(error, list(_Traced.failures)))
    if isinstance(result, tuple) or (isinstance(result, list) and len(result) > 1
                                     and all(isinstance(part, np.ndarray) and part.ndim == 2 for part in result)):
        raise Hint(f"Your function returned {len(result)} things. Return only the probabilities P, "
                   "shape (batch, 10).")
    return as_numbers(result, "what forward returned")


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
        (np.eye(10)[Z2.argmax(axis=1)], "You returned a one-hot row per image, 1 for the predicted digit and 0 for "
                                        "the others (from the argmax, or from rounding the probabilities). Return "
                                        "softmax's probabilities as they are; the argmax comes after."),
        (_softmax(_relu(X @ W1 - b1) @ W2 + b2), "You subtracted b1. A layer adds its biases: X @ W1 + b1."),
        (_softmax(_softmax(Z2)), "You applied softmax twice. Once turns the logits into probabilities; a second "
                                 "time squeezes them towards equal shares. Apply it once, to A1 @ W2 + b2."),
        (_softmax(np.where(Z1 > 0, Z1, 0.01 * Z1) @ W2 + b2),
         "That hidden layer is a leaky ReLU (it lets 0.01 of a negative score through). This network's hidden "
         "layer is the plain ReLU, which outputs exactly 0 there: nnlib.relu(X @ W1 + b1)."),
        (_softmax(_relu(np.trunc(X) @ W1 + b1) @ W2 + b2),
         "Your output is what a batch of blank images gives: the pixels were lost on the way. Did you turn X into "
         "whole numbers (astype(int) or //)? Every pixel between 0 and 1 becomes 0. Or is X missing from "
         "Z1 = X @ W1 + b1?"),
        (_softmax(A1 @ W2 - b2), "You subtracted b2. A layer adds its biases: A1 @ W2 + b2."),
        (_sigmoid(Z2), "That is a sigmoid at the output. Ten competing digits need softmax, so the ten "
                       "scores of each image share 1 between them."),
        (_softmax(_relu(Z2)), "You applied ReLU to the logits too. The output layer's only activation is "
                              "softmax: softmax(A1 @ W2 + b2)."),
        (_softmax(_sigmoid(Z1) @ W2 + b2), "That hidden layer is a sigmoid. This network's hidden layer is "
                                           "ReLU: nnlib.relu(X @ W1 + b1)."),
        (_softmax(np.tanh(Z1) @ W2 + b2), "That hidden layer is a tanh. This network's hidden layer is ReLU: "
                                          "nnlib.relu(X @ W1 + b1)."),
        (_softmax(_softmax(Z1) @ W2 + b2), "You used softmax in the hidden layer too. Softmax belongs only at the "
                                           "output, where ten digits share 1; the hidden layer is ReLU: "
                                           "nnlib.relu(X @ W1 + b1)."),
        (_softmax((_relu(X @ W1) + b1) @ W2 + b2), "You added b1 after the ReLU. The bias belongs inside, "
                                                  "before the gate: relu(X @ W1 + b1)."),
        (e / e.sum(axis=1, keepdims=True), "Your softmax subtracted each COLUMN's largest logit (axis=0). "
                                           "Subtract each row's: Z2.max(axis=1, keepdims=True)."),
        (np.exp(Z2) / np.exp(Z2).sum(), "Your probabilities add up to 1 over the whole batch together. Each "
                                        "row (one image) should sum to 1: sum with axis=1, keepdims=True."),
    )


@check("Two lines of numpy, and pixels became probabilities: that is the whole forward pass.")
def forward(forward):
    """forward(X, W1, b1, W2, b2) -> softmax(relu(X @ W1 + b1) @ W2 + b2), shape (batch, 10)."""
    expected = _softmax(_relu(_X @ _W1 + _b1) @ _W2 + _b2)
    got = _call_forward(forward, _X, _W1, _b1, _W2, _b2)
    with np.errstate(all="ignore"):
        column_max = _softmax((_X @ _W1 + _b1).max(axis=0) @ _W2 + _b2)
    if got.shape == (10,) and close(got, column_max, rtol=1e-5, atol=1e-6):
        raise Hint("np.max(Z1, 0) is not ReLU: numpy reads the 0 as the axis and gives the largest score in each "
                   "column, one row for the whole batch. ReLU compares every number with 0: np.maximum(0, Z1), or "
                   "nnlib.relu(Z1).")
    if got.shape == (5,):
        if np.array_equal(got, expected.argmax(axis=1)):
            raise Hint("You returned the predicted digits (the argmax). Return the probabilities, one row of "
                       "10 per image; the argmax comes after.")
        raise Hint("You returned one number per image. Return the probabilities: shape (batch, 10).")
    if got.shape in ((1, 10), (10,)) and close(np.ravel(got), expected[0], atol=1e-6):
        raise Hint("You returned the probabilities of the first image only, shape (1, 10), for a batch of 5. "
                   "Is your `return` inside a loop over the images? No loop is needed: X @ W1 handles every row "
                   "at once.")
    name_the_shape(got, {
        (10, 5): "Your output has shape (10, 5): one column per image. Rows are examples, so it should be (5, 10). "
                 "Did you write W1 @ X, or transpose something?",
        (5, 32): "Your output has shape (5, 32): that is the hidden layer. The forward pass goes on: Z2 = A1 @ W2 + "
                 "b2, then softmax.",
    })
    require_shape(got, expected.shape, hint="For 5 images the output should have shape (5, 10), one row of ten digit "
                                            "scores per image, but yours has shape {shape}.")
    if not np.all(np.isfinite(got)):
        raise Hint("Your output contains NaN or infinity.")
    if not close(got, expected, atol=1e-6):
        with np.errstate(all="ignore"):
            wrong_versions = _wrong_versions(_X, _W1, _b1, _W2, _b2)
        name_the_mistake(got, wrong_versions, same=lambda a, b: close(a, b, rtol=1e-5, atol=1e-6))
        if close(got, np.rint(got)):
            raise Hint("Your output holds only whole numbers, so the probabilities were rounded away: did you turn "
                       "them into integers (astype(int), np.round, //)? Return softmax's fractions as they are.")
        if np.any(got < -1e-9):
            raise Hint("Some of your numbers are negative, so they cannot be probabilities (log-probabilities, "
                       "perhaps?). Finish with softmax: ten numbers between 0 and 1 per image.")
        if not close_each(got.sum(axis=1), np.ones(len(got)), atol=1e-6).all():
            raise Hint("Your rows do not add up to 1, so they are not the ten digits sharing one whole. Finish "
                       "with softmax over each row: nnlib.softmax(A1 @ W2 + b2).")
        if close_each(got, np.broadcast_to(got[:1], got.shape), atol=1e-9).all():
            raise Hint("Every image gets the same ten probabilities: your output does not depend on X. Start "
                       "from the pixels: Z1 = X @ W1 + b1.")
        # (the check's other arguments, what they change, the argument left unread, the globals read instead)
        unread = (((_X[::-1], _W1, _b1, _W2, _b2), "other images", "its argument X", "X_test, x"),
                  ((_X, -_W1, _b1, -_W2, _b2), "other weights", "its arguments W1 and W2", "model.weights"))
        for args, others, argument, instead in unread:
            if close(_call_forward(forward, *args), got, rtol=1e-5, atol=1e-6):
                raise Hint(f"Your output stays the same when the check passes {others}: your function does not read "
                           f"{argument}. Does it use the notebook's {instead} or another global? Work on the arguments "
                           "it is given: forward(X, W1, b1, W2, b2).")
        raise Hint("Not quite. The recipe: Z1 = X @ W1 + b1, A1 = relu(Z1), Z2 = A1 @ W2 + b2, then softmax "
                   "over each row of Z2.")
    # the same network with a confident output layer: logits in the hundreds
    big = _call_forward(forward, _X, _W1, _b1, 400 * _W2, _b2)
    if not np.all(np.isfinite(big)):
        raise Hint("Right on ordinary numbers, but with large logits (hundreds) your softmax gave NaN or infinity: "
                   "exp(800) is infinity, exp(-800) is 0, and inf/inf or 0/0 is NaN. Subtract each row's own "
                   "largest logit before exp (Z2 - Z2.max(axis=1, keepdims=True) changes nothing else), or use "
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
    "A1": "the same shape as Z1 (ReLU keeps the shape)",
    "W2": "one row per hidden neuron, one column per output neuron",
    "b2": "one bias per output neuron",
    "Z2": "the logits: one row of ten scores per image",
    "P": "the same shape as the logits (softmax keeps the shape)",
    "prediction": "one digit per image (argmax over each row)",
}


def _as_shape(value, key):
    if is_stub(value):
        raise Hint(f"shapes[{key!r}] is still `...`: write its shape as a tuple, like (32, 784).",
                   returned_nothing=True)
    if isinstance(value, (bool, np.bool_)):
        raise Hint(f"shapes[{key!r}] should be a tuple of whole numbers, like (32, 784), but it is {value!r}.")
    if isinstance(value, (int, np.integer)):
        raise Hint(f"shapes[{key!r}] is the number {value}, not a tuple. Brackets alone do not make a tuple: "
                   f"({value}) is just {value}. A shape with one axis needs a comma: ({value},).")
    if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list)):
        raise Hint(f"shapes[{key!r}] should be a tuple of whole numbers, like (32, 784), "
                   f"but it is {value!r}.")
    if not all(isinstance(n, (int, np.integer)) and not isinstance(n, (bool, np.bool_)) for n in value):
        raise Hint(f"shapes[{key!r}] should hold whole numbers (sizes are counts), but it is {value!r}.")
    if isinstance(value, list):
        raise Hint(f"shapes[{key!r}] is the list {value!r}. Shapes are tuples, as numpy's .shape gives them: "
                   f"write {tuple(value)!r}. (In Python, {tuple(value)!r} == {value!r} is False.)")
    return tuple(int(n) for n in value)


@check("Every shape right: you can follow a batch through the network without running it.", number=3)
def shapes(shapes):
    """shapes: a dict name -> shape for a batch of 32 MNIST images through MLP([784, 128, 10])."""
    answer = shapes
    require_filled(answer, "`shapes`", "fill in the dictionary above and run the cell")
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
        if key.startswith("b") and len(got) == 2 and got[0] == _BATCH:
            raise Hint(f"{key} is {expected}: one bias per neuron, shared by every image (numpy adds the same "
                       "biases to every row), so the batch size does not appear.")
        if key == "X" and got == (_BATCH, 28, 28):
            raise Hint("X is (32, 28, 28) before flattening. The first layer wants rows of pixels: after "
                       "X.reshape(len(X), -1) it is (32, 784).")
        if len(got) != len(expected):
            raise Hint(f"{key} should have {len(expected)} {'axes' if len(expected) > 1 else 'axis'}: "
                       f"it is {_ROLE[key]}.")
        hidden_axis = {"W1": 1, "b1": 0, "Z1": 1, "A1": 1, "W2": 0}.get(key)
        name_the_case((
            (64 in got and 784 in expected and 784 not in got,
             f"{key} is not {got}: this batch is MNIST, 28x28 = 784 pixels per image, not the 64 of the 8x8 digits."),
            (hidden_axis is not None and got[hidden_axis] == 32,
             f"{key} is not {got}: MLP([784, 128, 10]) has 128 hidden neurons (32 is the batch size, and the hidden "
             "layer of 06's small network)."),
            (got[0] != _BATCH and expected[0] == _BATCH and key not in ("W1", "W2"),
             f"{key} is not {got}: the batch holds {_BATCH} images, and every array that describes the images has one "
             f"row per image. {key} is {_ROLE[key]}."),
        ))
        raise Hint(f"{key} is not {got}: it is {_ROLE[key]}. The network is MLP([784, 128, 10]): 784 pixels "
                   f"in, 128 hidden neurons, 10 outputs, for a batch of {_BATCH} images.")


# ---- the example the network is least sure about -----------------------------------------------------------

_P = np.array([  # six images, the network's probabilities over four classes for each
    [0.98, 0.01, 0.006, 0.004],  # the most sure
    [0.40, 0.35, 0.20, 0.05],  # the least sure: its top probability is only 0.40
    [0.001, 0.90, 0.079, 0.02],  # holds the smallest single probability, yet the network is sure
    [0.10, 0.45, 0.44, 0.01],
    [0.25, 0.25, 0.49, 0.01],
    [0.02, 0.02, 0.02, 0.94],
    [0.41, 0.20, 0.20, 0.19],  # the most spread out (highest entropy), yet its top probability is above 0.40
])


def _margin(P):
    top_two = np.sort(P, axis=1)[:, -2:]
    return top_two[:, 1] - top_two[:, 0]


# the usual slips, each as the index it returns and the hint that names it (tried on every table below)
_LEAST_SURE_SLIPS = (
    (lambda P: np.argmax(P.max(axis=1)), "That is the image the network is MOST sure about. You want the "
                                         "smallest top probability: np.argmin instead of np.argmax."),
    (lambda P: np.argmin(P.max(axis=0)), "P.max(axis=0) takes each COLUMN's (each class's) top probability. "
                                         "Rows are images: P.max(axis=1) gives each image's top probability, "
                                         "and np.argmin of it the least sure one."),
    (lambda P: np.argmin(P), "That number is a position in the whole table flattened into one long list: "
                             "np.argmin without an axis does that. First take each row's top probability with "
                             "P.max(axis=1)."),
    (lambda P: np.argmax(P), "That number is a position in the whole table flattened into one long list: "
                             "np.argmax without an axis does that. Take each row's top probability with "
                             "P.max(axis=1), then np.argmin of those."),
    (lambda P: np.argmin(P.min(axis=1)), "You found the row holding the smallest single probability. But a "
                                         "network can be sure (0.90 on one digit) and still give another digit "
                                         "0.001. Its confidence is its TOP probability: look at P.max(axis=1)."),
    (lambda P: np.argmin(_margin(P)), "That is the image whose top two probabilities are closest. Here the least "
                                      "sure image is the one whose TOP probability is smallest: "
                                      "np.argmin(P.max(axis=1))."),
    (lambda P: np.argmax(-(P * np.log(P)).sum(axis=1)), "That is the image whose probabilities are the most "
                                                        "spread out (the highest entropy), a fine measure too, but "
                                                        "here the least sure image is the one whose TOP "
                                                        "probability is smallest: np.argmin(P.max(axis=1))."),
    (lambda P: np.argmin(P.max(axis=1)) + 1, "One too far: Python counts rows from 0. Return np.argmin(...) as "
                                             "it is, without + 1."),
    (lambda P: np.argmin(P.max(axis=1)) - 1, "One row too early: np.argmin already gives the row's position, "
                                             "counted from 0. Return it as it is, without - 1."),
    (lambda P: np.argmin(P.argmax(axis=1)), "P.argmax(axis=1) is each image's predicted class (which digit it "
                                            "picked), not how sure it is. Its confidence is its top probability, "
                                            "P.max(axis=1): return np.argmin of that."),
)


@check("That is the one: the image whose top probability is the smallest, the network's least confident answer.")
def least_sure(least_sure):
    """least_sure(P) should return the row index whose largest probability is smallest."""
    tables = (_P, _P[::-1], _P[[5, 0, 2, 6, 4, 3, 1]])
    answers = []
    python_max = {AMBIGUOUS: "Python's own max (or min, or an `if`) compared whole rows of P at once. Let numpy do "
                             "it row by row: P.max(axis=1) is each image's top probability, np.argmin of it the "
                             "least sure image."}
    for P in tables:
        result = call_learner(least_sure, P.copy(), explain=python_max)
        if isinstance(result, (str, bytes)):
            raise Hint(f"You returned the text {result!r}. Return the index itself, a number (no str(...)).")
        if isinstance(result, (tuple, list)) and len(result) == 2:
            raise Hint("You returned two things. Return only the index of the least sure image: one whole number.")
        got = as_numbers(result, "what your function returned")
        if got.shape == (len(P),) and np.array_equal(np.sort(got), np.arange(len(P))):
            raise Hint("You returned every image's position, sorted (a ranking, from np.argsort). Return just "
                       "one: the least sure image, np.argmin(P.max(axis=1)).")
        if got.shape == (P.shape[1],) and any(close(got, row) for row in P):
            raise Hint("You returned a whole row of probabilities. Return its position instead: the index i of "
                       "that row, from np.argmin(P.max(axis=1)).")
        if got.shape in ((1,), (1, 1)):
            raise Hint("You returned a list or an array holding one index. Return the index itself, a single "
                       "number: int(np.argmin(P.max(axis=1))).")
        if got.shape == (len(P),) and set(np.unique(got)) <= {0.0, 1.0} and got.sum() == 1:
            raise Hint("You returned a True/False mask with True at the least sure image. Return its position "
                       "instead, a single number: np.argmin(P.max(axis=1)).")
        if got.ndim != 0:
            raise Hint(f"Return a single index (which image), not an array of shape {got.shape}. "
                       "Did you stop at P.max(axis=1)? Then take np.argmin of it.")
        got = float(got)
        if abs(got - round(got)) > 1e-9:
            raise Hint(f"You returned {got:.3g}, a probability. Return which row it is in: an index.")
        if isinstance(result, (float, np.floating)):
            raise Hint(f"You returned {result!r}, a decimal number. A row's position is a whole number (P[1.0] "
                       "is an error): return int(np.argmin(P.max(axis=1))).")
        answers.append(int(round(got)))
    expected = [int(np.argmin(P.max(axis=1))) for P in tables]
    if answers == expected:
        return
    name_the_mistake(answers, [([int(slip(P)) for P in tables], message) for slip, message in _LEAST_SURE_SLIPS])
    if len(set(answers)) == 1 and not 0 <= answers[0] < min(len(P) for P in tables):
        raise Hint(f"You returned {answers[0]} for every table the check passed, but its tables have only "
                   f"{len(tables[0])} rows: your answer does not come from the argument P. A number typed in from the "
                   "notebook? The notebook's P_test, or another global? Work on P, the probabilities the function "
                   "is given.")
    if len(set(answers)) == 1:
        raise Hint(f"You returned {answers[0]} for each of three tables whose least sure image sits in a "
                   f"different row each time ({', '.join(map(str, expected))}), so your answer does not follow P. "
                   "A typed-in index? A `return` inside the loop, leaving at the first row? Row sums or means, "
                   "which are the same for every row? np.max(P) without an axis, one number for the whole table? "
                   "Use each row's top probability, P.max(axis=1).")
    wrong = next(k for k in range(len(tables)) if answers[k] != expected[k])
    if not 0 <= answers[wrong] < len(tables[wrong]):
        raise Hint(f"There are only {len(tables[wrong])} rows here, but you returned {answers[wrong]}. "
                   "Return a row index.")
    raise Hint("Not that one. For each row take the largest probability (P.max(axis=1)); the least sure "
               "row is where that is smallest.")
