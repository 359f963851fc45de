"""Checks for the exercises of 10_first_weights: a start where every weight of a layer is the same number, the
std that keeps ten ReLU layers level, He's formula, and the neurons that are dead from the start.

    from nnlib.checks import initialisation as check
    check.symmetric_start(constant_weights)
"""

import numpy as np

from ..datasets import digits_split
from ..network import MLP
from ._feedback import BROADCAST, MATMUL, RAGGED, Hint, as_numbers, call_learner, check, is_stub

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

def _weight_list(constant_weights, layer_sizes, value):
    result = call_learner(constant_weights, list(layer_sizes), value)
    if isinstance(result, MLP):
        raise Hint("Your function returns a whole network. Return just its weights: a list with one matrix per "
                   "layer, e.g. [np.full((64, 16), value), np.full((16, 10), value)].")
    if isinstance(result, np.ndarray) and result.dtype != object:
        raise Hint(f"Your function returns one array of shape {result.shape}, but a network has a weight matrix "
                   "per layer: return a list of them, one for each pair of neighbouring layer sizes.")
    if not isinstance(result, (list, tuple)):
        raise Hint(f"Return a list of weight matrices, one per layer, but you returned {type(result).__name__}.")
    n_layers = len(layer_sizes) - 1
    if len(result) != n_layers:
        raise Hint(f"layer_sizes {list(layer_sizes)} has {n_layers} layers of weights (one between each pair of "
                   f"neighbouring sizes), but your list has {len(result)} matrices.")
    matrices = []
    for k, (W, n_in, n_out) in enumerate(zip(result, layer_sizes[:-1], layer_sizes[1:])):
        whole = isinstance(W, np.ndarray) and np.issubdtype(W.dtype, np.integer)
        W = as_numbers(W, f"matrix {k + 1} of your list")
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
            if whole and float(value) != int(value):
                raise Hint(f"Matrix {k + 1} holds whole numbers (dtype=int), so {value:g} was cut down to "
                           f"{W.flat[0]:g}. Leave out dtype=int: np.full((n_in, n_out), value) keeps it a float.")
            raise Hint(f"Every weight of layer {k + 1} is {W.flat[0]:g}, but the function was asked for value = "
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
    if np.allclose(W1, weights[0]):
        raise Hint("The weights never moved in training, so this shows a stuck network, not symmetry.")
    if np.ptp(W1, axis=1).max() > 1e-9 or np.ptp(W2, axis=0).max() > 1e-9:  # pragma: no cover (the maths forbids it)
        raise Hint("After training the hidden neurons differ: the start was not symmetric.")


# ---- exercise 2: the std that keeps ReLU activations level --------------------------------------------------------

@check("Level: with that std the ReLU activations keep their size through all ten layers (the largest within "
       "a factor of 2 of the smallest). That is He's std for 32 inputs: sqrt(2 / 32) = 0.25.")
def level_std(relu_std):
    if is_stub(relu_std):
        raise Hint("relu_std is still empty: set it to the std you found on the slider, e.g. relu_std = 0.1.")
    std = as_numbers(relu_std, "relu_std")
    if std.ndim != 0:
        raise Hint(f"relu_std should be one number, the std you found on the slider, but it has shape {std.shape}.")
    std = float(std)
    if not np.isfinite(std) or std <= 0:
        raise Hint(f"A standard deviation is a positive number, but relu_std is {std:g}.")
    if abs(std - np.sqrt(2 / 64)) < 0.005:
        raise Hint(f"{std:.3f} is sqrt(2 / 64): right for the first layer, whose inputs are the 64 pixels, but "
                   "layers 2 to 10 have 32 inputs each. Look at the slider again with the ReLU network.")
    if abs(std - 2 / 32) < 0.002:
        raise Hint(f"{std:g} is 2 / 32: a variance, not a standard deviation. The slider's std is its square root.")
    rms = _rms_per_layer(std)
    if not np.all(np.isfinite(rms)) or rms.max() / rms.min() >= 2:
        direction = "shrink" if rms[-1] < rms[0] else "grow"
        advice = "a larger" if direction == "shrink" else "a smaller"
        raise Hint(f"With std {std:g} the activations {direction}: typical size {rms[0]:.2g} in layer 1, "
                   f"{rms[-1]:.2g} in layer 10. Try {advice} std, and watch the left-hand plot go flat.")


# ---- exercise 3: He's formula ------------------------------------------------------------------------------------

@check("sqrt(2 / n_in): He's std. The 2 makes up for the half of z's mean square that ReLU throws away.")
def he_std(he_std):
    sizes = (16, 32, 64, 100, 784)
    got = []
    for n in sizes:
        value = as_numbers(call_learner(he_std, n), f"he_std({n})")
        if value.ndim != 0:
            raise Hint(f"he_std({n}) should be one number, a standard deviation, but it has shape {value.shape}.")
        got.append(float(value))
    got, n = np.array(got), np.array(sizes, dtype=float)
    if np.allclose(got, np.sqrt(2 / n)):
        return
    if np.allclose(got, got[0]):
        raise Hint(f"he_std gives {got[0]:g} whatever n_in is. The right std depends on how many inputs add up "
                   "in z: more inputs, smaller weights.")
    if np.allclose(got, 2 / n):
        raise Hint("he_std(n_in) = 2 / n_in is the variance Var(w). The std is its square root: np.sqrt(2 / n_in).")
    if np.allclose(got, np.sqrt(1 / n)):
        raise Hint("sqrt(1 / n_in) is LeCun's std: it keeps z's mean square equal to the inputs', but ReLU "
                   "then keeps only half of it, so the activations' mean square halves layer after layer. "
                   "Double the variance.")
    if np.allclose(got, 1 / n):
        raise Hint("That is 1 / n_in. If you wrote (2 / n_in) ** 1/2: Python does ** before /, so it means "
                   "((2 / n_in) ** 1) / 2. Write (2 / n_in) ** 0.5 or np.sqrt(2 / n_in); otherwise solve "
                   "n_in Var(w) / 2 = 1 for Var(w), then take the square root.")
    if np.allclose(got, 2 / np.sqrt(n)):
        raise Hint("2 / n_in ** 0.5 takes the square root of n_in but not of the 2 (** comes before /): write "
                   "(2 / n_in) ** 0.5 or np.sqrt(2 / n_in).")
    if np.allclose(got, np.sqrt(2) / n):
        raise Hint("sqrt(2) / n_in takes the square root of the 2 but not of n_in: use np.sqrt(2 / n_in).")
    if np.allclose(got, np.sqrt(n / 2)):
        raise Hint("That is the formula upside down: sqrt(n_in / 2). More inputs need smaller weights: "
                   "np.sqrt(2 / n_in).")
    raise Hint(f"he_std({sizes[2]}) gives {got[2]:.4g}, but the std that keeps ReLU activations level is "
               f"sqrt(2 / {sizes[2]}) = {np.sqrt(2 / sizes[2]):.4g}. Solve n_in Var(w) / 2 = 1.")


# ---- exercise 4: dead from the start ------------------------------------------------------------------------------

def _dead(net, X):
    return np.flatnonzero((X @ net.weights[0] + net.biases[0] <= 0).all(axis=0))


def _as_indices(result, n_neurons, what):
    if isinstance(result, (bool, np.bool_)) or (isinstance(result, (int, np.integer))):
        raise Hint(f"{what.capitalize()} is the number {int(result)}. Return the neurons' indices instead (np.flatnonzero of "
                   "your True/False row), so that len() of it is the count.")
    if isinstance(result, tuple) and len(result) == 1:
        raise Hint(f"{what.capitalize()} is a tuple holding one array: np.where gives one array per axis. Take its "
                   "[0], or use np.flatnonzero(...), which gives the indices directly.")
    indices = as_numbers(result, what)
    if indices.dtype == bool or (indices.ndim == 1 and len(indices) == n_neurons and set(np.unique(indices)) <= {0, 1}
                                 and n_neurons > 8):
        raise Hint(f"{what.capitalize()} is a True/False per neuron. Return the indices of the dead ones: np.flatnonzero(...).")
    if indices.ndim != 1:
        raise Hint(f"Return a 1-D array of neuron indices, but {what} has shape {indices.shape}.")
    return np.sort(indices.astype(int))


@check("Dead from the start: z <= 0 for every example, so ReLU passes these neurons neither signal nor blame, "
       "and training never moves them.")
def dead_from_the_start(dead_from_the_start):
    X_train = digits_split()[0]
    shapes = ("net.weights[0] is (64, n_hidden), one column per hidden neuron, and X is (examples, 64), one digit "
              "per row: Z = X @ net.weights[0] + net.biases[0], shape (examples, n_hidden).")
    explain = {MATMUL: f"The shapes do not fit for the matrix product. {shapes}",
               BROADCAST: f"The shapes do not fit together. {shapes}",
               RAGGED: ("net.weights and net.biases are lists, one array per layer, so numpy cannot use either as "
                        "one array. The first layer's are net.weights[0] and net.biases[0].")}
    net = MLP([64, 128, 10], seed=0)  # 08's network at its start
    biased = MLP([64, 12, 10], seed=3)
    biased.biases = [np.linspace(-1.5, 0.6, 12), np.zeros(10)]  # some neurons pushed off, some on
    for model, X, name in ((net, X_train, "For 08's starting network and the training digits"),
                           (biased, X_train[:300], "For a 12-neuron network with some biases not 0, on 300 digits,"),
                           (net, X_train[:5], "For 08's starting network and just 5 digits")):
        n = model.layer_sizes[1]
        try:
            answer = call_learner(dead_from_the_start, model, X, explain=explain)
        except Hint as h:
            if model is biased and isinstance(h.error, IndexError):
                raise Hint("Your function works for 08's network but crashes on another with 12 hidden neurons: "
                           "did you write 128 (or 1347) into it? Take the sizes from net and X (Z.shape[1]).") from None
            raise
        got = _as_indices(answer, n, "your function's answer")
        right = _dead(model, X)
        if np.array_equal(got, right):
            continue
        Z = X @ model.weights[0] + model.biases[0]
        if np.array_equal(got, np.flatnonzero((Z <= 0).any(axis=0))):
            raise Hint("You found the neurons that are off for at least one example (.any). A dead neuron is off "
                       "for every example: use .all(axis=0).")
        if np.array_equal(got, np.flatnonzero((X @ model.weights[0] <= 0).all(axis=0))):
            raise Hint("Close, but you left out the bias: z = X @ W + b. (At 08's start the biases are all 0, "
                       "so the test uses a network whose biases are not.)")
        if model is biased and np.array_equal(got, _dead(net, X_train)):
            raise Hint(f"Your function gives 08's answer, {got.tolist()}, for another network too: compute it from "
                       "the net and X it is given, not from numbers written in.")
        if np.array_equal(got, np.flatnonzero((Z <= 0).all(axis=1))) or (len(got) and got.max() >= n):
            raise Hint("Your indices run over the examples, not the neurons: check `.all(axis=0)` (down each "
                       "column, over the examples) rather than axis=1.")
        if np.array_equal(got, np.flatnonzero((Z > 0).all(axis=0))):
            raise Hint("Those are the neurons that fire for every example, the opposite: dead means z <= 0 for all.")
        if len(X) < len(X_train) and np.array_equal(got, _dead(model, X_train)):
            raise Hint(f"Your function counts over all 1,347 training digits, not over the X it is given ({len(X)} "
                       "of them here): use the arguments net and X, not the notebook's X_train.")
        raise Hint(f"{name} the dead neurons are {len(right)} of {n}, but your function found {len(got)}: "
                   f"{got[:8].tolist()}. Compute Z = X @ net.weights[0] + net.biases[0], then the columns where every entry is <= 0.")
