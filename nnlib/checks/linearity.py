"""Exercise checks for 03_linearity: `from nnlib.checks import linearity as check`.

Each check prints a ✅ line when the answer is right, otherwise a hint for the likely mistake.
"""

import numpy as np

from ..separability import separating_line
from ._feedback import Hint, as_numbers, call, check, is_stub



# Two test inputs for is_linear. x1 has a negative entry where x2 is positive (so ReLU fails the adding test),
# and 0.1 * (x1 + x2) differs from 0.1 * x1 + 0.1 * x2 in the last digit (so `==` trips over rounding).
_X1 = np.array([1.5, -2.0, 0.7])
_X2 = np.array([0.3, 1.2, -0.4])


def _limiter(x):
    """Passes the signal through unchanged until any channel gets too loud, then cuts out completely."""
    x = np.asarray(x, dtype=float)
    return x if np.abs(x).max() <= 2.5 else np.zeros_like(x)


# name -> (function, is it linear?, a few words about it for the hints)
_IS_LINEAR_CASES = {
    "times3": (lambda x: 3 * x, True, "f(x) = 3x"),
    "weighted_sum": (lambda x: np.dot([0.5, -1.0, 2.0], x), True, "a weighted sum w · x"),
    "tenth": (lambda x: 0.1 * x, True, "f(x) = 0.1x"),
    "with_bias": (lambda x: np.dot([0.5, -1.0, 2.0], x) + 2.0, False, "a weighted sum plus a bias, w · x + 2"),
    "relu": (lambda x: np.maximum(x, 0.0), False, "ReLU, max(0, x)"),
    "length": (lambda x: np.sqrt(np.sum(np.square(x))), False, "the length of x"),
    "limiter": (_limiter, False, "a speaker that cuts out when too loud"),
    "square": (lambda x: np.square(x), False, "f(x) = x²"),
}


def _as_bool(answer, what):
    if isinstance(answer, (bool, np.bool_)):
        return bool(answer)
    if isinstance(answer, np.ndarray) and answer.size > 1:
        raise Hint(f"For {what} your function returned an array of {answer.size} True/False values, not one. "
                   "Compare whole arrays with np.allclose(a, b): it answers with a single True or False.")
    if is_stub(answer):
        raise Hint("Your function returns nothing yet. Replace the `return None` with your answer.")
    raise Hint(f"is_linear should return True or False, but for {what} it returned {answer!r}.")


def _answer(is_linear, f, x1, x2, words):
    with np.errstate(all="ignore"):
        try:
            answer = call(is_linear, f, x1.copy(), x2.copy())
        except Hint as h:
            if "truth value" in str(h) and "ambiguous" in str(h):
                raise Hint("`==` on arrays gives one True/False per entry, and Python's `and`/`if` cannot "
                           "turn that into one answer. Use np.allclose(a, b) instead.") from None
            raise
    return _as_bool(answer, words)


@check("Your test says yes exactly to the functions that are proportional AND additive. That is linearity.")
def is_linear(is_linear):
    """Check a learner's is_linear(f, x1, x2) -> True/False on linear and non-linear functions."""
    # whole numbers first: no rounding anywhere, so only a wrong test can say no here
    exact = _answer(is_linear, lambda x: 2 * x, np.array([1.0, 2.0, 3.0]), np.array([4.0, 5.0, 6.0]),
                     "f(x) = 2x on whole numbers")
    verdicts = {name: _answer(is_linear, f, _X1, _X2, words)
                for name, (f, _, words) in _IS_LINEAR_CASES.items()}
    linear = [name for name, (_, truth, _) in _IS_LINEAR_CASES.items() if truth]
    if all(verdicts.values()):
        raise Hint("Your test says 'linear' to everything, even to f(x) = x². Does it return the result of "
                   "the comparisons, or always True?")
    if not exact:
        raise Hint("Your test says f(x) = 2x is not linear, even on whole numbers. Check that each side of "
                   "each test computes what the definition says: f(2 * x1) against 2 * f(x1), and "
                   "f(x1 + x2) against f(x1) + f(x2).")
    if not all(verdicts[name] for name in linear):
        raise Hint("Your test says no to some linear functions, such as f(x) = 0.1x. Computers round: "
                   "0.1 * (x1 + x2) and 0.1 * x1 + 0.1 * x2 can differ in the 16th digit. "
                   "Compare with np.allclose(a, b), not ==.")
    if verdicts["limiter"] and not verdicts["length"]:
        raise Hint("Your test only checks adding. The speaker that cuts out when too loud adds up fine at "
                   "these inputs, but doubling x1 makes it cut out: f(2 * x1) is not 2 * f(x1). Check both.")
    if verdicts["length"] and verdicts["relu"] and not verdicts["limiter"]:
        raise Hint("Your test only checks doubling. ReLU and the length of x both pass it, but they fail "
                   "adding: f(x1 + x2) is not f(x1) + f(x2). A linear function must pass both tests.")
    if verdicts["with_bias"]:
        raise Hint("w · x + 2 is not linear: double the input and you get 2 w · x + 2, not 2 (w · x + 2). "
                   "Your test should catch that with the doubling comparison.")
    wrong = [_IS_LINEAR_CASES[n][2] for n in _IS_LINEAR_CASES if verdicts[n] != _IS_LINEAR_CASES[n][1]]
    if wrong:
        raise Hint(f"Your test gets these wrong: {', '.join(wrong)}. "
                   "Return True only when both the doubling test and the adding test pass.")


def _random_layers(seed=1):
    rng = np.random.default_rng(seed)
    return (rng.normal(size=(3, 4)), rng.normal(size=4), rng.normal(size=(4, 2)), rng.normal(size=2))


_SHAPE_HINT = ("W1 is (n_in, n_hidden) and W2 is (n_hidden, n_out); the collapsed W must be (n_in, n_out), "
               "which is W1 @ W2, and b1 travels through W2 before b2 is added: b = b1 @ W2 + b2.")


@check("Two layers, one layer: same outputs for every input. Depth alone added nothing.")
def collapse(collapse):
    """Check a learner's collapse(W1, b1, W2, b2) -> (W, b) with X @ W + b equal to the two layers."""
    W1, b1, W2, b2 = _random_layers()
    try:
        answer = call(collapse, W1, b1, W2, b2)
    except Hint as h:
        if "raised" in str(h):
            error = str(h).split("raised ", 1)[1].split(":", 1)[0]
            raise Hint(f"Your function raised an error ({error}), most likely because two shapes did not fit together "
                       "(W2 @ W1 is the textbook's column-vector order). " + _SHAPE_HINT) from None
        raise
    if not (isinstance(answer, (tuple, list)) and len(answer) == 2):
        raise Hint("collapse should return two things, the new weights and the new bias: `return W, b`.")
    if any(is_stub(part) for part in answer):
        raise Hint("collapse still returns `...`: fill in W and b (one line each).")
    W, b = (as_numbers(part, what) for part, what in zip(answer, ("the W you returned", "the b you returned")))
    if W.shape == (2, 3):
        raise Hint("Your W has shape (2, 3): that is the textbook's column-vector W2 W1 written sideways. "
                   "With rows as examples the first layer comes first: W = W1 @ W2, shape (3, 2).")
    if W.shape != (3, 2):
        raise Hint(f"Your W has shape {W.shape}, but one layer from 3 inputs to 2 outputs needs (3, 2). "
                   + _SHAPE_HINT)
    if not np.allclose(W, W1 @ W2):
        raise Hint("Your W has the right shape but the wrong numbers. An input goes through W1 first, then "
                   "W2, so the one-layer shortcut is W1 @ W2.")
    if b.shape != (2,):
        raise Hint(f"Your b has shape {b.shape}, but it needs one entry per output neuron: (2,). "
                   + _SHAPE_HINT)
    if np.allclose(b, b2):
        raise Hint("Your b is just b2: the first layer's bias got lost. b1 is added before W2 acts, so it "
                   "comes out the other side as b1 @ W2. Try b = b1 @ W2 + b2.")
    if np.allclose(b, b1 @ W2):
        raise Hint("Your b is b1 @ W2: the second layer's own bias b2 is missing. Add it: b1 @ W2 + b2.")
    X = np.random.default_rng(2).normal(size=(5, 3))
    if not np.allclose(X @ W + b, (X @ W1 + b1) @ W2 + b2):
        raise Hint("Your W is right but b is not. Write out (X @ W1 + b1) @ W2 + b2 and multiply the bracket "
                   "out: the part without X is the new bias.")


_W = np.array([1.5, -0.5])
_B = 1.0


@check("That is the line where the model says exactly 0.5: the sigmoid's boundary is a straight line.")
def boundary_x2(boundary_x2):
    """Check a learner's boundary_x2(x1, w, b): the x2 on the line w1 x1 + w2 x2 + b = 0."""
    x1 = np.array([-1.0, 0.0, 0.5, 2.0])
    got = as_numbers(call(boundary_x2, x1, _W.copy(), _B), "what your function returned")
    if got.shape not in ((4,), (4, 1)):
        raise Hint(f"Called with an array of 4 values of x1, your function returned shape {got.shape}. "
                   "Write it with numpy arithmetic so it works on a whole array of x1 at once.")
    got = got.reshape(4)
    w1, w2 = _W
    right = -(w1 * x1 + _B) / w2
    mistakes = [
        (-(w1 * x1) / w2, "You forgot the bias: the line is w1·x1 + w2·x2 + b = 0, so b moves to the other "
                          "side too: x2 = -(w1·x1 + b) / w2."),
        ((w1 * x1 + _B) / w2, "The sign is flipped. From w1·x1 + w2·x2 + b = 0 you get "
                              "w2·x2 = -(w1·x1 + b)."),
        (-(w1 * x1 + _B) / w1, "You divided by w1. It is x2 you are solving for, so divide by its weight, w2."),
        ((0.5 - w1 * x1 - _B) / w2, "You solved z = 0.5, but the model says 0.5 where sigmoid(z) = 0.5, and "
                                    "that happens at z = 0. Solve w1·x1 + w2·x2 + b = 0."),
        (-(w2 * x1 + _B) / w1, "You swapped the weights: w[0] multiplies x1 and w[1] multiplies x2."),
    ]
    if np.allclose(got, right):
        return
    for wrong, message in mistakes:
        if np.allclose(got, wrong):
            raise Hint(message)
    raise Hint("Not the boundary yet. The model says 0.5 where z = w1·x1 + w2·x2 + b = 0; "
               "solve that for x2 (w1 is w[0], w2 is w[1]).")



def _line_words(w, b):
    """'2.00·x1 - 1.00·x2 + 0.50 = 0' for w = (2, -1), b = 0.5."""
    w1, w2 = w
    return (f"{w1:.2f}·x1 {'-' if w2 < 0 else '+'} {abs(w2):.2f}·x2 "
            f"{'-' if b < 0 else '+'} {abs(b):.2f} = 0")


@check("No straight line can separate those points. One line is not enough, however you place it.")
def not_separable(X, y):
    """Check that a learner's points X (n, 2) with labels y (n,) of 0/1 cannot be split by one straight line."""
    for answer, name in ((X, "my_X"), (y, "my_y")):
        if is_stub(answer):
            raise Hint(f"{name} is still empty: fill in the exercise cell above and run it.")
    X = as_numbers(X, "the points")
    y = as_numbers(y, "the labels")
    if X.ndim != 2 or X.shape[1] != 2:
        raise Hint(f"my_X should be a list of points with two coordinates each, shape (n, 2), "
                   f"but it has shape {X.shape}. For example [[0, 0], [0, 1], ...].")
    if y.ndim != 1 or len(y) != len(X):
        raise Hint(f"my_y should hold one label per point: {len(X)} labels for {len(X)} points, "
                   f"but it has shape {y.shape}.")
    if not np.all(np.isfinite(X)):
        raise Hint("my_X contains NaN or infinity: every coordinate must be an ordinary number.")
    if not np.all(np.isin(y, [0, 1])):
        raise Hint(f"my_y should hold only the labels 0 and 1, but it holds {sorted(set(y.tolist()))}.")
    if len(set(y.tolist())) < 2:
        raise Hint("All your points have the same label. With only one class there is nothing to separate: "
                   "give some points label 0 and some label 1.")
    for i in range(len(X)):
        same_place = np.all(X == X[i], axis=1) & (y != y[i])
        if same_place.any():
            raise Hint(f"The point {X[i].tolist()} appears with both labels. Nothing at all could separate that, "
                       "line or curve; it is a contradiction, not a hard problem. Use distinct points.")
    line = separating_line(X, y)
    if line is not None:
        raise Hint(f"A straight line does separate these: {_line_words(*line)} has every "
                   "1 on one side and every 0 on the other. Think of XOR: label the corners of a square so "
                   "that opposite corners agree.")
