"""Exercise checks for 02_bias: `from nnlib.checks import bias as check`.

Each check prints a ✅ line when the answer is right, otherwise a hint for the likely mistake.
"""

import numpy as np

from ..datasets import toy_2d
from ._feedback import Hint, as_numbers, call, check

# The weights the separating-bias exercise fixes: the decision line is x1 + x2 + b = 0.
SEPARATING_W = np.array([1.0, 1.0])


def _close(a, b):
    return np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-6, atol=1e-9)



def _call(function, *args):
    try:
        return call(function, *args)
    except Hint as h:
        if "ellipsis" in str(h):
            raise Hint("There is still a `...` inside your function: replace it with your code.") from None
        raise


@check("Right: z = X @ w + b. The weights weigh the evidence, and the bias is added once, whatever the inputs.")
def neuron_z(neuron_z):
    """Check neuron_z(X, w, b) -> X @ w + b, one z per row of X."""
    X = np.array([[3.0, 6.0, 7.0], [12.5, 2.0, 1.0], [0.0, 0.0, 0.0], [7.0, 0.0, 4.0]])
    w = np.array([-0.15, -0.8, 0.9])
    rng = np.random.default_rng(3)
    cases = [(X, w, 1.5), (rng.normal(0, 1, (5, 2)), rng.normal(0, 1, 2), -2.5)]
    for X, w, b in cases:
        n, d = X.shape
        expected = X @ w + b
        answer = as_numbers(_call(neuron_z, X.copy(), w.copy(), b), "the result")
        if _close(answer, expected):
            continue
        if answer.shape in ((n, 1), (1, n)) and _close(answer.ravel(), expected):
            raise Hint(f"The numbers are right, but the shape is {answer.shape}; we want one z per row, "
                       f"shape ({n},). Use a 1-D w: X @ w + b.")
        if answer.shape != expected.shape:
            raise Hint(f"For {n} rows your function should return {n} values of z, shape ({n},), "
                       f"but it returned shape {answer.shape}. Hint: X @ w gives one weighted sum per row.")
        if _close(answer, X @ w):
            raise Hint("You forgot the bias: that is the weighted sum alone. Add b at the end: X @ w + b. "
                       "(The row of zeros gives it away: with inputs all 0, z should be b, not 0.)")
        if _close(answer, X @ w + d * b):
            raise Hint(f"You added b once per input ({d} times), e.g. with (X * w + b).sum(axis=1). The bias "
                       "is added once per neuron, after the weighted sum: X @ w + b.")
        if _close(answer, X @ w - b):
            raise Hint("You subtracted the bias. The convention is z = w . x + b; a negative b (a pessimist) "
                       "then pulls z down by itself.")
        if _close(answer, (X @ w) * b):
            raise Hint("You multiplied by the bias. The bias is added: z = X @ w + b.")
        row = ", ".join(f"{v:g}" for v in X[0])
        weights = ", ".join(f"{v:g}" for v in w)
        raise Hint(f"For the row [{row}] with w = [{weights}] and b = {b:g}, z should be {expected[0]:.2f}, "
                   f"but you returned {answer[0]:.2f}.")


@check("The line x1 + x2 + b = 0 now runs between the two groups: every point is on its own side.")
def separating_bias(my_b, X, y):
    """Check a bias that, with w = (1, 1), puts every point of (X, y) on the right side: z > 0 for y = 1."""
    b = as_numbers(my_b, "`my_b`")
    if b.size != 1:
        raise Hint(f"my_b should be one number (a neuron has one bias), but it has shape {b.shape}.")
    b = float(b.reshape(()))
    z = X @ SEPARATING_W + b
    wrong_0 = int(np.sum((z > 0) & (y == 0)))
    wrong_1 = int(np.sum((z <= 0) & (y == 1)))
    n0, n1 = int(np.sum(y == 0)), int(np.sum(y == 1))
    if wrong_0 == 0 and wrong_1 == 0:
        return
    if wrong_0 == n0 and wrong_1 == 0:
        raise Hint(f"With b = {b:g} every point scores z > 0: the line sits below both groups. "
                   "Slide it up and to the right by making b negative.")
    if wrong_1 == n1 and wrong_0 == 0:
        raise Hint(f"With b = {b:g} every point scores z < 0: the pessimist never fires. The line is beyond "
                   "both groups; make b less negative.")
    if wrong_0 and wrong_1:
        raise Hint(f"With b = {b:g}, {wrong_0} points of group 0 and {wrong_1} of group 1 are on the wrong "
                   "side. The line cuts through both groups: look at the plot and slide it into the gap.")
    if wrong_0:
        raise Hint(f"Close! With b = {b:g}, {wrong_0} of the {n0} points of group 0 still score z > 0. "
                   "Make b a little more negative.")
    raise Hint(f"Close! With b = {b:g}, {wrong_1} of the {n1} points of group 1 score z <= 0. "
               "Make b a little less negative.")


def best_accuracy_through_origin(X, y, n_angles=3600):
    """The best accuracy any line through the origin reaches on (X, y): the reference for the exercise."""
    angles = np.linspace(0, 2 * np.pi, n_angles, endpoint=False)
    W = np.stack([np.cos(angles), np.sin(angles)])  # (2, n_angles): one direction per column
    return float(((X @ W > 0) == y[:, None]).mean(axis=0).max())


@check("Right: no line through the origin does much better than a coin toss here. The neuron needs a bias.")
def best_accuracy_without_bias(best_accuracy_without_bias, X, y):
    """Check the learner's sweep over lines through the origin on (X, y), and on blobs around the origin."""
    centred = toy_2d("blobs", n_samples=60, noise=0.25, seed=1)
    for data, where in (((X, y), "these two groups"), (centred, "two groups on either side of the origin")):
        Xd, yd = data
        expected = best_accuracy_through_origin(Xd, yd)
        answer = as_numbers(_call(best_accuracy_without_bias, Xd.copy(), yd.copy()), "the result")
        if answer.size > 1:
            raise Hint(f"Your function returned {answer.size} numbers. Return just the best accuracy: "
                       "keep the largest one you saw (max).")
        value = float(answer.reshape(()))
        if abs(value - expected) <= 0.02:
            continue
        if 1 < value <= 100 and abs(value / 100 - expected) <= 0.02:
            raise Hint(f"That looks like a percentage ({value:g}). Return a fraction between 0 and 1, "
                       "e.g. np.mean(guesses == y).")
        if value > 1 and abs(value / len(yd) - expected) <= 0.02:
            raise Hint(f"That looks like a count of correct points ({value:g}). Divide by the number of "
                       "points, or use np.mean(guesses == y), to get a fraction.")
        if value > 1:
            raise Hint(f"An accuracy is a fraction between 0 and 1, but your function returned {value:g}. "
                       "Are you returning the angle instead of the accuracy?")
        if abs(value - (1 - expected)) <= 0.02:
            raise Hint("That is the worst line, not the best. Keep the largest accuracy: "
                       "best = max(best, accuracy).")
        if value > expected + 0.02:
            raise Hint(f"On {where} your function reaches {value:.2f}, but no line through the origin does "
                       f"better than {expected:.2f}. Did you compare the guesses with y (guesses == y)? "
                       "And did a bias sneak in? Here z = X @ w, nothing added.")
        raise Hint(f"On {where} the best line through the origin gets {expected:.2f} right, but your function "
                   f"says {value:.2f}. For each angle: w = (cos a, sin a), guesses = X @ w > 0, "
                   "accuracy = np.mean(guesses == y); keep the best.")
