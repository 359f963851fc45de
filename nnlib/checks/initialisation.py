"""Checks for the exercises of 10_first_weights: a start where every weight of a layer is the same number, the
std that keeps ten ReLU layers level, He's formula, and the neurons that are dead from the start.

    from nnlib.checks import initialisation as check
    check.symmetric_start(constant_weights)
"""

import inspect

import numpy as np

from ..datasets import digits_split
from ..network import MLP
from ._answers import as_numbers, close, first_text, name_the_mistake, one_number, require_filled, typed_number
from ._feedback import BROADCAST, MATMUL, RAGGED, Hint, call_learner, check, crash_kind

WIDGET_SIZES = [64] + [32] * 10 + [10]  # the explorer's network: ten hidden ReLU layers of 32


def _batch():
    X_train, _, y_train, _ = digits_split()
    return X_train[:200], y_train[:200]


def _rms_per_layer(std, sizes=WIDGET_SIZES, X=None, seed=0):
    X = _batch()[0] if X is None else X
    net = MLP(sizes, seed=seed, init=float(std))
    with np.errstate(all="ignore"):
        return np.array([np.sqrt(np.mean(a * a)) for a in net.layer_outputs(X)[:-1]])


# ---- exercise 1: equal starts stay equal ------------------------------------------------------------------------

_NOT_A_MATRIX = (
    (type(None), "Matrix {k} of your list is None. If you filled it with array.fill(value): fill works in place and "
                 "returns None. np.full((n_in, n_out), value) returns the filled matrix."),
    (lambda W: isinstance(W, tuple) and any(isinstance(part, np.ndarray) for part in W),
     "Item {k} of your list is a tuple of {n} things. Return just the weight matrices, one per layer (the biases are "
     "not part of this exercise)."),
    (lambda W: first_text(W) is not None, "Matrix {k} holds text (strings such as {text!r}), not numbers. Fill it "
                                          "with the number itself: np.full((n_in, n_out), value), without str(...) "
                                          "or quotes."),
)


def _cuts_decimals(constant_weights):
    """Does the learner's function give whole numbers for value 2.5 (2: dtype=int), rather than a value of its own?"""
    try:
        first = np.asarray(call_learner(constant_weights, [3, 4, 2], 2.5)[0])
    except Exception:  # whatever went wrong is named elsewhere; this only tells dtype=int from a constant written in
        return False
    return first.size > 0 and np.issubdtype(first.dtype, np.integer) and first.flat[0] == 2


def _weight_list(constant_weights, layer_sizes, value):
    result = call_learner(constant_weights, list(layer_sizes), value)
    if isinstance(result, MLP):
        raise Hint("Your function returns a whole network. Return just its weights: a list with one matrix per "
                   "layer, e.g. [np.full((64, 16), value), np.full((16, 10), value)].")
    if isinstance(result, np.ndarray) and result.dtype != object:
        raise Hint(f"Your function returns one array of shape {result.shape}, but a network has a weight matrix "
                   "per layer: return a list of them, one for each pair of neighbouring layer sizes.")
    if inspect.isgenerator(result):
        raise Hint("Your function returns a generator: a `for` inside round brackets makes one. Put square brackets "
                   "around it to get the list itself, [np.full((n_in, n_out), value) for ...].")
    if not isinstance(result, (list, tuple)):
        raise Hint(f"Return a list of weight matrices, one per layer, but you returned {type(result).__name__}.")
    if len(result) == 2 and all(isinstance(part, (list, tuple)) and len(part) and
                                all(isinstance(item, np.ndarray) for item in part) for part in result):
        raise Hint("Your function returns two lists of arrays (the weights and the biases?). Return only the list of "
                   "weight matrices, one per layer: the biases are not part of this exercise.")
    n_layers = len(layer_sizes) - 1
    if len(result) != n_layers:
        raise Hint(f"layer_sizes {list(layer_sizes)} has {n_layers} layers of weights (one between each pair of "
                   f"neighbouring sizes), but your list has {len(result)} "
                   f"{'matrix' if len(result) == 1 else 'matrices'}.")
    matrices = []
    for k, (W, n_in, n_out) in enumerate(zip(result, layer_sizes[:-1], layer_sizes[1:])):
        whole = isinstance(W, np.ndarray) and np.issubdtype(W.dtype, np.integer)
        W = as_numbers(W, f"matrix {k + 1} of your list", _NOT_A_MATRIX, k=k + 1, text=first_text(W))
        if W.shape == (n_out, n_in) and n_in != n_out:
            raise Hint(f"Matrix {k + 1} has shape {W.shape}, the transpose: in nnlib W has one row per input and "
                       f"one column per neuron, shape (n_in, n_out) = ({n_in}, {n_out}).")
        if W.shape != (n_in, n_out):
            raise Hint(f"Matrix {k + 1} should have shape (n_in, n_out) = ({n_in}, {n_out}), but it has shape "
                       f"{W.shape}. Build each from a pair of neighbouring sizes: zip(layer_sizes[:-1], "
                       "layer_sizes[1:]).")
        matrices.append((W, whole))
    for k, (W, whole) in enumerate(matrices):
        if np.ptp(W) > 1e-12:
            if k == 0:
                raise Hint("The weights of the first layer are not all the same number: they look random. Random "
                           "starts are the cure; this exercise builds the disease: every weight of a layer the same "
                           "number (np.full(shape, value)).")
            raise Hint(f"The first layer is all one number, but layer {k + 1}'s weights differ. Then each hidden "
                       "neuron passes its output on with different weights, gets a different share of the blame, "
                       "and the neurons drift apart. Make every layer constant.")
        if abs(W.flat[0] - value) > 1e-12:
            cut = whole and float(value) != int(value) and _cuts_decimals(constant_weights)
            raise Hint(f"Matrix {k + 1} holds whole numbers (dtype=int), so {value:g} was cut down to {W.flat[0]:g}. "
                       "Leave out dtype=int: np.full((n_in, n_out), value) keeps it a float." if cut else
                       f"Every weight of layer {k + 1} is {W.flat[0]:g}, but the function was asked for value = "
                       f"{value:g}. Use the value you are given: np.full((n_in, n_out), value).")
    return [W for W, _ in matrices]


@check("Every weight of a layer the same number: after 10 epochs of training the 16 hidden neurons still have "
       "identical weights. 16 neurons doing the work of one.")
def symmetric_start(constant_weights):
    for sizes, value in (([3, 4, 2], 0.7), ([5, 2, 3], -0.2)):
        _weight_list(constant_weights, sizes, value)
    weights = _weight_list(constant_weights, [64, 16, 10], 0.1)
    X, _, y, _ = digits_split()
    net = MLP([64, 16, 10], activation="sigmoid", seed=0)
    net.weights = weights
    net.fit(X, y, epochs=10, lr=0.1, batch_size=32, seed=0)
    W1, W2 = net.weights
    if close(W1, weights[0]):
        raise Hint("The weights never moved in training, so this shows a stuck network, not symmetry.")
    if np.ptp(W1, axis=1).max() > 1e-9 or np.ptp(W2, axis=0).max() > 1e-9:  # pragma: no cover (the maths forbids it)
        raise Hint("After training the hidden neurons differ: the start was not symmetric.")


# ---- exercise 2: the std that keeps ReLU activations level --------------------------------------------------------

@check("Level: with that std the ReLU activations keep their size through all ten layers (the largest within "
       "a factor of 2 of the smallest). That is He's std for 32 inputs: sqrt(2 / 32) = 0.25.")
def level_std(relu_std):
    require_filled(relu_std, "relu_std", "set it to the std you found on the slider, e.g. relu_std = 0.1")
    typed_number(relu_std, "relu_std", "the std you read on the slider, such as relu_std = 0.1")
    if callable(relu_std):
        raise Hint(f"relu_std is a function ({getattr(relu_std, '__name__', type(relu_std).__name__)}), but the check "
                   "needs the number you found on the slider, such as relu_std = 0.1.")
    if hasattr(relu_std, "value") and not isinstance(relu_std, np.ndarray):
        raise Hint(f"relu_std is a {type(relu_std).__name__}, a control, not the number it shows: read the std off "
                   "the slider and write it in, such as relu_std = 0.1.")
    std = as_numbers(relu_std, "the value of relu_std")
    if std.ndim != 0:
        raise Hint(f"relu_std should be one number, the std you found on the slider, but it has shape {std.shape}.")
    std = float(std)
    if not np.isfinite(std) or std <= 0:
        raise Hint(f"A standard deviation is a positive number, but relu_std is {std:g}.")
    name_the_mistake(std, [
        (np.sqrt(2 / 64), f"{std:.3g} is about sqrt(2 / 64) = 0.177: right for the first layer, whose inputs are "
                          "the 64 pixels, but layers 2 to 10 have 32 inputs each. Look at the slider again with the "
                          "ReLU network."),
        (2 / 32, f"{std:g} is 2 / 32: a variance, not a standard deviation. The slider's std is its square root."),
    ], same=lambda a, b: close(a, b, rtol=0.03))
    rms = _rms_per_layer(std)
    if not np.all(np.isfinite(rms)) or rms.max() / rms.min() >= 2:
        direction = "shrink" if rms[-1] < rms[0] else "grow"
        advice = "a larger" if direction == "shrink" else "a smaller"
        raise Hint(f"With std {std:g} the activations {direction}: typical size {rms[0]:.2g} in layer 1, "
                   f"{rms[-1]:.2g} in layer 10. Try {advice} std, and watch the left-hand plot go flat.")


# ---- exercise 3: He's formula ------------------------------------------------------------------------------------

HE_SIZES = (16, 32, 64, 100, 784)


def _he_values(he_std):
    several = "{what} should be one number, a standard deviation, but it has shape {shape}."
    text = ((str, "{what} returns the text {answer!r}: return the number itself, not a string of it (no str(...) or "
                  "f-string around np.sqrt(...))."),)
    return np.array([one_number(call_learner(he_std, n), f"he_std({n})", several, kinds=text, scalar=True)
                     for n in HE_SIZES])


@check("sqrt(2 / n_in): He's std. The 2 makes up for the half of z's mean square that ReLU throws away.")
def he_std(he_std):
    got, n = _he_values(he_std), np.array(HE_SIZES, dtype=float)
    right = np.sqrt(2 / n)
    if close(got, right):
        return
    if not close(_he_values(he_std), got):
        raise Hint("he_std gives a different number each time it is called with the same n_in: it draws a random "
                   "weight. Return the std itself, the spread the weights are drawn with, not a draw.")
    if close(got, np.full_like(got, got[0])):
        raise Hint(f"he_std gives {got[0]:g} whatever n_in is. The right std depends on how many inputs add up "
                   "in z: more inputs, smaller weights.")
    if np.abs(got - right).max() <= 0.0051:
        raise Hint(f"he_std(64) gives {got[2]:g}, sqrt(2 / 64) = {right[2]:.6f} rounded. Return the exact value; "
                   "round only when you print it.")
    name_the_mistake(got, [
        (2 / n, "he_std(n_in) = 2 / n_in is the variance Var(w). The std is its square root: np.sqrt(2 / n_in)."),
        (np.sqrt(1 / n), "sqrt(1 / n_in) is LeCun's std: it keeps z's mean square equal to the inputs', but ReLU "
                         "then keeps only half of it, so the activations' mean square halves layer after layer. "
                         "Double the variance."),
        (1 / n, "That is 1 / n_in. If you wrote (2 / n_in) ** 1/2: Python does ** before /, so it means "
                "((2 / n_in) ** 1) / 2. Write (2 / n_in) ** 0.5 or np.sqrt(2 / n_in); otherwise solve "
                "n_in Var(w) / 2 = 1 for Var(w), then take the square root."),
        (2 / np.sqrt(n), "2 / n_in ** 0.5 (or 2 * sqrt(1 / n_in)) takes the square root of n_in but not of the 2 "
                         "(** comes before /): the 2 doubles the variance, not the std. Write (2 / n_in) ** 0.5 or "
                         "np.sqrt(2 / n_in)."),
        (np.sqrt(2) / n, "sqrt(2) / n_in takes the square root of the 2 but not of n_in: use np.sqrt(2 / n_in)."),
        (np.sqrt(n / 2), "That is the formula upside down: sqrt(n_in / 2). More inputs need smaller weights: "
                         "np.sqrt(2 / n_in)."),
        (np.sqrt(2 * n), "sqrt(2 * n_in) grows with n_in, but more inputs need smaller weights: divide, "
                         "np.sqrt(2 / n_in)."),
    ])
    raise Hint(f"he_std({HE_SIZES[2]}) gives {got[2]:.4g}, but the std that keeps ReLU activations level is "
               f"sqrt(2 / {HE_SIZES[2]}) = {right[2]:.4g}. Solve n_in Var(w) / 2 = 1.")


# ---- exercise 4: dead from the start ------------------------------------------------------------------------------

def _dead(Z):
    """The columns (neurons) of Z whose every entry (example) is <= 0."""
    return np.flatnonzero((Z <= 0).all(axis=0))


_WHOLE = (int, np.integer, np.bool_)  # one whole number (a count, or a True/False), Python's or numpy's
_NOT_INDICES = (
    (_WHOLE, "{What} is the number {number}. Return the neurons' indices instead (np.flatnonzero of your True/False "
             "row), so that len() of it is the count."),
    (str, "{What} is text (a str). Return the indices themselves: np.flatnonzero(...) gives an array of them."),
    (lambda result: isinstance(result, tuple) and len(result) == 1,
     "{What} is a tuple holding one array: np.where gives one array per axis. Take its [0], or use "
     "np.flatnonzero(...), which gives the indices directly."),
)


def _as_indices(result, n_neurons, what):
    """The neuron indices the learner's function gave, sorted, or a Hint for an answer of another kind (what: how the
    hint names the answer)."""
    if isinstance(result, (set, frozenset)):
        result = sorted(result)
    indices = as_numbers(result, what, _NOT_INDICES, What=what.capitalize(),
                         number=int(result) if isinstance(result, _WHOLE) else None)
    if indices.dtype == bool or (indices.ndim == 1 and len(indices) == n_neurons and set(np.unique(indices)) <= {0, 1}
                                 and n_neurons > 8):
        raise Hint(f"{what.capitalize()} is a True/False per neuron. Return the indices of the dead ones: "
                   "np.flatnonzero(...).")
    if indices.ndim != 1:
        raise Hint(f"Return a 1-D array of neuron indices, but {what} has shape {indices.shape}.")
    return np.sort(indices.astype(int))


OUTPUT_LAYER = ("Your function looks at the output layer (net.weights[-1] and net.biases[-1]: its 10 neurons give "
                "the digits' scores). The neurons that can be dead from the start are the hidden ones: use the first "
                "layer, Z = X @ net.weights[0] + net.biases[0].")


def _looks_at_the_output_layer(dead_from_the_start, X):
    """Does the learner's function find the output layer's dead neurons? A probe network whose output neurons 2 and 7
    are pushed far below 0 (and whose one hidden layer has 64 neurons, so that X @ net.weights[-1] fits too)."""
    probe = MLP([64, 64, 10], seed=4)
    probe.biases = [np.zeros(64), np.where(np.isin(np.arange(10), (2, 7)), -100.0, 0.0)]
    try:
        got = _as_indices(call_learner(dead_from_the_start, probe, X), 64, "the answer")
    except Hint:
        return False
    hidden = probe.layer_outputs(X)[0]
    return any(np.array_equal(got, _dead(Z)) for Z in (X @ probe.weights[-1] + probe.biases[-1],
                                                       hidden @ probe.weights[-1] + probe.biases[-1]))


def _cases():
    """(network, X, its name in a hint): 08's network, one with biases not 0, a few digits, and one whose neurons 2
    and 5 have every weight 0 (their z is exactly 0 for every digit: dead, as in the zeros start)."""
    X_train = digits_split()[0]
    net = MLP([64, 128, 10], seed=0)  # 08's network at its start
    biased = MLP([64, 12, 10], seed=6)
    biased.biases = [np.linspace(-1.5, 0.6, 12), np.zeros(10)]  # some neurons pushed off, some on
    silent = MLP([64, 8, 10], seed=1)
    W = silent.weights[0].copy()
    W[:, [2, 5]] = 0.0
    silent.weights = [W, silent.weights[1]]
    silent.biases = [np.where(np.arange(8) == 6, -20.0, 0.0), np.zeros(10)]  # neuron 6 far below 0
    return ((net, X_train, "For 08's starting network and the training digits"),
            (biased, X_train[:300], "For a 12-neuron network with some biases not 0, on 300 digits,"),
            (net, X_train[:5], "For 08's starting network and just 5 digits"),
            (silent, X_train[:300], "For an 8-neuron network whose neurons 2 and 5 have every weight 0, on 300 "
                                    "digits,"))


SHAPES = ("net.weights[0] is (64, n_hidden), one column per hidden neuron, and X is (examples, 64), one digit per "
          "row: Z = X @ net.weights[0] + net.biases[0], shape (examples, n_hidden).")
EXPLAIN_DEAD = {MATMUL: f"The shapes do not fit for the matrix product. {SHAPES}",
                BROADCAST: f"The shapes do not fit together. {SHAPES}",
                RAGGED: ("net.weights and net.biases are lists, one array per layer, so numpy cannot use either as "
                         "one array. The first layer's are net.weights[0] and net.biases[0].")}


def _dead_answer(dead_from_the_start, model, X):
    """The learner's indices for one case, sorted; a crash or an answer that is not indices becomes a Hint."""
    try:
        answer = call_learner(dead_from_the_start, model, X, explain=EXPLAIN_DEAD)
    except Hint as h:
        if crash_kind(h.error) in (MATMUL, BROADCAST) and _looks_at_the_output_layer(dead_from_the_start, X[:300]):
            raise Hint(OUTPUT_LAYER) from None
        if model.layer_sizes[1] != 128 and isinstance(h.error, IndexError):
            raise Hint("Your function works for 08's network but crashes on another with fewer hidden neurons: "
                       "did you write 128 (or 1347) into it? Take the sizes from net and X (Z.shape[1]).") from None
        raise
    return _as_indices(answer, model.layer_sizes[1], "your function's answer")


def _mistake_named(got, model, X, name, dead_08, X_train, only=None):
    """(the hint for a wrong answer `got` on one case when it is one of the usual mistakes, else None; the usual
    mistakes this case cannot show, their answer being right or empty here). only: look for these mistakes alone."""
    W, b = model.weights[0], model.biases[0]
    Z = model.pre_activations(X)[0]
    right = _dead(Z)
    if only is None and len(model.biases[0]) != 128 and np.array_equal(got, dead_08):
        return (f"Your function gives 08's answer, {got.tolist()}, for another network too: compute it from the net "
                "and X it is given, not from numbers written in."), set()
    if only is None and len(X) < len(X_train) and np.array_equal(got, _dead(model.pre_activations(X_train)[0])):
        return (f"Your function counts over all 1,347 training digits, not over the X it is given ({len(X)} of them "
                "here): use the arguments net and X, not the notebook's X_train."), set()
    mistakes = [
        (np.flatnonzero((Z < 0).all(axis=0)),
         "Neurons 2 and 5 of the test network have every weight 0, so their z is exactly 0 for every digit, and your "
         "function did not count them. ReLU gives 0 and slope 0 at z = 0: they pass on nothing and get no blame, "
         "dead too (like section 1's zeros start). Use z <= 0, not z < 0."),
        (np.flatnonzero((Z <= 0).any(axis=0)),
         "You found the neurons that are off for at least one example (.any). A dead neuron is off for every "
         "example: use .all(axis=0)."),
        (_dead(X @ W), "Close, but you left out the bias: z = X @ W + b. (At 08's start the biases are all 0, so the "
                       "test uses a network whose biases are not.)"),
        (_dead(X @ W - b), "You subtracted the bias: z = X @ W + b, with a plus."),
        (right + 1, f"Off by one: you found {got[:8].tolist()}, each index 1 too high. Python counts from 0, and so "
                    "does np.flatnonzero: return its indices as they are."),
        (np.flatnonzero(Z.sum(axis=0) <= 0),
         "You tested each neuron's total (or average) z over the examples. A neuron whose z adds up to less than 0 "
         "can still fire for some digits, and then it is not dead: dead means every entry of its column is <= 0, "
         "(Z <= 0).all(axis=0)."),
        (np.flatnonzero((Z > 0).all(axis=0)),
         "Those are the neurons that fire for every example, the opposite: dead means z <= 0 for all."),
        (np.flatnonzero((Z <= 0).all(axis=1)),
         "Your indices run over the examples, not the neurons: check `.all(axis=0)` (down each column, over the "
         "examples) rather than axis=1."),
    ]
    # a mistake whose answer is right (or empty) on this case cannot be told from the right answer (or another
    # empty one) here: it is left out, and looked for on the next cases
    shown = [k for k, (wrong, _) in enumerate(mistakes) if len(wrong) and not np.array_equal(wrong, right)]
    hidden = set(range(len(mistakes))) - set(shown)
    try:
        name_the_mistake(got, [mistakes[k] for k in shown if only is None or k in only], same=np.array_equal)
    except Hint as h:
        return str(h), hidden
    return None, hidden


@check("Dead from the start: z <= 0 for every example, so ReLU passes these neurons neither signal nor blame, "
       "and training never moves them.")
def dead_from_the_start(dead_from_the_start):
    X_train = digits_split()[0]
    cases = _cases()
    dead_08 = _dead(cases[0][0].pre_activations(X_train)[0])
    for k, (model, X, name) in enumerate(cases):
        got = _dead_answer(dead_from_the_start, model, X)
        right = _dead(model.pre_activations(X)[0])
        if np.array_equal(got, right):
            continue
        # name the mistake here if it shows here, else (one this case cannot show) on a later case where it does
        words, hidden = _mistake_named(got, model, X, name, dead_08, X_train)
        for later, X_later, name_later in cases[k + 1:]:
            if words is not None or not hidden:
                break
            try:
                got_later = _dead_answer(dead_from_the_start, later, X_later)
            except Hint:
                continue
            if not np.array_equal(got_later, _dead(later.pre_activations(X_later)[0])):
                words, still_hidden = _mistake_named(got_later, later, X_later, name_later, dead_08, X_train,
                                                     only=hidden)
                hidden &= still_hidden
        if words is not None:
            raise Hint(words)
        if _looks_at_the_output_layer(dead_from_the_start, X[:300]):
            raise Hint(OUTPUT_LAYER)
        n = model.layer_sizes[1]
        if len(got) and got.max() >= n:
            raise Hint(f"Your indices go up to {got.max()}, but there are only {n} hidden neurons here (0 to {n - 1}): "
                       "they run over the examples, not the neurons. Check `.all(axis=0)` (down each column, over "
                       "the examples) rather than axis=1.")
        if not len(got):
            raise Hint(f"{name} {len(right)} of the {n} hidden neurons are dead, {right[:8].tolist()}, but your "
                       "function found none. Compute Z = X @ net.weights[0] + net.biases[0] (the first hidden "
                       "layer), then the columns where every entry is <= 0.")
        raise Hint(f"{name} the dead neurons are {len(right)} of {n}, but your function found {len(got)}: "
                   f"{got[:8].tolist()}. Compute Z = X @ net.weights[0] + net.biases[0], then the columns where "
                   "every entry is <= 0.")
