"""Exercise checks for 03_linearity: `from nnlib.checks import linearity as check`.

Each check prints a ✅ line when the answer is right, otherwise a hint for the likely mistake.
"""

import numpy as np

from ..separability import separating_line
from ._answers import (as_numbers, close, first_text, name_the_mistake, name_the_shape, require_filled,
                       require_shape)
from ._feedback import (AMBIGUOUS, BROADCAST, MATMUL, NUMPY, PYTHON_MISTAKE, Hint, call_learner, check, crash_kind,
                        is_stub, raised)


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
    "centred_square": (lambda x: np.square(x) - np.mean(np.square(x)), False,
                       "x² minus its mean (its entries always add up to 0)"),
}


def _as_bool(answer, what):
    if isinstance(answer, (bool, np.bool_)):
        return bool(answer)
    if isinstance(answer, np.ndarray) and answer.size > 1:
        raise Hint(f"For {what} your function returned an array of {answer.size} True/False values, not one. "
                   "Compare whole arrays with np.allclose(a, b): it answers with a single True or False.")
    if is_stub(answer):
        raise Hint("Your function returns nothing yet. Replace the `return None` with your answer.")
    if isinstance(answer, str):
        raise Hint(f"For {what} your function returned the text {answer!r} (in quotes), not a yes/no. Return the value "
                   "itself, without quotes: `return doubles and adds` gives True or False.")
    if isinstance(answer, (tuple, list)) and len(answer) == 2 and all(isinstance(a, (bool, np.bool_)) for a in answer):
        raise Hint(f"For {what} your function returned two answers, {tuple(bool(a) for a in answer)}: one per "
                   "test. is_linear should give one verdict: combine them with `and`.")
    raise Hint(f"is_linear should return True or False, but for {what} it returned {answer!r}.")


def _answer(is_linear, f, x1, x2, words):
    explain = (
        (AMBIGUOUS, "`==` on arrays gives one True/False per entry, and Python's `and`/`if` cannot turn that into one "
                    "answer. Use np.allclose(a, b) instead."),
        ((MATMUL, BROADCAST, NUMPY), lambda error: (
            f"Your function raised {type(error).__name__} when the check called it with its own x1 and x2 (3 numbers "
            "each): two shapes did not fit together. Does it use its arguments f, x1 and x2, and not the notebook's x "
            "and x_other? (No @ is needed: f does the work.)")),
    )
    return _as_bool(call_learner(is_linear, f, x1.copy(), x2.copy(), explain=explain), words)


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
    if not exact and all(verdicts[name] != truth for name, (_, truth, _) in _IS_LINEAR_CASES.items()):
        raise Hint("Your test answers the other way round every time: False for every linear function, True for "
                   "every one that is not. Is there a `not` in front of the result, or are True and False swapped?")
    if not exact:
        raise Hint("Your test says f(x) = 2x is not linear, even on whole numbers. Check that each side of "
                   "each test computes what the definition says: f(2 * x1) against 2 * f(x1), and "
                   "f(x1 + x2) against f(x1) + f(x2).")
    rejected = [name for name in linear if not verdicts[name]]
    if "tenth" in rejected:
        raise Hint("Your test says no to some linear functions, such as f(x) = 0.1x. Computers round: "
                   "0.1 * (x1 + x2) and 0.1 * x1 + 0.1 * x2 can differ in the 16th digit. "
                   "Compare with np.allclose(a, b), not ==.")
    if rejected:
        raise Hint(f"Your test says no to {' and to '.join(_IS_LINEAR_CASES[name][2] for name in rejected)}, which "
                   f"{'is' if len(rejected) == 1 else 'are'} linear (it says yes to f(x) = 0.1x, so rounding is not "
                   "the trouble). Check that each side of each test computes what the definition says: f(2 * x1) "
                   "against 2 * f(x1), and f(x1 + x2) against f(x1) + f(x2).")
    if verdicts["limiter"] and not verdicts["length"]:
        raise Hint("Your test only checks adding. The speaker that cuts out when too loud adds up fine at "
                   "these inputs, but doubling x1 makes it cut out: f(2 * x1) is not 2 * f(x1). Check both.")
    if verdicts["length"] and verdicts["relu"] and not verdicts["limiter"]:
        raise Hint("Your test only checks doubling. ReLU and the length of x both pass it, but they fail "
                   "adding: f(x1 + x2) is not f(x1) + f(x2). A linear function must pass both tests.")
    if verdicts["relu"] and verdicts["length"] and verdicts["limiter"] and not verdicts["square"]:
        raise Hint("Your test says yes when either comparison passes: ReLU passes doubling, the cut-out speaker "
                   "passes adding, and both get 'linear'. A linear function must pass both: combine them with "
                   "`and`, not `or`.")
    if verdicts["with_bias"]:
        raise Hint("w · x + 2 is not linear: double the input and you get 2 w · x + 2, not 2 (w · x + 2). "
                   "Your test should catch that with the doubling comparison.")
    wrong = [_IS_LINEAR_CASES[n][2] for n in _IS_LINEAR_CASES if verdicts[n] != _IS_LINEAR_CASES[n][1]]
    if wrong == [_IS_LINEAR_CASES["centred_square"][2]]:
        raise Hint("Your test says yes to x² minus its mean, whose entries always add up to 0, and to nothing else "
                   "that is not linear. Does it compare sums or means instead of the whole outputs? Compare the "
                   "whole arrays: np.allclose(f(2 * x1), 2 * f(x1)).")
    if wrong:
        raise Hint(f"Your test gets these wrong: {', '.join(wrong)}. "
                   "Return True only when both the doubling test and the adding test pass.")


def _random_layers(seed=1, sizes=(3, 4, 2)):
    rng = np.random.default_rng(seed)
    n_in, n_hidden, n_out = sizes
    return (rng.normal(size=(n_in, n_hidden)), rng.normal(size=n_hidden),
            rng.normal(size=(n_hidden, n_out)), rng.normal(size=n_out))


_SHAPE_HINT = ("W1 is (n_in, n_hidden) and W2 is (n_hidden, n_out); the collapsed W must be (n_in, n_out), "
               "which is W1 @ W2, and b1 travels through W2 before b2 is added: b = b1 @ W2 + b2.")


def _collapse_answer(collapse, layers):
    """The learner's (W, b) for these layers, as float arrays, or a Hint about what came back."""
    explain = (((MATMUL, BROADCAST, NUMPY), lambda error: (f"Your function raised {type(error).__name__}: two shapes "
                                                          f"did not fit together. {_SHAPE_HINT}")),)
    answer = call_learner(collapse, *(part.copy() for part in layers), explain=explain)
    if not (isinstance(answer, (tuple, list)) and len(answer) == 2):
        raise Hint("collapse should return two things, the new weights and the new bias: `return W, b`.")
    if any(is_stub(part) for part in answer):
        raise Hint("collapse still returns `...`: fill in W and b (one line each).", returned_nothing=True)
    return tuple(as_numbers(part, what) for part, what in zip(answer, ("the W you returned", "the b you returned")))


def _rounded(right, what, formula):
    """(wrong answer, hint) pairs for `right` rounded to 0-3 decimals or cut to whole numbers."""
    cut = (f"Your {what} is {formula} with its decimals cut off: whole numbers only (astype(int), or an array made "
           f"with dtype=int?). Keep {formula} as it comes.")
    return [(np.trunc(right), cut)] + [
        (np.round(right, decimals), f"Your {what} is {formula} rounded to {decimals} decimals: keep it as it comes "
                                    "(round only what you print), or the single layer no longer matches the two.")
        for decimals in range(4)]


def _diagnose_square(W, b, W1, b1, W2, b2):
    """With every layer 3 wide, every order of the products computes, so the numbers say which mistake it was."""
    if W.shape == (3,) and b.shape == (3, 3):
        raise Hint("You returned (b, W): the weights come first. `return W, b`.")
    if W.shape != (3, 3) or b.shape != (3,):
        return  # the shapes are checked with a 3 -> 4 -> 2 network below
    W_ok, b_ok = close(W, W1 @ W2), close(b, b1 @ W2 + b2)
    name_the_mistake((W, b), [((W2 @ W1, b1 @ W2.T + b2),   # b1 @ W2.T is the textbook's W2 b1
                               "W2 @ W1 and W2 @ b1 + b2 are the textbook's column-vector order. With rows as "
                               "examples, X @ W1 comes first and then @ W2: W = W1 @ W2 and b = b1 @ W2 + b2.")],
                     same=lambda got, wrong: close(got[0], wrong[0]) and close(got[1], wrong[1]))
    if not W_ok:
        known = [
            (W2 @ W1, "W2 @ W1 is the textbook's column-vector order. With rows as examples an input goes "
                      "through W1 first, then W2: W = W1 @ W2."),
            ((W1 @ W2).T, "Your W is W1 @ W2 written sideways (transposed): that is the textbook's "
                          "column-vector W. With rows as examples keep W = W1 @ W2."),
            (W1 * W2, "W1 * W2 multiplies entry by entry. Layers combine by matrix product: W1 @ W2."),
            (W1, "Your W is just W1: the second layer's weights got lost. An input goes through W1, then "
                 "W2: W = W1 @ W2."),
            (W2, "Your W is just W2: the first layer's weights got lost. An input goes through W1, then "
                 "W2: W = W1 @ W2."),
            (W1 + W2, "Adding the weight matrices does not chain the layers: an input goes through W1, then "
                      "through W2, and that is a product: W1 @ W2."),
            *_rounded(W1 @ W2, "W", "W1 @ W2"),
            (W1.T @ W2, "Your W is W1.T @ W2: W1 needs no transpose. With rows as examples, W = W1 @ W2."),
        ]
        name_the_mistake(W, known)
        if b_ok:
            raise Hint("Your b is right but W is not. An input goes through W1 first, then W2, so the "
                       "one-layer shortcut is W = W1 @ W2.")
        return
    if b_ok:
        return
    known = [
        (b1 + b2, "Your W is right, but b = b1 + b2 forgets that b1 is added before W2 acts: it goes through "
                  "W2 like everything else the first layer outputs. The new bias is b1 @ W2 + b2."),
        (b2, "Your b is just b2: the first layer's bias got lost. b1 is added before W2 acts, so it "
             "comes out the other side as b1 @ W2. Try b = b1 @ W2 + b2."),
        (b1 @ W2, "Your b is b1 @ W2: the second layer's own bias b2 is missing. Add it: b1 @ W2 + b2."),
        (b1 @ W2.T + b2, "Your W is right, but W2 @ b1 + b2 is the textbook's column-vector order. With rows as "
                         "examples b1 goes through W2 from the left: b = b1 @ W2 + b2."),
        (b1 @ W1 @ W2 + b2, "b1 only goes through W2: it is added after W1 has done its work. "
                            "b = b1 @ W2 + b2, not b1 @ W1 @ W2 + b2."),
        (b1, "Your b is just b1, and b1 still has to go through W2, then b2 is added: b = b1 @ W2 + b2."),
        (b1 * b2, "b1 * b2 multiplies the biases entry by entry. b1 goes through W2, then b2 is added: "
                  "b = b1 @ W2 + b2."),
        (b1 @ W2 - b2, "Right idea, wrong sign: the second layer adds its bias, so b = b1 @ W2 + b2, not - b2."),
        ((b1 + b2) @ W2, "(b1 + b2) @ W2 sends b2 through W2 as well, but b2 is added after W2 has acted: "
                         "only b1 goes through it. b = b1 @ W2 + b2."),
        *_rounded(b1 @ W2 + b2, "b", "b1 @ W2 + b2"),
        (b1 + b2 @ W2, "You sent the wrong bias through W2: b1 is added before W2 acts, b2 after. "
                       "b = b1 @ W2 + b2."),
    ]
    name_the_mistake(b, known)
    raise Hint("Your W is right but b is not. Write out (X @ W1 + b1) @ W2 + b2 and multiply the bracket "
               "out: the part without X is the new bias.")


@check("Two layers, one layer: same outputs for every input. Depth alone added nothing.")
def collapse(collapse):
    """Check a learner's collapse(W1, b1, W2, b2) -> (W, b) with X @ W + b equal to the two layers."""
    # first three-wide layers, where every order of the products computes, so the numbers name the mistake;
    # then a 3 -> 4 -> 2 network, where only the right order fits together
    square = _random_layers(seed=3, sizes=(3, 3, 3))
    _diagnose_square(*_collapse_answer(collapse, square), *square)
    W1, b1, W2, b2 = layers = _random_layers()
    try:
        W, b = _collapse_answer(collapse, layers)
    except Hint as h:
        if h.error is not None:
            raise Hint(f"Your function works when every layer is 3 neurons wide, but for 3 inputs -> 4 hidden -> "
                       f"2 outputs it raised {type(h.error).__name__}: two shapes did not fit together. "
                       + _SHAPE_HINT, error=h.error) from None
        raise
    if W.shape == (2, 3):
        raise Hint("Your W has shape (2, 3): that is the textbook's column-vector W2 W1 written sideways. "
                   "With rows as examples the first layer comes first: W = W1 @ W2, shape (3, 2).")
    if W.shape != (3, 2):
        raise Hint(f"Your W has shape {W.shape}, but one layer from 3 inputs to 2 outputs needs (3, 2). "
                   + _SHAPE_HINT)
    other = _random_layers(seed=5)
    W_other = _collapse_answer(collapse, other)[0]
    if not close(W, W1 @ W2) and close(W_other, W) and not close(W_other, other[0] @ other[2]):
        raise Hint("Your function returns the same W whatever layers it is given: does it use its arguments W1, b1, "
                   "W2 and b2? (The notebook's own W1 @ W2, or its W_one, are not the layers the check passes.)")
    if not close(W, W1 @ W2):
        raise Hint("Your W has the right shape but the wrong numbers. An input goes through W1 first, then "
                   "W2, so the one-layer shortcut is W1 @ W2.")
    if b.shape != (2,):
        raise Hint(f"Your b has shape {b.shape}, but it needs one entry per output neuron: (2,). "
                   + _SHAPE_HINT)
    X = np.random.default_rng(2).normal(size=(5, 3))
    if not close(X @ W + b, (X @ W1 + b1) @ W2 + b2):
        raise Hint("Your W is right but b is not. Write out (X @ W1 + b1) @ W2 + b2 and multiply the bracket "
                   "out: the part without X is the new bias.")


# every mistake below gives different numbers for these weights (with w2 = -0.5 two of them coincided)
_W = np.array([1.5, -2.0])
_B = 1.0


@check("That is the line where the model says exactly 0.5: the sigmoid's boundary is a straight line.")
def boundary_x2(boundary_x2):
    """Check a learner's boundary_x2(x1, w, b): the x2 on the line w1 x1 + w2 x2 + b = 0."""
    x1 = np.array([-1.0, 0.0, 0.5, 2.0])
    explain = (
        (NameError, lambda error: (f"Your function raised NameError: {error}. Inside it the weights are w[0] and w[1] "
                                   "(w holds the two numbers) and the bias is b: x2 = -(w[0] * x1 + b) / w[1].")),
        # Python's own words for its own TypeErrors: a missing argument, a function called with the wrong ones...
        (TypeError, lambda error: crash_kind(error) is PYTHON_MISTAKE and raised(error)),
        (IndexError, "Your function raised IndexError: w holds two numbers, w[0] for x1 and w[1] for x2 (Python counts "
                     "from 0, so there is no w[2]): x2 = -(w[0] * x1 + b) / w[1]."),
        (Exception, lambda error: (f"Your function raised {type(error).__name__}. x1 is an array of x1 values and w "
                                   "holds two numbers: use w[0] and w[1] with ordinary arithmetic (no @ and no loop "
                                   "needed), x2 = -(w[0] * x1 + b) / w[1].")),
    )

    answer = call_learner(boundary_x2, x1.copy(), _W.copy(), _B, explain=explain)
    got = as_numbers(answer, "what your function returned")
    pairs = ("Your function returned pairs of points (x1 and x2 together). Return only the x2 values: one per x1, "
             "shape (4,) for 4 values of x1.")
    name_the_shape(got, {(2, 4): pairs, (4, 2): pairs,
                         (1, 4): "Your x2 values came back wrapped in an extra pair of brackets, shape (1, 4): return "
                                 "the array itself, shape (4,), one x2 per x1 (no np.array([...]) around it)."})
    require_shape(got, (4,), (4, 1), hint="Called with an array of 4 values of x1, your function returned shape "
                                          "{shape}. Write it with numpy arithmetic so it works on a whole array of x1 "
                                          "at once.")
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
        (-w1 * x1 - _B / w2, "Only b got divided by w2. Put brackets around everything that moves across: "
                             "x2 = -(w1·x1 + b) / w2."),
        (-w1 * x1 / w2 - _B, "Only w1·x1 got divided by w2. Put brackets around everything that moves across: "
                             "x2 = -(w1·x1 + b) / w2."),
        (-w1 * x1 + _B / w2, "Brackets: -w1·x1 + b / w2 divides only b, and with the wrong sign. "
                             "x2 = -(w1·x1 + b) / w2."),
        (-(w1 * x1 + _B) * w2, "You multiplied by w2; to get x2 on its own, divide by it: x2 = -(w1·x1 + b) / w2."),
        (-(w1 * x1) / w2 + _B, "b stayed outside: it has to move across and be divided by w2 too, like w1·x1. "
                               "x2 = -(w1·x1 + b) / w2."),
        (-(w1 * x1 - _B) / w2, "Inside the brackets b got a minus: w1·x1 + b moves across together, "
                               "x2 = -(w1·x1 + b) / w2."),
        (w1 * x1 + _B, "You returned z without the x2 part, w1·x1 + b. Now finish solving z = 0 for x2: "
                       "move it across and divide by w2, x2 = -(w1·x1 + b) / w2."),
        (-(w2 / w1) * x1 - _B / w2, "The slope is upside down: it is -w1 / w2 (the weight of x1 over the weight "
                                    "of x2). x2 = -(w1·x1 + b) / w2."),
        (x1, "Your function returned x1 unchanged. It should return the x2 of the boundary above each x1: "
             "x2 = -(w1·x1 + b) / w2."),
        (1 / (1 + np.exp((w1 * x1 + _B) / w2)), "No sigmoid needed: the boundary is where the sigmoid says 0.5, "
                                                "that is where z = 0. Solve w1·x1 + w2·x2 + b = 0 for x2."),
        (-(w2 * x1 + _B) / w2, "You used w[1] for both weights: w[0] multiplies x1 and w[1] multiplies x2, so "
                               "x2 = -(w[0]·x1 + b) / w[1]."),
        (-(2.0 * x1 + 0.5) / -1.0, "That is the boundary of the notebook's own neuron, w = (2, -1) and b = 0.5. Use "
                                   "the arguments your function is given: w[0], w[1] and b."),
        (np.trunc(right), "Your x2 values lost their decimals (astype(int)?). Keep the division "
                          "as it comes: x2 = -(w1·x1 + b) / w2."),
    ]
    if close(got, right):
        return
    name_the_mistake(got, mistakes)
    raise Hint("Not the boundary yet. The model says 0.5 where z = w1·x1 + w2·x2 + b = 0; "
               "solve that for x2 (w1 is w[0], w2 is w[1]).")



def _shape_of(answer):
    """np.shape(answer), or () when its rows differ in length (numpy refuses to give those a shape)."""
    try:
        return np.shape(answer)
    except ValueError:
        return ()


def _is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def _line_words(w, b):
    """'2.00·x1 - 1.00·x2 + 0.50 = 0' for w = (2, -1), b = 0.5."""
    w1, w2 = w
    return (f"{w1:.2f}·x1 {'-' if w2 < 0 else '+'} {abs(w2):.2f}·x2 "
            f"{'-' if b < 0 else '+'} {abs(b):.2f} = 0")


@check("No straight line can separate those points. One line is not enough, however you place it.")
def not_separable(X, y):
    """Check that a learner's points X (n, 2) with labels y (n,) of 0/1 cannot be split by one straight line."""
    require_filled(X, "my_X")
    require_filled(y, "my_y")
    if isinstance(y, str):
        raise Hint(f"my_y is the text {y!r}: write a list of numbers, one label per point, like [0, 1, 1, 0].")
    for answer, name in ((X, "my_X"), (y, "my_y")):
        text = first_text(answer)
        if text is not None and _is_number(text):  # '0' in quotes; other text is told below
            raise Hint(f"{name} holds text in quotes ({text!r}): write its numbers without quotes, like "
                       + ("[[0, 0], [0, 1], ...]." if name == "my_X" else "[0, 1, 1, 0]."))
    X_shape, y_shape = _shape_of(X), _shape_of(y)
    if len(X_shape) == 1 and len(y_shape) == 2 and y_shape[1] == 2:
        raise Hint("my_X and my_y look swapped: my_X holds the points, pairs like [0, 1], and my_y their labels, "
                   "0 or 1.")
    if len(X_shape) == 2 and X_shape[0] == 2 and len(y_shape) == 1 and X_shape[1] == y_shape[0] != 2:
        raise Hint(f"my_X has shape {X_shape}: two rows, one of x1 values and one of x2 values (the transpose). "
                   "Write one [x1, x2] pair per point instead, like [[0, 0], [0, 1], ...].")
    try:
        X = np.asarray(X, dtype=np.float64)
    except (TypeError, ValueError):
        raise Hint("my_X should be a list of points, each a pair of numbers like [0, 1]. Check that every point "
                   "has exactly two coordinates and that all of them are numbers.") from None
    try:
        y = np.asarray(y, dtype=np.float64)
    except (TypeError, ValueError):
        raise Hint("my_y should hold one label per point, each the number 0 or 1, like [0, 1, 1, 0].") from None
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
        same_place = np.all(np.abs(X - X[i]) <= 1e-9, axis=1) & (y != y[i])
        if same_place.any():
            raise Hint(f"The point {X[i].tolist()} appears with both labels. Nothing at all could separate that, "
                       "line or curve; it is a contradiction, not a hard problem. Use distinct points.")
    line = separating_line(X, y)
    if line is not None:
        raise Hint(f"A straight line does separate these: {_line_words(*line)} has every "
                   "1 on one side and every 0 on the other. Think of XOR: label the corners of a square so "
                   "that opposite corners agree.")
