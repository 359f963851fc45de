"""Exercise checks for 04_activations: `from nnlib.checks import activations as check`.

Each check prints a ✅ line when the answer is right, otherwise a hint for the likely mistake. The learner's
function runs with numpy's overflow warnings silenced: an overflow shows up as a hint, not a wall of red.
"""

import numpy as np

from .. import activations as reference
from . import _source
from ._answers import YES_NO, as_numbers, close, name_the_mistake, not_numbers, one_number, require_shape, rounded
from ._feedback import (AMBIGUOUS, AXIS, BROADCAST, MATMUL, MATMUL_SCALAR, NOT_AN_INDEX, RAGGED, SOFTMAX_KEYWORD, Hint,
                        call_learner, check, crash_kind)
from ._source import blame_notebook_data

_MAX_HINT = ("Python's max(0, z) and `if z > 0` look at one number at a time; on a whole array they cannot "
             "decide. Use numpy's elementwise version: np.maximum(0, z).")


_NP_MAX_HINT = ("np.max finds the single largest value of an array (its second argument is an axis), so it "
                "cannot compare each score with 0. The elementwise version is np.maximum(0, z).")

_ZERO_BESIDE_ARRAY = ("np.max([0, z]) puts a single 0 and a whole array of scores side by side in one list, which "
                      "numpy cannot line up as a table. To compare each score with 0, use the elementwise version: "
                      "np.maximum(0, z).")


def _matmul(error):
    return (f"Your function raised {type(error).__name__}: a matrix product (@ or np.dot) got shapes that do not "
            "fit. Nothing here needs one: work entry by entry on z with np.maximum, np.exp, +, -, * and /.")


def _run(function, *args, words=None):
    """Call the learner's function (call_learner), with 04's words for a matrix product in an elementwise exercise
    and, by crash kind, the words this exercise gives: words={AMBIGUOUS: ...}."""
    def explain(error):
        kind = crash_kind(error)
        if words and kind in words:
            return words[kind]
        return _matmul(error) if kind in (MATMUL, MATMUL_SCALAR) else None

    return call_learner(function, *args, explain=explain)


def _one_per_input(function, got, right, single, shape_hint):
    """The first questions about an answer that has one number per input (04's slopes and probabilities): does the
    function read the notebook's own z, does it give one number for all (single: that number and its hint), and
    has it the shape of right (shape_hint, formatted with the shape it has)?"""
    if not close(got, right):
        blame_notebook_data(function, "z")
    number, hint = single
    if got.size == 1 and close(got.ravel(), [number]):
        raise Hint(hint)
    require_shape(got, right.shape, hint=shape_hint)


# ---- ReLU ------------------------------------------------------------------------------------------------
@check("Your relu keeps positive scores, silences negative ones, works on any shape and leaves its input alone.")
def relu(relu):
    """Check a learner's relu(z) against nnlib.relu, on a list of scores and on a (batch, neurons) matrix."""
    z = np.array([-2.0, -0.5, 0.0, 0.5, 3.0])
    z_before = z.copy()
    got = as_numbers(_run(relu, z, words={AMBIGUOUS: _MAX_HINT, NOT_AN_INDEX: _NP_MAX_HINT, AXIS: _NP_MAX_HINT,
                                          RAGGED: _ZERO_BESIDE_ARRAY}),
                     "what your relu returned")
    mutated = not np.array_equal(z, z_before)
    z, right = z_before, reference.relu(z_before)
    if close(got, z.max()):
        raise Hint(_NP_MAX_HINT)
    if not close(got, right):
        blame_notebook_data(relu, "z")
    require_shape(got, z.shape, hint="Given 5 scores, your relu returned shape {shape}. It should return one output "
                                     "per score, the same shape as z.")
    if not close(got, right):
        mistakes = [
            ((z > 0).astype(float), "Your relu returned 1s and 0s (is z positive?). That on/off mask is ReLU's "
                                    "slope, not ReLU: positive scores should pass through with their size."),
            (np.abs(z), "Negative scores came out positive. ReLU does not flip them, it silences them: 0."),
            (np.where(z > 0, z, 0.01 * z), "Negative scores came out slightly negative: that is leaky ReLU. "
                                           "Plain ReLU sets them to exactly 0."),
            (np.minimum(z, 0), "You kept the negatives and silenced the positives: the other way round."),
            (np.clip(z, 0, 1), "Positive scores should pass unchanged, not be capped at 1."),
            (z, "Your relu returned the scores unchanged: negative scores must become 0."),
            (np.trunc(reference.relu(z)), "0.5 came out as 0: your relu lost the decimals (an int somewhere?). "
                                          "Positive scores pass through unchanged, 0.5 stays 0.5."),
        ]
        name_the_mistake(got, mistakes)
        raise Hint(f"For z = {z.tolist()} ReLU gives {right.tolist()}, but yours gave "
                   f"{np.round(got, 3).tolist()}. Rule: positive passes unchanged, everything else becomes 0.")
    if mutated:
        raise Hint("The outputs are right, but your relu changed the array it was given (something like "
                   "z[z < 0] = 0 writes into the caller's data). The scores may be needed again, e.g. for "
                   "backprop. Work on a copy, or use np.maximum(0, z), which makes a new array.")
    Z = np.array([[-1.0, 2.0, 0.5], [3.0, -4.0, -0.1]])
    try:
        got = as_numbers(_run(relu, Z.copy()), "what your relu returned for a matrix")
    except Hint as h:
        crashed = f" ({type(h.error).__name__})" if h.error is not None else ""
        raise Hint(f"Your relu works on a list of scores but not on a (batch, neurons) matrix{crashed}. "
                   "Use numpy's elementwise tools (np.maximum) rather than a loop over single numbers.") from None
    if not close(got, reference.relu(Z)):
        raise Hint(f"Your relu is right for a row of scores but not for a (2, 3) matrix of them: it returned "
                   f"shape {got.shape}. Let numpy work elementwise: np.maximum(0, z) handles any shape.")


# ---- dead neurons ----------------------------------------------------------------------------------------
# 6 examples (rows) x 5 neurons (columns). Neurons 1 and 3 never fire; example 4 happens to silence everyone.
_A = np.array([
    [0.0, 0.0, 1.2, 0.0, 0.3],
    [0.7, 0.0, 0.0, 0.0, 2.0],
    [0.0, 0.0, 0.4, 0.0, 0.0],
    [1.1, 0.0, 0.9, 0.0, 0.5],
    [0.0, 0.0, 0.0, 0.0, 0.0],
    [0.2, 0.0, 1.5, 0.0, 0.8],
])
_A_SPARSE = np.array([[0.0, 1.0, 0.0, 0.2], [0.0, 0.5, 0.3, 0.0], [0.0, 2.0, 0.0, 0.0]])  # 1 dead, 1 always on
_A_HEALTHY = np.array([[0.0, 1.0, 0.3], [0.5, 0.0, 0.0], [0.0, 0.0, 2.0]])  # nobody is dead here
_A_TWO_DEAD = np.array([[0.0, 1.0, 0.0, 3.0], [0.0, 2.0, 0.0, 1.0]])  # neurons 0 and 2 dead, no silent example
_A_LAST_DEAD = np.array([[1.0, 2.0, 0.0], [3.0, 1.0, 0.0]])  # only the last neuron is dead
_A_ALWAYS_ON = np.array([[1.0, 0.0, 2.0], [2.0, 0.5, 0.0], [3.0, 0.0, 1.0]])  # nobody dead, neuron 0 always fires
_A_SQUARE = np.array([[0.0, 1.0, 0.0], [0.0, 0.0, 2.0], [0.0, 3.0, 0.0]])  # 3 x 3, neuron 0 dead


def _columns_past_the_end(error):
    """The words for a loop over range(A.shape[0]) (the examples) that asks for columns (the neurons)."""
    if isinstance(error, IndexError) and crash_kind(error) is None:
        rows, columns = _A.shape
        return (f"Your function asked for a column past the end (IndexError): this A has {rows} rows (examples) and "
                f"{columns} columns (neurons). Does your loop run over range(A.shape[0]), the examples? The neurons "
                "are A.shape[1]; or skip the loop: (A == 0).all(axis=0).sum().")
    return None


def _probe(count_dead_neurons, A):
    """The learner's count for another batch, or None when that goes wrong (the main check names the problem)."""
    try:
        return _count(_run(count_dead_neurons, A.copy()))
    except Hint:
        return None


def _counts(count, value):
    """True if a probe's count (None when the probe went wrong) is `value`."""
    return count is not None and close(count, float(value))


def _dead_and_alive(A):
    dead = int((A == 0).all(axis=0).sum())
    return dead, A.shape[1] - dead


_NOT_A_COUNT = (
    (YES_NO, "Your function returned {answer}, a yes/no, not a count. Ask the question of each neuron (column) with "
             "axis=0, then count the yeses with .sum()."),
    (str, "Your function returned text ({answer!r}), not a number. Return the count itself: int(silent.sum()), no "
          "str() or f-string."),
    (not_numbers, "Your function returned {type}, not a number. Return how many neurons are dead: int(silent.sum())."),
)


def _count(answer, dead=None):
    """One number from the learner's answer; dead: the positions of the dead neurons, to recognise a list of them."""
    values = as_numbers(answer, kinds=_NOT_A_COUNT)
    if dead is not None and close(values, np.asarray(dead, dtype=float)):
        raise Hint(f"Your function returned the positions of the dead neurons, {np.asarray(dead).tolist()}. "
                   "Right neurons! The question asks how many: count them (len(...) or .sum() of the mask).")
    return one_number(values, "your count", "Your function returned {size} values, not one count. Turn them into one "
                                            "number: count the True values with .sum().")


@check("You found the dead neurons: silent for every example in the batch, so no correction reaches their weights.")
def count_dead_neurons(count_dead_neurons):
    """Check a learner's count_dead_neurons(A): how many columns of the ReLU outputs A are zero in every row."""
    A = _A.copy()
    try:
        answer = _run(count_dead_neurons, A)
    except Hint as h:
        words = _columns_past_the_end(h.error)
        if words:
            raise Hint(words) from None
        raise
    if isinstance(answer, np.ndarray) and answer.size == _A.shape[1]:
        if answer.dtype == bool:
            raise Hint("Your function returned one True/False per neuron. That is the right question, now count "
                       "the answers: add .sum() (and wrap it in int(...) for a plain number).")
        raise Hint("Your function returned one number per neuron (how often each one fires?). Ask each neuron "
                   "a yes/no question instead, is it 0 for every example: (A == 0).all(axis=0), then count the "
                   "yeses with .sum().")
    if isinstance(answer, np.ndarray) and answer.size == _A.shape[0]:
        raise Hint("Your function returned one value per example (row). Neurons are the columns: ask each "
                   "column whether it is zero in every row, with axis=0.")
    got = _count(answer, dead=np.flatnonzero((_A == 0).all(axis=0)))
    if not np.array_equal(A, _A):
        raise Hint("Your function changed the activations it was given. Count without writing into A.")
    batches = [_A, _A_TWO_DEAD, _A_LAST_DEAD, _A_HEALTHY, np.zeros((4, 3))]
    counts = [got] + [_probe(count_dead_neurons, M) for M in batches[1:]]
    if None not in counts:
        truth = [_dead_and_alive(M) for M in batches]
        if len(set(counts)) == 1 and not close(got, 0.0):   # a constant 0 is looked at below
            blame_notebook_data(count_dead_neurons, "A")
            if close(got, 1.0) and "where" in (_source.source(count_dead_neurons) or ""):
                raise Hint("Your count is 1 for every layer: np.where(...) gives a tuple holding one array of "
                           "positions, so len(np.where(...)) is always 1. Count the positions themselves, "
                           "len(np.where(mask)[0]), or simply mask.sum().")
            raise Hint(f"Your function says {got:g} whatever the layer: for these five layers the right counts are "
                       f"{', '.join(str(d) for d, _ in truth)}. Is the answer written in by hand (or taken from the "
                       "notebook's own layer)? Compute it from the A your function is given.")
        if all(close(c, d + 1.0) for c, (d, _) in zip(counts, truth)):
            raise Hint("Your count is always one more than the number of dead neurons: an off-by-one. Does a "
                       "counter start at 1 instead of 0, or is there a + 1 too many?")
        if all(close(c, float(a)) for c, (_, a) in zip(counts, truth)):
            raise Hint("You counted the neurons that are alive. A dead neuron is one that is zero for every example.")
    if counts[1] is not None and close(counts[1], 1.0) and not close(got, 2.0):
        raise Hint("Your count stops too soon: for a layer with 2 dead neurons it says 1. Is the `return` "
                   "inside the loop? Return only after the loop has looked at every neuron.")
    if close(got, 0.0):
        if _counts(_probe(count_dead_neurons, _A_ALWAYS_ON), 1):
            raise Hint("You counted the neurons that fire for every example: np.all(A, axis=0) asks \"is it "
                       "non-zero everywhere?\". Dead is the opposite, zero everywhere: (A == 0).all(axis=0).")
        if _counts(_probe(count_dead_neurons, _A_SQUARE), 1):
            raise Hint("Your count is right only when a layer has as many examples as neurons. Which size did "
                       "you compare with? The examples are the rows, A.shape[0]; the neurons are the columns, "
                       "A.shape[1]. Simplest: (A == 0).all(axis=0).sum().")
    if close(got, float(_A.shape[1])):
        # every neuron: .any instead of .all, or len() of the mask, which counts the noes too. A batch where one
        # neuron always fires tells the two apart.
        sparse = _count(_run(count_dead_neurons, _A_SPARSE.copy()))
        if close(sparse, float(_A_SPARSE.shape[1])):
            raise Hint(f"Your count is {_A.shape[1]}, every neuron in the layer, even for a layer where some "
                       "neurons fire all the time. len(...) of the mask counts every answer, yes or no; count only "
                       "the yeses: .sum().")
    if close(got, 0.0):
        # `< 0` (ReLU outputs are never negative), or np.all without an axis (one question for the whole batch)
        everyone = _count(_run(count_dead_neurons, np.zeros((4, 3))))
        if close(everyone, 1.0):
            raise Hint("Your function asks one question of the whole batch (np.all(...) without an axis), so it "
                       "can only answer 0 or 1. Ask it of each neuron (column): (A == 0).all(axis=0), then .sum().")
    name_the_mistake(got, [
        (1.0, "You counted examples (rows) where every neuron is silent. Neurons are the columns: use axis=0."),
        (0.4, "You returned the fraction of dead neurons. The question asks how many: count them."),
        (40.0, "You returned the percentage of dead neurons (40 of every 100). The question asks how many: count "
               "them, (A == 0).all(axis=0).sum()."),
        (float(np.sum(_A == 0)), "You counted zero entries, one per silent example per neuron. A neuron is dead "
                                 "only when its whole column is zero: (A == 0).all(axis=0)."),
        (float(np.sum((_A == 0).any(axis=0))), "You counted neurons that are silent for at least one example. "
                                               "That is ordinary ReLU sparsity; dead means silent for all of them: "
                                               ".all(axis=0), not .any(axis=0)."),
        (0.0, "Your count is 0, but two of these neurons (columns 1 and 3) output 0 for every example. Test each "
              "column for exactly 0, (A == 0).all(axis=0): ReLU outputs are never negative, so A < 0 finds "
              "nothing."),
    ])
    if not close(got, 2.0):
        raise Hint(f"In this batch 2 neurons are dead, but your function says {got:g}. For each neuron (column) "
                   "ask: is it 0 for every example (row)? Then count the yeses.")
    healthy = _count(_run(count_dead_neurons, _A_HEALTHY.copy()))
    if not close(healthy, 0.0):
        raise Hint(f"For a layer where every neuron fires at least once your function says {healthy:g}. "
                   "Is the answer written in by hand? Compute it from A.")


# ---- sigmoid derivative ----------------------------------------------------------------------------------
@check("Right: sigmoid'(z) = s(1 - s) with s = sigmoid(z). It peaks at 0.25 at z = 0 and vanishes in the tails.")
def sigmoid_derivative(sigmoid_derivative):
    """Check a learner's sigmoid_derivative(z) against nnlib.sigmoid_derivative, including z = +-1000."""
    z = np.array([-10.0, -2.0, -0.5, 0.0, 0.5, 2.0, 10.0])
    no_if = ("`if` and Python's max/min look at one number at a time; on a whole array they cannot decide. No "
             "`if` is needed: s = sigmoid(z), then s * (1 - s) works on every entry.")
    got = as_numbers(_run(sigmoid_derivative, z.copy(), words={AMBIGUOUS: no_if}), "what your function returned")
    right = reference.sigmoid_derivative(z)
    _one_per_input(sigmoid_derivative, got, right, (0.25, "0.25 is the slope at z = 0 only, where it is steepest, and "
                                                          "one number for all seven values of z. Compute it for every "
                                                          "z: s = sigmoid(z), then s * (1 - s)."),
                   "Given 7 values of z your function returned shape {shape}. It should give one slope per value of z, "
                   "the same shape as z.")
    if not close(got, right):
        s = reference.sigmoid(z)
        mistakes = [
            (s * (1 + s), "Almost: it is s(1 - s), with a minus. At z = 0, s = 0.5, so the slope is "
                          "0.5 x 0.5 = 0.25; s(1 + s) would give 0.75."),
            (z * (1 - z), "You used z itself in z(1 - z). The formula needs the sigmoid's output: first "
                          "s = sigmoid(z), then s * (1 - s)."),
            (s, "That is the sigmoid itself, not its slope. Compute s = sigmoid(z), then return s * (1 - s)."),
            (-s * (1 - s), "The sign is flipped: the S-curve only ever goes up, so its slope is positive."),
            (1 - np.tanh(z) ** 2, "That is tanh's derivative. For the sigmoid: s = sigmoid(z), then s * (1 - s)."),
            (1 - s, "You have half of it: multiply by s as well, s * (1 - s)."),
            (s * (1 - z), "You mixed s and z: in s * (1 - z) the second factor should use the output too, "
                          "s * (1 - s)."),
            (s * s, "That is s times s. The second factor is what is missing to 1: s * (1 - s)."),
            (1 - s ** 2, "1 - s² is the shape of tanh's slope (1 - tanh²), here given the sigmoid's output. For the "
                         "sigmoid it is s * (1 - s)."),
            (np.full_like(z, 0.25), "0.25 is the slope at z = 0 only, where it is steepest. Compute it for every z: "
                                    "s = sigmoid(z), then s * (1 - s)."),
        ] + rounded(right, "Your slopes", "s * (1 - s)")
        name_the_mistake(got, mistakes)
        raise Hint(f"At z = 0 the slope should be 0.25, yours is {got[3]:.3f}; at z = 2 it should be "
                   f"{right[5]:.3f}, yours is {got[5]:.3f}. Compute s = sigmoid(z), then return s * (1 - s).")
    big = np.array([-1000.0, 1000.0])
    got_big = as_numbers(_run(sigmoid_derivative, big.copy()), "what your function returned")
    if not close(got_big, reference.sigmoid_derivative(big)):
        raise Hint(f"For z = -1000 and 1000 the curve is completely flat (slope 0), but yours gave "
                   f"{got_big.tolist()}: e^1000 is too big for a float. Compute the sigmoid as "
                   "1 / (1 + np.exp(-z)), or use nnlib.sigmoid, which never overflows.")
    Z = np.array([[0.0, 1.0], [-1.0, 3.0]])
    got_2d = as_numbers(_run(sigmoid_derivative, Z.copy()), "what your function returned for a matrix")
    if not close(got_2d, reference.sigmoid_derivative(Z)):
        raise Hint("Right for a row of values but not for a matrix: write it with numpy arithmetic "
                   "that works elementwise on any shape.")


# ---- softmax ---------------------------------------------------------------------------------------------
_LOGITS = np.array([2.0, 1.0, 0.1])
_BATCH = np.array([[1.0, 2.0, 3.0, 0.5], [0.0, 0.0, 0.0, 0.0], [-1.0, 4.0, 0.5, 2.0]])  # 3 examples, 4 classes
_SQUARE = np.array([[3.0, 1.0, 0.0], [0.0, 0.5, 4.0], [2.0, 2.0, -1.0]])


_SOFTMAX_CRASHES = {
    AXIS: ("Your softmax asks for an axis that a single example (a 1-D row of logits) does not have. Use axis=-1, "
           "the last axis: it is the classes, whatever the shape."),
    AMBIGUOUS: ("Python's max(z) and sum(z) go through a batch row by row and cannot compare whole rows. Use "
                "numpy's, along the class axis: z.max(axis=-1, keepdims=True) and e.sum(axis=-1, keepdims=True)."),
    BROADCAST: ("Shapes did not line up: z.max(axis=-1) and e.sum(axis=-1) lose the class axis, so a (3, 4) batch "
                "becomes a (3,) vector that numpy cannot line up with the rows. Add keepdims=True to both."),
    SOFTMAX_KEYWORD: ("nnlib.softmax takes the logits alone (it always works along the last axis, the classes), "
                      "so it has no axis= to give. Better still, write it yourself, as the exercise asks: "
                      "e = np.exp(z - z.max(axis=-1, keepdims=True)), then e / e.sum(axis=-1, keepdims=True)."),
}


# large logits that only the right shift survives: (z, what they are, the hint when they come out wrong)
_SHIFTS = (
    (np.array([1000.0, -1000.0, 0.0]), "large logits",
     "For logits [1000, -1000, 0] your softmax returned nan or wrong numbers. Shifting by the mean (or the smallest "
     "logit) is not enough: it is the largest logit that must become 0, so that no e^z can exceed 1. Subtract "
     "z.max(axis=-1, keepdims=True)."),
    (np.array([[1000.0, 999.0, 0.0], [0.0, -1.0, -2.0]]), "a batch of large logits",
     "In a batch whose rows are [1000, 999, 0] and [0, -1, -2], your second row came out wrong (nan or 0s). You "
     "subtracted the largest logit of the whole batch, which pushes the small row down to e^-1000 = 0. Subtract each "
     "row's own max: z.max(axis=-1, keepdims=True)."),
)


def _softmax_call(softmax, z, what):
    z_before = z.copy()
    got = as_numbers(_run(softmax, z, words=_SOFTMAX_CRASHES), what)
    if not np.array_equal(z, z_before):
        raise Hint("Your softmax changed the logits it was given (z -= ... writes into the caller's array). "
                   "Write z = z - z.max(axis=-1, keepdims=True) instead: it makes a new array.")
    return got


@check("A stable softmax: every row is positive and sums to 1, even for logits like 1000.")
def softmax(softmax):
    """Check a learner's softmax(z) against nnlib.softmax: a vector, a batch, a square batch, huge logits."""
    got = _softmax_call(softmax, _LOGITS.copy(), "what your softmax returned")
    right = reference.softmax(_LOGITS)
    argmax = ("Your softmax returned one number, the position of the largest logit (argmax): that is the verdict, not "
              "the probabilities. Return one probability per class: e / e.sum(...).")
    _one_per_input(softmax, got, right, (float(_LOGITS.argmax()), argmax),
                   "Given 3 logits your softmax returned shape {shape}: it should return 3 probabilities, one per "
                   "class.")
    if not close(got, right):
        e, shifted = np.exp(_LOGITS), _LOGITS - _LOGITS.max()
        no_exponential = ("You divided the logits by their total, but skipped the exponential. Logits can be "
                          "negative; e^z makes every score positive first. Then divide by the total.")
        name_the_mistake(got, [
            (e, "You exponentiated, but the results do not sum to 1 yet: divide by their total."),
            (_LOGITS / _LOGITS.sum(), no_exponential),
            (shifted / shifted.sum(), no_exponential),
            (np.exp(shifted), "These are e^(z - max): right so far, but they do not add up to 1 yet (the largest is "
                              "1). Divide by their total: e / e.sum(axis=-1, keepdims=True)."),
            (e / _LOGITS.sum(), "You divided e^z by the total of the logits. Divide by the total of the e^z values "
                                "themselves: e / e.sum(axis=-1, keepdims=True)."),
            (reference.softmax(-_LOGITS), "The largest logit got the smallest probability: a sign is flipped. Use "
                                          "e^(z - max), np.exp(z - z.max(axis=-1, keepdims=True)), not e^-z."),
            (reference.sigmoid(_LOGITS), "You put each logit through the sigmoid on its own, so the results do not "
                                         "share 1 between them. Softmax divides each e^z by the total of all of "
                                         "them: e / e.sum(axis=-1, keepdims=True)."),
            ((_LOGITS == _LOGITS.max()).astype(float), "You gave all the probability to the largest logit (a "
                                                       "one-hot, like argmax). Softmax shares it out: e^z for "
                                                       "every logit, divided by their total."),
            (np.log(right), "These are log-probabilities (a log-softmax): negative numbers. Softmax returns the "
                            "probabilities themselves: e / e.sum(axis=-1, keepdims=True)."),
        ] + rounded(right, "Your probabilities", "e / e.sum(...)"))
        raise Hint(f"For logits {_LOGITS.tolist()} softmax gives {np.round(right, 3).tolist()}, yours gave "
                   f"{np.round(got, 3).tolist()}. Recipe: e = np.exp(z - max), then e / e.sum().")
    got = _softmax_call(softmax, _BATCH.copy(), "what your softmax returned for a batch")
    if got.shape != _BATCH.shape:
        blame_notebook_data(softmax, "z")
        raise Hint(f"For a batch of 3 examples x 4 classes your softmax returned shape {got.shape}; it should "
                   "keep the shape: one row of probabilities per example.")
    if not close(got, reference.softmax(_BATCH)):
        if close(got.sum(axis=0), np.ones(got.shape[1])):
            raise Hint("Each column of your output sums to 1, but rows are examples: each ROW should sum to 1. "
                       "Use axis=-1 (the class axis), with keepdims=True.")
        if close(got.sum(), 1.0):
            raise Hint("The whole batch sums to 1 together. Each example needs its own probabilities: sum "
                       "over the class axis only, e.sum(axis=-1, keepdims=True).")
        raise Hint("Right for one example but not for a batch of them (rows are examples). Take the max and "
                   "the sum along axis=-1 with keepdims=True.")
    got = _softmax_call(softmax, _SQUARE.copy(), "what your softmax returned for a batch")
    if not close(got, reference.softmax(_SQUARE)):
        raise Hint("Right for a 3 x 4 batch but not for a 3 x 3 one: a square batch lets a missing "
                   "keepdims=True slip through silently (numpy lines the row maxima up with the columns). "
                   "Add keepdims=True to the max and the sum.")
    huge = np.array([1000.0, 999.0, 998.0])
    got = _softmax_call(softmax, huge.copy(), "what your softmax returned for large logits")
    if not np.all(np.isfinite(got)):
        raise Hint("For logits [1000, 999, 998] your softmax returned nan: e^1000 is infinity for a computer, "
                   "and infinity / infinity is nan. Subtract the largest logit first, e = np.exp(z - z.max(...)); "
                   "it changes nothing mathematically, because the extra factor cancels in the division.")
    if not close(got, reference.softmax(huge)):
        raise Hint(f"For logits [1000, 999, 998] the answer is {np.round(reference.softmax(huge), 3).tolist()}, "
                   f"yours is {np.round(got, 3).tolist()}.")
    for z, what, wrong in _SHIFTS:
        got = _softmax_call(softmax, z.copy(), f"what your softmax returned for {what}")
        if not (np.all(np.isfinite(got)) and close(got, reference.softmax(z))):
            raise Hint(wrong)
