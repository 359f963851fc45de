"""Exercise checks for 01_neuron: `from nnlib.checks import neuron as check`.

Each check prints a ✅ line when the answer is right, otherwise a hint for the likely mistake.
"""

import numpy as np

from ..datasets import load_digits, load_party
from ._feedback import Hint, as_numbers, call, check

# The movie example from the notebook: ratings from the best friend, the crazy uncle and the rival.
_X_SMALL = [8, 10, 9]
_W_SMALL = [0.9, 0.05, -0.7]

# The two evenings of the party exercise: same tiredness (10), same friends (10), different distance.
NEAR_EVENING, FAR_EVENING = 140, 86


def _close(a, b):
    return np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-6, atol=1e-9)


def _numbers(values):
    return "[" + ", ".join(f"{v:g}" for v in values) + "]"



def _call(function, *args):
    """call() from _feedback, with hints for the errors these exercises tend to produce."""
    try:
        return call(function, *args)
    except Hint as h:
        message = str(h)
        if "can't multiply sequence" in message:
            raise Hint("Here x and w are plain Python lists, and `x * w` only works on NumPy arrays. "
                       "Multiply one pair at a time inside the loop: `for x_i, w_i in zip(x, w): ...`.") from None
        if "ellipsis" in message:
            raise Hint("There is still a `...` inside your function: replace it with your code.") from None
        if "mismatch in its core dimension" in message or "not aligned" in message:
            raise Hint("The shapes do not line up for a matrix product. X has one row per evening and one "
                       "column per input, and w has one weight per input, so write X @ w (X first).") from None
        raise


@check("Right: multiply each input by its weight, then add. That is the whole of a neuron's weighted sum.")
def weighted_sum(weighted_sum):
    """Check weighted_sum(x, w) -> one number, on Python lists of 3 and on NumPy arrays of 64."""
    cases = [(_X_SMALL, _W_SMALL)]
    rng = np.random.default_rng(1)
    cases.append((rng.uniform(0, 1, 64), rng.normal(0, 1, 64)))
    for i, (x, w) in enumerate(cases):
        x_arr, w_arr = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
        products = x_arr * w_arr
        expected = float(products.sum())
        answer = as_numbers(_call(weighted_sum, list(x) if i == 0 else x_arr.copy(),
                                  list(w) if i == 0 else w_arr.copy()), "the result")
        n = len(x_arr)
        if answer.size == n and _close(answer.ravel(), products):
            raise Hint(f"You returned the {n} products w_i * x_i, one per input. Almost there: "
                       "add them up into a single number.")
        if answer.size != 1:
            raise Hint(f"A weighted sum is one number, but your function returned {answer.size} numbers "
                       f"(for {n} inputs).")
        value = float(answer.reshape(()))
        if np.isclose(value, expected):
            continue
        where = f"For x = {list(x)} and w = {list(w)}," if i == 0 else f"For {n} inputs,"
        if np.isclose(value, x_arr.sum() * w_arr.sum()):
            raise Hint(f"You multiplied the total of the inputs by the total of the weights. Each input has "
                       f"its own weight: multiply in pairs first (w1*x1, w2*x2, ...), then add.")
        if np.isclose(value, x_arr.sum() + w_arr.sum()):
            raise Hint("You added up inputs and weights. Multiply each input by its weight first, then add "
                       "the products.")
        if np.isclose(value, x_arr.sum()):
            raise Hint("You added the inputs but never used the weights: each input must be multiplied by "
                       "its weight (its volume knob) before adding.")
        if np.isclose(value, w_arr.sum()):
            raise Hint("You added the weights but never used the inputs: multiply each weight by its input.")
        if np.isclose(value, products[:-1].sum()):
            raise Hint("Your loop stops one input too early: the last product is missing. "
                       "Loop over every pair, e.g. `for x_i, w_i in zip(x, w):`.")
        if np.isclose(value, products[1:].sum()):
            raise Hint("Your loop skips the first input. Python counts from 0: "
                       "`for x_i, w_i in zip(x, w):` visits every pair.")
        if np.isclose(value, products[-1]) or np.isclose(value, products[0]):
            raise Hint("Your result is a single product, not the sum of all of them. Start with total = 0 "
                       "and add each product to it: `total = total + w_i * x_i` (not `total = w_i * x_i`).")
        if i == 1 and np.isclose(value, products[:3].sum()):
            raise Hint(f"It works for three inputs but not for {n}. Did you write out three terms by hand? "
                       "A digit neuron has 64 inputs: loop over all of them.")
        if i == 1:
            raise Hint(f"It works for three inputs, but for {n} inputs the weighted sum is {expected:.4f} and "
                       f"your function returned {value:.4f}. Does your loop visit every pair?")
        raise Hint(f"{where} the weighted sum is {expected:.2f}, but your function returned {value:.2f}. "
                   "Work it out on paper: 0.9*8 + 0.05*10 + (-0.7)*9.")


@check("Right: X @ w dots every row with the weights, so you get one score per evening in one line.")
def weighted_sums(weighted_sums):
    """Check weighted_sums(X, w) -> one score per row of X (shape (n,))."""
    X = np.array([[3.0, 6.0, 7.0], [12.5, 2.0, 1.0], [1.0, 9.0, 9.0], [7.0, 0.0, 4.0]])
    w = np.array([-0.15, -0.8, 0.9])
    rng = np.random.default_rng(2)
    cases = [(X, w), (rng.uniform(0, 1, (6, 64)), rng.normal(0, 1, 64))]
    for X, w in cases:
        expected = X @ w
        answer = as_numbers(_call(weighted_sums, X.copy(), w.copy()), "the result")
        n, d = X.shape
        if _close(answer, expected):
            continue
        if answer.shape == X.shape and _close(answer, X * w):
            raise Hint(f"You returned a table of products ({n} rows x {d} columns), one per input and evening. "
                       "Now add along each row, `(X * w).sum(axis=1)`, or let the dot product do both: X @ w.")
        if answer.shape == (d,) and _close(answer, (X * w).sum(axis=0)):
            raise Hint(f"You added down the columns (axis=0), so you got one total per input ({d} numbers). "
                       f"We want one score per evening ({n} numbers): add along the rows, axis=1, or use X @ w.")
        if answer.size == 1 and np.isclose(float(answer.ravel()[0]), expected.sum()):
            raise Hint("You added everything into a single number. We want one score per evening: "
                       "X @ w gives a whole column of scores at once.")
        if answer.shape != expected.shape:
            raise Hint(f"For a table X with {n} rows (evenings) your function should return {n} scores, "
                       f"shape ({n},), but it returned shape {answer.shape}.")
        row = f"The first row, {_numbers(X[0])}, with weights {_numbers(w)}," if d <= 3 else "The first row"
        raise Hint(f"{row} scores {expected[0]:.2f}, but you returned {answer[0]:.2f}. "
                   "Each row should be dotted with w: X @ w.")


@check("Your neuron goes to the near party and stays home from the far one. Those are volume knobs at work.")
def party_weights(my_weights):
    """Check three party weights: go (z > 0) on the near evening, stay (z < 0) on the far one."""
    w = as_numbers(my_weights, "`my_weights`")
    if w.shape != (3,):
        raise Hint(f"my_weights should be three numbers, [w_distance, w_tiredness, w_friends], "
                   f"but it has shape {w.shape}.")
    party = load_party()
    near, far = party.X[NEAR_EVENING], party.X[FAR_EVENING]
    z_near, z_far = float(near @ w), float(far @ w)
    scores = f"(near party: z = {z_near:+.2f}, far party: z = {z_far:+.2f})"
    if w[0] == 0:
        raise Hint(f"Both evenings score the same {scores}. They differ only in distance, and your distance "
                   "knob is at zero, so the neuron cannot tell them apart. Give distance a weight.")
    if z_near > 0 and z_far < 0:
        return
    if z_near <= z_far:
        raise Hint(f"Your neuron prefers the far party {scores}: with a positive distance weight, every extra "
                   "kilometre pulls towards going. Make the distance weight negative.")
    if z_near > 0:
        raise Hint(f"Your neuron goes to both parties {scores}. The far one is only 14.6 km further away: "
                   "turn the distance knob further negative, or bring tiredness and friends closer to "
                   "cancelling each other out.")
    if z_near == 0 or z_far == 0:
        raise Hint(f"A score of exactly 0 is undecided {scores}: 'go' means z > 0 and 'stay' means z < 0.")
    raise Hint(f"Your neuron stays home both times {scores}. On both evenings you were exhausted (10) but "
               "all ten friends were going: let friends pull at least as hard as tiredness pushes.")


def _digit_means(weights):
    digits = load_digits()
    scores = digits.X @ weights
    return np.array([scores[digits.y == k].mean() for k in range(10)])


@check("Your neuron scores 1s higher than any other digit. It has no idea what a 1 is: "
       "it just likes ink in the middle.")
def one_detector(one_weights):
    """Check an 8x8 (or 64) weight image whose average score on the 1s beats every other digit's."""
    w = as_numbers(one_weights, "`one_weights`")
    if w.size != 64:
        raise Hint(f"one_weights should have one weight per pixel: an 8x8 grid (64 numbers), "
                   f"but it has shape {w.shape}.")
    w = w.reshape(64)
    if not np.any(w):
        raise Hint("Every weight is still zero, so the neuron scores every image 0: it is deaf. "
                   "Turn some knobs: positive where a 1 has ink, negative where a 1 leaves blank paper.")
    means = _digit_means(w)
    ranking = np.argsort(means)[::-1]
    favourite, runner_up = int(ranking[0]), int(ranking[1])
    table = ", ".join(f"{k}: {means[k]:.1f}" for k in range(10))
    if favourite != 1:
        raise Hint(f"Your neuron's favourite digit is {favourite}, not 1 (average scores {table}). "
                   "Which pixels does a 1 leave blank that a " f"{favourite} fills in? Make those negative.")
    if means[1] - means[runner_up] < 0.5:
        raise Hint(f"1s win, but only just: {means[1]:.2f} against {means[runner_up]:.2f} for the "
                   f"{runner_up}s. Widen the gap: more negative weight on the paper beside the stroke.")
