"""Exercise checks for 02_bias: `from nnlib.checks import bias as check`.

Each check prints a ✅ line when the answer is right, otherwise a hint for the likely mistake.
"""

import numpy as np

from ..datasets import toy_2d
from . import _source
from ._answers import as_numbers, close, close_each, name_the_case, name_the_mistake, rounded
from ._feedback import Hint, check
from ._source import blame_notebook_data, kept_but_not_returned, name_the_slip, returns_inside_loop
from .neuron import ON_THE_LINE, call_neuron, typed_numbers

# The weights the separating-bias exercise fixes: the decision line is x1 + x2 + b = 0.
SEPARATING_W = np.array([1.0, 1.0])


@check("Right: z = X @ w + b. The weights weigh the evidence, and the bias is added once, whatever the inputs.")
def neuron_z(neuron_z):
    """Check neuron_z(X, w, b) -> X @ w + b, one z per row of X."""
    X = np.array([[3.0, 6.0, 7.0], [12.5, 2.0, 1.0], [0.0, 0.0, 0.0], [7.0, 0.0, 4.0]])
    w = np.array([-0.35, -0.6, 0.8])  # not the notebook's w_party, so a function that reads w_party shows it
    rng = np.random.default_rng(3)
    cases = [(X, w, 1.5), (rng.normal(0, 1, (5, 2)), rng.normal(0, 1, 2), -2.5)]
    for X, w, b in cases:
        n, d = X.shape
        expected = X @ w + b
        raw = call_neuron(neuron_z, X.copy(), w.copy(), b, arguments="X, w, b")
        answer = as_numbers(raw, "the result")
        if close(answer, expected):
            continue
        blame_notebook_data(neuron_z, "X, w, b")
        decisions = (expected > 0).astype(float)
        if np.asarray(raw).dtype == bool:
            raise Hint("You returned decisions (True/False or 1/0, like z > 0 or a step). The exercise wants z "
                       "itself: X @ w + b.")
        if answer.shape in ((n, 1), (1, n)) and close(answer.ravel(), expected):
            raise Hint(f"The numbers are right, but the shape is {answer.shape}; we want one z per row, "
                       f"shape ({n},). Use a 1-D w: X @ w + b.")
        name_the_mistake(answer, [
            (decisions, "You returned decisions (True/False or 1/0, like z > 0 or a step). The exercise wants z "
                        "itself: X @ w + b."),
            (np.sign(expected), "You returned only the sign of each z (+1 or -1, as np.sign gives): a decision. The "
                                "exercise wants z itself: X @ w + b."),
            (X * w + b, f"You returned a table ({n} rows x {d} columns): each product plus b. Add along each "
                        "row first, then add b once: X @ w + b."),
        ])
        if answer.size == 1:
            name_the_mistake(answer.reshape(()), [
                (expected.sum() - (n - 1) * b, f"You added everything into a single number. We want one z per row "
                                               f"({n} of them): X @ w + b."),
                (expected.sum(), f"You added everything into a single number (np.sum of all the z's). We want one z "
                                 f"per row ({n} of them): X @ w + b, with no sum around it."),
                (expected[0], f"You returned one z, the first row's. We want all {n}: if your loop has `return` "
                              "inside it, it stops at the first row. X @ w + b does every row at once."),
                (expected[-1], f"You returned one z, the last row's: each pass through your loop replaces the one "
                               f"before. We want all {n}: X @ w + b does every row at once."),
            ])
        name_the_mistake(answer, [
            ((X * w).sum(axis=0) + b, f"You added down the columns (axis=0), so you got one value per input ({d}). "
                                      f"We want one z per row ({n} of them): X @ w + b."),
        ])
        if answer.shape != expected.shape:
            raise Hint(f"For {n} rows your function should return {n} values of z, shape ({n},), "
                       f"but it returned shape {answer.shape}. Hint: X @ w gives one weighted sum per row.")
        name_the_mistake(answer, [
            (X @ w, "You forgot the bias: that is the weighted sum alone. Add b at the end: X @ w + b. (The row of "
                    "zeros gives it away: with inputs all 0, z should be b, not 0.)"),
            (X @ w + d * b, f"You added b once per input ({d} times), e.g. with (X * w + b).sum(axis=1). The bias "
                            "is added once per neuron, after the weighted sum: X @ w + b."),
            (X @ (w + b), "You added b to every weight, so it gets multiplied by the inputs (the row of zeros "
                          "scores 0 instead of b). Add it after the dot product: X @ w + b."),
            (X @ w - b, "You subtracted the bias. The convention is z = w . x + b; a negative b (a pessimist) then "
                        "pulls z down by itself."),
            ((X @ w) * b, "You multiplied by the bias. The bias is added: z = X @ w + b."),
            ((X + b) @ w, "You added b to every input before weighing them, so it gets multiplied by the weights. "
                          "Add it once, after the weighted sum: X @ w + b."),
            ((X * w).mean(axis=1) + b, f"You took the average product of each row (mean), which divides by the "
                                       f"number of inputs ({d}). z adds the products: X @ w + b."),
            (np.maximum(0, expected), "You kept only the positive z's (a ReLU, or max(0, ...)); the negative ones "
                                      "are part of the answer too. Return X @ w + b as it is."),
            (1 / (1 + np.exp(-expected)), "You squashed z with a sigmoid. The exercise wants z itself: X @ w + b "
                                          "(the activation comes later, in notebook 04)."),
            (np.tanh(expected), "You squashed z with tanh. The exercise wants z itself: X @ w + b (the activation "
                                "comes later, in notebook 04)."),
        ] + [(X @ w + fixed, f"Your function adds {fixed:g} whatever b it is given (here b = {b:g}). Use the "
                             "argument: X @ w + b.") for fixed in (1.0, 0.0, -1.0) if fixed != b]
          + rounded(expected, "Your z's", "X @ w + b", cut=True))
        i = int(np.argmax(~close_each(answer, expected)))  # the first row that is wrong
        row = ", ".join(f"{v:g}" for v in X[i])
        weights = ", ".join(f"{v:g}" for v in w)
        raise Hint(f"For the row [{row}] with w = [{weights}] and b = {b:g}, z should be {expected[i]:.4g}, "
                   f"but you returned {answer[i]:.4g}.")


def _side_hint(b, wrong, n, group, direction):
    """How far off a bias is, in words that scale with the number of points on the wrong side."""
    where = f"group {group}"
    verb = "scores" if wrong == 1 else "score"
    side = f"still {verb} z > 0" if group == 0 else f"{verb} z < 0"
    if wrong <= max(1, n // 10):
        nearest = "the one" if wrong == 1 else "the ones"
        return (f"Nearly: with b = {b:g}, {wrong} of the {n} points of {where} {side}: {nearest} nearest the "
                f"other group. Make b a little {direction}.")
    if wrong <= n // 4:
        return (f"Getting there: with b = {b:g}, {wrong} of the {n} points of {where} {side}: the line "
                f"x1 + x2 = {-b:g} cuts off the edge of {where}. Make b somewhat {direction}.")
    return (f"Not yet: with b = {b:g}, {wrong} of the {n} points of {where} are on the wrong side, so the line "
            f"x1 + x2 = {-b:g} runs right through {where}. Make b clearly {direction}: "
            f"(X @ [1, 1])[y == {group}] shows how far out {where} reaches.")


@check("The line x1 + x2 + b = 0 now runs between the two groups: every point is on its own side.", number=3)
def separating_bias(my_b, X, y):
    """Check a bias that, with w = (1, 1), puts every point of (X, y) on the right side: z > 0 for y = 1,
    z < 0 for y = 0 (a z within ON_THE_LINE of 0 is on the line: neither side)."""
    b = typed_numbers(my_b, "`my_b`")
    if b.size != 1:
        raise Hint(f"my_b should be one number (a neuron has one bias), but it has shape {b.shape}.")
    b = float(b.reshape(()))
    s = X @ SEPARATING_W
    z = s + b
    on_line = np.abs(z) <= ON_THE_LINE
    wrong_0 = int(np.sum((z > ON_THE_LINE) & (y == 0)))
    wrong_1 = int(np.sum((z < -ON_THE_LINE) & (y == 1)))
    n0, n1 = int(np.sum(y == 0)), int(np.sum(y == 1))
    if wrong_0 == 0 and wrong_1 == 0 and not on_line.any():
        return
    if on_line.any():
        raise Hint(f"With b = {b:g} the line passes exactly through {int(on_line.sum())} point(s) (z = 0, neither "
                   "side): you put it on the outermost point of a group. Go a little past it: halfway across "
                   "the gap is safest.")
    low, high = -s[y == 1].min(), -s[y == 0].max()  # the biases that work lie between these two
    if wrong_0 == n0 and wrong_1 == 0:
        if low < -b < high:
            raise Hint(f"With b = {b:g} every point scores z > 0. The sign is flipped: the line is "
                       f"x1 + x2 = -b, so b = {b:g} puts it at x1 + x2 = {-b:g}, below both groups. Try b = {-b:g}.")
        raise Hint(f"With b = {b:g} every point scores z > 0: the line sits below both groups. "
                   "Slide it up and to the right by making b negative" + (" (a positive b only lifts z)."
                                                                          if b > 0 else "."))
    if wrong_1 == n1 and wrong_0 == 0:
        raise Hint(f"With b = {b:g} every point scores z < 0: the pessimist never fires. The line is beyond "
                   "both groups; make b less negative.")
    if wrong_0 and wrong_1:
        raise Hint(f"With b = {b:g}, {wrong_0} points of group 0 and {wrong_1} of group 1 are on the wrong "
                   "side. The line cuts through both groups: look at the plot and slide it into the gap.")
    if wrong_0:
        raise Hint(_side_hint(b, wrong_0, n0, 0, "more negative"))
    raise Hint(_side_hint(b, wrong_1, n1, 1, "less negative"))


def best_accuracy_through_origin(X, y, n_angles=3600):
    """The best accuracy any line through the origin reaches on (X, y): the reference for the exercise."""
    angles = np.linspace(0, 2 * np.pi, n_angles, endpoint=False)
    W = np.stack([np.cos(angles), np.sin(angles)])  # (2, n_angles): one direction per column
    return float(((X @ W > 0) == y[:, None]).mean(axis=0).max())


def _accuracy_at(X, y, angle):
    return float(np.mean((X @ np.array([np.cos(angle), np.sin(angle)]) > 0) == y))


def _value_or_none(function, X, y):
    """The learner's function's answer on (X, y) as one number, or None when that goes wrong in any way."""
    try:
        return float(as_numbers(call_neuron(function, X.copy(), y.copy(), arguments="X, y")).reshape(()))
    except (Hint, TypeError, ValueError):
        return None


def _keeps_a_best(function):
    """True unless the learner's source is readable and has neither max nor an if: then it keeps no best."""
    text = _source.source(function)
    return text is None or "max" in text or "if " in text or "sorted" in text


def _compact_source(function):
    """The learner's source without spaces ("" when it cannot be read), to look for `!=y` or `range(360`."""
    return (_source.source(function) or "").replace(" ", "")


def _degrees_as_radians(function):
    """True if the learner's angles look like 0..359 fed to cos/sin with no pi, radians or deg2rad in sight."""
    text = _compact_source(function)
    degrees = any(f"{r}(360" in text or f"{r}(0,360" in text for r in ("range", "arange", "linspace"))
    return degrees and "cos" in text and not any(k in text for k in ("pi", "radians", "deg2rad", "tau"))


def _counts_mistakes(function):
    """True if the learner's source compares guesses with y using != (the error rate, not the accuracy)."""
    text = _compact_source(function)
    return "!=y" in text or "y!=" in text


@check("Right: no line through the origin does much better than a coin toss here. The neuron needs a bias.")
def best_accuracy_without_bias(best_accuracy_without_bias, X, y):
    """Check the learner's sweep over lines through the origin on (X, y), and on blobs around the origin."""
    centred = toy_2d("blobs", n_samples=60, noise=0.25, seed=1)
    if _degrees_as_radians(best_accuracy_without_bias):
        raise Hint("Your angles are the whole numbers 0, 1, ..., 359, but np.cos and np.sin read them as radians, "
                   "so they wrap round the circle about 57 times in no order. Use radians from 0 to 2π: "
                   "np.linspace(0, 2 * np.pi, 360, endpoint=False), or convert with np.deg2rad.")
    if _counts_mistakes(best_accuracy_without_bias):
        raise Hint("Your function compares with != y, so it measures how often the guesses are wrong, not right. "
                   "Accuracy is np.mean(guesses == y).")
    values = []
    for data, where in (((X, y), "these two groups"), (centred, "two groups on either side of the origin"),
                        ((-X, y), "the two groups turned half a circle round the origin")):
        Xd, yd = data
        expected = best_accuracy_through_origin(Xd, yd)
        raw = call_neuron(best_accuracy_without_bias, Xd.copy(), yd.copy(), arguments="X, y")
        answer = as_numbers(raw, "the result")
        if answer.size > 1:
            raise Hint(f"Your function returned {answer.size} numbers. Return just the best accuracy: "
                       "keep the largest one you saw (max).")
        value = float(answer.reshape(()))
        values.append(value)
        if abs(value - expected) <= 0.02:
            continue
        blame_notebook_data(best_accuracy_without_bias, "X, y")
        fixed = len(values) >= 2 and abs(values[0] - values[-1]) < 1e-12 and abs(
            expected - best_accuracy_through_origin(X, y)) > 0.02
        name_the_case((
            (fixed, f"Your function gives {value:g} whatever the points. Compute the accuracy from the X and y it is "
                    "given, so it works for any data."),
            (1 < value <= 100 and abs(value / 100 - expected) <= 0.02,
             f"That looks like a percentage ({value:g}). Return a fraction between 0 and 1, e.g. np.mean(guesses == "
             "y)."),
            (value > 1 and abs(value / len(yd) - expected) <= 0.02,
             f"That looks like a count of correct points ({value:g}). Divide by the number of points, or use "
             "np.mean(guesses == y), to get a fraction."),
            (value > 1, f"An accuracy is a fraction between 0 and 1, but your function returned {value:g}. Are you "
                        "returning the angle instead of the accuracy?"),
            (abs(value * 360 / len(yd) - expected) <= 0.02,
             "You divided the number of correct points by 360, the number of angles. An accuracy divides by the "
             "number of points: np.mean(guesses == y)."),
            (abs(value - (1 - expected)) <= 0.02, "That is the worst line, not the best. Keep the largest accuracy: "
                                                  "best = max(best, accuracy)."),
        ))
        rounded = abs(value - expected) < 0.06 and any(abs(value - round(value, k)) < 1e-12 for k in (0, 1, 2))
        name_the_slip(best_accuracy_without_bias, (
            (kept_but_not_returned, lambda names: (
                f"Your function keeps the best in `{names[1]}`, but returns `{names[0]}`, which holds only the last "
                f"angle's accuracy. Return the best: `return {names[1]}`.")),
            (lambda f: rounded and _source.calls(f, "round"), f"Your answer looks rounded ({value:g}). Return the "
                                                              "accuracy itself; round only when you print."),
            (returns_inside_loop, "Your function returns during the first pass through the loop, so it only tries one "
                                  "angle. Move `return best` left, level with `for`, so it runs after all 360 angles."),
        ))
        if abs(value - _accuracy_at(Xd, yd, 0.0)) <= 0.005 and not _keeps_a_best(best_accuracy_without_bias):
            # one line's accuracy, or the average over a whole turn, which is always 1/2 (a line and its reverse
            # share the points): on blobs around the origin the first line gets everything right, the average 1/2
            on_centred = _value_or_none(best_accuracy_without_bias, *centred)
            if abs(value - 0.5) <= 0.005 and on_centred is not None and abs(on_centred - 0.5) <= 0.005:
                raise Hint(f"{value:.2f} is the average accuracy of all your lines: over a whole turn it is always "
                           "one half, a coin toss, since a line and its reverse share the points between them. Keep "
                           "the best instead: best = max(best, accuracy).")
            raise Hint(f"{value:.2f} is what a single line gets (the angle 0 or the last one): each pass "
                       "replaces the result. Keep the best so far: best = max(best, accuracy).")
        if value < 0.05:
            raise Hint(f"Your function finds an accuracy of {value:g}: no guess ever matches. Did you compare z "
                       "itself with y, or divide with // (whole numbers: 49 // 80 is 0)? Turn z into guesses "
                       "first, guesses = X @ w > 0, then np.mean(guesses == y).")
        if value > expected + 0.02:
            raise Hint(f"On {where} your function reaches {value:.2f}, but no line through the origin does "
                       f"better than {expected:.2f}. Did you compare the guesses with y (guesses == y)? "
                       "And did a bias sneak in? Here z = X @ w, nothing added.")
        # the average over a whole turn is always one half: a line and its reverse share the points between them
        averaged = (" (Your 0.50 is also what averaging every line's accuracy gives: keep the best, not the "
                    "average.)" if abs(value - 0.5) <= 0.005 else "")
        raise Hint(f"On {where} the best line through the origin gets {expected:.2f} right, but your function "
                   f"says {value:.2f}. Do your angles go once round, from 0 to 2π in radians "
                   "(np.linspace(0, 2 * np.pi, 360)), not 0 to 360? For each angle: w = (cos a, sin a), "
                   "guesses = X @ w > 0, accuracy = np.mean(guesses == y); keep the best." + averaged)
