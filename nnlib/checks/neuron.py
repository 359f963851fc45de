"""Exercise checks for 01_neuron: `from nnlib.checks import neuron as check`.

Each check prints a ✅ line when the answer is right, otherwise a hint for the likely mistake.
"""

import numpy as np

from ..datasets import load_digits, load_party
from . import _source
from ._answers import as_numbers, close, close_each, name_the_case, name_the_kind, name_the_mistake, rounded
from ._feedback import (AMBIGUOUS, BROADCAST, LIST_ARITHMETIC, MATMUL, MATMUL_SCALAR, NUMBER_INDEXED, NUMBER_ITERATED,
                        NUMBER_UNPACKED, UNPACK, Hint, call_learner, check, crash_kind)
from ._source import (blame_notebook_data, discarded_sum, name_the_slip, plus_sign_assigned, restarted_inside_loop,
                      returned_instead_of_total, returns_inside_loop)

# The movie example from the notebook: ratings from the best friend, the crazy uncle and the rival.
_X_SMALL = [8, 10, 9]
_W_SMALL = [0.9, 0.05, -0.7]

# The two evenings of the party exercise: same tiredness (10), same friends (10), different distance.
NEAR_EVENING, FAR_EVENING = 140, 86

# A score this close to 0 counts as "on the line" (z = 0). Sums of floats come out a few 1e-17 away from 0
# on some CPUs and exactly 0 on others (BLAS kernels add in different orders), so no check asks for == 0.
ON_THE_LINE = 1e-9


def _numbers(values):
    return "[" + ", ".join(f"{v:g}" for v in values) + "]"


def typed_numbers(answer, what):
    """as_numbers, but text in quotes ("-3") is a mistake to name, not something to convert silently, and so is
    nan or inf: the numbers a learner types into an exercise cell of 01 or 02."""
    if isinstance(answer, str) or (isinstance(answer, (list, tuple)) and any(isinstance(v, str) for v in answer)):
        raise Hint(f"{what.capitalize()} holds text in quotes ({answer!r}). Write the numbers without quotes.")
    if isinstance(answer, (list, tuple)) and any(v is None or v is Ellipsis for v in answer):
        raise Hint(f"{what.capitalize()} still holds an empty place (None or ...): {answer!r}. Put a number in "
                   "each place.")
    numbers = as_numbers(answer, what)
    if not np.all(np.isfinite(numbers)):
        raise Hint(f"{what.capitalize()} holds nan or inf, which is not a number a neuron can use. Write ordinary "
                   "numbers, such as -0.5 or 2.")
    return numbers


# ---- a crash in the learner's function, in 01's and 02's words ------------------------------------------------

_CRASH_WORDS = {
    LIST_ARITHMETIC: ("Here x and w are plain Python lists, and `x * w` or `x @ w` only work on NumPy arrays. "
                      "Multiply one pair at a time inside the loop: `for x_i, w_i in zip(x, w): ...`."),
    MATMUL: ("The shapes do not line up for a matrix product. X has one row per example and one column per "
             "input, and w has one weight per input, so write X @ w (X first, no transposing)."),
    BROADCAST: ("The shapes do not fit together. X has one row per example and one column per input; w has one "
                "weight per input: X @ w dots each row with w."),
    AMBIGUOUS: ("max() (or an if) got a whole array of True/False values. Turn each angle's guesses into one "
                "number first: accuracy = np.mean(guesses == y)."),
    NUMBER_UNPACKED: ("`for x_i, w_i in x:` takes one item of x at a time, a single number, and cannot split it "
                      "into two. Pair each input with its weight first: `for x_i, w_i in zip(x, w):`."),
    NUMBER_INDEXED: ("Your function takes an item of a single number (something like b[0] or x_i[0]), but a single "
                     "number has no items. Use the number itself: b, not b[0]."),
    UNPACK: "`for x_i, w_i in ...` needs pairs to unpack, one input with its weight: `zip(x, w)` makes them.",
    NUMBER_ITERATED: ("Python tried to loop over a single number. sum(...) needs a whole list: inside the loop, add "
                      "one product at a time with `total = total + w_i * x_i`."),
}


def _crash_words(error, args, arguments):
    """The hint for the crashes these exercises tend to produce, decided on the learner's exception, or None.
    args: what the function was given (a table X first, in the exercises that take one)."""
    kind = crash_kind(error)
    if kind == MATMUL_SCALAR:
        return ("One side of your `@` is a single number, but @ needs an array on each side. Check the names "
                f"and their order in your def line ({arguments}): X @ w multiplies the table by the weights.")
    if kind == NUMBER_ITERATED and "b" in arguments.split(", "):
        return ("b is a single number, so sum(b) (or a `for` over b) has nothing to go through. The bias is added "
                "as it is, once: X @ w + b.")
    if kind == NUMBER_ITERATED and "y" in arguments.split(", "):
        return ("Python tried to go through a single number: max(...) or sum(...) of one accuracy has nothing to "
                "compare. Keep the best as you go, one angle at a time: best = max(best, accuracy).")
    if kind in _CRASH_WORDS:
        return _CRASH_WORDS[kind]
    if isinstance(error, IndexError):
        if np.ndim(args[0]) == 2:
            rows, columns = np.shape(args[0])
            return (f"Your function asks for an item past the end (IndexError): this X has {rows} rows and only "
                    f"{columns} columns (one per input, and as many weights). Did you write the columns, or a size, "
                    "out by hand? X @ w works for any number of inputs.")
        return ("Your loop asked for an item past the end of the list (IndexError). If you wrote `for i in x`, "
                "i takes the values (8, 10, 9), not the positions (0, 1, 2): use `for x_i, w_i in zip(x, w):`.")
    if isinstance(error, NameError) and not isinstance(error, UnboundLocalError):
        name = _source.name_used_before_set(error) or "it stopped at"
        return (f"Python does not know the name `{name}`: it is not one of your function's arguments ({arguments}) "
                "and nothing gives it a value. Misspelt? Names are case-sensitive: x_i and X_i are two names. "
                "(A function written in another notebook is not known here either: each notebook starts afresh.)")
    if isinstance(error, NameError):   # an UnboundLocalError: a running total used before it is started
        name = _source.name_used_before_set(error)
        if name is None:
            return ("Your function uses a name before giving it a value. Start a running total before the loop, "
                    "e.g. `total = 0`, then add to it inside the loop.")
        return (f"Your function uses `{name}` before giving it a value. Start it before the loop, e.g. "
                f"`{name} = 0`, then add to it inside the loop.")
    return None


def call_neuron(function, *args, arguments="x, w"):
    """call_learner from _feedback, with hints in 01's and 02's words for crashes, a missing return, reading the
    notebook's own variables and text instead of a number."""
    try:
        result = call_learner(function, *args, explain=lambda error: _crash_words(error, args, arguments))
    except Hint as h:
        if h.returned_nothing and not _source.is_shipped_stub(function):
            if _source.has_loop(function):
                raise Hint("Your function runs but gives back None: it has no `return` after the loop. "
                           "End it with `return total` (lined up with `for`, not inside the loop).") from None
            raise Hint("Your function runs but gives back None: end it with `return` and your answer.") from None
        if h.error is not None:
            blame_notebook_data(function, arguments)
        raise
    name_the_kind(result, (
        (str, "Your function returns text ({answer!r}), not a number. Return the number itself (no f-string, no "
              "str())."),
        (tuple, "Your function returns {n} things separated by a comma (a tuple): `return a, b` gives back both. "
                "Return one answer: the arithmetic goes before `return`, without commas."),
    ))
    return result


# ---- the checks --------------------------------------------------------------------------------------------

@check("Right: multiply each input by its weight, then add. That is the whole of a neuron's weighted sum.")
def weighted_sum(weighted_sum):
    """Check weighted_sum(x, w) -> one number, on Python lists of 3 and on NumPy arrays of 64."""
    cases = [(_X_SMALL, _W_SMALL)]
    rng = np.random.default_rng(1)
    cases.append((rng.uniform(0, 1, 64), rng.normal(0, 1, 64)))
    first_answer = None
    for i, (x, w) in enumerate(cases):
        x_arr, w_arr = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
        products = x_arr * w_arr
        expected = float(products.sum())
        raw = call_neuron(weighted_sum, list(x) if i == 0 else x_arr.copy(), list(w) if i == 0 else w_arr.copy())
        answer = as_numbers(raw, "the result")
        n = len(x_arr)
        if answer.size == n and close(answer.ravel(), products):
            raise Hint(f"You returned the {n} products w_i * x_i, one per input. Almost there: "
                       "add them up into a single number.")
        if answer.size != 1:
            raise Hint(f"A weighted sum is one number, but your function returned {answer.size} numbers "
                       f"(for {n} inputs).")
        if np.asarray(raw).dtype == bool:
            raise Hint(f"Your function returned {bool(answer.reshape(()))}, a decision (like z > 0). The exercise "
                       "wants the weighted sum itself, the number: total = total + w_i * x_i.")
        value = float(answer.reshape(()))
        if answer.ndim > 0 and close(value, expected):
            raise Hint(f"Right number, but wrapped in a list or an array of shape {answer.shape}. A weighted sum is "
                       "one plain number: return the total itself, without brackets around it.")
        if close(value, expected):
            first_answer = value
            continue
        blame_notebook_data(weighted_sum, "x, w")
        where = f"For x = {list(x)} and w = {list(w)}," if i == 0 else f"For {n} inputs,"
        mistakes = []
        if first_answer is not None:  # the three ratings passed: this is the 64-input case
            mistakes.append((first_answer, f"Your function returns {value:g} whatever the inputs. Compute the sum "
                                           "from the x and w it is given, so it works for any inputs."))
        if not close(products[0], products[-1]) and returns_inside_loop(weighted_sum) is not False:
            mistakes.append((products[0], f"Your result is only the first product ({products[0]:g}): the function "
                             "stops during the first pass through the loop. Is `return total` indented inside the "
                             "`for`? Move it left, level with `for`, so it runs once the loop has finished."))
        name_the_mistake(value, mistakes + [
            (products.max(), f"Your result is the largest product alone ({products.max():g}), as max() gives. A "
                             "weighted sum adds every product: total = total + w_i * x_i."),
        ])
        last_only = close(value, products[-1])
        name_the_slip(weighted_sum, (
            (lambda f: close(value, 0.0) and discarded_sum(f), lambda line: (
                f"Your function returns 0: the line `{line}` computes a number but keeps it nowhere, so the total "
                "never changes. Store it: `total = total + w_i * x_i`.")),
            (lambda f: last_only and plus_sign_assigned(f), lambda total: (
                f"`{total} =+ ...` is read by Python as `{total} = +...`: = and then a plus sign, so each pass "
                "replaces the total. Add to it: `total = total + w_i * x_i` (or the shortcut `total += w_i * x_i`, "
                "with += in that order).")),
            (lambda f: last_only and restarted_inside_loop(f), lambda total: (
                f"`{total} = 0` sits inside the loop, so the total starts again from 0 on every pass and only the last "
                f"product is left. Move `{total} = 0` above the `for` line, so it runs once.")),
            (returned_instead_of_total, lambda names: (
                f"Your function returns `{names[0]}`, which holds only the last pass's value; the running total is "
                f"`{names[1]}`. Return that: `return {names[1]}`.")),
        ))
        name_the_mistake(value, [
            (-expected, f"Right size, wrong sign: {value:g} instead of {expected:g}. Did you subtract "
                        "(total = total - ...)? Each product is added: total = total + w_i * x_i."),
            (expected / n, f"You divided by the number of inputs ({n}): that is the average product. A weighted sum "
                           "is the total itself: leave out the division."),
            (np.arange(n) @ x_arr, "You multiplied each input by its position (0, 1, 2, ...): enumerate(x) "
                                   "hands you (position, input) pairs. Pair each input with its weight instead: "
                                   "`for x_i, w_i in zip(x, w):`."),
            (np.arange(n) @ w_arr, "You multiplied each weight by its position (0, 1, 2, ...): enumerate(w) "
                                   "hands you (position, weight) pairs. Pair each input with its weight instead: "
                                   "`for x_i, w_i in zip(x, w):`."),
            (x_arr @ x_arr, "You multiplied each input by itself. Pair every input with its own weight: "
                            "`for x_i, w_i in zip(x, w):` and add w_i * x_i."),
            (w_arr @ w_arr, "You multiplied each weight by itself. Pair every input with its own weight: "
                            "`for x_i, w_i in zip(x, w):` and add w_i * x_i."),
            (x_arr.sum() * w_arr.sum(), "You multiplied every input by every weight (a loop inside a loop, or the "
                                        "total of the inputs times the total of the weights). Each input has its "
                                        "own weight: multiply in pairs (w1*x1, w2*x2, ...) with one loop over "
                                        "zip(x, w), then add."),
            (x_arr.sum() + w_arr.sum(), "You added up inputs and weights. Multiply each input by its weight first, "
                                        "then add the products."),
            (x_arr.sum(), "You added the inputs but never used the weights: each input must be multiplied by its "
                          "weight (its volume knob) before adding."),
            (w_arr.sum(), "You added the weights but never used the inputs: multiply each weight by its input."),
            (np.prod(products), "You multiplied the products together (total = total * ...). A weighted sum adds "
                                "them: start with total = 0 and write `total = total + w_i * x_i`."),
            (0.0, "Your function returns 0: nothing was added to the total. If you wrote `total *= ...` starting "
                  "from 0, it stays 0; add instead: `total = total + w_i * x_i`."),
            (expected + 1, "Your total is 1 too big: it starts at 1. Start the running total at 0."),
            (products[:-1].sum(), "Your loop stops one input too early: the last product is missing. Loop over "
                                  "every pair, e.g. `for x_i, w_i in zip(x, w):`."),
            (products[1:].sum(), "Your loop skips the first input. Python counts from 0: "
                                 "`for x_i, w_i in zip(x, w):` visits every pair."),
            (products[-1], "Your result is the last product alone: each pass through the loop replaces the total "
                           "instead of adding to it. Write `total = total + w_i * x_i` (not `total = w_i * x_i`)."),
            (products[:3].sum(), f"It works for three inputs but not for {n}: your function stops after three "
                                 "(three terms written out, or a range(3)?). A digit neuron has 64 inputs: loop "
                                 "over every pair, `for x_i, w_i in zip(x, w):`."),
        ] + [(round(expected), f"Your answer is rounded to a whole number ({value:g} instead of {expected:.4f}): "
                               "round() or int() cut off the decimals. Return the sum itself; round only when you "
                               "print.")]
          + [(round(expected, digits), f"Your answer is rounded ({value:g} instead of {expected:.4f}). Return the "
                                       "sum itself; round only when you print.") for digits in range(1, 4)])
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
        raw = call_neuron(weighted_sums, X.copy(), w.copy(), arguments="X, w")
        answer = as_numbers(raw, "the result")
        n, d = X.shape
        if close(answer, expected):
            continue
        blame_notebook_data(weighted_sums, "X, w")
        if np.asarray(raw).dtype == bool:
            raise Hint("You returned decisions (True/False, like z > 0). The exercise wants the scores "
                       "themselves: X @ w.")
        name_the_mistake(answer, [
            (X * w, f"You returned a table of products ({n} rows x {d} columns), one per input and evening. Now "
                    "add along each row, `(X * w).sum(axis=1)`, or let the dot product do both: X @ w."),
            ((X * w).sum(axis=0), f"You added down the columns (axis=0), so you got one total per input ({d} "
                                  f"numbers). We want one score per evening ({n} numbers): add along the rows, "
                                  "axis=1, or use X @ w."),
        ])
        if answer.size == 1:
            name_the_mistake(answer.reshape(()), [
                (expected.sum(), "You added everything into a single number. We want one score per evening: "
                                 "X @ w gives a whole column of scores at once."),
                (expected[0], f"You returned one score, the first evening's. We want all {n}: if your loop has "
                              "`return` inside it, it stops at the first row. X @ w does every row at once."),
                (expected[-1], f"You returned one score, the last evening's: each pass through your loop replaces "
                               f"the one before. We want all {n}: collect them in a list, or let X @ w do every row "
                               "at once."),
            ])
        paired = min(n, d)  # zip(X, w) pairs the first rows of X with the weights, as many as the shorter has
        name_the_mistake(answer, [
            (w[:paired] @ X[:paired], "Your function pairs the rows of X with the weights, as zip(X, w) does (or "
                                      "Exercise 1's weighted_sum given the whole table): each row times one weight. "
                                      "Each row should be dotted with all the weights: X @ w does every row."),
            (np.cumsum(expected), "Each score includes the ones before it: the running total starts once, before "
                                  "the loop over the rows, and carries on from evening to evening. Start it again "
                                  "for every row, or let X @ w do every row at once."),
        ])
        if answer.size == n and close(answer.ravel(), expected):
            raise Hint(f"The scores are right, but the shape is {answer.shape}; we want a flat list of {n} "
                       f"scores, shape ({n},). With a 1-D w, X @ w gives exactly that.")
        name_the_mistake(answer, [
            (X[:, :3] @ w[:3], f"It works for three inputs but not for {d}: you wrote out three columns by hand. "
                               "X @ w works for any number of columns."),
            (X.sum(axis=1), "You added up each row's inputs but never used the weights: each input must be "
                            "multiplied by its weight first. X @ w does both."),
            (expected / d, f"You divided by the number of inputs ({d}), e.g. with .mean(axis=1): that is an "
                           "average. We want the sum of the products: X @ w."),
            (-expected, "Right size, wrong sign: every score has its sign flipped. Did you subtract, or write "
                        "-(X @ w)? The score is X @ w."),
            ((X * w).max(axis=1), "You kept the largest product of each row (max). A score adds every product of "
                                  "its row: X @ w."),
        ] + rounded(expected, "Your scores", "X @ w", cut=True))
        if answer.shape != expected.shape:
            raise Hint(f"For a table X with {n} rows (evenings) your function should return {n} scores, "
                       f"shape ({n},), but it returned shape {answer.shape}.")
        i = int(np.argmax(~close_each(answer, expected)))  # the first row that is wrong
        place = ["first", "second", "third", "fourth", "fifth", "sixth"][i] if i < 6 else f"number {i}"
        row = f"The {place} row, {_numbers(X[i])}, with weights {_numbers(w)}," if d <= 3 else f"The {place} row"
        raise Hint(f"{row} scores {expected[i]:.2f}, but you returned {answer[i]:.2f}. "
                   "Each row should be dotted with w: X @ w.")


@check("Your neuron goes to the near party and stays home from the far one. Those are volume knobs at work.")
def party_weights(my_weights):
    """Check three party weights: go (z > 0) on the near evening, stay (z < 0) on the far one.

    A z within ON_THE_LINE of 0 counts as exactly 0: neither go nor stay.
    """
    w = typed_numbers(my_weights, "`my_weights`")
    if w.shape != (3,):
        raise Hint(f"my_weights should be three numbers, [w_distance, w_tiredness, w_friends], "
                   f"but it has shape {w.shape}.")
    party = load_party()
    near, far = party.X[NEAR_EVENING], party.X[FAR_EVENING]
    z_near, z_far = float(near @ w), float(far @ w)
    scores = f"(near party: z = {z_near:+.2f}, far party: z = {z_far:+.2f})"
    goes_near, stays_far = z_near > ON_THE_LINE, z_far < -ON_THE_LINE
    if abs(z_near - z_far) <= ON_THE_LINE:
        raise Hint(f"Both evenings score the same {scores}. They differ only in distance, and your distance "
                   "knob is at zero, so the neuron cannot tell them apart. Give distance a weight.")
    if goes_near and stays_far:
        return
    if z_near < z_far:
        raise Hint(f"Your neuron prefers the far party {scores}: with a positive distance weight, every extra "
                   "kilometre pulls towards going. Make the distance weight negative. (The order is "
                   "[w_distance, w_tiredness, w_friends].)")
    if abs(z_near) <= ON_THE_LINE or abs(z_far) <= ON_THE_LINE:
        which = "near" if abs(z_near) <= ON_THE_LINE else "far"
        raise Hint(f"The {which} party scores exactly 0 {scores}, and 0 is undecided: 'go' means z > 0 and "
                   "'stay' means z < 0. Nudge a knob so it lands clearly on its side.")
    rest = float(w[1] * 10 + w[2] * 10)
    if not goes_near and w[2] <= 0:
        raise Hint(f"Your neuron stays home both times {scores}, and your friends knob is {w[2]:g}: with it at 0 "
                   "or below, ten friends going cannot pull you out of the door. Make it positive, stronger "
                   "than tiredness pushes the other way.")
    if goes_near:
        raise Hint(f"Your neuron goes to both parties {scores}. The far one is 14.6 km further away: "
                   "turn the distance knob further negative, or bring tiredness and friends closer to "
                   "cancelling each other out.")
    if rest <= 0:
        raise Hint(f"Your neuron stays home both times {scores}. On both evenings you were exhausted (10) but "
                   f"all ten friends were going, and together those two add {rest:+.2f}: let friends pull "
                   "harder than tiredness pushes, so the near party can clear 0.")
    raise Hint(f"Your neuron stays home both times {scores}. Tiredness and friends together add {rest:+.2f}, "
               f"but even the 2 km of the near party cost {2 * w[0]:+.2f}: make the distance knob gentler "
               "(closer to 0, still negative), or let friends pull harder.")


def _digit_means(weights):
    digits = load_digits()
    scores = digits.X @ weights
    return np.array([scores[digits.y == k].mean() for k in range(10)])


@check("Your neuron scores 1s higher than any other digit. It has no idea what a 1 is: "
       "it only weighs where the ink sits.")
def one_detector(one_weights):
    """Check an 8x8 (or 64) weight image whose average score on the 1s beats every other digit's by 0.5."""
    w = typed_numbers(one_weights, "`one_weights`")
    if w.size != 64:
        raise Hint(f"one_weights should have one weight per pixel: an 8x8 grid (64 numbers), "
                   f"but it has shape {w.shape}.")
    w = w.reshape(64)
    if np.all(np.abs(w) < 1e-12):
        raise Hint("Every weight is still zero, so the neuron scores every image 0: it is deaf. "
                   "Turn some knobs: positive where a 1 has ink, negative where a 1 leaves blank paper.",
                   returned_nothing=True)
    means = _digit_means(w)
    others = np.delete(np.arange(10), 1)
    runner_up = int(others[np.argmax(means[others])])
    gap = means[1] - means[runner_up]
    table = ", ".join(f"{k}: {means[k]:.1f}" for k in range(10))
    grid = w.reshape(8, 8)
    if gap >= 0.5:
        return
    if np.ptp(w) < 1e-12:
        most = "most" if w[0] > 0 else "least"
        raise Hint(f"All 64 weights are the same, so the neuron only measures how much ink there is, and "
                   f"{runner_up}s have the {most} (average scores {table}). Positive down the middle, negative "
                   "beside it.")
    reversed_means = -means
    if (grid > 0).any() and (grid < 0).any() and means[1] <= means.min() + 1e-9 \
            and reversed_means[1] > np.delete(reversed_means, 1).max():
        raise Hint(f"1s score the lowest of all digits (average scores {table}): your signs are reversed. "
                   "Positive where a 1 has ink (down the middle), negative where it leaves blank paper.")
    positive_rows, positive_cols = np.nonzero(grid > 0)
    name_the_case((
        (len(positive_rows) >= 3 and np.ptp(positive_rows) <= 1 and np.ptp(positive_cols) >= 2,
         "Your positive weights run across a row, but a 1 is an upright stroke: it fills columns. one_weights[:, 3] is "
         f"the fourth column; one_weights[3, :] is the fourth row. (Average scores {table}.)"),
        (gap <= 0, f"Your neuron's favourite digit is {runner_up}, not 1 (average scores {table}). Which pixels does a "
                   f"1 leave blank that a {runner_up} fills in? Make those negative."),
    ))
    raise Hint(f"1s win, but only just: {means[1]:.2f} against {means[runner_up]:.2f} for the "
               f"{runner_up}s. Widen the gap: more negative weight on the paper beside the stroke.")
